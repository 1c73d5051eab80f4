import type { AgingReport } from '../../../src-shared/contract/reports';
import { AGING_BUCKETS } from '../../../src-shared/contract/reports';
import { addDays } from '../../../src-shared/dates';
import { agingBucket } from '../../data/reports/aging.queries';
import type { BrandFilter } from '../../data/reports/brand-filter';
import type { AppContext } from '../context';
import { today } from './common';

type Bucket = (typeof AGING_BUCKETS)[number];

/** Due-date range of each bucket for a given day: days overdue = asOf − due date. */
function dueRange(bucket: Bucket, asOf: string): [string, string] {
  switch (bucket) {
    case 'current':
      return [asOf, '9999-12-31'];
    case '1-30':
      return [addDays(asOf, -30), addDays(asOf, -1)];
    case '31-60':
      return [addDays(asOf, -60), addDays(asOf, -31)];
    case '61-90':
      return [addDays(asOf, -90), addDays(asOf, -61)];
    case '90+':
      return ['0000-01-01', addDays(asOf, -91)];
  }
}

/**
 * Accounts receivable by age: each bucket is a due-date range of the open invoices, totalled and
 * grouped per customer in SQL. `brands` limits it to the customers of those brands (null = all).
 */
export function agingReport(
  app: AppContext,
  input: { asOf?: string; brandId?: number },
  brands: BrandFilter = null,
): AgingReport {
  const asOf = input.asOf ?? today(app);
  const buckets = AGING_BUCKETS.map((bucket) => {
    const [from, to] = dueRange(bucket, asOf);
    const t = agingBucket(app.sqlite, { asOf, from, to }, brands);
    return { bucket, amount: t.amount, invoices: t.invoices, customersTotal: t.customersTotal, customers: t.customers };
  });
  const total = buckets.reduce((s, b) => s + b.amount, 0);
  return input.brandId === undefined ? { asOf, total, buckets } : { asOf, brandId: input.brandId, total, buckets };
}
