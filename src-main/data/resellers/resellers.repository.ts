/**
 * Resellers (mitra), which customers are theirs, and their per-package rules. The balance lives in
 * ledger.repository.ts.
 */
import type { Sqlite } from '../../db/open';
import { likePattern, whereOf } from '../sql';
import { prepared } from '../statements';

export interface ResellerRow {
  id: number;
  code: string;
  name: string;
  phone: string | null;
  address: string | null;
  status: 'active' | 'suspended';
  canCreateCustomers: boolean;
  routerId: number | null;
  userId: number | null;
  username: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

type RawReseller = Omit<ResellerRow, 'canCreateCustomers'> & { canCreateCustomers: number };
const toReseller = (r: RawReseller): ResellerRow => ({ ...r, canCreateCustomers: r.canCreateCustomers === 1 });

const COLUMNS = `r.id, r.code, r.name, r.phone, r.address, r.status, r.can_create_customers AS canCreateCustomers,
  r.router_id AS routerId, r.user_id AS userId, u.username AS username, r.notes, r.created_at AS createdAt,
  r.updated_at AS updatedAt`;

export function findReseller(db: Sqlite, id: number): ResellerRow | undefined {
  const r = prepared<[number], RawReseller>(
    db,
    `SELECT ${COLUMNS} FROM resellers r LEFT JOIN users u ON u.id = r.user_id WHERE r.id = ?`,
  ).get(id);
  return r && toReseller(r);
}

/** The reseller a sign-in belongs to (a user with the reseller role). */
export function findResellerByUser(db: Sqlite, userId: number): ResellerRow | undefined {
  const r = prepared<[number], RawReseller>(
    db,
    `SELECT ${COLUMNS} FROM resellers r LEFT JOIN users u ON u.id = r.user_id WHERE r.user_id = ?`,
  ).get(userId);
  return r && toReseller(r);
}

export interface ResellerListRow extends ResellerRow {
  balance: number;
  customers: number;
}

export function listResellerRows(
  db: Sqlite,
  q: { search?: string; status?: 'active' | 'suspended'; limit: number; offset: number },
): { rows: ResellerListRow[]; total: number } {
  const { where, params } = whereOf([
    q.search
      ? [
          "(r.name LIKE ? ESCAPE '\\' OR r.code LIKE ? ESCAPE '\\' OR r.phone LIKE ? ESCAPE '\\')",
          ...Array(3).fill(likePattern(q.search)),
        ]
      : null,
    q.status ? ['r.status = ?', q.status] : null,
  ]);
  const rows = prepared<unknown[], RawReseller & { balance: number; customers: number }>(
    db,
    `SELECT ${COLUMNS},
       (SELECT coalesce(sum(amount), 0) FROM reseller_ledger l WHERE l.reseller_id = r.id) AS balance,
       (SELECT count(*) FROM reseller_customers rc WHERE rc.reseller_id = r.id) AS customers
     FROM resellers r LEFT JOIN users u ON u.id = r.user_id ${where}
     ORDER BY r.name COLLATE NOCASE, r.id LIMIT ? OFFSET ?`,
  ).all(...params, q.limit, q.offset);
  const total = prepared<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM resellers r ${where}`).get(
    ...params,
  )!.n;
  return { rows: rows.map((r) => ({ ...toReseller(r), balance: r.balance, customers: r.customers })), total };
}

export interface ResellerFields {
  name: string;
  phone: string | null;
  address: string | null;
  canCreateCustomers: boolean;
  routerId: number | null;
  notes: string | null;
}

export function insertReseller(db: Sqlite, code: string, f: ResellerFields, at: string): number {
  return Number(
    prepared(
      db,
      `INSERT INTO resellers(code, name, phone, address, can_create_customers, router_id, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(code, f.name, f.phone, f.address, f.canCreateCustomers ? 1 : 0, f.routerId, f.notes, at, at).lastInsertRowid,
  );
}

export function updateReseller(
  db: Sqlite,
  id: number,
  f: ResellerFields & { status: 'active' | 'suspended' },
  at: string,
): void {
  prepared(
    db,
    `UPDATE resellers SET name = ?, phone = ?, address = ?, can_create_customers = ?, router_id = ?, notes = ?,
       status = ?, updated_at = ? WHERE id = ?`,
  ).run(f.name, f.phone, f.address, f.canCreateCustomers ? 1 : 0, f.routerId, f.notes, f.status, at, id);
}

export function setResellerUser(db: Sqlite, id: number, userId: number, at: string): void {
  prepared(db, 'UPDATE resellers SET user_id = ?, updated_at = ? WHERE id = ?').run(userId, at, id);
}

// ── customers ────────────────────────────────────────────────────────────────────────────────────────

/** The reseller a customer belongs to, if any. */
export function resellerOfCustomer(db: Sqlite, customerId: number): number | undefined {
  return prepared<[number], { resellerId: number }>(
    db,
    'SELECT reseller_id AS resellerId FROM reseller_customers WHERE customer_id = ?',
  ).get(customerId)?.resellerId;
}

export function assignCustomer(db: Sqlite, customerId: number, resellerId: number, by: number | null, at: string) {
  prepared(
    db,
    `INSERT INTO reseller_customers(customer_id, reseller_id, assigned_at, assigned_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(customer_id) DO UPDATE SET reseller_id = excluded.reseller_id, assigned_at = excluded.assigned_at,
       assigned_by = excluded.assigned_by`,
  ).run(customerId, resellerId, at, by);
}

export function unassignCustomer(db: Sqlite, customerId: number): void {
  prepared(db, 'DELETE FROM reseller_customers WHERE customer_id = ?').run(customerId);
}

export function customerExists(db: Sqlite, customerId: number): { id: number; customerCode: string } | undefined {
  return prepared<[number], { id: number; customerCode: string }>(
    db,
    'SELECT id, customer_code AS customerCode FROM customers WHERE id = ?',
  ).get(customerId);
}

// ── rules ────────────────────────────────────────────────────────────────────────────────────────────

export interface RuleRow {
  internetPackageId: number;
  packageName: string;
  price: number;
  kind: 'discount' | 'commission';
  mode: 'percent' | 'flat';
  value: number;
}

export function listRules(db: Sqlite, resellerId: number): RuleRow[] {
  return prepared<[number], RuleRow>(
    db,
    `SELECT rr.internet_package_id AS internetPackageId, p.name AS packageName, p.price, rr.kind, rr.mode, rr.value
     FROM reseller_rules rr JOIN internet_packages p ON p.id = rr.internet_package_id
     WHERE rr.reseller_id = ? ORDER BY p.name COLLATE NOCASE`,
  ).all(resellerId);
}

export function findRule(
  db: Sqlite,
  resellerId: number,
  packageId: number,
): Pick<RuleRow, 'kind' | 'mode' | 'value'> | undefined {
  return prepared<[number, number], Pick<RuleRow, 'kind' | 'mode' | 'value'>>(
    db,
    'SELECT kind, mode, value FROM reseller_rules WHERE reseller_id = ? AND internet_package_id = ?',
  ).get(resellerId, packageId);
}

export function upsertRule(
  db: Sqlite,
  resellerId: number,
  r: Pick<RuleRow, 'internetPackageId' | 'kind' | 'mode' | 'value'>,
  at: string,
): void {
  prepared(
    db,
    `INSERT INTO reseller_rules(reseller_id, internet_package_id, kind, mode, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(reseller_id, internet_package_id) DO UPDATE SET kind = excluded.kind, mode = excluded.mode,
       value = excluded.value, updated_at = excluded.updated_at`,
  ).run(resellerId, r.internetPackageId, r.kind, r.mode, r.value, at);
}

export function deleteRule(db: Sqlite, resellerId: number, packageId: number): number {
  return prepared(db, 'DELETE FROM reseller_rules WHERE reseller_id = ? AND internet_package_id = ?').run(
    resellerId,
    packageId,
  ).changes;
}

export function packageExists(db: Sqlite, id: number): { id: number; name: string } | undefined {
  return prepared<[number], { id: number; name: string }>(
    db,
    'SELECT id, name FROM internet_packages WHERE id = ?',
  ).get(id);
}

export function routerExists(db: Sqlite, id: number): boolean {
  return prepared<[number], { one: number }>(db, 'SELECT 1 AS one FROM routers WHERE id = ?').get(id) !== undefined;
}

// ── what a reseller may sell ─────────────────────────────────────────────────────────────────────────

export interface SellablePackage {
  id: number;
  name: string;
  price: number;
  bandwidthUp: number;
  bandwidthDown: number;
}

/** The active packages a reseller may sell to a new customer: those with a rule on the reseller's page. */
export function sellablePackages(db: Sqlite, resellerId: number): SellablePackage[] {
  return prepared<[number], SellablePackage>(
    db,
    `SELECT p.id, p.name, p.price, p.bandwidth_up AS bandwidthUp, p.bandwidth_down AS bandwidthDown
     FROM reseller_rules rr JOIN internet_packages p ON p.id = rr.internet_package_id
     WHERE rr.reseller_id = ? AND p.is_active = 1 ORDER BY p.price, p.name COLLATE NOCASE`,
  ).all(resellerId);
}
