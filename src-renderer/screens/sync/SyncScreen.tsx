import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGitCompare, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetryOutcome, SyncOp } from '../../../src-shared/contract/sync';
import { api, onEvent } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import {
  DataTable,
  EmptyState,
  PageHeader,
  StatusBadge,
  notifyApiError,
  useListParams,
  type Column,
  contentTestId,
} from '../../components';
import { useFormat } from '../../lib/format';
import { RouterMessage } from './RouterMessage';
import { RouterSyncCard, type Progress } from './RouterSyncCard';

/** The router queue: pending/failed per router with a progress bar while it drains; retry or drop operations. */
export default function SyncScreen() {
  const { t } = useTranslation('network');
  const can = useCan();
  const f = useFormat();
  const canWrite = can('sync.write');
  const status = useApiQuery('sync.status', {}, { entities: ['sync', 'pppoe', 'routers', 'packages'] });
  const list = useListParams<never, { status?: 'pending' | 'failed'; routerId?: number }>({
    filters: { status: 'failed' },
  });
  const ops = useApiQuery('sync.ops', list.params, { entities: ['sync', 'pppoe', 'routers', 'packages'] });
  const [progress, setProgress] = useState<Record<number, Progress>>({});
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [toDrop, setToDrop] = useState<number[] | null>(null);
  const [reason, setReason] = useState('');
  const [retrying, setRetrying] = useState<number | 'ops' | null>(null);
  const { refetch: refetchStatus } = status;
  const { refetch: refetchOps } = ops;

  useEffect(
    () =>
      onEvent('sync.progress', (p) => {
        const id = Number(p.routerId);
        setProgress((all) => ({
          ...all,
          [id]: { applied: Number(p.applied) || 0, pending: Number(p.pending) || 0, total: Number(p.total) || 0 },
        }));
        refetchStatus();
        refetchOps();
      }),
    [refetchStatus, refetchOps],
  );
  useEffect(() => onEvent('router.status', refetchStatus), [refetchStatus]);

  // The answer comes after the router was tried: say what that attempt did.
  const showOutcome = (o: RetryOutcome) =>
    notifications.show({
      color: o.error ? 'red' : 'teal',
      title: o.name,
      autoClose: o.error ? 10_000 : 5_000,
      message: o.error ? (
        <RouterMessage message={o.error} />
      ) : (
        [
          o.applied || o.failed ? t('sync.outcomeApplied', { count: o.applied }) : t('sync.outcomeNothing'),
          o.failed ? t('sync.outcomeFailed', { count: o.failed }) : '',
          o.pending ? t('sync.outcomePending', { count: o.pending }) : '',
        ]
          .filter(Boolean)
          .join(' · ')
      ),
    });
  const retry = async (input: { ids?: number[]; routerId?: number }) => {
    setRetrying(input.routerId ?? 'ops');
    const r = await api('sync.retry', input);
    setRetrying(null);
    if (!r.ok) return notifyApiError(r.error);
    setSelected(new Set());
    if (!r.value.outcomes.length)
      notifications.show({ color: 'teal', message: t('sync.retried', { count: r.value.retried }) });
    r.value.outcomes.forEach(showOutcome);
    status.refetch();
    ops.refetch();
  };
  const drop = async () => {
    if (!toDrop) return;
    const r = await api('sync.drop', { ids: toDrop, reason });
    setToDrop(null);
    setReason('');
    if (!r.ok) return notifyApiError(r.error);
    setSelected(new Set());
    notifications.show({ color: 'teal', message: t('sync.dropped', { count: r.value.dropped }) });
  };

  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });

  // The operation in the user's language (the API's `summary` is the English log line).
  const opText = (o: SyncOp) => {
    const d = o.details;
    switch (o.kind) {
      case 'profile.upsert':
        return [t('sync.op.profile', d), d.pool ? t('sync.op.pool', d) : ''].filter(Boolean).join(', ');
      case 'profile.ensure':
        return t('sync.op.isolir', d);
      case 'secret.upsert':
        return [
          t('sync.op.secret', d),
          d.previousName ? t('sync.op.renamed', d) : '',
          d.ip ? t('sync.op.ip', d) : '',
          d.disabled ? t('sync.op.disabled') : '',
        ]
          .filter(Boolean)
          .join(', ');
      case 'secret.remove':
        return t('sync.op.remove', d);
      case 'session.kick':
        return t('sync.op.kick', d);
      default:
        return o.summary;
    }
  };
  const routerName = (id: number) => status.data?.routers.find((r) => r.routerId === id)?.name ?? `#${id}`;
  const columns: Column<SyncOp, never>[] = [
    ...(canWrite
      ? [
          {
            key: 'sel',
            header: '',
            width: 36,
            render: (o: SyncOp) => (
              <Checkbox
                aria-label={t('sync.select', { id: o.id })}
                checked={selected.has(o.id)}
                onClick={(e) => e.stopPropagation()}
                onChange={(e) => toggle(o.id, e.currentTarget.checked)}
              />
            ),
          },
        ]
      : []),
    {
      key: 'id',
      header: '#',
      width: 60,
      render: (o) => (
        <Text size="xs" c="dimmed">
          {o.id}
        </Text>
      ),
    },
    { key: 'router', header: t('sync.router'), render: (o) => <Text size="sm">{routerName(o.routerId)}</Text> },
    { key: 'what', header: t('sync.operation'), render: (o) => <Text size="sm">{opText(o)}</Text> },
    { key: 'status', header: t('sync.status'), render: (o) => <StatusBadge status={o.status} /> },
    {
      key: 'error',
      header: t('sync.lastError'),
      render: (o) => (
        <div>
          {o.lastError && <RouterMessage message={o.lastError} c={o.status === 'failed' ? 'red' : undefined} />}
          <Text size="xs" c="dimmed">
            {t('sync.attempts', { count: o.attempts })}
            {o.nextAttemptAt ? ` · ${t('sync.nextAt', { at: f.dateTime(o.nextAttemptAt) })}` : ''}
          </Text>
        </div>
      ),
    },
    { key: 'at', header: t('sync.queuedAt'), render: (o) => <Text size="xs">{f.dateTime(o.createdAt)}</Text> },
    {
      key: 'actions',
      header: '',
      width: 110,
      render: (o) =>
        canWrite && (
          <Group gap={2} wrap="nowrap">
            {o.lastError?.includes('(Routers → Differences)') && (
              <Tooltip label={t('drift.open')}>
                <ActionIcon
                  variant="subtle"
                  color="grape"
                  component="a"
                  href={`#/routers/${o.routerId}/drift`}
                  aria-label={t('sync.openDrift', { id: o.id })}
                >
                  <IconGitCompare size={16} />
                </ActionIcon>
              </Tooltip>
            )}
            <Tooltip label={t('sync.retry')}>
              <ActionIcon
                variant="subtle"
                aria-label={t('sync.retryOne', { id: o.id })}
                onClick={(e) => {
                  e.stopPropagation();
                  void retry({ ids: [o.id] });
                }}
              >
                <IconRefresh size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('sync.drop')}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('sync.dropOne', { id: o.id })}
                onClick={(e) => {
                  e.stopPropagation();
                  setToDrop([o.id]);
                }}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ),
    },
  ];

  return (
    <Stack gap="md">
      <PageHeader title={t('sync.title')} subtitle={t('sync.subtitle')} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {(status.data?.routers ?? []).map((r) => (
          <RouterSyncCard
            key={r.routerId}
            status={r}
            progress={progress[r.routerId]}
            canWrite={canWrite}
            retrying={retrying === r.routerId}
            onRetry={() => void retry({ routerId: r.routerId })}
          />
        ))}
      </SimpleGrid>
      <Group justify="space-between">
        <SegmentedControl
          value={list.filters.status ?? 'failed'}
          onChange={(v) => list.setFilter('status', v as 'pending' | 'failed')}
          data={[
            { value: 'failed', label: t('sync.failed') },
            { value: 'pending', label: t('sync.pending') },
          ]}
          aria-label={t('sync.status')}
        />
        {canWrite && selected.size > 0 && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="light"
              loading={retrying === 'ops'}
              onClick={() => void retry({ ids: [...selected] })}
            >
              {t('sync.retrySelected', { count: selected.size })}
            </Button>
            <Button size="xs" variant="light" color="red" onClick={() => setToDrop([...selected])}>
              {t('sync.dropSelected', { count: selected.size })}
            </Button>
          </Group>
        )}
      </Group>
      <DataTable
        label={t('sync.opsTitle')}
        columns={columns}
        rows={ops.data?.items}
        rowKey={(o) => o.id}
        total={ops.data?.total ?? 0}
        loading={ops.loading}
        {...list.tableProps}
        empty={<EmptyState title={list.filters.status === 'pending' ? t('sync.noPending') : t('sync.noFailed')} />}
      />
      <Modal
        opened={!!toDrop}
        onClose={() => setToDrop(null)}
        centered
        title={<Text fw={600}>{t('sync.dropTitle', { count: toDrop?.length ?? 0 })}</Text>}
        attributes={contentTestId('confirm-dialog')}
      >
        <Stack gap="sm">
          <Text size="sm">{t('sync.dropText')}</Text>
          <TextInput
            label={t('sync.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setToDrop(null)}>
              {t('common:cancel')}
            </Button>
            <Button color="red" onClick={() => void drop()}>
              {t('sync.drop')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
