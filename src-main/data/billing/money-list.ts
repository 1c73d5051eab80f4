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
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    where.push(sql);
    params.push(v);
  };
  if (f.customerId) add(`${a}.customer_id = ?`, f.customerId);
  if (f.method) add(`${a}.method = ?`, f.method);
  if (f.status) add(`${a}.status = ?`, f.status);
  if (f.shiftId) add(`${a}.shift_id = ?`, f.shiftId);
  if (f.from) add(`${a}.${t.date} >= ?`, f.from);
  if (f.to) add(`${a}.${t.date} <= ?`, f.to);
  if (f.like) {
    where.push(
      `(lower(${a}.${t.number}) LIKE ? ESCAPE '\\' OR c.search_text LIKE ? ESCAPE '\\' OR lower(coalesce(${a}.reference_number, '')) LIKE ? ESCAPE '\\')`,
    );
    params.push(f.like, f.like, f.like);
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}
