import { Alert, Button, Card, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResellerTopUp } from '../../../src-shared/contract/reseller-self';
import { formatRupiah } from '../../../src-shared/money';
import { api } from '../../api/client';
import { translateApiMessage } from '../../components';
import { useFormat } from '../../lib/format';
import { PayInstructions } from '../../portal/PayInstructions';

/** How often an open top-up asks whether the money arrived (the server's poller asks the gateway). */
const POLL_MS = 3_000;
export const WAITING: ResellerTopUp['state'][] = ['pending', 'paid'];

/**
 * One top-up: how to pay it (QR, VA number or the gateway's page), its state followed until the money is
 * in the balance (`onSettled` then refreshes the balance), or why it ended.
 */
export function TopUpAttempt({
  initial,
  onSettled,
  onAnother,
}: {
  initial: ResellerTopUp;
  onSettled: () => void;
  onAnother: () => void;
}) {
  const { t } = useTranslation('resellerSelf');
  const f = useFormat();
  const [tx, setTx] = useState(initial);
  const [checking, setChecking] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const waiting = WAITING.includes(tx.state);

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      void api('reseller.topup', { id: tx.id }).then((r) => r.ok && setTx(r.value));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, tx.id]);

  useEffect(() => {
    if (!waiting) onSettled();
    // Once, when the top-up leaves the waiting states.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onSettled is a fresh closure each render
  }, [waiting]);

  const check = async () => {
    setChecking(true);
    const r = await api('reseller.topupCheck', { id: tx.id });
    setChecking(false);
    if (r.ok) {
      setTx(r.value);
      setNote(WAITING.includes(r.value.state) ? t('topup.notYet') : null);
    } else setNote(translateApiMessage(r.error.message));
  };

  if (tx.state === 'credited' || tx.state === 'review') {
    return (
      <Alert color="teal" title={t(`topup.state.${tx.state}`)} data-testid="topup-state" data-state={tx.state}>
        <Text size="sm">
          {tx.state === 'credited'
            ? t('topup.creditedText', { amount: formatRupiah(tx.paidAmount ?? tx.amount) })
            : t('topup.reviewText')}
        </Text>
        <Button mt="xs" variant="light" onClick={onAnother}>
          {t('topup.another')}
        </Button>
      </Alert>
    );
  }
  if (!waiting) {
    return (
      <Alert color="gray" title={t(`topup.state.${tx.state}`)} data-testid="topup-state" data-state={tx.state}>
        <Button mt="xs" variant="light" onClick={onAnother}>
          {t('topup.another')}
        </Button>
      </Alert>
    );
  }
  return (
    <Card withBorder data-testid="topup-state" data-state={tx.state}>
      <Stack gap="xs" align="center">
        <PayInstructions tx={tx} testId="topup" newTab />
        <Text size="sm">{t('portal:payOnline.expires', { at: f.dateTime(tx.expiresAt) })}</Text>
        <Text size="sm" c="dimmed">
          {t(`topup.state.${tx.state}`)}
        </Text>
        <Button
          variant="light"
          leftSection={<IconRefresh size={16} />}
          loading={checking}
          onClick={() => void check()}
          data-testid="topup-check"
        >
          {t('portal:payOnline.check')}
        </Button>
        {note && (
          <Text size="sm" c="dimmed">
            {note}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('portal:payOnline.reference', { ref: tx.reference })}
        </Text>
        <Button variant="subtle" size="compact-sm" onClick={onAnother}>
          {t('topup.another')}
        </Button>
      </Stack>
    </Card>
  );
}
