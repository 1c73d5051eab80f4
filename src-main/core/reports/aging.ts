import type { AgingReport } from '../../../src-shared/contract/reports';
import { AGING_BUCKETS } from '../../../src-shared/contract/reports';
import { daysBetween } from '../../../src-shared/dates';
import type { AppContext } from '../context';
import { today } from './common';

type Bucket = (typeof AGING_BUCKETS)[number];
const CUSTOMERS_PER_BUCKET = 500;

export function bucketOf(daysOverdue: number): Bucket {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return '1-30';
  if (daysOverdue <= 60) return '31-60';
  if (daysOverdue <= 90) return '61-90';
  return '90+';
}

/**
 * Accounts receivable by age: every open invoice (from the partial index invoices_open_idx) falls in
 * a bucket by days past its due date; each bucket lists its customers, largest debt first.
 */
export function agingReport(app: AppContext, input: { asOf?: string }): AgingReport {
  const asOf = input.asOf ?? today(app);
  const rows = app.sqlite
    .prepare(
      `SELECT customer_id AS c, due_date AS d, amount - paid_amount AS o FROM invoices INDEXED BY invoices_open_idx
       WHERE status IN ('unpaid', 'partial', 'overdue') AND amount > paid_amount AND invoice_date <= ?`,
    )
    .all(asOf) as { c: number; d: string; o: number }[];

  const per = new Map<Bucket, Map<number, { amount: number; invoices: number; oldestDueDate: string }>>(
    AGING_BUCKETS.map((b) => [b, new Map()]),
  );
  const totals = new Map<Bucket, { amount: number; invoices: number }>(AGING_BUCKETS.map((b) => [b, { amount: 0, invoices: 0 }]));
  for (const r of rows) {
    const b = bucketOf(daysBetween(r.d, asOf));
    const t = totals.get(b)!;
    t.amount += r.o;
    t.invoices += 1;
    const m = per.get(b)!;
    const c = m.get(r.c);
    if (c) {
      c.amount += r.o;
      c.invoices += 1;
      if (r.d < c.oldestDueDate) c.oldestDueDate = r.d;
    } else m.set(r.c, { amount: r.o, invoices: 1, oldestDueDate: r.d });
  }

  const info = app.sqlite.prepare('SELECT customer_code AS code, name, phone FROM customers WHERE id = ?');
  const buckets = AGING_BUCKETS.map((bucket) => {
    const m = per.get(bucket)!;
    const top = [...m.entries()].sort((a, b) => b[1].amount - a[1].amount || a[0] - b[0]).slice(0, CUSTOMERS_PER_BUCKET);
    return {
      bucket,
      ...totals.get(bucket)!,
      customersTotal: m.size,
      customers: top.map(([customerId, v]) => {
        const c = info.get(customerId) as { code: string; name: string; phone: string | null };
        return { customerId, customerCode: c.code, name: c.name, phone: c.phone, ...v };
      }),
    };
  });
  return { asOf, total: buckets.reduce((s, b) => s + b.amount, 0), buckets };
}
