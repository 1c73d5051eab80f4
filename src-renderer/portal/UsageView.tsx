import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Card, Group, Loader, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalUsage } from '../../src-shared/contract/portal/usage';
import { translateApiMessage } from '../components/apiError';
import { formatDate } from '../lib/format';
import { OFFLINE } from './api';
import { usePortal } from './usePortal';

type Day = PortalUsage['accounts'][number]['days'][number];

/** GB when a day reaches one, else MB: small numbers stay readable on a phone. */
function unitFor(days: Day[]): { unit: 'GB' | 'MB'; div: number } {
  const max = Math.max(0, ...days.map((d) => d.bytesIn + d.bytesOut));
  return max >= 1e9 ? { unit: 'GB', div: 1e9 } : { unit: 'MB', div: 1e6 };
}

/**
 * Data used per day, this month or last month, as a chart with the same figures in a table below it
 * (readable without the chart, by screen readers and on the smallest phones); the speed at the last sample.
 */
export function UsageView() {
  const { t, i18n } = useTranslation('portal');
  const q = usePortal('portal.usage', {});
  const [month, setMonth] = useState<'this' | 'last'>('this');
  const [picked, setPicked] = useState<string | null>(null);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const lng = i18n.language;
  if (!q.data) {
    if (q.error)
      return (
        <Alert color="red">{q.error.message === OFFLINE ? t('offline') : translateApiMessage(q.error.message)}</Alert>
      );
    return <Loader />;
  }
  const { accounts } = q.data;
  if (!accounts.length) return <Text c="dimmed">{t('usage.noAccount')}</Text>;
  const account = accounts.find((a) => a.username === picked) ?? accounts[0]!;
  const prefix = month === 'this' ? q.data.thisMonth : q.data.lastMonth;
  const days = account.days.filter((d) => d.day.startsWith(prefix));
  const { unit, div } = unitFor(days);
  const num = (bytes: number) =>
    (bytes / div).toLocaleString(lng === 'en' ? 'en' : 'id', { maximumFractionDigits: unit === 'GB' ? 2 : 0 });
  const totalIn = days.reduce((s, d) => s + d.bytesIn, 0);
  const totalOut = days.reduce((s, d) => s + d.bytesOut, 0);
  const rows = days.map((d) => ({
    key: d.day.slice(8),
    download: Math.round((d.bytesIn / div) * 100) / 100,
    upload: Math.round((d.bytesOut / div) * 100) / 100,
  }));
  const mbps = (bps: number) => (bps / 1e6).toLocaleString(lng === 'en' ? 'en' : 'id', { maximumFractionDigits: 1 });

  return (
    <Stack gap="sm" data-testid="portal-usage">
      <Title order={3} fz="lg">
        {t('usage.title')}
      </Title>
      {accounts.length > 1 && (
        <Select
          aria-label={t('usage.account')}
          value={account.username}
          onChange={setPicked}
          data={accounts.map((a) => a.username)}
          allowDeselect={false}
        />
      )}
      <SegmentedControl
        fullWidth
        value={month}
        onChange={(v) => setMonth(v as 'this' | 'last')}
        data={[
          { value: 'this', label: t('usage.thisMonth') },
          { value: 'last', label: t('usage.lastMonth') },
        ]}
      />
      <Card withBorder padding="sm">
        <Group justify="space-between" wrap="nowrap" data-testid="usage-totals">
          <div>
            <Text size="xs" c="dimmed">
              {t('usage.download')}
            </Text>
            <Text fw={700}>
              {num(totalIn)} {unit}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('usage.upload')}
            </Text>
            <Text fw={700}>
              {num(totalOut)} {unit}
            </Text>
          </div>
        </Group>
        <Text size="xs" c="dimmed" mt={4} data-testid="usage-speed">
          {account.current
            ? t('usage.speed', { down: mbps(account.current.bpsIn), up: mbps(account.current.bpsOut) })
            : t('usage.noSample')}
        </Text>
      </Card>
      <SegmentedControl
        size="xs"
        value={view}
        onChange={(v) => setView(v as 'chart' | 'table')}
        data={[
          { value: 'chart', label: t('usage.asChart') },
          { value: 'table', label: t('usage.asTable') },
        ]}
      />
      {view === 'chart' ? (
        <div data-testid="usage-chart" role="img" aria-label={t('usage.chartLabel', { unit })}>
          <BarChart
            h={220}
            data={rows}
            dataKey="key"
            type="stacked"
            unit={` ${unit}`}
            withLegend
            tickLine="none"
            gridAxis="y"
            series={[
              { name: 'download', label: t('usage.download'), color: 'blue.6' },
              { name: 'upload', label: t('usage.upload'), color: 'teal.5' },
            ]}
          />
        </div>
      ) : (
        <Table striped data-testid="usage-table" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('usage.day')}</Table.Th>
              <Table.Th ta="right">
                {t('usage.download')} ({unit})
              </Table.Th>
              <Table.Th ta="right">
                {t('usage.upload')} ({unit})
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {days.map((d) => (
              <Table.Tr key={d.day}>
                <Table.Td>{formatDate(d.day, lng)}</Table.Td>
                <Table.Td ta="right">{num(d.bytesIn)}</Table.Td>
                <Table.Td ta="right">{num(d.bytesOut)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
