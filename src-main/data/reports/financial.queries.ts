/**
 * The financial report's sums. They read the trigger-maintained daily aggregates (report_daily_*);
 * voids come from the (few) void invoices, dated by when they were voided in the ISP zone.
 * `keyLength` characters of the `YYYY-MM-DD` day name a bucket (day, month or year).
 */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

type Range = [string, string];
export type MethodTotal = { method: string; count: number; amount: number };

export function invoicedByBucket(db: Sqlite, from: string, to: string, keyLength: number) {
  return prepared<Range, { k: string; invoiced: number; outstanding: number }>(
    db,
    `SELECT substr(day, 1, ${keyLength}) AS k, sum(invoiced) AS invoiced, sum(outstanding) AS outstanding
     FROM report_daily_invoices WHERE day BETWEEN ? AND ? GROUP BY k`,
  ).all(from, to);
}

/** Money collected (deposit payments move no money). */
export function collectedByBucket(db: Sqlite, from: string, to: string, keyLength: number) {
  return prepared<Range, { k: string; collected: number; payments: number }>(
    db,
    `SELECT substr(day, 1, ${keyLength}) AS k, sum(amount) AS collected, sum(payments) AS payments
     FROM report_daily_payments WHERE day BETWEEN ? AND ? AND method != 'deposit' GROUP BY k`,
  ).all(from, to);
}

export function refundedByBucket(db: Sqlite, from: string, to: string, keyLength: number) {
  return prepared<Range, { k: string; refunded: number; refunds: number }>(
    db,
    `SELECT substr(day, 1, ${keyLength}) AS k, sum(amount) AS refunded, sum(refunds) AS refunds
     FROM report_daily_refunds WHERE day BETWEEN ? AND ? GROUP BY k`,
  ).all(from, to);
}

/** Invoices voided per bucket; `offset` is the SQLite modifier to the ISP's local time (`+7 hours`). */
export function voidedByBucket(db: Sqlite, from: string, to: string, keyLength: number, offset: string) {
  return prepared<[string, string, string, string], { k: string; voided: number }>(
    db,
    `SELECT substr(date(voided_at, ?), 1, ${keyLength}) AS k, sum(amount) AS voided
     FROM invoices WHERE status = 'void' AND voided_at IS NOT NULL AND date(voided_at, ?) BETWEEN ? AND ? GROUP BY k`,
  ).all(offset, offset, from, to);
}

/** Payments per method, deposit payments included, largest first. */
export function paymentsByMethod(db: Sqlite, from: string, to: string): MethodTotal[] {
  return prepared<Range, MethodTotal>(
    db,
    `SELECT method, sum(payments) AS count, sum(amount) AS amount FROM report_daily_payments
     WHERE day BETWEEN ? AND ? GROUP BY method HAVING sum(payments) > 0 ORDER BY amount DESC`,
  ).all(from, to);
}

/** Money collected per method (deposit payments move no money), largest first. */
export function collectedByMethod(db: Sqlite, from: string, to: string): MethodTotal[] {
  return prepared<Range, MethodTotal>(
    db,
    `SELECT method, sum(payments) AS count, sum(amount) AS amount FROM report_daily_payments
     WHERE day BETWEEN ? AND ? AND method != 'deposit' GROUP BY method HAVING sum(payments) > 0 ORDER BY amount DESC`,
  ).all(from, to);
}

export function collectedByCashier(
  db: Sqlite,
  from: string,
  to: string,
): { userId: number | null; name: string; count: number; amount: number }[] {
  return prepared<Range, { userId: number | null; name: string; count: number; amount: number }>(
    db,
    `SELECT nullif(p.received_by, 0) AS userId, coalesce(u.full_name, '—') AS name, sum(p.payments) AS count, sum(p.amount) AS amount
     FROM report_daily_payments p LEFT JOIN users u ON u.id = p.received_by
     WHERE p.day BETWEEN ? AND ? AND p.method != 'deposit' GROUP BY p.received_by HAVING sum(p.payments) > 0 ORDER BY amount DESC`,
  ).all(from, to);
}

export function refundsByMethod(db: Sqlite, from: string, to: string): MethodTotal[] {
  return prepared<Range, MethodTotal>(
    db,
    `SELECT method, sum(refunds) AS count, sum(amount) AS amount FROM report_daily_refunds
     WHERE day BETWEEN ? AND ? GROUP BY method HAVING sum(refunds) > 0 ORDER BY amount DESC`,
  ).all(from, to);
}

/** Money collected per day (deposit payments move no money). */
export function collectedByDay(db: Sqlite, from: string, to: string): Map<string, number> {
  const rows = prepared<Range, { day: string; collected: number }>(
    db,
    `SELECT day, sum(amount) AS collected FROM report_daily_payments
     WHERE day BETWEEN ? AND ? AND method != 'deposit' GROUP BY day`,
  ).all(from, to);
  return new Map(rows.map((r) => [r.day, r.collected]));
}

/** Invoiced and still outstanding over a range of days. */
export function invoicedTotals(db: Sqlite, from: string, to: string): { invoiced: number; outstanding: number } {
  return prepared<Range, { invoiced: number; outstanding: number }>(
    db,
    `SELECT coalesce(sum(invoiced), 0) AS invoiced, coalesce(sum(outstanding), 0) AS outstanding
     FROM report_daily_invoices WHERE day BETWEEN ? AND ?`,
  ).get(from, to)!;
}

export function invoicedSum(db: Sqlite, from: string, to: string): number {
  return prepared<Range, { v: number }>(
    db,
    'SELECT coalesce(sum(invoiced), 0) AS v FROM report_daily_invoices WHERE day BETWEEN ? AND ?',
  ).get(from, to)!.v;
}
