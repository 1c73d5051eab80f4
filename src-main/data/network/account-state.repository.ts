/**
 * An account as the router should have it (the desired state the sync queue carries), and the writes
 * that change that state: isolation, taking a router's value into the app, the secret the app owns.
 */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface AccountRow {
  id: number;
  customerId: number;
  internetPackageId: number;
  routerId: number | null;
  username: string;
  passwordEnc: string;
  staticIp: string | null;
  profileName: string;
  status: 'active' | 'inactive' | 'suspended' | 'expired';
  isolatedFromProfile: string | null;
  isolatedAt: string | null;
  callerId: string | null;
  routerSecretId: string | null;
  customerCode: string;
  isolirProfile: string | null;
}

const ACCOUNT_ROW_SQL = `
  SELECT a.id, a.customer_id AS customerId, a.internet_package_id AS internetPackageId, a.router_id AS routerId,
         a.username, a.password_enc AS passwordEnc, a.static_ip AS staticIp, a.profile_name AS profileName,
         a.status, a.isolated_from_profile AS isolatedFromProfile, a.isolated_at AS isolatedAt, a.caller_id AS callerId,
         a.router_secret_id AS routerSecretId, c.customer_code AS customerCode, r.isolir_profile AS isolirProfile
  FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id LEFT JOIN routers r ON r.id = a.router_id`;

export const accountRow = (db: Sqlite, id: number): AccountRow | undefined =>
  prepared<[number], AccountRow>(db, `${ACCOUNT_ROW_SQL} WHERE a.id = ?`).get(id);

/**
 * The active accounts of the given customers, in customer then account order (the automation's batch). Looked
 * up by customer (the unary + keeps SQLite off pppoe_status_idx): without planner statistics it read every
 * active account instead, 77 ms for a batch of 10 among 500,000 accounts (0.3 ms by customer).
 */
export const activeAccountRowsOf = (db: Sqlite, customerIds: number[]): AccountRow[] =>
  prepared<[string], AccountRow>(
    db,
    `${ACCOUNT_ROW_SQL} WHERE a.customer_id IN (SELECT value FROM json_each(?)) AND +a.status = 'active'
     ORDER BY a.customer_id, a.id`,
  ).all(JSON.stringify(customerIds));

export const routerAccountRows = (db: Sqlite, routerId: number): AccountRow[] =>
  prepared<[number], AccountRow>(db, `${ACCOUNT_ROW_SQL} WHERE a.router_id = ? ORDER BY a.username`).all(routerId);

/**
 * What a secret upsert needs at apply time, for a batch of accounts in one statement: the password, and
 * whose secret a same-named one is. Accounts deleted meanwhile are left out.
 */
export const secretOwnerships = (db: Sqlite, ids: number[]) =>
  prepared<[string], { id: number; enc: string; secretId: string | null; code: string }>(
    db,
    `SELECT a.id, a.password_enc AS enc, a.router_secret_id AS secretId, c.customer_code AS code
     FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id
     WHERE a.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids));

/** The router's `.id` of the account's secret (null: none proven the app's own yet). */
export function setRouterSecretId(db: Sqlite, id: number, secretId: string | null) {
  prepared(db, 'UPDATE pppoe_accounts SET router_secret_id = ? WHERE id = ?').run(secretId, id);
}

/**
 * The secrets the app wrote are its own from now on: `[accountId, router .id]` pairs, at most one per
 * account, one statement for a batch (only rows whose id changes are written).
 */
export function recordOwnedSecrets(db: Sqlite, owned: [accountId: number, secretId: string][]) {
  if (!owned.length) return;
  prepared(
    db,
    `UPDATE pppoe_accounts SET router_secret_id = o.value ->> 1
     FROM json_each(?) o WHERE pppoe_accounts.id = o.value ->> 0 AND router_secret_id IS NOT o.value ->> 1`,
  ).run(JSON.stringify(owned));
}

// Isolation (billing's isolir, expiry) and the isolir profile of a router.

/** `fromProfile` set: isolated by profile (remembered); null: isolated by disabling the secret. */
export function isolate(db: Sqlite, id: number, fromProfile: string | null, now: string) {
  prepared(
    db,
    `UPDATE pppoe_accounts SET status = 'suspended', isolated_from_profile = ?, isolated_at = coalesce(isolated_at, ?), updated_at = ?
     WHERE id = ?`,
  ).run(fromProfile, now, now, id);
}

/**
 * isolate() for many accounts, each `[id, fromProfile]`, in the given order. One UPDATE changes its rows (and
 * fires the webhook trigger) in id order, so it serves a list in ascending id order, the usual one; any
 * other order is kept by updating account by account.
 */
export function isolateMany(db: Sqlite, items: [number, string | null][], now: string) {
  if (items.some(([id], i) => i > 0 && id <= items[i - 1]![0])) {
    for (const [id, fromProfile] of items) isolate(db, id, fromProfile, now);
    return;
  }
  prepared(
    db,
    `UPDATE pppoe_accounts AS a SET status = 'suspended', isolated_from_profile = j.value ->> 1,
       isolated_at = coalesce(a.isolated_at, ?), updated_at = ?
     FROM json_each(?) AS j WHERE a.id = j.value ->> 0`,
  ).run(now, now, JSON.stringify(items));
}

export function endIsolation(db: Sqlite, id: number, now: string) {
  prepared(
    db,
    `UPDATE pppoe_accounts SET status = 'active', isolated_from_profile = NULL, isolated_at = NULL, updated_at = ? WHERE id = ?`,
  ).run(now, id);
}

export function expire(db: Sqlite, id: number, now: string) {
  prepared(
    db,
    `UPDATE pppoe_accounts SET status = 'expired', isolated_from_profile = NULL, isolated_at = NULL, updated_at = ? WHERE id = ?`,
  ).run(now, id);
}

export const profileIsolatedOnRouter = (db: Sqlite, routerId: number): number[] =>
  prepared<[number], { id: number }>(
    db,
    "SELECT id FROM pppoe_accounts WHERE router_id = ? AND status = 'suspended' AND isolated_from_profile IS NOT NULL",
  )
    .all(routerId)
    .map((r) => r.id);

// A package's profile renamed: its accounts follow.

export const accountsOnProfile = (db: Sqlite, packageId: number, profileName: string): number[] =>
  prepared<[number, string], { id: number }>(
    db,
    'SELECT id FROM pppoe_accounts WHERE internet_package_id = ? AND profile_name = ? COLLATE NOCASE',
  )
    .all(packageId, profileName)
    .map((r) => r.id);

export function setProfileName(db: Sqlite, id: number, profileName: string, now: string) {
  prepared(db, 'UPDATE pppoe_accounts SET profile_name = ?, updated_at = ? WHERE id = ?').run(profileName, now, id);
}

// "Router → app" (drift adopt): the app takes the router's value.

export function unlinkFromRouter(db: Sqlite, id: number, now: string) {
  prepared(db, 'UPDATE pppoe_accounts SET router_id = NULL, router_secret_id = NULL, updated_at = ? WHERE id = ?').run(
    now,
    id,
  );
}

/** The router's own secret becomes the account's: password, IP, its id, and disabled → inactive. */
export function takeSecret(
  db: Sqlite,
  id: number,
  s: { passwordEnc: string; staticIp: string | null; secretId: string | null; disabled: boolean },
  now: string,
) {
  prepared(
    db,
    `UPDATE pppoe_accounts SET password_enc = ?, static_ip = ?, router_secret_id = ?, updated_at = ?,
       status = CASE WHEN ? THEN 'inactive' WHEN status = 'inactive' THEN 'active' ELSE status END WHERE id = ?`,
  ).run(s.passwordEnc, s.staticIp, s.secretId, now, s.disabled ? 1 : 0, id);
}

export function setPasswordEnc(db: Sqlite, id: number, passwordEnc: string, now: string) {
  prepared(db, 'UPDATE pppoe_accounts SET password_enc = ?, updated_at = ? WHERE id = ?').run(passwordEnc, now, id);
}

export function setStaticIp(db: Sqlite, id: number, ip: string | null, now: string) {
  prepared(db, 'UPDATE pppoe_accounts SET static_ip = ?, updated_at = ? WHERE id = ?').run(ip, now, id);
}

/** The router shows the isolir profile: the account is isolated by profile (its own profile remembered). */
export function isolateByRouterProfile(db: Sqlite, id: number, now: string) {
  prepared(
    db,
    "UPDATE pppoe_accounts SET status = 'suspended', isolated_from_profile = profile_name, isolated_at = coalesce(isolated_at, ?), updated_at = ? WHERE id = ?",
  ).run(now, now, id);
}

/** The account takes the router's profile (and that profile's package, when one has it); isolation by profile ends. */
export function followRouterProfile(db: Sqlite, id: number, profile: string, packageId: number | null, now: string) {
  prepared(
    db,
    `UPDATE pppoe_accounts SET profile_name = ?, internet_package_id = coalesce(?, internet_package_id),
       status = CASE WHEN status = 'suspended' AND isolated_from_profile IS NOT NULL THEN 'active' ELSE status END,
       isolated_from_profile = NULL, updated_at = ? WHERE id = ?`,
  ).run(profile, packageId, now, id);
}
