import type { AgingReport } from '../../../src-shared/contract/reports';
import { AGING_BUCKETS } from '../../../src-shared/contract/reports';
import { addDays } from '../../../src-shared/dates';
import { agingBucket, CUSTOMERS_PER_BUCKET } from '../../data/reports/aging.queries';
import { agingSummaryDebtors, agingSummaryTotals, rollAgingSummary } from '../../data/reports/aging-summary.queries';
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
 * grouped per customer. As of today (the screen's default) it reads the trigger-kept summaries
 * (drizzle/0031), moved to today first; another day reads the open invoices themselves.
 * `brands` limits it to the customers of those brands (null = all).
 */
export function agingReport(
  app: AppContext,
  input: { asOf?: string; brandId?: number },
  brands: BrandFilter = null,
): AgingReport {
  const day = today(app);
  const asOf = input.asOf ?? day;
  const buckets = asOf === day ? summaryBuckets(app, day, brands) : ledgerBuckets(app, asOf, brands);
  const total = buckets.reduce((s, b) => s + b.amount, 0);
  return input.brandId === undefined ? { asOf, total, buckets } : { asOf, brandId: input.brandId, total, buckets };
}

/** Today's buckets from the summaries: a few total rows and the first 500 debtors of each brand per bucket. */
function summaryBuckets(app: AppContext, day: string, brands: BrandFilter): AgingReport['buckets'] {
  rollAgingSummary(app.sqlite, day);
  const totals = new Map(agingSummaryTotals(app.sqlite, brands).map((t) => [t.bucket, t]));
  return AGING_BUCKETS.map((bucket, i) => {
    const t = totals.get(i);
    return {
      bucket,
      amount: t?.amount ?? 0,
      invoices: t?.invoices ?? 0,
      customersTotal: t?.customers ?? 0,
      customers: agingSummaryDebtors(app.sqlite, i, brands, CUSTOMERS_PER_BUCKET),
    };
  });
}

/** Any other day: two range reads of the open invoices' partial index per bucket (also the tests' yardstick). */
export function ledgerBuckets(app: AppContext, asOf: string, brands: BrandFilter): AgingReport['buckets'] {
  return AGING_BUCKETS.map((bucket) => {
    const [from, to] = dueRange(bucket, asOf);
    const t = agingBucket(app.sqlite, { asOf, from, to }, brands);
    return { bucket, amount: t.amount, invoices: t.invoices, customersTotal: t.customersTotal, customers: t.customers };
  });
}
