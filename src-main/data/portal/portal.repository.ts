import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/*
 * The portal's own tables: customers' portal passwords and sessions, and the contact fields a customer
 * may change. Services (core/portal) open the transactions.
 */

export interface PortalLoginRow {
  customerId: number;
  customerCode: string;
  name: string;
  status: string;
  passwordHash: string | null;
}

const LOGIN_COLUMNS = `c.id AS customerId, c.customer_code AS customerCode, c.name, c.status, pc.password_hash AS passwordHash`;

/** The customer a portal sign-in names: by customer code, else by a PPPoE username (both case-insensitive). */
export function findPortalLogin(db: Sqlite, login: string): PortalLoginRow | undefined {
  return (
    prepared<[string], PortalLoginRow>(
      db,
      `SELECT ${LOGIN_COLUMNS} FROM customers c LEFT JOIN portal_credentials pc ON pc.customer_id = c.id
       WHERE c.customer_code = upper(?)`,
    ).get(login) ??
    prepared<[string], PortalLoginRow>(
      db,
      `SELECT ${LOGIN_COLUMNS} FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id
       LEFT JOIN portal_credentials pc ON pc.customer_id = c.id
       WHERE a.username = ? COLLATE NOCASE`,
    ).get(login)
  );
}

export function findPortalPasswordHash(db: Sqlite, customerId: number): string | undefined {
  return prepared<[number], { h: string }>(
    db,
    'SELECT password_hash AS h FROM portal_credentials WHERE customer_id = ?',
  ).get(customerId)?.h;
}

/** Sets (or replaces) a customer's portal password; `setBy` is the staff user, null for the customer. */
export function upsertPortalPassword(db: Sqlite, customerId: number, hash: string, at: string, setBy: number | null) {
  prepared<[number, string, string, number | null]>(
    db,
    `INSERT INTO portal_credentials(customer_id, password_hash, set_at, set_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(customer_id) DO UPDATE SET password_hash = excluded.password_hash, set_at = excluded.set_at, set_by = excluded.set_by`,
  ).run(customerId, hash, at, setBy);
}

export function portalPasswordInfo(db: Sqlite, customerId: number) {
  return prepared<[number], { setAt: string; setBy: number | null; lastLoginAt: string | null }>(
    db,
    'SELECT set_at AS setAt, set_by AS setBy, last_login_at AS lastLoginAt FROM portal_credentials WHERE customer_id = ?',
  ).get(customerId);
}

export function recordPortalLogin(db: Sqlite, customerId: number, at: string) {
  prepared<[string, number]>(db, 'UPDATE portal_credentials SET last_login_at = ? WHERE customer_id = ?').run(
    at,
    customerId,
  );
}

export function insertPortalSession(
  db: Sqlite,
  s: { tokenHash: string; customerId: number; at: string; expiresAt: string },
) {
  prepared<unknown[]>(
    db,
    'INSERT INTO portal_sessions(token_hash, customer_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  ).run(s.tokenHash, s.customerId, s.at, s.at, s.expiresAt);
}

export interface PortalSessionRow {
  id: number;
  customerId: number;
  customerCode: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** A session not revoked, of a customer who still has a portal password. */
export function findPortalSession(db: Sqlite, tokenHash: string): PortalSessionRow | undefined {
  return prepared<[string], PortalSessionRow>(
    db,
    `SELECT s.id, s.customer_id AS customerId, c.customer_code AS customerCode, s.created_at AS createdAt,
            s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt
     FROM portal_sessions s JOIN customers c ON c.id = s.customer_id
     JOIN portal_credentials pc ON pc.customer_id = s.customer_id
     WHERE s.token_hash = ? AND s.revoked_at IS NULL`,
  ).get(tokenHash);
}

export function touchPortalSession(db: Sqlite, id: number, at: string, expiresAt: string) {
  prepared<[string, string, number]>(
    db,
    'UPDATE portal_sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?',
  ).run(at, expiresAt, id);
}

export function revokePortalSession(db: Sqlite, id: number, at: string) {
  prepared<[string, number]>(db, 'UPDATE portal_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
    at,
    id,
  );
}

/** Ends a customer's portal sessions (a password set by the desk or changed), except `keep`. */
export function revokeCustomerPortalSessions(db: Sqlite, customerId: number, at: string, keep = 0) {
  prepared<[string, number, number]>(
    db,
    'UPDATE portal_sessions SET revoked_at = ? WHERE customer_id = ? AND id <> ? AND revoked_at IS NULL',
  ).run(at, customerId, keep);
}

export function updateCustomerContact(
  db: Sqlite,
  customerId: number,
  phone: string | null,
  email: string | null,
  at: string,
) {
  prepared<[string | null, string | null, string, number]>(
    db,
    'UPDATE customers SET phone = ?, email = ?, updated_at = ? WHERE id = ?',
  ).run(phone, email, at, customerId);
}

/** Whether the customer signed in to the portal from this address since `since` (the audit trail knows). */
export function portalSignedInFromSince(db: Sqlite, customerId: number, source: string | null, since: string): boolean {
  return (
    prepared<[string, string | null, string], { one: number }>(
      db,
      `SELECT 1 AS one FROM audit_log WHERE entity = 'customer' AND entity_id = ? AND action = 'portal.login'
       AND +source IS ? AND at >= ? LIMIT 1`,
    ).get(String(customerId), source, since) !== undefined
  );
}
