import { AreaChart } from '@mantine/charts';
import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { BrandFilter, withBrand, type BrandChoice } from './BrandFilter';
import { ReportToolbar, GroupByControl, RangePicker, type Range } from './ReportControls';
import { bucketLabel, Panel, ReportTable } from './parts';

const gb = (bytes: number) => bytes / 1e9;
const fmtGb = (bytes: number, lng: string) =>
  `${gb(bytes).toLocaleString(lng === 'en' ? 'en' : 'id', { maximumFractionDigits: 2 })} GB`;

/** Traffic from the byte counters the router sync samples: per period, package, router, top users. */
export function BandwidthTab({
  range,
  onRange,
  today,
  brandId,
  onBrand,
}: { range: Range; onRange: (r: Range) => void; today: string } & BrandChoice) {
  const { t, i18n } = useTranslation('reports');
  const [groupBy, setGroupBy] = useState<'day' | 'month' | 'year'>('day');
  const params = withBrand({ ...range, groupBy }, brandId);
  const q = useApiQuery('reports.bandwidth', params);
  const r = q.data;
  const lng = i18n.language;
  const traffic = (rows: { name: string; bytesIn: number; bytesOut: number }[]) => (
    <ReportTable
      rows={rows}
      columns={[
        { header: t('col.name'), render: (x) => x.name },
        { header: t('col.download'), render: (x) => fmtGb(x.bytesIn, lng), align: 'right' },
        { header: t('col.upload'), render: (x) => fmtGb(x.bytesOut, lng), align: 'right' },
      ]}
    />
  );
  return (
    <Stack gap="md">
      <ReportToolbar report="bandwidth" params={params} query={q}>
        <RangePicker value={range} onChange={onRange} today={today} />
        <GroupByControl value={groupBy} onChange={setGroupBy} />
        <BrandFilter value={brandId} onChange={onBrand} />
      </ReportToolbar>
      {r && r.samples === 0 && (
        <Text c="dimmed" size="sm" data-testid="bandwidth-empty">
          {t('noTraffic')}
        </Text>
      )}
      {r && r.samples > 0 && (
        <>
          <Panel title={t('trafficTrend')}>
            <AreaChart
              h={240}
              data={r.series.map((s) => ({
                key: bucketLabel(s.key, lng),
                download: gb(s.bytesIn),
                upload: gb(s.bytesOut),
              }))}
              dataKey="key"
              series={[
                { name: 'download', label: t('col.download'), color: 'indigo.6' },
                { name: 'upload', label: t('col.upload'), color: 'teal.6' },
              ]}
              unit=" GB"
              withLegend
              curveType="monotone"
              withDots={false}
            />
          </Panel>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Panel title={t('byPackage')}>{traffic(r.byPackage)}</Panel>
            <Panel title={t('byRouter')}>{traffic(r.byRouter)}</Panel>
          </SimpleGrid>
          <Panel title={t('topUsers')}>
            {traffic(
              r.topUsers.map((u) => ({
                name: `${u.username} — ${u.customerName}`,
                bytesIn: u.bytesIn,
                bytesOut: u.bytesOut,
              })),
            )}
          </Panel>
        </>
      )}
    </Stack>
  );
}
