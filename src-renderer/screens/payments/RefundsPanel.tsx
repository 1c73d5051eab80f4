import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Refund } from '../../../src-shared/contract/refunds';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { MoneyText, StatusBadge, useListParams, type Column } from '../../components';
import { useFormat } from '../../lib/format';
import { Fact, RecordBody, RecordDrawer } from './RecordDrawer';
import { CustomerFilter } from './CustomerFilter';
import { customerColumn, DateRangeFilter, numberColumn } from './listParts';
import { MoneyList } from './MoneyList';

type Filters = { from?: string; to?: string; customerId?: number };

/** Deposit refunds (money paid back to customers): the list, and each one's receipt and void. */
export function RefundsPanel() {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const list = useListParams<never, Filters>();
  const { sort: _sort, ...params } = list.params;
  const q = useApiQuery('refunds.list', params, { entities: ['refunds'] });
  const columns: Column<Refund>[] = [
    numberColumn(t('refund.number'), (r) => r.refundNumber),
    { key: 'at', header: t('refund.at'), render: (r) => f.dateTime(r.refundedAt) },
    customerColumn(t('customer')),
    { key: 'method', header: t('payment.method'), render: (r) => t(`method.${r.method}`) },
    { key: 'amount', header: t('refund.amount'), align: 'right', render: (r) => <MoneyText amount={r.amount} /> },
    {
      key: 'reason',
      header: t('refund.reason'),
      render: (r) => (
        <Text size="sm" lineClamp={1}>
          {r.reason}
        </Text>
      ),
    },
    { key: 'by', header: t('refund.by'), render: (r) => r.refundedByName ?? '—' },
    {
      key: 'status',
      header: t('status'),
      width: 130,
      render: (r) => (
        <StatusBadge status={r.status === 'void' ? 'void' : 'active'} label={t(`payment.status.${r.status}`)} />
      ),
    },
  ];
  return (
    <Stack gap="md" data-testid="refunds-panel">
      <Text size="sm" c="dimmed">
        {q.data ? t('refund.summary', { count: q.data.total, amount: f.rupiah(q.data.totalAmount) }) : ' '}
      </Text>
      <MoneyList
        list={list}
        searchPlaceholder={t('refund.searchPlaceholder')}
        filters={
          <>
            <CustomerFilter value={list.filters.customerId} onChange={(id) => list.setFilter('customerId', id)} />
            <DateRangeFilter from={list.filters.from} to={list.filters.to} onChange={list.setFilter} />
          </>
        }
        label={t('refund.list')}
        columns={columns}
        page={q.data}
        loading={q.loading}
        empty={{ title: t('refund.empty') }}
        drawer={(id, onClose) => <RefundDrawer id={id} onClose={onClose} />}
      />
    </Stack>
  );
}

function RefundDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const can = useCan();
  const q = useApiQuery('refunds.get', { id: id ?? 0 }, { enabled: id !== null, entities: ['refunds'] });
  const r = id !== null ? q.data : undefined;
  return (
    <RecordDrawer opened={id !== null} onClose={onClose} number={r?.refundNumber} testId="refund-drawer">
      {r && (
        <RecordBody
          status={{ status: r.status === 'void' ? 'void' : 'active', label: t(`payment.status.${r.status}`) }}
          document={{ kind: 'refundReceipt', refundId: r.id }}
          prints={r.receiptPrints}
          voided={r.status === 'void' ? { by: r.voidedByName, at: r.voidedAt, reason: r.voidReason } : null}
          canVoid={can('payments.void') && r.status === 'live'}
          voidAction={{
            label: t('refund.void'),
            testId: 'refund-void',
            title: t('refund.voidTitle', { number: r.refundNumber }),
            help: t('refund.voidHelp'),
            onVoid: (reason) => api('refunds.void', { id: r.id, reason }),
          }}
        >
          <SimpleGrid cols={2} spacing="xs">
            <Fact label={t('customer')} value={`${r.customerName} (${r.customerCode})`} />
            <Fact label={t('refund.at')} value={f.dateTime(r.refundedAt)} />
            <Fact label={t('payment.method')} value={t(`method.${r.method}`)} />
            <Fact label={t('payment.reference')} value={r.referenceNumber ?? '—'} />
            <Fact label={t('refund.by')} value={r.refundedByName ?? '—'} />
            <Fact label={t('payment.receiptPrints')} value={String(r.receiptPrints)} />
            <Fact label={t('refund.amount')} value={<MoneyText amount={r.amount} fw={700} />} />
            <Fact label={t('refund.depositNow')} value={<MoneyText amount={r.customerDeposit} fw={700} />} />
          </SimpleGrid>
          <Fact label={t('refund.reason')} value={r.reason} />
        </RecordBody>
      )}
    </RecordDrawer>
  );
}
