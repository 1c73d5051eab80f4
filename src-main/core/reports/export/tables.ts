import type {
  AgingReport,
  BandwidthReport,
  CustomersReport,
  FinancialReport,
  ForecastReport,
} from '../../../../src-shared/contract/reports';
import { label, maybeLabel, type Lang } from './labels';

/** What a cell holds; renderers format by kind (PDF as text, XLSX as typed cells with number formats). */
export type ColumnKind = 'text' | 'money' | 'int' | 'percent' | 'date' | 'month' | 'gigabytes';

export interface Column {
  header: string;
  kind: ColumnKind;
  /** Relative width. */
  width?: number;
}

export type Cell = string | number | null;

export interface Section {
  heading?: string;
  columns: Column[];
  rows: Cell[][];
  /** A bold total row. */
  total?: Cell[];
  note?: string;
}

export interface ExportDocument {
  title: string;
  /** e.g. "Periode 2026-01-01 – 2026-12-31" */
  subtitle: string;
  sections: Section[];
}

const GB = 1e9;
// usage_daily: bytes_in = downloaded by the customer, bytes_out = uploaded (see core/network/usage.ts).

export function financialTables(r: FinancialReport, lang: Lang): ExportDocument {
  const t = (k: Parameters<typeof label>[1]) => label(lang, k);
  const keyKind = r.groupBy === 'day' ? 'date' : r.groupBy === 'month' ? 'month' : 'text';
  return {
    title: t('financial'),
    subtitle: `${t('period')} ${r.from} – ${r.to}`,
    sections: [
      {
        columns: [
          { header: t('bucket'), kind: keyKind, width: 1.2 },
          { header: t('invoiced'), kind: 'money' },
          { header: t('collected'), kind: 'money' },
          { header: t('voided'), kind: 'money' },
          { header: t('outstanding'), kind: 'money' },
          { header: t('payments'), kind: 'int', width: 0.7 },
          { header: t('refunded'), kind: 'money' },
        ],
        rows: r.buckets.map((b) => [b.key, b.invoiced, b.collected, b.voided, b.outstanding, b.payments, b.refunded]),
        total: [
          t('total'),
          r.totals.invoiced,
          r.totals.collected,
          r.totals.voided,
          r.totals.outstanding,
          r.totals.payments,
          r.totals.refunded,
        ],
      },
      {
        heading: t('byMethod'),
        columns: [
          { header: t('method'), kind: 'text', width: 1.5 },
          { header: t('count'), kind: 'int' },
          { header: t('amount'), kind: 'money' },
        ],
        rows: r.byMethod.map((m) => [maybeLabel(lang, m.method), m.count, m.amount]),
      },
      {
        heading: t('byCashier'),
        columns: [
          { header: t('cashier'), kind: 'text', width: 1.5 },
          { header: t('count'), kind: 'int' },
          { header: t('amount'), kind: 'money' },
        ],
        rows: r.byCashier.map((c) => [c.name, c.count, c.amount]),
      },
      ...(r.refundsByMethod.length
        ? [
            {
              heading: t('refundsByMethod'),
              columns: [
                { header: t('method'), kind: 'text' as const, width: 1.5 },
                { header: t('count'), kind: 'int' as const },
                { header: t('amount'), kind: 'money' as const },
              ],
              rows: r.refundsByMethod.map((m) => [maybeLabel(lang, m.method), m.count, m.amount]),
            },
          ]
        : []),
    ],
  };
}

export function agingTables(r: AgingReport, lang: Lang): ExportDocument {
  const t = (k: Parameters<typeof label>[1]) => label(lang, k);
  const bucketName = (b: string) => (b === 'current' ? t('current') : `${b} ${t('days')}`);
  return {
    title: t('aging'),
    subtitle: `${t('asOf')} ${r.asOf}`,
    sections: [
      {
        columns: [
          { header: t('ageBucket'), kind: 'text', width: 1.4 },
          { header: t('invoices'), kind: 'int' },
          { header: t('customersCol'), kind: 'int' },
          { header: t('amount'), kind: 'money' },
        ],
        rows: r.buckets.map((b) => [bucketName(b.bucket), b.invoices, b.customersTotal, b.amount]),
        total: [t('total'), r.buckets.reduce((s, b) => s + b.invoices, 0), null, r.total],
      },
      ...r.buckets
        .filter((b) => b.customers.length)
        .map((b) => ({
          heading: bucketName(b.bucket),
          columns: [
            { header: t('code'), kind: 'text' as const, width: 0.9 },
            { header: t('name'), kind: 'text' as const, width: 1.8 },
            { header: t('phone'), kind: 'text' as const, width: 1.2 },
            { header: t('invoices'), kind: 'int' as const, width: 0.6 },
            { header: t('oldestDue'), kind: 'date' as const },
            { header: t('amount'), kind: 'money' as const },
          ],
          rows: b.customers.map((c) => [c.customerCode, c.name, c.phone, c.invoices, c.oldestDueDate, c.amount]),
          note: b.customersTotal > b.customers.length ? `${b.customers.length} / ${b.customersTotal}` : undefined,
        })),
    ],
  };
}

export function customersTables(r: CustomersReport, lang: Lang): ExportDocument {
  const t = (k: Parameters<typeof label>[1]) => label(lang, k);
  return {
    title: t('customers'),
    subtitle: `${t('period')} ${r.from} – ${r.to}`,
    sections: [
      {
        columns: [
          { header: t('month'), kind: 'month' },
          { header: t('new'), kind: 'int' },
          { header: t('churned'), kind: 'int' },
          { header: t('net'), kind: 'int' },
          { header: t('activeEnd'), kind: 'int' },
          { header: t('churnRate'), kind: 'percent' },
          { header: t('collected'), kind: 'money' },
          { header: t('arpu'), kind: 'money' },
        ],
        rows: r.months.map((m) => [m.period, m.new, m.churned, m.net, m.activeAtEnd, m.churnRate, m.collected, m.arpu]),
        total: [
          t('total'),
          r.totals.new,
          r.totals.churned,
          r.totals.net,
          null,
          r.totals.churnRate,
          null,
          r.totals.arpu,
        ],
      },
      {
        heading: t('byPackage'),
        columns: [
          { header: t('package'), kind: 'text', width: 2 },
          { header: t('subscriptions'), kind: 'int' },
          { header: t('monthlyValue'), kind: 'money' },
        ],
        rows: r.byPackage.map((p) => [p.name, p.subscriptions, p.monthlyValue]),
      },
      {
        heading: t('byStatus'),
        columns: [
          { header: t('status'), kind: 'text', width: 2 },
          { header: t('customersCol'), kind: 'int' },
        ],
        rows: r.byStatus.map((s) => [maybeLabel(lang, s.status), s.customers]),
      },
    ],
  };
}

export function forecastTables(r: ForecastReport, lang: Lang): ExportDocument {
  const t = (k: Parameters<typeof label>[1]) => label(lang, k);
  return {
    title: t('forecast'),
    subtitle: `${r.months[0]?.period ?? ''} – ${r.months.at(-1)?.period ?? ''}`,
    sections: [
      {
        columns: [
          { header: t('month'), kind: 'month' },
          { header: t('subscriptions'), kind: 'int' },
          { header: t('expectedInvoicing'), kind: 'money' },
          { header: t('expectedCollection'), kind: 'money' },
        ],
        rows: r.months.map((m) => [m.period, m.subscriptions, m.expectedInvoicing, m.expectedCollection]),
        total: [
          t('total'),
          null,
          r.months.reduce((s, m) => s + m.expectedInvoicing, 0),
          r.months.reduce((s, m) => s + m.expectedCollection, 0),
        ],
        note: `${t('method_note')}: ${r.method}`,
      },
    ],
  };
}

export function bandwidthTables(r: BandwidthReport, lang: Lang): ExportDocument {
  const t = (k: Parameters<typeof label>[1]) => label(lang, k);
  const keyKind = r.groupBy === 'day' ? 'date' : r.groupBy === 'month' ? 'month' : 'text';
  const traffic = (
    heading: string,
    first: string,
    rows: { name: string; bytesIn: number; bytesOut: number }[],
  ): Section => ({
    heading,
    columns: [
      { header: first, kind: 'text', width: 2 },
      { header: t('download'), kind: 'gigabytes' },
      { header: t('upload'), kind: 'gigabytes' },
    ],
    rows: rows.map((x) => [x.name, x.bytesIn / GB, x.bytesOut / GB]),
  });
  return {
    title: t('bandwidth'),
    subtitle: `${t('period')} ${r.from} – ${r.to}`,
    sections: [
      {
        columns: [
          { header: t('bucket'), kind: keyKind },
          { header: t('download'), kind: 'gigabytes' },
          { header: t('upload'), kind: 'gigabytes' },
        ],
        rows: r.series.map((s) => [s.key, s.bytesIn / GB, s.bytesOut / GB]),
      },
      traffic(t('byPackage'), t('package'), r.byPackage),
      traffic(t('router'), t('router'), r.byRouter),
      traffic(
        t('topUsers'),
        t('user'),
        r.topUsers.map((u) => ({
          name: `${u.username} (${u.customerName})`,
          bytesIn: u.bytesIn,
          bytesOut: u.bytesOut,
        })),
      ),
    ],
  };
}
