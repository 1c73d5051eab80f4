import { ActionIcon, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChartLine, IconPlugConnectedX, IconRefresh, IconWifi } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActiveSession } from '../../../src-shared/contract/sessions';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import {
  ConfirmDialog,
  DataTable,
  EmptyState,
  PageHeader,
  SearchInput,
  notifyApiError,
  translateApiMessage,
  type Column,
} from '../../components';
import { useFormat } from '../../lib/format';
import { TrafficChart } from './TrafficChart';

/** Who is online now on one router: kick a session, watch one account's live traffic. */
export default function SessionsScreen() {
  const { t } = useTranslation('network');
  const can = useCan();
  const f = useFormat();
  const routers = useApiQuery('sessions.routers', {}, { entities: ['routers'] });
  // Until the user picks one, the first router is shown.
  const [picked, setRouterId] = useState<number | null>(null);
  const routerId = picked ?? routers.data?.items[0]?.id ?? null;
  const [search, setSearch] = useState('');
  const [toKick, setToKick] = useState<ActiveSession | null>(null);
  const [chart, setChart] = useState<{ id: number; username: string } | null>(null);
  const q = useApiQuery(
    'sessions.list',
    { routerId: routerId ?? 0 },
    { enabled: routerId !== null, entities: ['sessions'] },
  );
  const { refetch } = q;
  // Presence changes by itself: refresh every 15 s while the screen is open.
  useEffect(() => {
    if (routerId === null) return;
    const h = setInterval(refetch, 15_000);
    return () => clearInterval(h);
  }, [routerId, refetch]);

  const rows = useMemo(() => {
    const s = search.trim().toLowerCase();
    const all = q.data?.items ?? [];
    return s
      ? all.filter((x) =>
          `${x.name} ${x.address ?? ''} ${x.callerId ?? ''} ${x.customerName ?? ''} ${x.customerCode ?? ''}`
            .toLowerCase()
            .includes(s),
        )
      : all;
  }, [q.data, search]);

  const kick = async () => {
    if (!toKick) return;
    const r = await api('sessions.kick', { routerId: toKick.routerId, name: toKick.name });
    setToKick(null);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({
      color: 'teal',
      message: t(r.value.kicked ? 'sessions.kicked' : 'sessions.notOnline', { name: toKick.name }),
    });
    q.refetch();
  };

  const columns: Column<ActiveSession>[] = [
    {
      key: 'name',
      header: t('sessions.username'),
      render: (s) => (
        <Text size="sm" ff="monospace">
          {s.name}
        </Text>
      ),
    },
    {
      key: 'customer',
      header: t('sessions.customer'),
      render: (s) => (
        <Text size="sm">
          {s.customerName ? (
            `${s.customerName} (${s.customerCode})`
          ) : (
            <Text span c="dimmed" size="sm">
              {t('sessions.unknownAccount')}
            </Text>
          )}
        </Text>
      ),
    },
    { key: 'address', header: t('sessions.address'), render: (s) => <Text size="sm">{s.address ?? '—'}</Text> },
    { key: 'uptime', header: t('sessions.uptime'), render: (s) => <Text size="sm">{s.uptime ?? '—'}</Text> },
    {
      key: 'caller',
      header: t('sessions.callerId'),
      render: (s) => (
        <Text size="sm" ff="monospace">
          {s.callerId ?? '—'}
        </Text>
      ),
    },
    {
      key: 'actions',
      header: '',
      width: 90,
      render: (s) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          {s.accountId !== null && (
            <Tooltip label={t('traffic.open')}>
              <ActionIcon
                variant="subtle"
                aria-label={t('traffic.openNamed', { name: s.name })}
                onClick={(e) => {
                  e.stopPropagation();
                  setChart({ id: s.accountId!, username: s.name });
                }}
              >
                <IconChartLine size={16} />
              </ActionIcon>
            </Tooltip>
          )}
          {can('sessions.kick') && (
            <Tooltip label={t('sessions.kick')}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('sessions.kickNamed', { name: s.name })}
                onClick={(e) => {
                  e.stopPropagation();
                  setToKick(s);
                }}
              >
                <IconPlugConnectedX size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      ),
    },
  ];

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('sessions.title')}
        subtitle={
          q.data ? t('sessions.count', { count: q.data.items.length, at: f.dateTime(q.data.fetchedAt) }) : '\u00a0'
        }
        actions={
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('sessions.refresh')}
            onClick={() => q.refetch()}
            loading={q.loading}
          >
            <IconRefresh size={18} />
          </ActionIcon>
        }
      />
      <Group mb="md">
        <Select
          aria-label={t('sessions.router')}
          w={240}
          value={routerId === null ? null : String(routerId)}
          onChange={(v) => setRouterId(v ? Number(v) : null)}
          data={(routers.data?.items ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
          allowDeselect={false}
        />
        <SearchInput
          value={search}
          onSearch={setSearch}
          placeholder={t('sessions.search')}
          aria-label={t('common:search')}
          w={{ base: '100%', sm: 300 }}
        />
      </Group>
      {q.error && (
        <Text c="red" size="sm" mb="sm">
          {translateApiMessage(q.error.message)}
        </Text>
      )}
      <DataTable
        label={t('sessions.title')}
        columns={columns}
        rows={rows}
        rowKey={(s) => s.sessionId || s.name}
        total={rows.length}
        page={1}
        pageSize={Math.max(25, rows.length)}
        onPageChange={() => undefined}
        loading={q.loading}
        empty={
          <EmptyState
            icon={<IconWifi size={30} stroke={1.5} />}
            title={routerId === null ? t('sessions.noRouter') : t('sessions.empty')}
          />
        }
      />
      <ConfirmDialog
        opened={!!toKick}
        title={t('sessions.kickTitle')}
        message={toKick ? t('sessions.kickText', { name: toKick.name }) : ''}
        confirmLabel={t('sessions.kick')}
        onCancel={() => setToKick(null)}
        onConfirm={kick}
      />
      <TrafficChart account={chart} onClose={() => setChart(null)} />
    </Stack>
  );
}
