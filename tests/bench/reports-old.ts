/**
 * The report queries as they were before issue 20's second round (commit 2b176b2), kept verbatim so the
 * equality test (tests/unit/reports/old-vs-new.test.ts) and the A/B bench (tests/bench/reports-ab.ts) can
 * run the old and the new side by side on the same database.
 */
import type { CustomersReport } from '../../src-shared/contract/reports';
import type { Sqlite } from '../../src-main/db/open';
import type { AppContext } from '../../src-main/core/context';
import { bucketKeys, monthBounds } from '../../src-main/core/reports/common';

const OPEN = `FROM invoices INDEXED BY invoices_open_idx
  WHERE status IN ('unpaid', 'partial', 'overdue') AND amount > paid_amount AND invoice_date <= @asOf
    AND due_date BETWEEN @from AND @to`;

type Range = { asOf: string; from: string; to: string };

function agingBucketOld(db: Sqlite, range: Range) {
  const t = db
    .prepare(
      `SELECT count(*) AS invoices, coalesce(sum(amount - paid_amount), 0) AS amount, count(DISTINCT customer_id) AS customers ${OPEN}`,
    )
    .get(range) as { invoices: number; amount: number; customers: number };
  const customers = db
    .prepare(
      `SELECT o.customerId, c.customer_code AS customerCode, c.name, c.phone, o.amount, o.invoices, o.oldestDueDate
     FROM (SELECT customer_id AS customerId, sum(amount - paid_amount) AS amount, count(*) AS invoices, min(due_date) AS oldestDueDate
           ${OPEN} GROUP BY customer_id ORDER BY amount DESC, customer_id LIMIT 500) o
     JOIN customers c ON c.id = o.customerId ORDER BY o.amount DESC, o.customerId`,
    )
    .all(range);
  return { invoices: t.invoices, amount: t.amount, customersTotal: t.customers, customers };
}

const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The old reports.aging body for one day. */
export function agingOld(db: Sqlite, asOf: string) {
  const ranges: [string, string, string][] = [
    ['current', asOf, '9999-12-31'],
    ['1-30', addDays(asOf, -30), addDays(asOf, -1)],
    ['31-60', addDays(asOf, -60), addDays(asOf, -31)],
    ['61-90', addDays(asOf, -90), addDays(asOf, -61)],
    ['90+', '0000-01-01', addDays(asOf, -91)],
  ];
  const buckets = ranges.map(([bucket, from, to]) => ({ bucket, ...agingBucketOld(db, { asOf, from, to }) }));
  return { asOf, total: buckets.reduce((s, b) => s + b.amount, 0), buckets };
}

/** The old reports.customers reads (the JS that shapes them is unchanged). */
export function customersReadsOld(db: Sqlite, from: string, to: string) {
  return {
    deltas: db
      .prepare(
        `SELECT substr(changed_on, 1, 7) AS m, sum((to_status = 'active') - (coalesce(from_status, '') = 'active')) AS d
         FROM customer_status_history GROUP BY m`,
      )
      .all(),
    joined: db
      .prepare(
        `SELECT substr(join_date, 1, 7) AS m, count(*) AS n FROM customers WHERE join_date BETWEEN ? AND ? GROUP BY m`,
      )
      .all(from, to),
    churned: db
      .prepare(
        `SELECT substr(changed_on, 1, 7) AS m, count(*) AS n FROM customer_status_history
         WHERE to_status = 'inactive' AND coalesce(from_status, '') != 'inactive' AND changed_on BETWEEN ? AND ? GROUP BY m`,
      )
      .all(from, to),
    byPackage: db
      .prepare(
        `SELECT p.id AS packageId, p.name, p.billing_cycle AS cycle, count(s.id) AS subscriptions, coalesce(sum(s.monthly_fee), 0) AS fees
         FROM internet_packages p JOIN subscriptions s ON s.internet_package_id = p.id AND s.status = 'active'
         GROUP BY p.id ORDER BY subscriptions DESC, p.name`,
      )
      .all(),
    byStatus: db.prepare(`SELECT status, count(*) AS customers FROM customers GROUP BY status ORDER BY status`).all(),
  };
}

/** The old reports.customers, reads and shaping (byPackage's fee spreading is unchanged and left out). */
export function customersReportOld(db: Sqlite, input: { from: string; to: string }) {
  const months = bucketKeys(input.from, input.to, 'month');
  const firstDay = monthBounds(months[0]!).first;
  const lastDay = monthBounds(months.at(-1)!).last;
  const r = customersReadsOld(db, firstDay, lastDay);
  const map = (rows: unknown[]) => new Map((rows as { m: string; n: number }[]).map((x) => [x.m, x.n]));
  const delta = new Map<string, number>();
  for (const x of r.deltas as { m: string; d: number }[]) delta.set(x.m, (delta.get(x.m) ?? 0) + x.d);
  let active = 0;
  for (const [m, d] of delta) if (m < months[0]!) active += d;
  const joined = map(r.joined);
  const churned = map(r.churned);
  const rows = months.map((period) => {
    const activeAtStart = active;
    active += delta.get(period) ?? 0;
    return {
      period,
      new: joined.get(period) ?? 0,
      churned: churned.get(period) ?? 0,
      activeAtStart,
      activeAtEnd: active,
    };
  });
  return { rows, byStatus: r.byStatus as CustomersReport['byStatus'] };
}

/** The dashboard reads this round changed (open invoice totals, customers per status), as they were. */
export function dashboardReadsOld(ctx: AppContext) {
  const db = ctx.sqlite;
  return {
    open: db
      .prepare(
        `SELECT count(*) AS invoices, coalesce(sum(amount - paid_amount), 0) AS amount,
            coalesce(sum(CASE WHEN due_date < @day THEN 1 END), 0) AS overdueInvoices,
            coalesce(sum(CASE WHEN due_date < @day THEN amount - paid_amount END), 0) AS overdueAmount,
            count(DISTINCT CASE WHEN due_date < @day THEN customer_id END) AS overdueCustomers
         FROM invoices INDEXED BY invoices_open_idx
         WHERE status IN ('unpaid', 'partial', 'overdue') AND amount > paid_amount`,
      )
      .get({ day: '2026-11-24' }),
    statuses: db.prepare('SELECT status, count(*) AS n FROM customers GROUP BY status ORDER BY status').all(),
  };
}
