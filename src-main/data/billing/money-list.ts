import { whereOf } from '../sql';

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
}

export interface MoneyTable {
  alias: string;
  /** The business-date column (ISP zone), e.g. `payment_date`. */
  date: string;
  /** The document-number column, e.g. `payment_number`. */
  number: string;
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
    f.like && [
      `(lower(${a}.${t.number}) LIKE ? ESCAPE '\\' OR c.search_text LIKE ? ESCAPE '\\' OR lower(coalesce(${a}.reference_number, '')) LIKE ? ESCAPE '\\')`,
      f.like,
      f.like,
      f.like,
    ],
  ]);
}
