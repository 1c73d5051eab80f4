import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUBSCRIPTION_STATUSES, type Subscription } from '../../../src-shared/contract/subscriptions';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import {
  DataTable,
  EmptyState,
  MoneyText,
  PageHeader,
  SearchInput,
  StatusBadge,
  useListParams,
  type Column,
} from '../../components';
import { useFormat } from '../../lib/format';
import { SubscriptionForm } from './SubscriptionForm';

type Status = Subscription['status'];

export default function SubscriptionsScreen() {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const can = useCan();
  const list = useListParams<never, { status?: Status }>();
  const { sort: _sort, ...params } = list.params;
  const q = useApiQuery('subscriptions.list', params, { entities: ['subscriptions', 'invoices'] });
  const [editing, setEditing] = useState<Subscription | null>(null);
  const [creating, setCreating] = useState(false);

  const columns: Column<Subscription>[] = [
    {
      key: 'customer',
      header: t('customer'),
      render: (r) => (
        <Text size="sm" fw={500}>
          {r.customerName}{' '}
          <Text span size="xs" c="dimmed">
            {r.customerCode}
          </Text>
        </Text>
      ),
    },
    { key: 'package', header: t('package'), render: (r) => `${r.packageName} · ${t(`cycle.${r.billingCycle}`)}` },
    {
      key: 'fee',
      header: t('sub.fee'),
      align: 'right',
      render: (r) => (
        <Text size="sm" title={r.feeNote ?? undefined}>
          <MoneyText amount={r.monthlyFee} />
          {r.monthlyFee !== r.packagePrice && (
            <Text span c="orange">
              {' '}
              *
            </Text>
          )}
        </Text>
      ),
    },
    { key: 'day', header: t('sub.billingDay'), align: 'right', render: (r) => r.billingDay },
    {
      key: 'start',
      header: t('sub.startDate'),
      render: (r) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {f.date(r.startDate)}
        </Text>
      ),
    },
    { key: 'last', header: t('sub.lastInvoiced'), render: (r) => r.lastInvoicedPeriod ?? '—' },
    { key: 'renew', header: t('sub.autoRenew'), render: (r) => (r.autoRenew ? t('common:yes') : t('common:no')) },
    {
      key: 'status',
      header: t('status'),
      width: 130,
      render: (r) => <StatusBadge status={r.status} style={{ maxWidth: 'none' }} />,
    },
  ];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('subscriptions')}
        actions={
          can('subscriptions.write') && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="subscription-new"
            >
              {t('sub.new')}
            </Button>
          )
        }
      />
      <Group gap="sm">
        <SearchInput value={list.search} onSearch={list.setSearch} placeholder={t('sub.searchPlaceholder')} w={320} />
        <Select
          placeholder={t('sub.allStatuses')}
          clearable
          w={180}
          data={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: t(`common:status.${s}`, { defaultValue: s }) }))}
          value={list.filters.status ?? null}
          onChange={(v) => list.setFilter('status', (v ?? undefined) as Status | undefined)}
          aria-label={t('status')}
        />
      </Group>
      <DataTable
        label={t('subscriptions')}
        columns={columns}
        rows={q.data?.items}
        total={q.data?.total ?? 0}
        rowKey={(r) => r.id}
        loading={q.loading}
        onOpen={can('subscriptions.write') ? (r) => setEditing(r) : undefined}
        empty={<EmptyState title={t('sub.empty')} description={t('sub.emptyHelp')} />}
        {...list.tableProps}
        sort={undefined}
        onSortChange={undefined}
      />
      <SubscriptionForm
        opened={creating || editing !== null}
        editing={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </Stack>
  );
}
