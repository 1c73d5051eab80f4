import { Alert, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { useFormat } from '../../lib/format';
import { BrandFilter, withBrand, type BrandChoice } from './BrandFilter';
import { ReportToolbar } from './ReportControls';
import { MoneyBars } from './MoneyBars';
import { bucketLabel, money, Panel, ReportTable } from './parts';

/** Expected invoicing and collection for the coming months, with the method spelled out. */
export function ForecastTab({ brandId, onBrand }: BrandChoice) {
  const { t, i18n } = useTranslation('reports');
  const f = useFormat();
  const [months, setMonths] = useState(3);
  const params = withBrand({ months }, brandId);
  const q = useApiQuery('reports.forecast', params);
  const r = q.data;
  return (
    <Stack gap="md">
      <ReportToolbar report="forecast" params={params} query={q}>
        <SegmentedControl
          value={String(months)}
          onChange={(v) => setMonths(Number(v))}
          data={['3', '6', '12'].map((v) => ({ value: v, label: t('months', { count: Number(v) }) }))}
        />
        <BrandFilter value={brandId} onChange={onBrand} />
      </ReportToolbar>
      {r && (
        <>
          <Panel title={t('forecastChart')} testId="forecast-chart">
            <MoneyBars
              h={240}
              rows={r.months}
              period={(m) => m.period}
              invoiced={{ label: t('col.expectedInvoicing'), value: (m) => m.expectedInvoicing }}
              collected={{ label: t('col.expectedCollection'), value: (m) => m.expectedCollection }}
            />
          </Panel>
          <Panel title={t('byMonth')}>
            <ReportTable
              rows={r.months}
              columns={[
                { header: t('col.month'), render: (m) => bucketLabel(m.period, i18n.language) },
                { header: t('col.subscriptions'), render: (m) => f.number(m.subscriptions), align: 'right' },
                { header: t('col.expectedInvoicing'), render: (m) => money(m.expectedInvoicing), align: 'right' },
                { header: t('col.expectedCollection'), render: (m) => money(m.expectedCollection), align: 'right' },
              ]}
            />
          </Panel>
          <Alert icon={<IconInfoCircle size={18} />} title={t('method')} color="gray" data-testid="forecast-method">
            <Text size="sm">
              {t('forecastMethod', {
                rate: `${(r.basedOn.collectionRate * 100).toLocaleString(i18n.language === 'en' ? 'en' : 'id', { maximumFractionDigits: 1 })}%`,
                from: f.date(r.basedOn.from),
                to: f.date(r.basedOn.to),
                invoiced: f.rupiah(r.basedOn.invoiced),
                collected: f.rupiah(r.basedOn.collected),
              })}
            </Text>
          </Alert>
        </>
      )}
    </Stack>
  );
}
