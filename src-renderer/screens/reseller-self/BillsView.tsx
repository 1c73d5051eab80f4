import { Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResellerBill } from '../../../src-shared/contract/reseller-self';
import { formatRupiah } from '../../../src-shared/money';
import { useApiQuery } from '../../api/useApi';
import { useMoneyRequest } from '../../api/useMoneyRequest';
import { MoneyText, notifyApiError, UnknownOutcome } from '../../components';
import { useFormat } from '../../lib/format';

/** Open bills of the reseller's customers, oldest due first; each paid in full from the balance. */
export function BillsView({ balance, customerId }: { balance: number; customerId?: number }) {
  const { t } = useTranslation('resellerSelf');
  const f = useFormat();
  const q = useApiQuery('reseller.bills', customerId ? { customerId } : {}, {
    entities: ['payments', 'resellers', 'all'],
  });
  const [paying, setPaying] = useState<ResellerBill | null>(null);
  // One client request id per press of "Bayar": a resend after a lost answer (a phone on a weak Wi-Fi)
  // never pays the bill twice from the balance.
  const payment = useMoneyRequest('reseller.pay', {
    refused(error) {
      setPaying(null);
      notifyApiError(error);
    },
    done(r) {
      setPaying(null);
      notifications.show({
        color: 'teal',
        message: [
          t('paid', { invoice: r.invoiceNumber, balance: formatRupiah(r.balance) }),
          r.restoredAccounts > 0 ? t('restored', { count: r.restoredAccounts }) : '',
          r.replayed ? t('common:unknownOutcome.replayed') : '',
        ].join(' '),
      });
      q.refetch();
    },
  });
  const pay = () => (paying ? payment.send({ invoiceId: paying.id }) : Promise.resolve());
  const closeConfirm = () => {
    payment.dismiss();
    setPaying(null);
  };
  if (q.data && q.data.length === 0) return <Text c="dimmed">{t('noBills')}</Text>;
  return (
    <Stack gap="xs">
      {q.data?.map((b) => (
        <Card key={b.id} withBorder padding="sm" data-testid="self-bill">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Text fw={600} truncate>
                {b.customerName}
              </Text>
              <Text size="xs" c="dimmed">
                {b.customerCode} · {b.invoiceNumber} · {t('due', { date: f.date(b.dueDate) })}
              </Text>
              {b.packageName && (
                <Text size="xs" c="dimmed">
                  {b.packageName}
                </Text>
              )}
            </div>
            <Stack gap={2} align="flex-end">
              <MoneyText amount={b.due} fw={700} />
              {b.share > 0 && (
                <Text size="xs" c="teal">
                  {t(`share.${b.shareKind ?? 'discount'}`, { amount: formatRupiah(b.share) })}
                </Text>
              )}
            </Stack>
          </Group>
          <Button
            mt="xs"
            fullWidth
            disabled={b.debit > balance}
            onClick={() => setPaying(b)}
            aria-label={t('payAria', { invoice: b.invoiceNumber })}
          >
            {b.debit > balance ? t('notEnough') : t('pay', { amount: formatRupiah(b.debit) })}
          </Button>
        </Card>
      ))}
      <Modal opened={paying !== null} onClose={closeConfirm} title={<Text fw={600}>{t('confirmTitle')}</Text>} centered>
        {paying && (
          <Stack gap="sm">
            <Text size="sm">
              {t('confirmText', {
                invoice: paying.invoiceNumber,
                name: paying.customerName,
                amount: formatRupiah(paying.debit),
                after: formatRupiah(balance - paying.debit + (paying.shareKind === 'commission' ? paying.share : 0)),
              })}
            </Text>
            {payment.unknown ? (
              <UnknownOutcome onResend={() => void payment.resend()} resending={payment.sending} />
            ) : (
              <Group justify="flex-end">
                <Button variant="default" onClick={closeConfirm}>
                  {t('common:cancel')}
                </Button>
                <Button loading={payment.sending} onClick={() => void pay()} data-testid="self-pay-confirm">
                  {t('confirm')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
