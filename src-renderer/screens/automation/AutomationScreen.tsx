import { Alert, Button, Group, Select, Stack, Tabs, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { AUTOMATION_ACTIONS } from '../../../src-shared/contract/automation';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import {
  DataTable,
  EmptyState,
  notifyApiError,
  PageHeader,
  translateApiMessage,
  StatusBadge,
  useListParams,
  type Column,
} from '../../components';
import { useFormat } from '../../lib/format';
import { AlertsPanel } from './AlertsPanel';

type Entry = OutputOf<'automation.log'>['items'][number];
type RunResult = OutputOf<'billing.runAutomation'>;

/** What the billing automation did (isolir, restore, expire, renew, catch-up runs) and a "run now". */
export default function AutomationScreen() {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const can = useCan();
  const list = useListParams<never, { action?: string }>({ pageSize: 50 });
  const { sort: _sort, ...params } = list.params;
  const q = useApiQuery('automation.log', params, { entities: ['automation', 'payments', 'invoices'] });
  const [running, setRunning] = useState(false);
  const [last, setLast] = useState<RunResult | null>(null);

  const run = async () => {
    setRunning(true);
    const r = await api('billing.runAutomation', {});
    setRunning(false);
    if (!r.ok) return notifyApiError(r.error);
    setLast(r.value);
    q.refetch();
  };

  const columns: Column<Entry>[] = [
    { key: 'at', header: t('auto.at'), render: (r) => f.dateTime(r.at) },
    {
      key: 'action',
      header: t('auto.action'),
      render: (r) => t(`auto.actions.${r.action}`, { defaultValue: r.action }),
    },
    { key: 'customer', header: t('customer'), render: (r) => r.customerName ?? '—' },
    { key: 'account', header: 'PPPoE', render: (r) => r.pppoeUsername ?? '—' },
    { key: 'invoice', header: t('invoice.number'), render: (r) => r.invoiceNumber ?? '—' },
    {
      key: 'detail',
      header: t('auto.detail'),
      render: (r) => (
        <Text size="sm" lineClamp={2}>
          {r.detail ? translateApiMessage(r.detail) : ''}
        </Text>
      ),
    },
    {
      key: 'result',
      header: t('auto.result'),
      render: (r) => (
        <StatusBadge
          status={r.result === 'ok' ? 'active' : r.result === 'pending' ? 'pending' : 'failed'}
          label={t(`auto.results.${r.result}`, { defaultValue: r.result })}
        />
      ),
    },
  ];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('automation')}
        subtitle={t('auto.help')}
        actions={
          can('billing.run') && (
            <Button
              leftSection={<IconPlayerPlay size={16} />}
              loading={running}
              onClick={() => void run()}
              data-testid="automation-run"
            >
              {t('auto.runNow')}
            </Button>
          )
        }
      />
      {last && (
        <Alert
          color={last.errors.length ? 'orange' : 'teal'}
          withCloseButton
          onClose={() => setLast(null)}
          data-testid="automation-result"
        >
          {t('auto.ran', {
            isolated: last.isolated,
            restored: last.restored,
            expired: last.expired,
            renewed: last.renewed,
            subs: last.subscriptionsExpired,
          })}
          {last.errors.map((e, i) => (
            <Text key={i} size="sm" c="red">
              {translateApiMessage(e)}
            </Text>
          ))}
        </Alert>
      )}
      <Tabs defaultValue="log" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="log">{t('auto.logTab')}</Tabs.Tab>
          {can('dashboard.read') && (
            <Tabs.Tab value="alerts" data-testid="alerts-tab">
              {t('alerts.tab')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="alerts">
          <AlertsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="log">
          <Stack gap="md">
            <Group>
              <Select
                placeholder={t('auto.allActions')}
                clearable
                w={220}
                data={AUTOMATION_ACTIONS.map((a) => ({ value: a, label: t(`auto.actions.${a}`, { defaultValue: a }) }))}
                value={list.filters.action ?? null}
                onChange={(v) => list.setFilter('action', v ?? undefined)}
                aria-label={t('auto.action')}
              />
            </Group>
            <DataTable
              label={t('automation')}
              columns={columns}
              rows={q.data?.items}
              total={q.data?.total ?? 0}
              rowKey={(r) => r.id}
              loading={q.loading}
              empty={<EmptyState title={t('auto.empty')} description={t('auto.emptyHelp')} />}
              {...list.tableProps}
              sort={undefined}
              onSortChange={undefined}
            />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
