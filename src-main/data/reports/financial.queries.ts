/**
 * The financial report's sums. They read the trigger-maintained daily aggregates (report_daily_*), kept
 * per brand (drizzle/0028): `brands` keeps those brands' rows (null = every brand, the sum over them).
 * Voids come from the (few) void invoices, dated by when they were voided in the ISP zone.
 * `keyLength` characters of the `YYYY-MM-DD` day name a bucket (day, month or year).
 */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import { BRAND_COLUMN, BRAND_FILTER, type BrandFilter } from './brand-filter';

type Range = { from: string; to: string; brands: BrandFilter };
export type MethodTotal = { method: string; count: number; amount: number };

const IN_RANGE = `day BETWEEN @from AND @to ${BRAND_COLUMN('brand_id')}`;

export function invoicedByBucket(db: Sqlite, from: string, to: string, keyLength: number, brands: BrandFilter) {
  return prepared<Range, { k: string; invoiced: number; outstanding: number }>(
    db,
    `SELECT substr(day, 1, ${keyLength}) AS k, sum(invoiced) AS invoiced, sum(outstanding) AS outstanding
     FROM report_daily_invoices WHERE ${IN_RANGE} GROUP BY k`,
  ).all({ from, to, brands });
}

/** Money collected (deposit payments move no money). */
export function collectedByBucket(db: Sqlite, from: string, to: string, keyLength: number, brands: BrandFilter) {
  return prepared<Range, { k: string; collected: number; payments: number }>(
    db,
    `SELECT substr(day, 1, ${keyLength}) AS k, sum(amount) AS collected, sum(payments) AS payments
     FROM report_daily_payments WHERE ${IN_RANGE} AND method != 'deposit' GROUP BY k`,
  ).all({ from, to, brands });
}

export function refundedByBucket(db: Sqlite, from: string, to: string, keyLength: number, brands: BrandFilter) {
  return prepared<Range, { k: string; refunded: number; refunds: number }>(
    db,
    `SELECT substr(day, 1, ${keyLength}) AS k, sum(amount) AS refunded, sum(refunds) AS refunds
     FROM report_daily_refunds WHERE ${IN_RANGE} GROUP BY k`,
  ).all({ from, to, brands });
}

/** Invoices voided per bucket; `offset` is the SQLite modifier to the ISP's local time (`+7 hours`). */
export function voidedByBucket(
  db: Sqlite,
  q: { from: string; to: string; keyLength: number; offset: string },
  brands: BrandFilter,
) {
  return prepared<Range & { offset: string }, { k: string; voided: number }>(
    db,
    `SELECT substr(date(voided_at, @offset), 1, ${q.keyLength}) AS k, sum(amount) AS voided
     FROM invoices WHERE status = 'void' AND voided_at IS NOT NULL AND date(voided_at, @offset) BETWEEN @from AND @to
       ${BRAND_FILTER('customer_id')} GROUP BY k`,
  ).all({ from: q.from, to: q.to, offset: q.offset, brands });
}

/** Payments per method, deposit payments included, largest first. */
export function paymentsByMethod(db: Sqlite, from: string, to: string, brands: BrandFilter): MethodTotal[] {
  return prepared<Range, MethodTotal>(
    db,
    `SELECT method, sum(payments) AS count, sum(amount) AS amount FROM report_daily_payments
     WHERE ${IN_RANGE} GROUP BY method HAVING sum(payments) > 0 ORDER BY amount DESC`,
  ).all({ from, to, brands });
}

/** Money collected per method (deposit payments move no money), largest first. */
export function collectedByMethod(db: Sqlite, from: string, to: string, brands: BrandFilter): MethodTotal[] {
  return prepared<Range, MethodTotal>(
    db,
    `SELECT method, sum(payments) AS count, sum(amount) AS amount FROM report_daily_payments
     WHERE ${IN_RANGE} AND method != 'deposit' GROUP BY method HAVING sum(payments) > 0 ORDER BY amount DESC`,
  ).all({ from, to, brands });
}

export function collectedByCashier(
  db: Sqlite,
  from: string,
  to: string,
  brands: BrandFilter,
): { userId: number | null; name: string; count: number; amount: number }[] {
  return prepared<Range, { userId: number | null; name: string; count: number; amount: number }>(
    db,
    `SELECT nullif(p.received_by, 0) AS userId, coalesce(u.full_name, '—') AS name, sum(p.payments) AS count, sum(p.amount) AS amount
     FROM report_daily_payments p LEFT JOIN users u ON u.id = p.received_by
     WHERE p.day BETWEEN @from AND @to ${BRAND_COLUMN('p.brand_id')} AND p.method != 'deposit'
     GROUP BY p.received_by HAVING sum(p.payments) > 0 ORDER BY amount DESC`,
  ).all({ from, to, brands });
}

export function refundsByMethod(db: Sqlite, from: string, to: string, brands: BrandFilter): MethodTotal[] {
  return prepared<Range, MethodTotal>(
    db,
    `SELECT method, sum(refunds) AS count, sum(amount) AS amount FROM report_daily_refunds
     WHERE ${IN_RANGE} GROUP BY method HAVING sum(refunds) > 0 ORDER BY amount DESC`,
  ).all({ from, to, brands });
}

/** Money collected per day (deposit payments move no money). */
export function collectedByDay(db: Sqlite, from: string, to: string, brands: BrandFilter): Map<string, number> {
  const rows = prepared<Range, { day: string; collected: number }>(
    db,
    `SELECT day, sum(amount) AS collected FROM report_daily_payments
     WHERE ${IN_RANGE} AND method != 'deposit' GROUP BY day`,
  ).all({ from, to, brands });
  return new Map(rows.map((r) => [r.day, r.collected]));
}

/** Invoiced and still outstanding over a range of days. */
export function invoicedTotals(
  db: Sqlite,
  from: string,
  to: string,
  brands: BrandFilter,
): { invoiced: number; outstanding: number } {
  return prepared<Range, { invoiced: number; outstanding: number }>(
    db,
    `SELECT coalesce(sum(invoiced), 0) AS invoiced, coalesce(sum(outstanding), 0) AS outstanding
     FROM report_daily_invoices WHERE ${IN_RANGE}`,
  ).get({ from, to, brands })!;
}

export function invoicedSum(db: Sqlite, from: string, to: string, brands: BrandFilter): number {
  return prepared<Range, { v: number }>(
    db,
    `SELECT coalesce(sum(invoiced), 0) AS v FROM report_daily_invoices WHERE ${IN_RANGE}`,
  ).get({ from, to, brands })!.v;
}
