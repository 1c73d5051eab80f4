import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { axisRupiah, bucketLabel } from './parts';

/**
 * Two rupiah figures per period side by side (what is invoiced in indigo, what is collected in
 * teal), labelled by period in the user's language with a short rupiah axis.
 */
export function MoneyBars<R>({
  h,
  rows,
  period,
  invoiced,
  collected,
}: {
  h: number;
  rows: R[];
  /** The row's bucket key (`2025-03`, `2025-03-14`, `2025`). */
  period: (row: R) => string;
  invoiced: { label: string; value: (row: R) => number };
  collected: { label: string; value: (row: R) => number };
}) {
  const { i18n } = useTranslation();
  const f = useFormat();
  return (
    <BarChart
      h={h}
      data={rows.map((r) => ({
        key: bucketLabel(period(r), i18n.language),
        invoiced: invoiced.value(r),
        collected: collected.value(r),
      }))}
      dataKey="key"
      series={[
        { name: 'invoiced', label: invoiced.label, color: 'indigo.4' },
        { name: 'collected', label: collected.label, color: 'teal.6' },
      ]}
      withLegend
      valueFormatter={(v) => f.rupiah(v)}
      yAxisProps={{ width: 70, tickFormatter: (v: number) => axisRupiah(v, i18n.language) }}
    />
  );
}
