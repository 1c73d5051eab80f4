import type { AgingReport } from '../../../src-shared/contract/reports';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import { BRAND_FILTER, type BrandFilter } from './brand-filter';

/** The largest debtors listed per bucket. */
export const CUSTOMERS_PER_BUCKET = 500;

const OPEN = `FROM invoices INDEXED BY invoices_open_idx
  WHERE status IN ('unpaid', 'partial', 'overdue') AND amount > paid_amount AND invoice_date <= @asOf
    AND due_date BETWEEN @from AND @to ${BRAND_FILTER('customer_id')}`;

type Range = { asOf: string; from: string; to: string };

/*
 * Issue 20 tried one pass for all five buckets (window functions for the totals and the 500 largest, or
 * conditional sums grouped in customer order on a second partial index): both were 2–3× slower at
 * 50,000 customers than these per-bucket range reads (BENCHMARKS.md, "Reports: old vs new"), so they stay.
 */

/**
 * Open invoices issued by `asOf` and due in [from, to]: totals, and the customers owing most. Reads the
 * partial covering index of open invoices (invoices_open_idx), totalled and grouped per customer in SQL:
 * no row per invoice reaches JavaScript. `brands` keeps only those brands' customers (null = all).
 */
export function agingBucket(db: Sqlite, range: Range, brands: BrandFilter) {
  const params = { ...range, brands };
  const t = prepared<typeof params, { invoices: number; amount: number; customers: number }>(
    db,
    `SELECT count(*) AS invoices, coalesce(sum(amount - paid_amount), 0) AS amount, count(DISTINCT customer_id) AS customers ${OPEN}`,
  ).get(params)!;
  const customers = prepared<typeof params, AgingReport['buckets'][number]['customers'][number]>(
    db,
    `SELECT o.customerId, c.customer_code AS customerCode, c.name, c.phone, o.amount, o.invoices, o.oldestDueDate
     FROM (SELECT customer_id AS customerId, sum(amount - paid_amount) AS amount, count(*) AS invoices, min(due_date) AS oldestDueDate
           ${OPEN} GROUP BY customer_id ORDER BY amount DESC, customer_id LIMIT ${CUSTOMERS_PER_BUCKET}) o
     JOIN customers c ON c.id = o.customerId ORDER BY o.amount DESC, o.customerId`,
  ).all(params);
  return { invoices: t.invoices, amount: t.amount, customersTotal: t.customers, customers };
}
