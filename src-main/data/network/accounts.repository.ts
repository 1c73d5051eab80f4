/** PPPoE accounts as the screens see them (with customer, package, router and queue state) and their writes. */
import type { PppoeAccount } from '../../../src-shared/contract/pppoe';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

const SELECT = `
  SELECT a.id, a.customer_id AS customerId, c.customer_code AS customerCode, c.name AS customerName,
         a.internet_package_id AS internetPackageId, p.name AS packageName, a.router_id AS routerId, r.name AS routerName,
         a.username, a.static_ip AS staticIp, a.profile_name AS profileName,
         CASE WHEN a.status = 'suspended' AND a.isolated_from_profile IS NOT NULL THEN coalesce(r.isolir_profile, 'ISOLIR') ELSE a.profile_name END AS routerProfile,
         a.status, a.isolated_from_profile AS isolatedFromProfile, a.isolated_at AS isolatedAt, a.caller_id AS callerId,
         a.last_login AS lastLogin, a.last_ip AS lastIp, a.bytes_in AS bytesIn, a.bytes_out AS bytesOut, a.expires_at AS expiresAt,
         a.notes, a.created_at AS createdAt, a.updated_at AS updatedAt,
         (SELECT o.status || char(31) || coalesce(o.last_error, '') FROM sync_ops o
            WHERE o.entity = 'pppoe' AND o.entity_id = a.id AND o.status IN ('pending', 'failed')
            ORDER BY CASE o.status WHEN 'failed' THEN 0 ELSE 1 END, o.id DESC LIMIT 1) AS syncInfo
  FROM pppoe_accounts a
  JOIN customers c ON c.id = a.customer_id
  JOIN internet_packages p ON p.id = a.internet_package_id
  LEFT JOIN routers r ON r.id = a.router_id`;

/** An account without its presence (live data the router poll keeps in memory). */
export type AccountView = Omit<PppoeAccount, 'online'>;
type AccountViewRow = Omit<PppoeAccount, 'online' | 'syncState' | 'syncError'> & { syncInfo: string | null };

/** The newest open queue operation, packed as `status \x1f error`, becomes the account's sync state. */
function toView(r: AccountViewRow): AccountView {
  const { syncInfo, ...rest } = r;
  const [state, error] = syncInfo ? syncInfo.split('\x1f') : ['synced', ''];
  return { ...rest, syncState: state as PppoeAccount['syncState'], syncError: error || null };
}

export function findAccount(db: Sqlite, id: number): AccountView | undefined {
  const row = prepared<[number], AccountViewRow>(db, `${SELECT} WHERE a.id = ?`).get(id);
  return row && toView(row);
}

const SORT: Record<string, string> = {
  username: 'a.username COLLATE NOCASE',
  customerName: 'c.name COLLATE NOCASE',
  status: 'a.status',
  lastLogin: 'a.last_login',
  createdAt: 'a.id',
};

export interface AccountFilter {
  status?: string;
  routerId?: number;
  internetPackageId?: number;
  customerId?: number;
  /** A LIKE pattern (lower-cased, `\` escapes) on username, customer search text and static IP. */
  pattern?: string;
  /** Keys `routerId \x1f lower(username)` of the sessions online now: only these (true) or all others (false). */
  online?: { keys: string[]; is: boolean };
}

export function pageAccounts(
  db: Sqlite,
  f: AccountFilter,
  sort: { field: string; dir: 'asc' | 'desc' },
  limit: number,
  offset: number,
): { rows: AccountView[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const eq = (col: string, v: string | number | undefined) => {
    if (v !== undefined) {
      where.push(`${col} = ?`);
      params.push(v);
    }
  };
  eq('a.status', f.status);
  eq('a.router_id', f.routerId);
  eq('a.internet_package_id', f.internetPackageId);
  eq('a.customer_id', f.customerId);
  if (f.pattern) {
    where.push(
      "(lower(a.username) LIKE ? ESCAPE '\\' OR c.search_text LIKE ? ESCAPE '\\' OR coalesce(a.static_ip, '') LIKE ? ESCAPE '\\')",
    );
    params.push(f.pattern, f.pattern, f.pattern);
  }
  if (f.online) {
    // Presence lives in memory: it becomes a temporary table of this connection to filter on.
    db.exec('CREATE TEMP TABLE IF NOT EXISTS online_now(k TEXT PRIMARY KEY)');
    db.exec('DELETE FROM online_now');
    const ins = prepared<[string]>(db, 'INSERT OR IGNORE INTO online_now(k) VALUES (?)');
    for (const k of f.online.keys) ins.run(k);
    where.push(
      `${f.online.is ? '' : 'NOT '}EXISTS (SELECT 1 FROM online_now WHERE k = a.router_id || char(31) || lower(a.username))`,
    );
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  const total = prepared<(string | number)[], { n: number }>(
    db,
    `SELECT count(*) AS n FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id ${w}`,
  ).get(...params)!.n;
  const rows = prepared<(string | number)[], AccountViewRow>(
    db,
    `${SELECT} ${w} ORDER BY ${SORT[sort.field]} ${dir}, a.id ${dir} LIMIT ? OFFSET ?`,
  ).all(...params, limit, offset);
  return { rows: rows.map(toView), total };
}

export const usernameTaken = (db: Sqlite, username: string): boolean =>
  prepared<[string], { 1: number }>(db, 'SELECT 1 FROM pppoe_accounts WHERE username = ? COLLATE NOCASE').get(
    username,
  ) !== undefined;

export const accountExists = (db: Sqlite, id: number): boolean =>
  prepared<[number], { 1: number }>(db, 'SELECT 1 FROM pppoe_accounts WHERE id = ?').get(id) !== undefined;

/** Who else on the same router (or on none) has this static IP. */
export const staticIpOwner = (db: Sqlite, ip: string, routerId: number | null, selfId: number): string | undefined =>
  prepared<[string, number | null, number], { username: string }>(
    db,
    'SELECT username FROM pppoe_accounts WHERE static_ip = ? AND coalesce(router_id, 0) = coalesce(?, 0) AND id != ?',
  ).get(ip, routerId, selfId)?.username;

export interface NewAccount {
  customerId: number;
  internetPackageId: number;
  routerId: number | null;
  username: string;
  passwordEnc: string;
  staticIp: string | null;
  profileName: string;
  status: string;
  callerId: string | null;
  expiresAt: string | null;
  /** The router's `.id` of a secret taken over from the router. */
  routerSecretId: string | null;
  notes: string | null;
}

export function insertAccount(db: Sqlite, a: NewAccount, now: string): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, static_ip, profile_name,
       status, caller_id, expires_at, router_secret_id, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    a.customerId,
    a.internetPackageId,
    a.routerId,
    a.username,
    a.passwordEnc,
    a.staticIp,
    a.profileName,
    a.status,
    a.callerId,
    a.expiresAt,
    a.routerSecretId,
    a.notes,
    now,
    now,
  );
  return Number(lastInsertRowid);
}

export type AccountFields = Omit<NewAccount, 'passwordEnc' | 'status' | 'routerSecretId'>;

/** `passwordEnc` undefined keeps the stored password. */
export function updateAccount(db: Sqlite, id: number, a: AccountFields, passwordEnc: string | undefined, now: string) {
  prepared(
    db,
    `UPDATE pppoe_accounts SET customer_id = ?, internet_package_id = ?, router_id = ?, username = ?, static_ip = ?, profile_name = ?,
       caller_id = ?, expires_at = ?, notes = ?, updated_at = ? ${passwordEnc ? ', password_enc = ?' : ''} WHERE id = ?`,
  ).run(
    a.customerId,
    a.internetPackageId,
    a.routerId,
    a.username,
    a.staticIp,
    a.profileName,
    a.callerId,
    a.expiresAt,
    a.notes,
    now,
    ...(passwordEnc ? [passwordEnc] : []),
    id,
  );
}

/** A plain status (isolation ended): active, inactive. */
export function setAccountStatus(db: Sqlite, id: number, status: string, now: string) {
  prepared(
    db,
    'UPDATE pppoe_accounts SET status = ?, isolated_from_profile = NULL, isolated_at = NULL, updated_at = ? WHERE id = ?',
  ).run(status, now, id);
}

/** Subscriptions of the account that invoiced something (financial history: the account stays). */
export const invoicedSubscriptionCount = (db: Sqlite, accountId: number): number =>
  prepared<[number], { n: number }>(
    db,
    `SELECT count(*) AS n FROM subscriptions s WHERE s.pppoe_account_id = ?
       AND EXISTS (SELECT 1 FROM invoices i WHERE i.subscription_id = s.id)`,
  ).get(accountId)!.n;

export function deleteAccount(db: Sqlite, id: number) {
  prepared(db, 'DELETE FROM pppoe_accounts WHERE id = ?').run(id);
}

export const accountPassword = (db: Sqlite, id: number) =>
  prepared<[number], { username: string; enc: string }>(
    db,
    'SELECT username, password_enc AS enc FROM pppoe_accounts WHERE id = ?',
  ).get(id);
