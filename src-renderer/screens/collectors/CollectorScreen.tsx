import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCloudOff, IconReceipt } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteItem } from '../../../src-shared/contract/collectors';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { useApiQuery } from '../../api/useApi';
import { MoneyText, notifyApiError, translateApiMessage } from '../../components';
import { useFormat } from '../../lib/format';
import { CustomerSheet } from './CustomerSheet';
import { ReceiptDialog, type Receipt } from './ReceiptDialog';
import { useCollectorQueue } from './useCollectorQueue';

type Sort = 'due' | 'area' | 'address';
const SORTS: Record<Sort, (a: RouteItem, b: RouteItem) => number> = {
  due: (a, b) => a.oldestDue.localeCompare(b.oldestDue) || a.name.localeCompare(b.name),
  area: (a, b) =>
    (a.area ?? '\uffff').localeCompare(b.area ?? '\uffff') || (a.address ?? '').localeCompare(b.address ?? ''),
  address: (a, b) => (a.address ?? '\uffff').localeCompare(b.address ?? '\uffff') || a.name.localeCompare(b.name),
};

/**
 * Penagihan (role collector, phone first): today's route of assigned customers who owe, cash taken into
 * the phone's queue and sent when there is a signal, what is still only on the phone, receipts.
 */
export default function CollectorScreen() {
  const { t } = useTranslation('collectors');
  const f = useFormat();
  const userId = useSession((s) => s.me?.id ?? 0);
  const routeQuery = useApiQuery('collector.route', {}, { entities: ['payments', 'customers', 'collectors'] });
  // Without a signal the last route stays on screen (the query keeps its data on an error).
  const route = routeQuery.data ?? null;
  const loadError = routeQuery.error ? translateApiMessage(routeQuery.error.message) : null;
  const reload = routeQuery.refetch;
  const [sort, setSort] = useState<Sort>('due');
  const [open, setOpen] = useState<RouteItem | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const { queue, online, progress, problem, add, sync } = useCollectorQueue(userId, reload);
  const showReceipt = async (paymentId: number) => {
    const r = await api('collector.receipt', { paymentId });
    if (r.ok) setReceipt(r.value);
    else notifyApiError(r.error);
  };

  const queuedBy = useMemo(() => {
    const m = new Map<number, number>();
    for (const q of queue) m.set(q.customerId, (m.get(q.customerId) ?? 0) + q.amount);
    return m;
  }, [queue]);
  const items = useMemo(() => [...(route?.items ?? [])].sort(SORTS[sort]), [route, sort]);
  const queuedTotal = queue.reduce((s, q) => s + q.amount, 0);

  return (
    <Stack gap="sm" maw={640} mx="auto" data-testid="collector-screen">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Title order={3}>{t('title')}</Title>
          {route && (
            <Text size="sm" c="dimmed">
              {f.date(route.today)}
            </Text>
          )}
        </div>
        {online ? (
          <Badge color="teal" variant="light">
            {t('online')}
          </Badge>
        ) : (
          <Badge color="orange" leftSection={<IconCloudOff size={12} />} data-testid="offline-badge">
            {t('offline')}
          </Badge>
        )}
      </Group>

      <Card withBorder padding="sm">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{t('bag.label')}</Text>
          <MoneyText amount={(route?.unsettled.total ?? 0) + queuedTotal} fw={700} data-testid="bag-total" />
        </Group>
        <Text size="xs" c="dimmed">
          {t('bag.detail', { count: (route?.unsettled.count ?? 0) + queue.length })}
        </Text>
      </Card>

      {(queue.length > 0 || progress) && (
        <Card withBorder padding="sm" bg="var(--mantine-color-yellow-0)" data-testid="pending-panel">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text fw={600} data-testid="pending-count">
              {t('pending.count', { count: queue.length })}
            </Text>
            <Button size="xs" disabled={!online || !!progress} onClick={() => void sync()}>
              {t('pending.send')}
            </Button>
          </Group>
          {progress && (
            <Stack gap={4} mt="xs">
              <Text size="xs">{t('pending.progress', { done: progress.done, total: progress.total })}</Text>
              <Progress value={progress.total ? (100 * progress.done) / progress.total : 0} />
            </Stack>
          )}
          {!online && (
            <Text size="xs" c="dimmed">
              {t('pending.offlineHint')}
            </Text>
          )}
          {problem && online && (
            <Text size="xs" c="red">
              {translateApiMessage(problem)}
            </Text>
          )}
          <Stack gap={2} mt="xs">
            {queue.map((q) => (
              <Group key={q.key} justify="space-between" wrap="nowrap" data-testid="pending-item">
                <Text size="sm" truncate>
                  {q.customerName} · {f.time(q.collectedAt)}
                  {q.error && (
                    <Text component="span" c="red" size="xs">
                      {' '}
                      — {translateApiMessage(q.error)}
                    </Text>
                  )}
                </Text>
                <MoneyText amount={q.amount} size="sm" />
              </Group>
            ))}
          </Stack>
        </Card>
      )}

      <SegmentedControl
        fullWidth
        value={sort}
        onChange={(v) => setSort(v as Sort)}
        data={(['due', 'area', 'address'] as const).map((s) => ({ value: s, label: t(`sort.${s}`) }))}
      />
      {loadError && !route && <Alert color="red">{loadError}</Alert>}
      {!route && !loadError && <Loader size="sm" />}
      {route && items.length === 0 && <Text c="dimmed">{t('empty')}</Text>}
      {items.map((it) => {
        const queued = queuedBy.get(it.customerId) ?? 0;
        return (
          <Card
            key={it.customerId}
            withBorder
            padding="sm"
            component="button"
            style={{ textAlign: 'left', cursor: 'pointer' }}
            onClick={() => setOpen(it)}
            data-testid="route-item"
          >
            <Group justify="space-between" wrap="nowrap" align="start">
              <div style={{ minWidth: 0 }}>
                <Text fw={600} truncate>
                  {it.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {[it.area, it.address].filter(Boolean).join(' · ') || it.customerCode}
                </Text>
                {it.lastVisitKind && (
                  <Text size="xs" c={it.lastVisitKind === 'promised' ? 'indigo' : 'dimmed'}>
                    {it.lastVisitKind === 'promised'
                      ? t('lastVisit.promised', { date: f.date(it.promisedOn) })
                      : t(`lastVisit.${it.lastVisitKind}`, { when: f.dateTime(it.lastVisitAt) })}
                  </Text>
                )}
              </div>
              <Stack gap={2} align="end">
                <MoneyText amount={it.outstanding} fw={600} />
                <Text size="xs" c="dimmed">
                  {t('dueSince', { date: f.date(it.oldestDue) })}
                </Text>
                {queued > 0 && (
                  <Text size="xs" c="orange.8" fw={600} ta="right">
                    {t('queuedBadge', { amount: f.rupiah(queued) })}
                  </Text>
                )}
              </Stack>
            </Group>
          </Card>
        );
      })}

      {route && route.recent.length > 0 && (
        <Stack gap={4} mt="md">
          <Text fw={600}>{t('recent.title')}</Text>
          {route.recent.map((c) => (
            <Group key={c.key} justify="space-between" wrap="nowrap" data-testid="recent-item">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" truncate>
                  {c.customerName} · {c.paymentNumber}
                </Text>
                <Text size="xs" c="dimmed">
                  {f.dateTime(c.receivedAt)}
                  {c.outcome === 'deposit' ? ` · ${t('recent.toDeposit')}` : ''}
                  {c.settled ? ` · ${t('recent.settled')}` : ''}
                </Text>
              </div>
              <Group gap={6} wrap="nowrap">
                <MoneyText amount={c.amount} size="sm" />
                <Button
                  size="compact-xs"
                  variant="light"
                  leftSection={<IconReceipt size={14} />}
                  disabled={!online}
                  onClick={() => void showReceipt(c.paymentId)}
                >
                  {t('recent.receipt')}
                </Button>
              </Group>
            </Group>
          ))}
        </Stack>
      )}

      <CustomerSheet
        item={open}
        queued={open ? (queuedBy.get(open.customerId) ?? 0) : 0}
        online={online}
        today={route?.today ?? ''}
        onClose={() => setOpen(null)}
        onTake={add}
        onVisited={() => void reload()}
      />
      <ReceiptDialog receipt={receipt} onClose={() => setReceipt(null)} />
    </Stack>
  );
}
