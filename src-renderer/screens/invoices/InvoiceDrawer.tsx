import { Divider, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { MoneyText } from '../../components';
import { useFormat } from '../../lib/format';
import { periodLabel } from '../payments/periods';
import { AllocationTable, Fact, RecordBody, RecordDrawer } from '../payments/RecordDrawer';
import { WhatsAppButton } from '../messages/CustomerMessaging';
import { PayLinkActions } from './PayLinkActions';

export function InvoiceDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('billing');
  const f = useFormat();
  const can = useCan();
  const q = useApiQuery('invoices.get', { id: id ?? 0 }, { enabled: id !== null, entities: ['invoices', 'payments'] });
  const inv = id !== null ? q.data : undefined;
  return (
    <RecordDrawer opened={id !== null} onClose={onClose} number={inv?.invoiceNumber} testId="invoice-drawer">
      {inv && (
        <RecordBody
          status={{ status: inv.status }}
          document={{ kind: 'invoice', invoiceId: inv.id }}
          voided={inv.status === 'void' ? { by: inv.voidedByName, at: inv.voidedAt, reason: inv.voidReason } : null}
          below={
            <>
              <Divider label={t('payments')} labelPosition="left" />
              {inv.allocations.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('invoice.noPayments')}
                </Text>
              ) : (
                <AllocationTable
                  rows={inv.allocations.map((a) => ({
                    live: a.isLive,
                    cells: [
                      a.paymentNumber,
                      f.dateTime(a.paidAt),
                      a.source === 'deposit' ? t('method.deposit') : t(`method.${a.method}`),
                    ],
                    amount: a.amount,
                  }))}
                />
              )}
            </>
          }
          canVoid={can('invoices.void') && inv.status !== 'void'}
          voidAction={{
            label: t('invoice.void'),
            testId: 'invoice-void',
            title: t('invoice.voidTitle', { number: inv.invoiceNumber }),
            help: t('invoice.voidHelp'),
            onVoid: (reason) => api('invoices.void', { id: inv.id, reason }),
          }}
        >
          <SimpleGrid cols={2} spacing="xs">
            <Fact label={t('customer')} value={`${inv.customerName} (${inv.customerCode})`} />
            <Fact label={t('package')} value={inv.packageName ?? '—'} />
            <Fact label={t('invoice.period')} value={periodLabel(inv.period, i18n.language)} />
            <Fact label={t('invoice.invoiceDate')} value={f.date(inv.invoiceDate)} />
            <Fact label={t('invoice.dueDate')} value={f.date(inv.dueDate)} />
            <Fact label={t('invoice.description')} value={inv.description ?? '—'} />
          </SimpleGrid>
          <SimpleGrid cols={3}>
            <Fact label={t('invoice.amount')} value={<MoneyText amount={inv.amount} fw={700} />} />
            <Fact label={t('invoice.paid')} value={<MoneyText amount={inv.paidAmount} fw={700} />} />
            <Fact
              label={t('invoice.outstanding')}
              value={<MoneyText amount={inv.outstanding} fw={700} c={inv.outstanding > 0 ? 'red' : undefined} />}
            />
          </SimpleGrid>
          {inv.outstanding > 0 && inv.status !== 'void' && <PayLinkActions invoiceId={inv.id} />}
          {can('messages.send') && inv.status !== 'void' && (
            <WhatsAppButton
              customerId={inv.customerId}
              invoiceId={inv.id}
              kinds={
                inv.outstanding > 0 ? ['bill_issued', 'reminder_final', 'due_today', 'overdue'] : ['payment_receipt']
              }
            />
          )}
        </RecordBody>
      )}
    </RecordDrawer>
  );
}
