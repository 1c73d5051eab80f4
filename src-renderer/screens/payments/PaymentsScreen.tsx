import { Divider, SegmentedControl, Select, SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS, type Payment, type PaymentMethod } from '../../../src-shared/contract/payments';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { MoneyText, PageHeader, StatusBadge, useListParams, type Column } from '../../components';
import { useFormat } from '../../lib/format';
import { AllocationTable, Fact, RecordBody, RecordDrawer } from './RecordDrawer';
import { CustomerFilter } from './CustomerFilter';
import { PrinterSelect } from './DocumentButtons';
import { customerColumn, DateRangeFilter, numberColumn } from './listParts';
import { MoneyList } from './MoneyList';
import { RefundsPanel } from './RefundsPanel';

type Filters = { method?: PaymentMethod; status?: 'live' | 'void'; from?: string; to?: string; customerId?: number };

export default function PaymentsScreen() {
  const { t } = useTranslation('billing');
  const [view, setView] = useState<'payments' | 'refunds'>('payments');
  const switcher = (
    <SegmentedControl
      value={view}
      onChange={(v) => setView(v as typeof view)}
      data={[
        { value: 'payments', label: t('payments') },
        { value: 'refunds', label: t('refund.list') },
      ]}
      data-testid="payments-view"
    />
  );
  return view === 'payments' ? (
    <PaymentsList switcher={switcher} />
  ) : (
    <Stack gap="md">
      <PageHeader
        title={t('refund.list')}
        actions={
          <>
            {switcher}
            <PrinterSelect kind="receipt" />
          </>
        }
      />
      <RefundsPanel />
    </Stack>
  );
}

function PaymentsList({ switcher }: { switcher: React.ReactNode }) {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const list = useListParams<never, Filters>();
  const { sort: _sort, ...params } = list.params;
  const q = useApiQuery('payments.list', params, { entities: ['payments'] });

  const columns: Column<Payment>[] = [
    numberColumn(t('payment.number'), (r) => r.paymentNumber),
    { key: 'at', header: t('payment.paidAt'), render: (r) => f.dateTime(r.paidAt) },
    customerColumn(t('customer')),
    { key: 'method', header: t('payment.method'), render: (r) => t(`method.${r.method}`) },
    {
      key: 'amount',
      header: t('payment.amount'),
      align: 'right',
      render: (r) => <MoneyText amount={r.amount + r.fromDeposit} />,
    },
    { key: 'by', header: t('payment.receivedBy'), render: (r) => r.receivedByName ?? '—' },
    {
      key: 'status',
      header: t('status'),
      width: 130,
      render: (r) => (
        <StatusBadge
          style={{ maxWidth: 'none' }}
          status={r.status === 'void' ? 'void' : 'paid'}
          label={t(`payment.status.${r.status}`)}
        />
      ),
    },
  ];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('payments')}
        subtitle={
          q.data ? t('payment.summary', { count: q.data.total, amount: f.rupiah(q.data.totalAmount) }) : undefined
        }
        actions={
          <>
            {switcher}
            <PrinterSelect kind="receipt" />
          </>
        }
      />
      <MoneyList
        list={list}
        searchPlaceholder={t('payment.searchPlaceholder')}
        filters={
          <>
            <CustomerFilter value={list.filters.customerId} onChange={(id) => list.setFilter('customerId', id)} />
            <Select
              placeholder={t('payment.allMethods')}
              clearable
              w={170}
              data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
              value={list.filters.method ?? null}
              onChange={(v) => list.setFilter('method', (v ?? undefined) as PaymentMethod | undefined)}
              aria-label={t('payment.method')}
            />
            <Select
              placeholder={t('payment.allStatuses')}
              clearable
              w={150}
              data={[
                { value: 'live', label: t('payment.status.live') },
                { value: 'void', label: t('payment.status.void') },
              ]}
              value={list.filters.status ?? null}
              onChange={(v) => list.setFilter('status', (v ?? undefined) as 'live' | 'void' | undefined)}
              aria-label={t('status')}
            />
            <DateRangeFilter from={list.filters.from} to={list.filters.to} onChange={list.setFilter} />
          </>
        }
        label={t('payments')}
        columns={columns}
        page={q.data}
        loading={q.loading}
        empty={{ title: t('payment.empty') }}
        drawer={(id, onClose) => <PaymentDrawer id={id} onClose={onClose} />}
      />
    </Stack>
  );
}

export function PaymentDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const can = useCan();
  const q = useApiQuery('payments.get', { id: id ?? 0 }, { enabled: id !== null, entities: ['payments'] });
  const p = id !== null ? q.data : undefined;
  return (
    <RecordDrawer opened={id !== null} onClose={onClose} number={p?.paymentNumber} testId="payment-drawer">
      {p && (
        <RecordBody
          status={{ status: p.status === 'void' ? 'void' : 'paid', label: t(`payment.status.${p.status}`) }}
          document={{ kind: 'receipt', paymentId: p.id }}
          prints={p.receiptPrints}
          voided={p.status === 'void' ? { by: p.voidedByName, at: p.voidedAt, reason: p.voidReason } : null}
          below={
            <>
              <Divider label={t('payment.allocations')} labelPosition="left" />
              <AllocationTable
                rows={p.allocations.map((a) => ({
                  live: a.isLive,
                  cells: [a.invoiceNumber, a.period, a.source === 'deposit' ? t('method.deposit') : ''],
                  amount: a.amount,
                }))}
              />
            </>
          }
          canVoid={can('payments.void') && p.status === 'live'}
          voidAction={{
            label: t('payment.void'),
            testId: 'payment-void',
            title: t('payment.voidTitle', { number: p.paymentNumber }),
            help: t('payment.voidHelp'),
            onVoid: (reason) => api('payments.void', { id: p.id, reason }),
          }}
        >
          <SimpleGrid cols={2} spacing="xs">
            <Fact label={t('customer')} value={`${p.customerName} (${p.customerCode})`} />
            <Fact label={t('payment.paidAt')} value={f.dateTime(p.paidAt)} />
            <Fact label={t('payment.method')} value={t(`method.${p.method}`)} />
            <Fact label={t('payment.reference')} value={p.referenceNumber ?? '—'} />
            <Fact label={t('payment.receivedBy')} value={p.receivedByName ?? '—'} />
            <Fact label={t('payment.receiptPrints')} value={String(p.receiptPrints)} />
          </SimpleGrid>
          <SimpleGrid cols={3}>
            <Fact label={t('payment.amount')} value={<MoneyText amount={p.amount} fw={700} />} />
            <Fact label={t('payment.fromDeposit')} value={<MoneyText amount={p.fromDeposit} fw={700} />} />
            <Fact label={t('payment.toDeposit')} value={<MoneyText amount={p.toDeposit} fw={700} />} />
          </SimpleGrid>
          {p.tendered !== null && (
            <SimpleGrid cols={3}>
              <Fact label={t('desk.tendered')} value={<MoneyText amount={p.tendered} />} />
              <Fact label={t('desk.change')} value={<MoneyText amount={p.change} />} />
            </SimpleGrid>
          )}
        </RecordBody>
      )}
    </RecordDrawer>
  );
}
