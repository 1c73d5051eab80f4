import type { FinancialReport } from '../../../src-shared/contract/reports';
import type { AppContext } from '../context';
import { bucketKeys, KEY_LENGTH, sqlOffset, type GroupBy } from './common';

/**
 * Invoiced, collected, voided and still-outstanding money per day/month/year, deposit refunds paid out,
 * with the split by payment method and by cashier. Reads the trigger-maintained daily aggregates; voids come from the (few) void
 * invoices, dated by when they were voided in the ISP zone.
 */
export function financialReport(
  app: AppContext,
  input: { from: string; to: string; groupBy: GroupBy },
): FinancialReport {
  const { from, to, groupBy } = input;
  const len = KEY_LENGTH[groupBy];
  const db = app.sqlite;
  const inv = db
    .prepare(
      `SELECT substr(day, 1, ${len}) AS k, sum(invoiced) AS invoiced, sum(outstanding) AS outstanding
       FROM report_daily_invoices WHERE day BETWEEN ? AND ? GROUP BY k`,
    )
    .all(from, to) as { k: string; invoiced: number; outstanding: number }[];
  const pay = db
    .prepare(
      `SELECT substr(day, 1, ${len}) AS k, sum(amount) AS collected, sum(payments) AS payments
       FROM report_daily_payments WHERE day BETWEEN ? AND ? AND method != 'deposit' GROUP BY k`,
    )
    .all(from, to) as { k: string; collected: number; payments: number }[];
  const refunds = db
    .prepare(
      `SELECT substr(day, 1, ${len}) AS k, sum(amount) AS refunded, sum(refunds) AS refunds
       FROM report_daily_refunds WHERE day BETWEEN ? AND ? GROUP BY k`,
    )
    .all(from, to) as { k: string; refunded: number; refunds: number }[];
  const voids = db
    .prepare(
      `SELECT substr(date(voided_at, ?), 1, ${len}) AS k, sum(amount) AS voided
       FROM invoices WHERE status = 'void' AND voided_at IS NOT NULL AND date(voided_at, ?) BETWEEN ? AND ? GROUP BY k`,
    )
    .all(sqlOffset(app), sqlOffset(app), from, to) as { k: string; voided: number }[];

  const byKey = new Map(
    bucketKeys(from, to, groupBy).map((key) => [
      key,
      { key, invoiced: 0, collected: 0, voided: 0, outstanding: 0, payments: 0, refunded: 0, refunds: 0 },
    ]),
  );
  for (const r of inv) Object.assign(byKey.get(r.k) ?? {}, { invoiced: r.invoiced, outstanding: r.outstanding });
  for (const r of pay) Object.assign(byKey.get(r.k) ?? {}, { collected: r.collected, payments: r.payments });
  for (const r of voids) Object.assign(byKey.get(r.k) ?? {}, { voided: r.voided });
  for (const r of refunds) Object.assign(byKey.get(r.k) ?? {}, { refunded: r.refunded, refunds: r.refunds });
  const buckets = [...byKey.values()];
  const totals = buckets.reduce(
    (t, b) => ({
      invoiced: t.invoiced + b.invoiced,
      collected: t.collected + b.collected,
      voided: t.voided + b.voided,
      outstanding: t.outstanding + b.outstanding,
      payments: t.payments + b.payments,
      refunded: t.refunded + b.refunded,
      refunds: t.refunds + b.refunds,
    }),
    { invoiced: 0, collected: 0, voided: 0, outstanding: 0, payments: 0, refunded: 0, refunds: 0 },
  );

  const byMethod = db
    .prepare(
      `SELECT method, sum(payments) AS count, sum(amount) AS amount FROM report_daily_payments
       WHERE day BETWEEN ? AND ? GROUP BY method HAVING sum(payments) > 0 ORDER BY amount DESC`,
    )
    .all(from, to) as { method: string; count: number; amount: number }[];
  const byCashier = db
    .prepare(
      `SELECT nullif(p.received_by, 0) AS userId, coalesce(u.full_name, '—') AS name, sum(p.payments) AS count, sum(p.amount) AS amount
       FROM report_daily_payments p LEFT JOIN users u ON u.id = p.received_by
       WHERE p.day BETWEEN ? AND ? AND p.method != 'deposit' GROUP BY p.received_by HAVING sum(p.payments) > 0 ORDER BY amount DESC`,
    )
    .all(from, to) as { userId: number | null; name: string; count: number; amount: number }[];

  const refundsByMethod = db
    .prepare(
      `SELECT method, sum(refunds) AS count, sum(amount) AS amount FROM report_daily_refunds
       WHERE day BETWEEN ? AND ? GROUP BY method HAVING sum(refunds) > 0 ORDER BY amount DESC`,
    )
    .all(from, to) as { method: string; count: number; amount: number }[];

  return { from, to, groupBy, buckets, totals, byMethod, byCashier, refundsByMethod };
}
