import type { AgingReport } from '../../../src-shared/contract/reports';
import { AGING_BUCKETS } from '../../../src-shared/contract/reports';
import { addDays } from '../../../src-shared/dates';
import { agingRows } from '../../data/reports/aging.queries';
import type { BrandFilter } from '../../data/reports/brand-filter';
import type { AppContext } from '../context';
import { today } from './common';

/**
 * Accounts receivable by age: days overdue = asOf − due date, bucketed current / 1-30 / 31-60 / 61-90 /
 * 90+; totalled and grouped per customer in SQL in one pass (aging.queries). `brands` limits it to the
 * customers of those brands (null = all).
 */
export function agingReport(
  app: AppContext,
  input: { asOf?: string; brandId?: number },
  brands: BrandFilter = null,
): AgingReport {
  const asOf = input.asOf ?? today(app);
  const rows = agingRows(
    app.sqlite,
    { asOf, d30: addDays(asOf, -30), d60: addDays(asOf, -60), d90: addDays(asOf, -90) },
    brands,
  );
  const buckets = AGING_BUCKETS.map((bucket, i) => {
    const mine = rows.filter((r) => r.bucket === i);
    const first = mine[0];
    return {
      bucket,
      amount: first?.bucketAmount ?? 0,
      invoices: first?.bucketInvoices ?? 0,
      customersTotal: first?.customersTotal ?? 0,
      customers: mine.map((r) => ({
        customerId: r.customerId,
        customerCode: r.customerCode,
        name: r.name,
        phone: r.phone,
        amount: r.amount,
        invoices: r.invoices,
        oldestDueDate: r.oldestDueDate,
      })),
    };
  });
  const total = buckets.reduce((s, b) => s + b.amount, 0);
  return input.brandId === undefined ? { asOf, total, buckets } : { asOf, brandId: input.brandId, total, buckets };
}
