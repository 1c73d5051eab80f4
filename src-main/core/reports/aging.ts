import type { AgingReport } from '../../../src-shared/contract/reports';
import { AGING_BUCKETS } from '../../../src-shared/contract/reports';
import { addDays } from '../../../src-shared/dates';
import type { AppContext } from '../context';
import { today } from './common';

type Bucket = (typeof AGING_BUCKETS)[number];
const CUSTOMERS_PER_BUCKET = 500;

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

const OPEN = `FROM invoices INDEXED BY invoices_open_idx
  WHERE status IN ('unpaid', 'partial', 'overdue') AND amount > paid_amount AND invoice_date <= @asOf
    AND due_date BETWEEN @from AND @to`;

/**
 * Accounts receivable by age. Each bucket is a due-date range of the partial covering index of open
 * invoices (invoices_open_idx), totalled and grouped per customer in SQL: no row per invoice reaches
 * JavaScript, so 70,000 open invoices take one pass of the index.
 */
export function agingReport(app: AppContext, input: { asOf?: string }): AgingReport {
  const asOf = input.asOf ?? today(app);
  const totals = app.sqlite.prepare(
    `SELECT count(*) AS invoices, coalesce(sum(amount - paid_amount), 0) AS amount, count(DISTINCT customer_id) AS customers ${OPEN}`,
  );
  const top = app.sqlite.prepare(
    `SELECT o.customerId, c.customer_code AS customerCode, c.name, c.phone, o.amount, o.invoices, o.oldestDueDate
     FROM (SELECT customer_id AS customerId, sum(amount - paid_amount) AS amount, count(*) AS invoices, min(due_date) AS oldestDueDate
           ${OPEN} GROUP BY customer_id ORDER BY amount DESC, customer_id LIMIT ${CUSTOMERS_PER_BUCKET}) o
     JOIN customers c ON c.id = o.customerId ORDER BY o.amount DESC, o.customerId`,
  );
  const buckets = AGING_BUCKETS.map((bucket) => {
    const [from, to] = dueRange(bucket, asOf);
    const t = totals.get({ asOf, from, to }) as { invoices: number; amount: number; customers: number };
    return {
      bucket,
      amount: t.amount,
      invoices: t.invoices,
      customersTotal: t.customers,
      customers: top.all({ asOf, from, to }) as AgingReport['buckets'][number]['customers'],
    };
  });
  return { asOf, total: buckets.reduce((s, b) => s + b.amount, 0), buckets };
}
