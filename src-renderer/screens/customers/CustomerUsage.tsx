import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { translateApiMessage } from '../../components/apiError';

const GB = 1e9;
const gb = (bytes: number) => Math.round((bytes / GB) * 100) / 100;
const mbps = (bps: number) => Math.round((bps / 1e6) * 100) / 100;

/**
 * Data used by one of the customer's PPPoE accounts: per day (last 30) or per month (last 12), and the
 * speed at the last sample, from the usage sampler (`sessions.usage`). The portal shows the customer the same.
 */
export function CustomerUsage({ customerId }: { customerId: number }) {
  const { t, i18n } = useTranslation('customers');
  const accounts = useApiQuery('pppoe.list', { customerId, page: 1, pageSize: 50 }, { entities: ['pppoe'] });
  const items = accounts.data?.items ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  const accountId = picked ?? items[0]?.id ?? null;
  const [view, setView] = useState<'days' | 'months'>('days');
  const q = useApiQuery(
    'sessions.usage',
    { accountId: accountId ?? 0, days: 30 },
    { enabled: accountId !== null, entities: ['pppoe'] },
  );
  if (!items.length) return null;
  const num = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en' : 'id', { maximumFractionDigits: 2 });
  const rows =
    view === 'days'
      ? (q.data?.days ?? []).map((d) => ({ key: d.day.slice(5), download: gb(d.bytesIn), upload: gb(d.bytesOut) }))
      : (q.data?.months ?? []).map((m) => ({ key: m.month, download: gb(m.bytesIn), upload: gb(m.bytesOut) }));
  const total = rows.reduce((s, r) => s + r.download + r.upload, 0);
  const current = q.data?.current;
  return (
    <Stack gap="xs" data-testid="customer-usage">
      <Group justify="space-between">
        <Title order={5}>{t('usage.title')}</Title>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) => setView(v as 'days' | 'months')}
          data={[
            { value: 'days', label: t('usage.days') },
            { value: 'months', label: t('usage.months') },
          ]}
        />
      </Group>
      {items.length > 1 && (
        <Select
          size="xs"
          aria-label={t('usage.account')}
          value={String(accountId)}
          onChange={(v) => v && setPicked(Number(v))}
          data={items.map((a) => ({ value: String(a.id), label: a.username }))}
          allowDeselect={false}
        />
      )}
      {q.error && (
        <Text size="sm" c="red">
          {translateApiMessage(q.error.message)}
        </Text>
      )}
      <BarChart
        h={180}
        data={rows}
        dataKey="key"
        type="stacked"
        unit=" GB"
        series={[
          { name: 'download', label: t('usage.download'), color: 'blue.6' },
          { name: 'upload', label: t('usage.upload'), color: 'teal.5' },
        ]}
        withLegend
      />
      <Text size="xs" c="dimmed" data-testid="usage-summary">
        {t(view === 'days' ? 'usage.total30' : 'usage.total12', { gb: num(total) })}
        {' · '}
        {current
          ? t('usage.speed', { down: num(mbps(current.bpsIn)), up: num(mbps(current.bpsOut)) })
          : t('usage.noSample')}
      </Text>
    </Stack>
  );
}
