import type { Sqlite } from '../../db/open';
import { whereOf } from '../sql';
import { prepared } from '../statements';

/**
 * The filters the payments and refunds lists share (customer, method, status, shift, business-date
 * range, text), as one WHERE clause over a money table `alias` joined to customers as `c`.
 */
export interface MoneyListFilter {
  customerId?: number;
  method?: string;
  status?: string;
  shiftId?: number;
  from?: string;
  to?: string;
  /** A LIKE pattern (escaped with `\\`) matched against number, customer and reference. */
  like?: string;
  /** The brands the caller may see (null/absent = every brand). */
  brands?: number[] | null;
}

export interface MoneyTable {
  /** The table, e.g. `payments`, and its alias in the SQL. */
  table: string;
  alias: string;
  /** The business-date column (ISP zone), e.g. `payment_date`. */
  date: string;
  /** The document-number column, e.g. `payment_number`. */
  number: string;
  /** The instant column the list is ordered by, newest first, e.g. `paid_at`. */
  at: string;
  /** The list's SELECT … FROM … JOIN customers c (no WHERE). */
  select: string;
}

export function moneyListWhere(t: MoneyTable, f: MoneyListFilter): { where: string; params: unknown[] } {
  const a = t.alias;
  return whereOf([
    f.customerId && [`${a}.customer_id = ?`, f.customerId],
    f.method && [`${a}.method = ?`, f.method],
    f.status && [`${a}.status = ?`, f.status],
    f.shiftId && [`${a}.shift_id = ?`, f.shiftId],
    f.from && [`${a}.${t.date} >= ?`, f.from],
    f.to && [`${a}.${t.date} <= ?`, f.to],
    f.brands && ['c.brand_id IN (SELECT value FROM json_each(?))', JSON.stringify(f.brands)],
    f.like && [
      `(lower(${a}.${t.number}) LIKE ? ESCAPE '\\' OR c.search_text LIKE ? ESCAPE '\\' OR lower(coalesce(${a}.reference_number, '')) LIKE ? ESCAPE '\\')`,
      f.like,
      f.like,
      f.like,
    ],
  ]);
}

/** One page of a money list, newest first, with the filter's count and the total of its live records. */
export function pageMoneyList<R>(
  db: Sqlite,
  t: MoneyTable,
  f: MoneyListFilter & { page: number; pageSize: number },
): { rows: R[]; total: number; totalAmount: number } {
  const { where: w, params } = moneyListWhere(t, f);
  const a = t.alias;
  const agg = prepared<unknown[], { n: number; amount: number }>(
    db,
    `SELECT count(*) AS n, coalesce(sum(CASE WHEN ${a}.status = 'live' THEN ${a}.amount ELSE 0 END), 0) AS amount
       FROM ${t.table} ${a} JOIN customers c ON c.id = ${a}.customer_id ${w}`,
  ).get(...params)!;
  const rows = prepared<unknown[], R>(
    db,
    `${t.select} ${w} ORDER BY ${a}.${t.at} DESC, ${a}.id DESC LIMIT ? OFFSET ?`,
  ).all(...params, f.pageSize, (f.page - 1) * f.pageSize);
  return { rows, total: agg.n, totalAmount: agg.amount };
}
