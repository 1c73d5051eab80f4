import { ActionIcon, Badge, Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconEdit,
  IconFileImport,
  IconGitCompare,
  IconPlugConnected,
  IconPlus,
  IconRouter,
  IconTrash,
  IconWorldOff,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useRoute } from 'wouter';
import type { Router } from '../../../src-shared/contract/routers';
import { api, onEvent } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import {
  ConfirmDialog,
  EmptyState,
  ListScreen,
  StatusBadge,
  notifyApiError,
  translateApiMessage,
  type Column,
  useRouteId,
  RowMenu,
  type ListControls,
} from '../../components';
import { useFormat } from '../../lib/format';
import { DriftPanel } from './DriftPanel';
import { ImportWizard } from './ImportWizard';
import { IsolirSetupPanel } from './IsolirSetupPanel';
import { RouterForm } from './RouterForm';
import { RouterMessage } from '../sync/RouterMessage';
import { brandColumns } from '../brands/brandColumn';
import { useBrands } from '../brands/useBrands';

/** MikroTik routers: health, queue counts, test, import, drift. Routes: `/`, `/new`, `/:id`, `/:id/import`, `/:id/drift`, `/:id/isolir`. */
export default function RoutersScreen() {
  const { t } = useTranslation('network');
  const can = useCan();
  const f = useFormat();
  const [, navigate] = useLocation();
  const [isNew] = useRoute('/new');
  const editId = useRouteId('/:id');
  const importId = useRouteId('/:id/import');
  const driftId = useRouteId('/:id/drift');
  const isolirId = useRouteId('/:id/isolir');
  const canWrite = can('routers.write');
  const [search, setSearch] = useState('');
  const q = useApiQuery('routers.list', search ? { search } : {}, {
    entities: ['routers', 'pppoe', 'sync', 'packages', 'all'],
  });
  const [toDelete, setToDelete] = useState<Router | null>(null);
  const [testing, setTesting] = useState<number | null>(null);

  // Health and queue changes are pushed: refresh the table when they arrive.
  const { refetch } = q;
  useEffect(() => {
    const offs = [onEvent('router.status', refetch), onEvent('sync.progress', refetch)];
    return () => offs.forEach((o) => o());
  }, [refetch]);

  const rows = q.data?.items ?? [];
  const brands = useBrands();
  const byId = (id: number | null) => (id === null ? null : (rows.find((r) => r.id === id) ?? null));

  const test = async (r: Router) => {
    setTesting(r.id);
    const res = await api('routers.test', { id: r.id });
    setTesting(null);
    if (!res.ok) return notifyApiError(res.error);
    const v = res.value;
    if (v.ok)
      notifications.show({
        color: 'teal',
        title: t('router.testOk'),
        message: `${v.identity} · RouterOS ${v.version} · ${t('router.uptime')} ${v.uptime}`,
      });
    else
      notifications.show({
        color: 'red',
        title: t(`router.reason.${v.reason ?? 'error'}`, { defaultValue: t('router.reason.error') }),
        message: v.message ? <RouterMessage message={v.message} /> : '',
      });
    q.refetch();
  };

  const remove = async () => {
    if (!toDelete) return;
    const r = await api('routers.delete', { id: toDelete.id });
    setToDelete(null);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('router.deleted', { name: toDelete.name }) });
  };

  const columns: Column<Router>[] = [
    {
      key: 'name',
      header: t('router.name'),
      render: (r) => (
        <div>
          <Text size="sm" fw={500}>
            {r.name}
          </Text>
          <Text size="xs" c="dimmed">
            {r.host}:{r.port}
            {r.useTls ? ' (TLS)' : ''} · {r.username}
          </Text>
        </div>
      ),
    },
    ...brandColumns<Router>(brands, t),
    {
      key: 'state',
      header: t('router.state'),
      render: (r) => (
        <Tooltip label={r.lastError ? translateApiMessage(r.lastError) : ''} disabled={!r.lastError} multiline w={320}>
          <span>
            <StatusBadge
              status={r.state === 'auth_failed' ? 'failed' : r.state}
              label={t(`router.states.${r.state}`)}
              data-testid="router-state"
            />
            {r.syncHold && (
              <Badge color="orange" size="sm" tt="none" ml={4} data-testid="router-hold">
                {t('sync.heldBadge')}
              </Badge>
            )}
          </span>
        </Tooltip>
      ),
    },
    {
      key: 'identity',
      header: t('router.identity'),
      render: (r) => (
        <div>
          <Text size="sm">{r.identity ?? '—'}</Text>
          <Text size="xs" c="dimmed">
            {r.version ? `RouterOS ${r.version}` : ''}
            {r.uptime ? ` · ${t('router.uptime')} ${r.uptime}` : ''}
          </Text>
        </div>
      ),
    },
    {
      key: 'seen',
      header: t('router.lastSeen'),
      render: (r) => <Text size="sm">{r.lastSeenAt ? f.dateTime(r.lastSeenAt) : '—'}</Text>,
    },
    {
      key: 'accounts',
      header: t('router.accounts'),
      align: 'right',
      render: (r) => <Text size="sm">{f.number(r.accounts)}</Text>,
    },
    {
      key: 'queue',
      header: t('router.queue'),
      render: (r) => (
        <Group gap={4}>
          {r.pending > 0 && <StatusBadge status="pending" label={t('sync.pendingN', { count: r.pending })} />}
          {r.failed > 0 && <StatusBadge status="failed" label={t('sync.failedN', { count: r.failed })} />}
          {r.pending === 0 && r.failed === 0 && (
            <Text size="xs" c="dimmed">
              {t('sync.inSync')}
            </Text>
          )}
        </Group>
      ),
    },
    {
      key: 'actions',
      header: '',
      width: 120,
      render: (r) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Tooltip label={t('router.test')}>
            <ActionIcon
              variant="subtle"
              loading={testing === r.id}
              aria-label={t('router.testNamed', { name: r.name })}
              onClick={(e) => {
                e.stopPropagation();
                void test(r);
              }}
            >
              <IconPlugConnected size={16} />
            </ActionIcon>
          </Tooltip>
          <RowMenu label={t('common:actions')}>
            {canWrite && (
              <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => navigate(`/${r.id}`)}>
                {t('common:edit')}
              </Menu.Item>
            )}
            {canWrite && (
              <Menu.Item leftSection={<IconFileImport size={16} />} onClick={() => navigate(`/${r.id}/import`)}>
                {t('import.open')}
              </Menu.Item>
            )}
            <Menu.Item leftSection={<IconGitCompare size={16} />} onClick={() => navigate(`/${r.id}/drift`)}>
              {t('drift.open')}
            </Menu.Item>
            {canWrite && (
              <Menu.Item leftSection={<IconWorldOff size={16} />} onClick={() => navigate(`/${r.id}/isolir`)}>
                {t('isolirSetup.open')}
              </Menu.Item>
            )}
            {can('routers.delete') && (
              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setToDelete(r)}>
                {t('common:delete')}
              </Menu.Item>
            )}
          </RowMenu>
        </Group>
      ),
    },
  ];

  // The routers list is short and not paged by the server: one page holds them all.
  const controls: ListControls<Router, string> = {
    search,
    setSearch,
    tableProps: { page: 1, pageSize: Math.max(25, q.data?.total ?? 0), onPageChange: () => undefined },
  };
  return (
    <ListScreen
      title={t('router.title')}
      subtitle={t('router.subtitle')}
      addLabel={canWrite ? t('router.add') : null}
      list={controls}
      searchPlaceholder={t('router.search')}
      searchWidth={320}
      columns={columns}
      page={q.data}
      loading={q.loading}
      onOpen={(r) => canWrite && navigate(`/${r.id}`)}
      empty={
        <EmptyState
          icon={<IconRouter size={30} stroke={1.5} />}
          title={t('router.emptyTitle')}
          description={t('router.emptyText')}
          actions={
            canWrite && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/new')}>
                {t('router.add')}
              </Button>
            )
          }
        />
      }
    >
      <RouterForm
        opened={isNew || (editId !== null && !!byId(editId))}
        router={isNew ? null : byId(editId)}
        readOnly={!canWrite}
        onClose={() => navigate('/')}
        onSaved={() => navigate('/')}
      />
      <ImportWizard router={byId(importId)} onClose={() => navigate('/')} />
      <IsolirSetupPanel router={canWrite ? byId(isolirId) : null} onClose={() => navigate('/')} />
      <DriftPanel router={byId(driftId)} canWrite={canWrite} onClose={() => navigate('/')} onChanged={q.refetch} />
      <ConfirmDialog
        opened={!!toDelete}
        title={t('router.deleteTitle')}
        message={toDelete ? t('router.deleteText', { name: toDelete.name }) : ''}
        confirmLabel={t('common:delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={remove}
      />
    </ListScreen>
  );
}
