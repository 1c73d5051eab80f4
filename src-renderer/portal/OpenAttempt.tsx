import { Alert, Button, Card, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PayInstructions, type PayableAttempt } from './PayInstructions';
import type { FollowedAttempt } from './useFollowedAttempt';

/**
 * A gateway attempt whose money has not been recorded: while waiting, how to pay it, when it expires,
 * "check now", the reference and "another"; once it ended unpaid, why, and "another". Shared by the
 * customer portal's pay page and the reseller's top-up; each shows its own "received" card.
 * `testId` prefixes the test ids (`pay` → `pay-state`, `pay-waiting`, `pay-check`, `pay-qr`, …).
 */
export function OpenAttempt<T extends PayableAttempt & { state: string; reference: string }>({
  follow,
  testId,
  expires,
  waitingText,
  endedTitle,
  anotherText,
  onAnother,
  vaHow,
  newTab,
}: {
  follow: FollowedAttempt<T>;
  testId: string;
  /** When the attempt expires, formatted as the screen formats times. */
  expires: string;
  waitingText: string;
  endedTitle: string;
  anotherText: string;
  onAnother: () => void;
  vaHow?: boolean;
  newTab?: boolean;
}) {
  const { t } = useTranslation('portal');
  const { tx, note } = follow;
  if (!follow.waiting) {
    return (
      <Alert color="gray" title={endedTitle} data-testid={`${testId}-state`} data-state={tx.state}>
        <Button mt="xs" variant="light" onClick={onAnother}>
          {anotherText}
        </Button>
      </Alert>
    );
  }
  return (
    <Card withBorder data-testid={`${testId}-state`} data-state={tx.state}>
      <Stack gap="xs" align="center">
        <PayInstructions tx={tx} testId={testId} vaHow={vaHow} newTab={newTab} />
        <Text size="sm">{t('payOnline.expires', { at: expires })}</Text>
        <Text size="sm" c="dimmed" data-testid={`${testId}-waiting`}>
          {waitingText}
        </Text>
        <Button
          variant="light"
          leftSection={<IconRefresh size={16} />}
          loading={follow.checking}
          onClick={() => void follow.check()}
          data-testid={`${testId}-check`}
        >
          {t('payOnline.check')}
        </Button>
        {note && (
          <Text size="sm" c="dimmed">
            {note}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('payOnline.reference', { ref: tx.reference })}
        </Text>
        <Button variant="subtle" size="compact-sm" onClick={onAnother}>
          {anotherText}
        </Button>
      </Stack>
    </Card>
  );
}
