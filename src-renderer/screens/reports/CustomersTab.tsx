import { BarChart, LineChart } from '@mantine/charts';
import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { StatusBadge } from '../../components';
import { useFormat } from '../../lib/format';
import { BrandFilter, withBrand, type BrandChoice } from './BrandFilter';
import { ReportToolbar, RangePicker, type Range } from './ReportControls';
import { bucketLabel, money, Panel, ReportTable } from './parts';

const pct = (v: number, lng: string) =>
  `${(v * 100).toLocaleString(lng === 'en' ? 'en' : 'id', { maximumFractionDigits: 1 })}%`;

/** Growth and churn per month, ARPU, distribution by package and status. */
export function CustomersTab({
  range,
  onRange,
  today,
  brandId,
  onBrand,
}: { range: Range; onRange: (r: Range) => void; today: string } & BrandChoice) {
  const { t, i18n } = useTranslation('reports');
  const f = useFormat();
  const params = withBrand({ ...range }, brandId);
  const q = useApiQuery('reports.customers', params);
  const r = q.data;
  return (
    <Stack gap="md">
      <ReportToolbar report="customers" params={params} query={q}>
        <RangePicker value={range} onChange={onRange} today={today} />
        <BrandFilter value={brandId} onChange={onBrand} />
      </ReportToolbar>
      {r && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {[
              [t('col.new'), f.number(r.totals.new)],
              [t('col.churned'), f.number(r.totals.churned)],
              [t('churnRate'), pct(r.totals.churnRate, i18n.language)],
              [t('arpu'), f.rupiah(r.totals.arpu)],
            ].map(([label, value]) => (
              <Stack key={label} gap={0}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {label}
                </Text>
                <Text fz={20} fw={700}>
                  {value}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Panel title={t('growthChurn')} testId="growth-chart">
              <BarChart
                h={240}
                data={r.months.map((m) => ({
                  month: bucketLabel(m.period, i18n.language),
                  new: m.new,
                  churned: -m.churned,
                }))}
                dataKey="month"
                type="stacked"
                series={[
                  { name: 'new', label: t('col.new'), color: 'teal.6' },
                  { name: 'churned', label: t('col.churned'), color: 'red.6' },
                ]}
                withLegend
                valueFormatter={(v) => f.number(Math.abs(v))}
              />
            </Panel>
            <Panel title={t('activeTrend')}>
              <LineChart
                h={240}
                data={r.months.map((m) => ({ month: bucketLabel(m.period, i18n.language), active: m.activeAtEnd }))}
                dataKey="month"
                series={[{ name: 'active', label: t('col.activeEnd'), color: 'indigo.6' }]}
                curveType="monotone"
              />
            </Panel>
          </SimpleGrid>
          <Panel title={t('byMonth')}>
            <ReportTable
              testId="customers-table"
              rows={r.months}
              columns={[
                { header: t('col.month'), render: (m) => bucketLabel(m.period, i18n.language) },
                { header: t('col.new'), render: (m) => f.number(m.new), align: 'right' },
                { header: t('col.churned'), render: (m) => f.number(m.churned), align: 'right' },
                { header: t('col.net'), render: (m) => f.number(m.net), align: 'right' },
                { header: t('col.activeEnd'), render: (m) => f.number(m.activeAtEnd), align: 'right' },
                { header: t('churnRate'), render: (m) => pct(m.churnRate, i18n.language), align: 'right' },
                { header: t('arpu'), render: (m) => money(m.arpu), align: 'right' },
              ]}
            />
          </Panel>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Panel title={t('byPackage')}>
              <ReportTable
                rows={r.byPackage}
                columns={[
                  { header: t('col.package'), render: (p) => p.name },
                  { header: t('col.subscriptions'), render: (p) => f.number(p.subscriptions), align: 'right' },
                  { header: t('col.monthlyValue'), render: (p) => money(p.monthlyValue), align: 'right' },
                ]}
              />
            </Panel>
            <Panel title={t('byStatus')}>
              <ReportTable
                rows={r.byStatus}
                columns={[
                  { header: t('col.status'), render: (s) => <StatusBadge status={s.status} /> },
                  { header: t('col.customers'), render: (s) => f.number(s.customers), align: 'right' },
                ]}
              />
            </Panel>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
