import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A money request got no answer (the office link dropped, a timeout): it may have been recorded or not.
 * Says so plainly and offers "Kirim ulang", which sends the same request with the same id (the office
 * answers with the first result if it had recorded it): never a silent second payment.
 */
export function UnknownOutcome({
  onResend,
  resending,
  title,
}: {
  onResend: () => void;
  resending: boolean;
  /** What is unknown, e.g. "Status pembayaran belum diketahui"; a general wording by default. */
  title?: ReactNode;
}) {
  const { t } = useTranslation('common');
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={18} />}
      title={title ?? t('unknownOutcome.title')}
      role="alert"
      data-testid="unknown-outcome"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('unknownOutcome.body')}</Text>
        <Button size="sm" color="orange" onClick={onResend} loading={resending} data-testid="resend">
          {t('unknownOutcome.resend')}
        </Button>
      </Stack>
    </Alert>
  );
}

/** Shown with an answer that was the first result of an earlier send (`replayed`). */
export function ReplayedNote() {
  const { t } = useTranslation('common');
  return (
    <Text size="sm" c="teal" data-testid="replayed">
      {t('unknownOutcome.replayed')}
    </Text>
  );
}
