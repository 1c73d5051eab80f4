import { Box, Button, Code, CopyButton, Group, Menu, Modal, Select, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconChartLine,
  IconEdit,
  IconEye,
  IconKey,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlus,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useRoute } from 'wouter';
import { type PPPOE_SORT_FIELDS, PPPOE_STATUSES, type PppoeAccount } from '../../../src-shared/contract/pppoe';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import {
  ConfirmDialog,
  EmptyState,
  ListScreen,
  StatusBadge,
  notifyApiError,
  translateApiMessage,
  useListParams,
  type Column,
  useRouteId,
  RowMenu,
  contentTestId,
} from '../../components';
import { useFormat } from '../../lib/format';
import { TrafficChart } from '../sessions/TrafficChart';
import { AccountForm } from './AccountForm';
import { useEnableAccount } from './useEnableAccount';

type SortField = (typeof PPPOE_SORT_FIELDS)[number];
type Status = (typeof PPPOE_STATUSES)[number];
type Filters = { status?: Status; routerId?: number; online?: boolean };

/** Online dot: green online, grey offline, hollow when the router has not been polled. */
function OnlineDot({ online }: { online: boolean | null }) {
  const { t } = useTranslation('network');
  const label = online === null ? t('pppoe.onlineUnknown') : online ? t('pppoe.online') : t('pppoe.offline');
  return (
    <Tooltip label={label}>
      <Box
        component="span"
        aria-label={label}
        role="img"
        data-online={online === null ? 'unknown' : String(online)}
        style={{
          display: 'inline-block',
          width: 10,
          height: 10,
          borderRadius: 10,
          background: online
            ? 'var(--mantine-color-teal-6)'
            : online === false
              ? 'var(--mantine-color-gray-5)'
              : 'transparent',
          border: online === null ? '1px solid var(--mantine-color-gray-5)' : undefined,
        }}
      />
    </Tooltip>
  );
}

/** PPPoE accounts. Routes: `/` list, `/new`, `/:id` edit. */
export default function PppoeScreen() {
  const { t } = useTranslation('network');
  const can = useCan();
  const f = useFormat();
  const [, navigate] = useLocation();
  const [isNew] = useRoute('/new');
  const openId = useRouteId('/:id');
  const canWrite = can('pppoe.write');
  const list = useListParams<SortField, Filters>({ sort: { field: 'username', dir: 'asc' } });
  const q = useApiQuery('pppoe.list', list.params, {
    entities: ['pppoe', 'customers', 'packages', 'routers', 'sync', 'sessions', 'all'],
    // The sync column changes when the worker applies the queue, not only when someone edits.
    refetchOn: ['sync.progress', 'router.status'],
  });
  const opened = useApiQuery('pppoe.get', { id: openId ?? 0 }, { enabled: openId !== null });
  const routers = useApiQuery('sessions.routers', {}, { entities: ['routers'], enabled: can('sessions.read') });
  const [toDelete, setToDelete] = useState<PppoeAccount | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [chart, setChart] = useState<PppoeAccount | null>(null);

  const { setEnabled, dialog: enableDialog } = useEnableAccount();
  const reveal = async (a: PppoeAccount) => {
    const r = await api('pppoe.revealPassword', { id: a.id });
    if (!r.ok) return notifyApiError(r.error);
    setSecret({ username: a.username, password: r.value.password });
  };
  const remove = async () => {
    if (!toDelete) return;
    const r = await api('pppoe.delete', { id: toDelete.id });
    setToDelete(null);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('pppoe.deleted', { name: toDelete.username }) });
  };

  const columns: Column<PppoeAccount, SortField>[] = [
    { key: 'online', header: '', width: 28, render: (a) => <OnlineDot online={a.online} /> },
    {
      key: 'username',
      header: t('pppoe.username'),
      sortField: 'username',
      render: (a) => (
        <div>
          <Text size="sm" ff="monospace" fw={500}>
            {a.username}
          </Text>
          {a.lastIp && (
            <Text size="xs" c="dimmed">
              {a.lastIp}
              {a.lastLogin ? ` · ${f.dateTime(a.lastLogin)}` : ''}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'customer',
      header: t('pppoe.customer'),
      sortField: 'customerName',
      render: (a) => (
        <div>
          <Text size="sm">{a.customerName}</Text>
          <Text size="xs" c="dimmed">
            {a.customerCode}
          </Text>
        </div>
      ),
    },
    {
      key: 'package',
      header: t('pppoe.package'),
      render: (a) => (
        <div>
          <Text size="sm">{a.packageName}</Text>
          <Text size="xs" c={a.routerProfile !== a.profileName ? 'orange' : 'dimmed'}>
            {a.routerProfile}
          </Text>
        </div>
      ),
    },
    { key: 'router', header: t('pppoe.router'), render: (a) => <Text size="sm">{a.routerName ?? '—'}</Text> },
    { key: 'ip', header: t('pppoe.staticIp'), render: (a) => <Text size="sm">{a.staticIp ?? ''}</Text> },
    {
      key: 'status',
      header: t('pppoe.status'),
      sortField: 'status',
      render: (a) => <StatusBadge status={a.status} label={t(`pppoe.statuses.${a.status}`)} />,
    },
    {
      key: 'sync',
      header: t('pppoe.sync'),
      render: (a) =>
        a.syncState === 'synced' ? (
          <Text size="xs" c="dimmed">
            {t('pppoe.synced')}
          </Text>
        ) : (
          <Tooltip
            label={a.syncError ? translateApiMessage(a.syncError) : ''}
            disabled={!a.syncError}
            multiline
            w={300}
          >
            <span>
              <StatusBadge status={a.syncState} />
            </span>
          </Tooltip>
        ),
    },
    {
      key: 'actions',
      header: '',
      width: 48,
      render: (a) => (
        <RowMenu label={t('pppoe.actionsFor', { name: a.username })}>
          {canWrite && (
            <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => navigate(`/${a.id}`)}>
              {t('pppoe.editOrPackage')}
            </Menu.Item>
          )}
          {canWrite &&
            (a.status === 'active' ? (
              <Menu.Item leftSection={<IconPlayerPause size={16} />} onClick={() => void setEnabled(a, false)}>
                {t('pppoe.disable')}
              </Menu.Item>
            ) : (
              <Menu.Item leftSection={<IconPlayerPlay size={16} />} onClick={() => void setEnabled(a, true)}>
                {t('pppoe.enable')}
              </Menu.Item>
            ))}
          {can('pppoe.viewPassword') && (
            <Menu.Item leftSection={<IconEye size={16} />} onClick={() => void reveal(a)}>
              {t('pppoe.reveal')}
            </Menu.Item>
          )}
          {can('sessions.read') && a.routerId !== null && (
            <Menu.Item leftSection={<IconChartLine size={16} />} onClick={() => setChart(a)}>
              {t('traffic.open')}
            </Menu.Item>
          )}
          {can('pppoe.delete') && (
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setToDelete(a)}>
              {t('common:delete')}
            </Menu.Item>
          )}
        </RowMenu>
      ),
    },
  ];

  const total = q.data?.total ?? 0;
  const filtered = !!list.search || Object.values(list.filters).some((v) => v !== undefined);
  return (
    <ListScreen
      title={t('pppoe.title')}
      subtitle={q.data ? t('pppoe.count', { count: total, formatted: f.number(total) }) : '\u00a0'}
      addLabel={canWrite ? t('pppoe.add') : null}
      list={list}
      searchPlaceholder={t('pppoe.search')}
      searchWidth={320}
      filters={
        <>
          <Select
            w={160}
            aria-label={t('pppoe.status')}
            value={list.filters.status ?? 'all'}
            allowDeselect={false}
            onChange={(v) => list.setFilter('status', !v || v === 'all' ? undefined : (v as Status))}
            data={[
              { value: 'all', label: t('pppoe.allStatuses') },
              ...PPPOE_STATUSES.map((s) => ({ value: s, label: t(`pppoe.statuses.${s}`) })),
            ]}
          />
          <Select
            w={180}
            aria-label={t('pppoe.router')}
            value={list.filters.routerId ? String(list.filters.routerId) : 'all'}
            allowDeselect={false}
            onChange={(v) => list.setFilter('routerId', !v || v === 'all' ? undefined : Number(v))}
            data={[
              { value: 'all', label: t('pppoe.allRouters') },
              ...(routers.data?.items ?? []).map((r) => ({ value: String(r.id), label: r.name })),
            ]}
          />
          <Select
            w={150}
            aria-label={t('pppoe.onlineFilter')}
            value={list.filters.online === undefined ? 'all' : String(list.filters.online)}
            allowDeselect={false}
            onChange={(v) => list.setFilter('online', v === 'true' ? true : v === 'false' ? false : undefined)}
            data={[
              { value: 'all', label: t('pppoe.onlineAll') },
              { value: 'true', label: t('pppoe.online') },
              { value: 'false', label: t('pppoe.offline') },
            ]}
          />
        </>
      }
      columns={columns}
      page={q.data}
      loading={q.loading}
      onOpen={(a) => canWrite && navigate(`/${a.id}`)}
      empty={
        <EmptyState
          icon={<IconUsers size={30} stroke={1.5} />}
          title={filtered ? t('pppoe.noMatch') : t('pppoe.emptyTitle')}
          description={filtered ? undefined : t('pppoe.emptyText')}
          actions={
            !filtered &&
            canWrite && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/new')}>
                {t('pppoe.add')}
              </Button>
            )
          }
        />
      }
    >
      <AccountForm
        opened={isNew || (openId !== null && opened.data?.id === openId)}
        account={isNew ? null : (opened.data ?? null)}
        onClose={() => navigate('/')}
        onSaved={(a, password) => {
          navigate('/');
          if (password) setSecret({ username: a.username, password });
        }}
      />
      <Modal
        opened={!!secret}
        onClose={() => setSecret(null)}
        centered
        title={
          <Group gap="xs">
            <IconKey size={18} />
            <Text fw={600}>{t('pppoe.credentials')}</Text>
          </Group>
        }
        attributes={contentTestId('pppoe-credentials')}
      >
        {secret && (
          <Stack gap="xs">
            <Text size="sm">
              {t('pppoe.username')}: <Code data-testid="cred-username">{secret.username}</Code>
            </Text>
            <Group gap="xs">
              <Text size="sm">
                {t('pppoe.password')}: <Code data-testid="cred-password">{secret.password}</Code>
              </Text>
              <CopyButton value={secret.password}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="light" onClick={copy}>
                    {copied ? t('pppoe.copied') : t('pppoe.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="dimmed">
              {t('pppoe.credentialsHint')}
            </Text>
          </Stack>
        )}
      </Modal>
      <TrafficChart account={chart} onClose={() => setChart(null)} />
      <ConfirmDialog
        opened={!!toDelete}
        title={t('pppoe.deleteTitle')}
        message={toDelete ? t('pppoe.deleteText', { name: toDelete.username }) : ''}
        confirmLabel={t('common:delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={remove}
      />
      {enableDialog}
    </ListScreen>
  );
}
