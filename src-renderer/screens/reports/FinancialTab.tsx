import { DonutChart } from '@mantine/charts';
import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { useFormat } from '../../lib/format';
import { BrandFilter, withBrand, type BrandChoice } from './BrandFilter';
import { ReportToolbar, GroupByControl, RangePicker, type Range } from './ReportControls';
import { MoneyBars } from './MoneyBars';
import { bucketLabel, money, Panel, ReportTable } from './parts';

const METHOD_COLORS: Record<string, string> = {
  cash: 'teal.6',
  bank_transfer: 'indigo.6',
  e_wallet: 'grape.6',
  credit_card: 'orange.6',
  deposit: 'gray.5',
};

export function FinancialTab({
  range,
  onRange,
  today,
  brandId,
  onBrand,
}: { range: Range; onRange: (r: Range) => void; today: string } & BrandChoice) {
  const { t, i18n } = useTranslation('reports');
  const f = useFormat();
  const [groupBy, setGroupBy] = useState<'day' | 'month' | 'year'>('month');
  const params = withBrand({ ...range, groupBy }, brandId);
  const q = useApiQuery('reports.financial', params);
  const r = q.data;
  return (
    <Stack gap="md">
      <ReportToolbar report="financial" params={params} query={q}>
        <RangePicker value={range} onChange={onRange} today={today} />
        <GroupByControl value={groupBy} onChange={setGroupBy} />
        <BrandFilter value={brandId} onChange={onBrand} />
      </ReportToolbar>
      {r && (
        <>
          <SimpleGrid cols={{ base: 2, md: 5 }}>
            {(['invoiced', 'collected', 'refunded', 'voided', 'outstanding'] as const).map((k) => (
              <Stack key={k} gap={0} data-testid={`total-${k}`}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t(`col.${k}`)}
                </Text>
                <Text fz={20} fw={700}>
                  {f.rupiah(r.totals[k])}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          <Panel title={t('incomeTrend')}>
            <MoneyBars
              h={260}
              rows={r.buckets}
              period={(b) => b.key}
              invoiced={{ label: t('col.invoiced'), value: (b) => b.invoiced }}
              collected={{ label: t('col.collected'), value: (b) => b.collected }}
            />
          </Panel>
          <Panel title={t('byPeriod')}>
            <ReportTable
              testId="financial-table"
              rows={r.buckets}
              columns={[
                { header: t('col.period'), render: (b) => bucketLabel(b.key, i18n.language) },
                { header: t('col.invoiced'), render: (b) => money(b.invoiced), align: 'right' },
                { header: t('col.collected'), render: (b) => money(b.collected), align: 'right' },
                { header: t('col.voided'), render: (b) => money(b.voided), align: 'right' },
                { header: t('col.outstanding'), render: (b) => money(b.outstanding), align: 'right' },
                { header: t('col.payments'), render: (b) => f.number(b.payments), align: 'right' },
                { header: t('col.refunded'), render: (b) => money(b.refunded), align: 'right' },
              ]}
              footer={[
                t('total'),
                money(r.totals.invoiced),
                money(r.totals.collected),
                money(r.totals.voided),
                money(r.totals.outstanding),
                f.number(r.totals.payments),
                money(r.totals.refunded),
              ]}
            />
          </Panel>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Panel title={t('byMethod')} testId="by-method">
              <Group align="flex-start" wrap="nowrap">
                {r.byMethod.length > 0 && (
                  <DonutChart
                    size={150}
                    thickness={22}
                    withTooltip
                    valueFormatter={(v) => f.rupiah(v)}
                    data={r.byMethod.map((m) => ({
                      name: t(`pm.${m.method}`),
                      value: m.amount,
                      color: METHOD_COLORS[m.method] ?? 'gray.6',
                    }))}
                  />
                )}
                <ReportTable
                  rows={r.byMethod}
                  columns={[
                    { header: t('col.method'), render: (m) => t(`pm.${m.method}`) },
                    { header: t('col.count'), render: (m) => f.number(m.count), align: 'right' },
                    { header: t('col.amount'), render: (m) => money(m.amount), align: 'right' },
                  ]}
                />
              </Group>
            </Panel>
            <Panel title={t('byCashier')} testId="by-cashier">
              <ReportTable
                rows={r.byCashier}
                columns={[
                  { header: t('col.cashier'), render: (c) => c.name },
                  { header: t('col.count'), render: (c) => f.number(c.count), align: 'right' },
                  { header: t('col.amount'), render: (c) => money(c.amount), align: 'right' },
                ]}
              />
            </Panel>
            {r.refundsByMethod.length > 0 && (
              <Panel title={t('refundsByMethod')} testId="refunds-by-method">
                <ReportTable
                  rows={r.refundsByMethod}
                  columns={[
                    { header: t('col.method'), render: (m) => t(`pm.${m.method}`) },
                    { header: t('col.count'), render: (m) => f.number(m.count), align: 'right' },
                    { header: t('col.amount'), render: (m) => money(m.amount), align: 'right' },
                  ]}
                />
              </Panel>
            )}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
