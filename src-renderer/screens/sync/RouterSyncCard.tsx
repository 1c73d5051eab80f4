import { Alert, Button, Card, Group, Progress as Bar, Stack, Text } from '@mantine/core';
import { IconGitCompare, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { StatusBadge } from '../../components';
import { useFormat } from '../../lib/format';
import { RouterMessage } from './RouterMessage';

type RouterStatus = OutputOf<'sync.status'>['routers'][number];
export interface Progress {
  applied: number;
  pending: number;
  total: number;
}

/** One router's queue: counts, progress, last attempt, "Coba sekarang"; held after a restore, the hold. */
export function RouterSyncCard({
  status: r,
  progress: p,
  canWrite,
  retrying,
  onRetry,
}: {
  status: RouterStatus;
  progress: Progress | undefined;
  canWrite: boolean;
  retrying: boolean;
  onRetry: () => void;
}) {
  const { t } = useTranslation('network');
  const f = useFormat();
  const total = p && r.pending > 0 ? Math.max(p.total, r.pending) : 0;
  // Without a run in progress nothing of the waiting work is done yet: an empty bar, not a full one.
  const pct = total ? Math.round(((total - r.pending) / total) * 100) : 0;
  return (
    <Card withBorder data-testid="sync-router-card">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{r.name}</Text>
        <StatusBadge status={r.state === 'auth_failed' ? 'failed' : r.state} label={t(`router.states.${r.state}`)} />
      </Group>
      <Group gap="lg">
        <Text size="sm">
          {t('sync.pending')}: <b data-testid="sync-pending">{r.pending}</b>
        </Text>
        <Text size="sm">
          {t('sync.failed')}: <b data-testid="sync-failed">{r.failed}</b>
        </Text>
      </Group>
      {r.hold && <HoldAlert status={r} canWrite={canWrite} retrying={retrying} onResume={onRetry} />}
      {r.pending > 0 && !r.hold && (
        <Stack gap={2} mt="xs">
          <Bar value={pct} animated={r.running} aria-label={t('sync.progress')} />
          <Text size="xs" c="dimmed">
            {r.running
              ? t('sync.running')
              : r.nextRetryAt
                ? t('sync.waitingRetry', { at: f.dateTime(r.nextRetryAt) })
                : t('sync.waiting')}
          </Text>
        </Stack>
      )}
      {r.lastRun && (
        <Text size="xs" c="dimmed" mt="xs" data-testid="sync-last-run">
          {r.lastRun.error
            ? t('sync.lastRunFailed', { at: f.dateTime(r.lastRun.at) })
            : t('sync.lastRun', { at: f.dateTime(r.lastRun.at), count: r.lastRun.applied })}
        </Text>
      )}
      {r.lastError && (
        <Stack gap={0} mt={r.lastRun ? 0 : 'xs'}>
          <RouterMessage message={r.lastError} size="xs" c="red" lineClamp={2} />
        </Stack>
      )}
      {canWrite && !r.hold && (r.pending > 0 || r.failed > 0) && (
        <Button
          size="xs"
          variant="light"
          mt="sm"
          leftSection={<IconRefresh size={14} />}
          loading={retrying}
          onClick={onRetry}
        >
          {t('sync.retryAll')}
        </Button>
      )}
    </Card>
  );
}

/** After a restore: nothing is sent until the owner has seen the differences and chooses to. */
function HoldAlert({
  status: r,
  canWrite,
  retrying,
  onResume,
}: {
  status: RouterStatus;
  canWrite: boolean;
  retrying: boolean;
  onResume: () => void;
}) {
  const { t } = useTranslation('network');
  const f = useFormat();
  const drift = r.hold!.drift;
  return (
    <Alert color="orange" mt="xs" p="xs" title={t('sync.heldTitle')} data-testid="sync-hold">
      <Stack gap={4}>
        <Text size="xs">{t('sync.heldText', { at: f.dateTime(r.hold!.since) })}</Text>
        <Text size="xs" fw={600} data-testid="sync-hold-drift">
          {!drift
            ? t('sync.heldChecking')
            : drift.error
              ? t('sync.heldCheckFailed')
              : drift.differences
                ? t('sync.heldDiff', { count: drift.differences, at: f.dateTime(drift.checkedAt) })
                : t('sync.heldClean', { at: f.dateTime(drift.checkedAt) })}
        </Text>
        {drift?.error && <RouterMessage message={drift.error} size="xs" />}
        <Group gap="xs" mt={4}>
          <Button
            size="xs"
            variant="light"
            component="a"
            href={`#/routers/${r.routerId}/drift`}
            leftSection={<IconGitCompare size={14} />}
          >
            {t('drift.open')}
          </Button>
          {canWrite && (
            <Button
              size="xs"
              color="orange"
              leftSection={<IconPlayerPlay size={14} />}
              loading={retrying}
              onClick={onResume}
            >
              {t('sync.resume')}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
