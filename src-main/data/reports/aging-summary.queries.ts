/**
 * Reads and day moves of the aging summaries (drizzle/0031_report_aging_summaries.sql): open invoices per
 * customer × age bucket as of report_aging_state.as_of, with per-brand totals, kept by triggers.
 */
import { addDays } from '../../../src-shared/dates';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import { BRAND_COLUMN, type BrandFilter } from './brand-filter';
import type { OpenInvoiceTotals } from './dashboard.queries';

const OPEN = `i.status IN ('unpaid', 'partial', 'overdue') AND i.amount > i.paid_amount`;

/** The day the summaries are bucketed for. */
export function agingSummaryDay(db: Sqlite): string {
  return prepared<[], { asOf: string }>(db, 'SELECT as_of AS asOf FROM report_aging_state WHERE id = 1').get()!.asOf;
}

/**
 * Moves the summaries to `day` (the ISP's today): an invoice changes bucket only when a bucket edge (due
 * date = as_of, as_of − 30, − 60, − 90) passes its due date, or becomes issued when as_of passes its
 * invoice date, so only the customers with such an open invoice are re-read (none on most days; after a
 * due day, that day's debtors). Each window is widened by a day on both sides: re-reading a customer whose
 * rows did not change is harmless. One IMMEDIATE transaction; returns the customers re-read.
 */
export function rollAgingSummary(db: Sqlite, day: string): number {
  return db
    .transaction(() => {
      const from = agingSummaryDay(db);
      if (from === day) return 0;
      const [lo, hi] = from < day ? [from, day] : [day, from];
      const edges = [0, 30, 60, 90].map((d) => [addDays(lo, -d - 1), addDays(hi, -d + 1)]);
      const ids = prepared<Record<string, string>, number>(
        db,
        `SELECT i.customer_id FROM invoices i INDEXED BY invoices_open_idx WHERE ${OPEN}
           AND (i.due_date BETWEEN @f0 AND @t0 OR i.due_date BETWEEN @f1 AND @t1 OR i.due_date BETWEEN @f2 AND @t2
             OR i.due_date BETWEEN @f3 AND @t3)
         UNION SELECT i.customer_id FROM invoices i INDEXED BY invoices_date_idx WHERE i.invoice_date BETWEEN @fi AND @ti AND ${OPEN}`,
      )
        .pluck()
        .all({
          ...Object.fromEntries(
            edges.flatMap(([f, t], k) => [
              [`f${k}`, f!],
              [`t${k}`, t!],
            ]),
          ),
          fi: addDays(lo, -1),
          ti: addDays(hi, 1),
        });
      prepared<[string], unknown>(db, 'UPDATE report_aging_state SET as_of = ? WHERE id = 1').run(day);
      if (!ids.length) return 0;
      const json = JSON.stringify(ids);
      prepared<[string], unknown>(
        db,
        'DELETE FROM report_aging_customers WHERE customer_id IN (SELECT value FROM json_each(?))',
      ).run(json);
      prepared<[string], unknown>(
        db,
        `INSERT INTO report_aging_customers(customer_id, bucket, issued, brand_id, invoices, owed, oldest_due)
         SELECT i.customer_id, CASE WHEN i.due_date >= s.as_of THEN 0 WHEN i.due_date >= date(s.as_of, '-30 days') THEN 1
             WHEN i.due_date >= date(s.as_of, '-60 days') THEN 2 WHEN i.due_date >= date(s.as_of, '-90 days') THEN 3 ELSE 4 END AS b,
           i.invoice_date <= s.as_of AS iss, c.brand_id, count(*), sum(i.amount - i.paid_amount), min(i.due_date)
         FROM invoices i INDEXED BY invoices_customer_idx JOIN customers c ON c.id = i.customer_id JOIN report_aging_state s ON s.id = 1
         WHERE i.customer_id IN (SELECT value FROM json_each(?)) AND ${OPEN} GROUP BY i.customer_id, b, iss`,
      ).run(json);
      return ids.length;
    })
    .immediate();
}

export interface BucketTotals {
  bucket: number;
  customers: number;
  invoices: number;
  amount: number;
}

/** Issued open invoices per bucket (0 current … 4 = 90+) for `brands`: customers, invoices, money owed. */
export function agingSummaryTotals(db: Sqlite, brands: BrandFilter): BucketTotals[] {
  return prepared<{ brands: BrandFilter }, BucketTotals>(
    db,
    `SELECT bucket, sum(customers) AS customers, sum(invoices) AS invoices, sum(owed) AS amount
     FROM report_aging_totals WHERE issued = 1 ${BRAND_COLUMN('brand_id')} GROUP BY bucket`,
  ).all({ brands });
}

export interface Debtor {
  customerId: number;
  customerCode: string;
  name: string;
  phone: string | null;
  amount: number;
  invoices: number;
  oldestDueDate: string;
}

/**
 * The `limit` customers owing most in a bucket (issued invoices), ties by customer id: the first `limit` of
 * each brand in the order of report_aging_top_idx (a customer belongs to one brand), merged in SQL, so only
 * the `limit` listed reach JavaScript and the customers table.
 */
export function agingSummaryDebtors(db: Sqlite, bucket: number, brands: BrandFilter, limit: number): Debtor[] {
  const ids = brands
    ? (JSON.parse(brands) as number[])
    : prepared<[number], number>(
        db,
        'SELECT brand_id FROM report_aging_totals WHERE bucket = ? AND issued = 1 AND customers > 0 ORDER BY brand_id',
      )
        .pluck()
        .all(bucket);
  if (!ids.length) return [];
  const perBrand = `SELECT * FROM (SELECT customer_id, owed, invoices, oldest_due FROM report_aging_customers INDEXED BY report_aging_top_idx
    WHERE brand_id = ? AND bucket = ? AND issued = 1 ORDER BY owed DESC, customer_id LIMIT ${limit})`;
  return prepared<number[], Debtor>(
    db,
    `SELECT a.customer_id AS customerId, c.customer_code AS customerCode, c.name, c.phone, a.owed AS amount,
            a.invoices, a.oldest_due AS oldestDueDate
     FROM (${ids.map(() => perBrand).join(' UNION ALL ')} ORDER BY owed DESC, customer_id LIMIT ${limit}) a
     JOIN customers c ON c.id = a.customer_id ORDER BY a.owed DESC, a.customer_id`,
  ).all(...ids.flatMap((b) => [b, bucket]));
}

/** Every open invoice (issued or not) and those due before as_of, for `brands`: the dashboard's figures. */
export function openSummaryTotals(db: Sqlite, brands: BrandFilter): OpenInvoiceTotals {
  return prepared<{ brands: BrandFilter }, OpenInvoiceTotals>(
    db,
    `SELECT coalesce(sum(invoices), 0) AS invoices, coalesce(sum(owed), 0) AS amount,
            coalesce(sum(CASE WHEN bucket > 0 THEN invoices END), 0) AS overdueInvoices,
            coalesce(sum(CASE WHEN bucket > 0 THEN owed END), 0) AS overdueAmount,
            (SELECT coalesce(sum(customers), 0) FROM report_aging_overdue WHERE 1 ${BRAND_COLUMN('brand_id')}) AS overdueCustomers
     FROM report_aging_totals WHERE 1 ${BRAND_COLUMN('brand_id')}`,
  ).get({ brands })!;
}
