import { Alert, Code, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a provider answered to one test send (a channel's "Kirim uji" or a push to one device). */
export interface ProviderAnswer {
  ok: boolean;
  providerMessageId: string | null;
  providerStatus: string | null;
  /** Our classification of a refusal (`auth`, `network`…), translated here. */
  reason: string | null;
  /** The provider's own words (technical, secrets scrubbed). */
  detail: string | null;
}

/**
 * The answer of a test send as it came: accepted with the provider's status and message id, or refused
 * with our reason in plain words and the provider's status and words. `children` add what a channel
 * knows more (push: the device was removed).
 */
export function TestAnswer({
  answer,
  testId,
  children,
}: {
  answer: ProviderAnswer;
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation('messages');
  const said = answer.ok ? [answer.providerStatus, answer.providerMessageId] : [answer.providerStatus, answer.detail];
  return (
    <Alert color={answer.ok ? 'teal' : 'red'} data-testid={testId} title={t(answer.ok ? 'test.ok' : 'test.failed')}>
      {!answer.ok && answer.reason && (
        <Text size="sm">{t(`reasons.${answer.reason}`, { defaultValue: answer.reason })}</Text>
      )}
      {children}
      <Text size="sm">
        {t('test.providerAnswer')} <Code>{said.filter(Boolean).join(' · ')}</Code>
      </Text>
    </Alert>
  );
}
