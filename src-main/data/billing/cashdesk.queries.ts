/**
 * The cash desk's lookup: customers by code, name, phone, PPPoE username or invoice number, and what
 * the cashier sees of each. Raw SQL on purpose: each query is a single index probe (the hot path).
 */
import type { Sqlite } from '../../db/open';
import { hitIndex, shortNeedleHits, termsBeginning } from '../customers-search';
import { likePattern, trigramSearchable } from '../sql';
import { prepared } from '../statements';

const ids = (db: Sqlite, sql: string, ...p: unknown[]) =>
  prepared<unknown[], { id: number }>(db, sql)
    .all(...p)
    .map((r) => r.id);

/** Exact hits on unique indexes: customer code, PPPoE username, invoice number (in that order). */
export function exactCustomerHits(db: Sqlite, query: string): number[] {
  return [
    ...ids(db, 'SELECT id FROM customers WHERE customer_code = ?', query.toUpperCase()),
    ...ids(db, 'SELECT customer_id AS id FROM pppoe_accounts WHERE username = ? COLLATE NOCASE', query),
    ...ids(db, 'SELECT customer_id AS id FROM invoices WHERE invoice_number = ?', query.toUpperCase()),
  ];
}

/**
 * Substring hits, each source cut at `limit`: customers in id order, then PPPoE usernames in username order
 * (the desk shows them exact hits first, then active ones, by code). A needle of 4+ digits or 3+ characters
 * takes its customers from the index that answers it exactly (hitIndex): customers_fts yields its hits in
 * rowid order, so the first `limit` are read and no more, however many there are (in search-text order,
 * every hit was sorted or customers_search_idx walked: 'wati lest', 'santoso' 2–3 ms at 50,000 customers);
 * customer_digit_terms' range is sorted by id. A shorter needle takes its hits from the trigram terms when
 * they are few (shortNeedleHits); otherwise it, or digits with separators, scans the table and stops at the
 * first `limit` hits.
 */
export function partialCustomerHits(db: Sqlite, needle: string, limit: number): number[] {
  const index = hitIndex(needle);
  const like = likePattern(needle);
  const customers = index
    ? prepared<object, { id: number }>(
        db,
        `SELECT ${index.id} AS id FROM ${index.from} WHERE ${index.where} ORDER BY ${index.id} LIMIT @limit`,
      )
        .all({ ...index.params, limit })
        .map((r) => r.id)
    : (shortNeedleHits(db, needle)?.slice(0, limit) ??
      ids(
        db,
        "SELECT id FROM customers NOT INDEXED WHERE search_text LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
        like,
        limit,
      ));
  const accounts = trigramSearchable(needle)
    ? ids(
        db,
        'SELECT a.customer_id AS id FROM pppoe_accounts_fts f JOIN pppoe_accounts a ON a.id = f.rowid WHERE f.username LIKE ? ORDER BY a.username LIMIT ?',
        `%${needle}%`,
        limit,
      )
    : shortAccounts(db, needle, limit);
  return [...customers, ...accounts];
}

/**
 * PPPoE usernames holding a needle of 1–2 ASCII characters, in username order: the candidates come from
 * pppoe_accounts_fts's terms that begin with it and the usernames ending with it (as shortNeedleHits; this
 * index folds case, more widely than LIKE, so each candidate is tested with LIKE). A longer needle, a
 * non-ASCII one, or one whose terms are in many usernames walks the username index (a scan).
 */
function shortAccounts(db: Sqlite, needle: string, limit: number): number[] {
  const like = likePattern(needle);
  const text = needle.toLowerCase();
  const size = text.length;
  const terms =
    size <= 2 && /^[\x20-\x7e]+$/.test(text) ? termsBeginning(db, 'pppoe_accounts_fts_terms', text, size) : null;
  if (terms === null)
    return ids(
      db,
      "SELECT customer_id AS id FROM pppoe_accounts WHERE username LIKE ? ESCAPE '\\' ORDER BY username COLLATE NOCASE LIMIT ?",
      like,
      limit,
    );
  const found = [
    ...(terms ? ids(db, 'SELECT rowid AS id FROM pppoe_accounts_fts WHERE pppoe_accounts_fts MATCH ?', terms) : []),
    ...(size === 2
      ? ids(db, 'SELECT id FROM pppoe_accounts WHERE substr(username, -2) = ? COLLATE NOCASE', text)
      : ids(
          db,
          `SELECT id FROM pppoe_accounts WHERE substr(username, -2) COLLATE NOCASE BETWEEN ? AND ? || char(1114111)
           UNION SELECT id FROM pppoe_accounts WHERE substr(username, -1) = ? COLLATE NOCASE`,
          text,
          text,
          text,
        )),
  ];
  return ids(
    db,
    `SELECT customer_id AS id FROM pppoe_accounts WHERE id IN (SELECT value FROM json_each(?)) AND username LIKE ? ESCAPE '\\'
     ORDER BY username COLLATE NOCASE LIMIT ?`,
    JSON.stringify(found),
    like,
    limit,
  );
}

/** Whether each customer is active, and its code: the order in which hits are shown. */
export function customerRanks(db: Sqlite, customerIds: number[]): Map<number, { active: number; code: string }> {
  if (!customerIds.length) return new Map();
  const rows = prepared<number[], { id: number; active: number; code: string }>(
    db,
    `SELECT id, status = 'active' AS active, customer_code AS code FROM customers WHERE id IN (${customerIds.map(() => '?').join(',')})`,
  ).all(...customerIds);
  return new Map(rows.map((r) => [r.id, r]));
}

export interface CashdeskCustomerRow {
  id: number;
  customerCode: string;
  name: string;
  phone: string | null;
  address: string | null;
  status: string;
  deposit: number;
}

export function cashdeskCustomer(db: Sqlite, id: number): CashdeskCustomerRow | undefined {
  return prepared<[number], CashdeskCustomerRow>(
    db,
    `SELECT id, customer_code AS customerCode, name, phone, address, status, deposit FROM customers WHERE id = ?`,
  ).get(id);
}

export function accountsOf(db: Sqlite, customerId: number): { username: string; status: string }[] {
  return prepared<[number], { username: string; status: string }>(
    db,
    `SELECT username, status FROM pppoe_accounts WHERE customer_id = ? ORDER BY username`,
  ).all(customerId);
}
