import type { Customer } from '../../src-shared/contract/customers';
import type { Sqlite } from '../db/open';
import { COUNT_CAP, hitIndex, phraseSearch, ROW_READ, shortNeedleHits, type SearchPage } from './customers-search';
import type { PageOrder } from './customers-search-types';
import { likePattern } from './sql';
import { prepared } from './statements';

const SELECT = `
  SELECT c.id, c.customer_code AS customerCode, c.name, c.address, c.phone, c.email, c.id_card AS idCard,
         c.status, c.join_date AS joinDate, c.deposit, c.notes, c.never_isolate AS neverIsolate, c.erased_at AS erasedAt,
         c.created_by AS createdBy, u.full_name AS createdByName, c.created_at AS createdAt, c.updated_at AS updatedAt, c.brand_id AS brandId
  FROM customers c LEFT JOIN users u ON u.id = c.created_by`;

type CustomerRow = Omit<Customer, 'neverIsolate'> & { neverIsolate: number };
const toCustomer = (r: CustomerRow): Customer => ({ ...r, neverIsolate: r.neverIsolate === 1 });

export type CustomerSortField = 'customerCode' | 'name' | 'joinDate' | 'status' | 'deposit' | 'createdAt';

const SORT_COLUMNS: Record<CustomerSortField, string> = {
  customerCode: 'c.customer_code',
  name: 'c.name COLLATE NOCASE',
  joinDate: 'c.join_date',
  status: 'c.status',
  deposit: 'c.deposit',
  createdAt: 'c.id',
};

export function findCustomer(db: Sqlite, id: number): Customer | undefined {
  const row = prepared<[number], CustomerRow>(db, `${SELECT} WHERE c.id = ?`).get(id);
  return row && toCustomer(row);
}

export interface CustomerPageQuery {
  status?: Customer['status'];
  sort: { field: CustomerSortField; dir: 'asc' | 'desc' };
  limit: number;
  offset: number;
  /** The brands the caller may see (null/absent = every brand). */
  brands?: number[] | null;
  /** A search counts its hits exactly up to this many (default COUNT_CAP), then says "at least". */
  countCap?: number;
}

type PageParams = { status: string | null; limit: number; offset: number; brands?: string };

function pageParts(q: CustomerPageQuery) {
  const dir = q.sort.dir === 'desc' ? 'DESC' : 'ASC';
  return {
    order: `${SORT_COLUMNS[q.sort.field]} ${dir}, c.id ${dir}`,
    params: {
      status: q.status ?? null,
      limit: q.limit,
      offset: q.offset,
      ...(q.brands ? { brands: JSON.stringify(q.brands) } : {}),
    },
  };
}

/**
 * How each sort pages the hits (see phraseSearch): the index that walks it ('' is the rowid; deposit has
 * none). The name order (the list's default) has indexes holding the search text and status, alone and
 * within one status, and a narrow one keyed by id to look the hits up in (drizzle/0033).
 */
type SortPaging = Omit<PageOrder, 'order' | 'limit' | 'offset' | 'cap'>;
const viaTable = (index: string | null): SortPaging => ({ index, rowCost: ROW_READ, hitCost: ROW_READ });
const SORT_PAGING: Record<CustomerSortField, SortPaging> = {
  customerCode: viaTable('customers_code_uq'),
  name: {
    index: 'customers_name_walk_idx',
    rowCost: 1,
    statusIndex: 'customers_status_walk_idx',
    hitsIndex: 'customers_hits_idx',
    hitCost: 2,
  },
  joinDate: viaTable('customers_join_date_idx'),
  status: viaTable('customers_status_idx'),
  deposit: viaTable(null),
  createdAt: viaTable(''),
};

/**
 * Search (50,000 customers, p95 ≤ 5 ms), raw SQL for the index choice. A needle of 4+ digits is a range
 * of customer_digit_terms, another of 3+ characters a phrase of customers_fts (hitIndex): its count and hits
 * come from the index, counted up to COUNT_CAP (past it the total is a lower bound: "1,000+"), and a dense
 * needle's page (and count within a status) from walking an index in the list's order
 * (data/customers-search.ts). A shorter one
 * scans the narrow covering index customers_search_idx (search_text, status, name) once, the window count
 * giving the exact total in the same pass. Only the page's rows are read from the table.
 */
export function searchCustomers(
  db: Sqlite,
  needle: string,
  q: CustomerPageQuery,
): { items: Customer[]; total: number; totalIsLowerBound: boolean } {
  const { order, params } = pageParts(q);
  const filterSql =
    (q.status ? 'AND c.status = @status' : '') +
    (q.brands ? ' AND c.brand_id IN (SELECT value FROM json_each(@brands))' : '');
  const index = hitIndex(needle);
  let found: SearchPage;
  if (index) {
    const filter = {
      sql: filterSql,
      params: { ...(q.status ? { status: q.status } : {}), ...(q.brands ? { brands: params.brands } : {}) },
      ...(q.status && !q.brands ? { status: q.status } : {}),
    };
    found = phraseSearch(db, needle, index, filter, {
      order,
      ...SORT_PAGING[q.sort.field],
      limit: q.limit,
      offset: q.offset,
      cap: q.countCap ?? COUNT_CAP,
    });
  } else {
    found = { ...scanSearch(db, needle, filterSql, order, params), totalIsLowerBound: false };
  }
  const byId = prepared<[number], CustomerRow>(db, `${SELECT} WHERE c.id = ?`);
  const items = found.ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toCustomer(row)] : [];
  });
  return { items, total: found.total, totalIsLowerBound: found.totalIsLowerBound };
}

/**
 * A needle no index answers (hitIndex): its few hits from the trigram terms (shortNeedleHits), or one pass
 * over customers_search_idx. Either way one query gives the hits up to the page's end in order, each
 * carrying the total. A page past the hits (or a needle with none) returns no row, so a page deep in the list
 * (offset over SCAN_ROWS) is cut by OFFSET and, when it comes back empty, counted in a second query.
 */
const SCAN_ROWS = 500;
function scanSearch(db: Sqlite, needle: string, filterSql: string, order: string, params: PageParams) {
  const short = shortNeedleHits(db, needle);
  const from = short
    ? `customers c NOT INDEXED WHERE c.id IN (SELECT value FROM json_each(@ids)) ${filterSql}`
    : `customers c INDEXED BY customers_search_idx WHERE c.search_text LIKE @pattern ESCAPE '\\' ${filterSql}`;
  const match = short ? { ids: JSON.stringify(short) } : { pattern: likePattern(needle) };
  const deep = params.offset > SCAN_ROWS;
  const found = prepared<object, { id: number; total: number }>(
    db,
    `SELECT c.id, count(*) OVER () AS total FROM ${from} ORDER BY ${order} LIMIT @take OFFSET @skip`,
  ).all({
    ...params,
    ...match,
    skip: deep ? params.offset : 0,
    take: deep ? params.limit : params.offset + params.limit,
  });
  let total = found[0]?.total ?? 0;
  const hits = deep ? found : found.slice(params.offset);
  if (!found.length && deep) {
    // Past the last page: the window had no row to carry the total.
    const { limit: _l, offset: _o, ...filters } = params;
    total =
      prepared<object, { n: number }>(db, `SELECT count(*) AS n FROM ${from}`).get({ ...filters, ...match })?.n ?? 0;
  }
  return { ids: hits.map((h) => h.id), total };
}

/** Without a search the sort indexes page directly; the total is exact (a count over an index). */
export function listCustomerPage(
  db: Sqlite,
  q: CustomerPageQuery,
): { items: Customer[]; total: number; totalIsLowerBound: false } {
  const { order, params } = pageParts(q);
  const conds = [q.status && 'c.status = @status', q.brands && 'c.brand_id IN (SELECT value FROM json_each(@brands))'];
  const set = conds.filter(Boolean);
  const w = set.length ? `WHERE ${set.join(' AND ')}` : '';
  const total =
    prepared<PageParams, { n: number }>(db, `SELECT count(*) AS n FROM customers c ${w}`).get(params)?.n ?? 0;
  const rows = prepared<PageParams, CustomerRow>(
    db,
    `${SELECT} ${w} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
  ).all(params);
  return { items: rows.map(toCustomer), total, totalIsLowerBound: false };
}

/** How many accounts, invoices and payments a customer has (the detail view). */
export function customerRecordCounts(db: Sqlite, id: number) {
  const count = (table: 'pppoe_accounts' | 'invoices' | 'payments') =>
    prepared<[number], { n: number }>(db, `SELECT count(*) AS n FROM ${table} WHERE customer_id = ?`).get(id)?.n ?? 0;
  return { pppoeAccounts: count('pppoe_accounts'), invoices: count('invoices'), payments: count('payments') };
}

/** What keeps a customer from being deleted: its accounts, subscriptions and money history. */
export function customerReferences(db: Sqlite, id: number) {
  const refs = prepared<
    { id: number },
    { accounts: number; subscriptions: number; invoices: number; payments: number; deposits: number }
  >(
    db,
    `SELECT (SELECT count(*) FROM pppoe_accounts WHERE customer_id = @id) AS accounts,
            (SELECT count(*) FROM subscriptions WHERE customer_id = @id) AS subscriptions,
            (SELECT count(*) FROM invoices WHERE customer_id = @id) AS invoices,
            (SELECT count(*) FROM payments WHERE customer_id = @id) AS payments,
            (SELECT count(*) FROM deposit_ledger WHERE customer_id = @id) AS deposits`,
  ).get({ id });
  return refs ?? { accounts: 0, subscriptions: 0, invoices: 0, payments: 0, deposits: 0 };
}

export function customerCodeTaken(db: Sqlite, code: string): boolean {
  return (
    prepared<[string], { one: number }>(db, 'SELECT 1 AS one FROM customers WHERE customer_code = ?').get(code) !==
    undefined
  );
}

/** The editable columns of a customer, as stored. */
export interface CustomerFields {
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  idCard: string | null;
  status: Customer['status'];
  joinDate: string;
  notes: string | null;
  neverIsolate: boolean;
}

export function insertCustomer(
  db: Sqlite,
  c: CustomerFields & { code: string; createdBy: number | null; at: string },
): number {
  const { lastInsertRowid } = prepared<unknown[]>(
    db,
    `INSERT INTO customers(customer_code, name, address, phone, email, id_card, status, join_date, notes,
                           never_isolate, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.code,
    c.name,
    c.address,
    c.phone,
    c.email,
    c.idCard,
    c.status,
    c.joinDate,
    c.notes,
    c.neverIsolate ? 1 : 0,
    c.createdBy,
    c.at,
    c.at,
  );
  return Number(lastInsertRowid);
}

export function updateCustomerRow(db: Sqlite, id: number, c: CustomerFields, at: string): void {
  prepared<unknown[]>(
    db,
    `UPDATE customers SET name = ?, address = ?, phone = ?, email = ?, id_card = ?, status = ?, join_date = ?,
            notes = ?, never_isolate = ?, updated_at = ? WHERE id = ?`,
  ).run(c.name, c.address, c.phone, c.email, c.idCard, c.status, c.joinDate, c.notes, c.neverIsolate ? 1 : 0, at, id);
}

export function insertStatusHistory(
  db: Sqlite,
  h: { customerId: number; from: string | null; to: string; changedOn: string; at: string },
): void {
  prepared<unknown[]>(
    db,
    'INSERT INTO customer_status_history(customer_id, from_status, to_status, changed_on, at) VALUES (?, ?, ?, ?, ?)',
  ).run(h.customerId, h.from, h.to, h.changedOn, h.at);
}

/** Deletes a customer without history, and its status history (the caller checked customerReferences). */
export function deleteCustomerRow(db: Sqlite, id: number): void {
  prepared<[number]>(db, 'DELETE FROM customer_status_history WHERE customer_id = ?').run(id);
  prepared<[number]>(db, 'DELETE FROM customers WHERE id = ?').run(id);
}
