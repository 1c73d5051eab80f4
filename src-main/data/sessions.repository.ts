import type { Role } from '../../src-shared/permissions';
import type { Sqlite } from '../db/open';
import { prepared } from './statements';

/** A sign-in session joined with its user, looked up by the token's hash. */
export interface SessionRow {
  id: number;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  username: string;
  fullName: string;
  role: Role;
  isActive: number;
  mustChange: number;
}

export function insertSession(
  db: Sqlite,
  s: { tokenHash: string; userId: number; at: string; expiresAt: string; transport: string },
): void {
  prepared<unknown[]>(
    db,
    'INSERT INTO auth_sessions(token_hash, user_id, created_at, last_seen_at, expires_at, transport) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(s.tokenHash, s.userId, s.at, s.at, s.expiresAt, s.transport);
}

/** When a live session (not revoked, user active) ends, or undefined when there is none. */
export function liveSessionExpiry(db: Sqlite, tokenHash: string): string | undefined {
  return prepared<[string], { expiresAt: string }>(
    db,
    `SELECT s.expires_at AS expiresAt FROM auth_sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.revoked_at IS NULL AND u.is_active = 1`,
  ).get(tokenHash)?.expiresAt;
}

/** A session that was not revoked (expiry and the user's state are the caller's to judge). */
export function findOpenSession(db: Sqlite, tokenHash: string): SessionRow | undefined {
  return prepared<[string], SessionRow>(
    db,
    `SELECT s.id, s.user_id AS userId, s.created_at AS createdAt, s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt,
            u.username, u.full_name AS fullName, u.role, u.is_active AS isActive, u.must_change_password AS mustChange
     FROM auth_sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.revoked_at IS NULL`,
  ).get(tokenHash);
}

export function touchSession(db: Sqlite, id: number, at: string, expiresAt: string): void {
  prepared<[string, string, number]>(db, 'UPDATE auth_sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?').run(
    at,
    expiresAt,
    id,
  );
}

export function revokeSession(db: Sqlite, id: number, at: string): void {
  prepared<[string, number]>(db, 'UPDATE auth_sessions SET revoked_at = ? WHERE id = ?').run(at, id);
}

/** Ends a user's open sessions, all or all but `exceptId`; returns how many ended. */
export function revokeUserSessions(db: Sqlite, userId: number, at: string, exceptId?: number): number {
  if (exceptId === undefined) {
    return prepared<[string, number]>(
      db,
      'UPDATE auth_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
    ).run(at, userId).changes;
  }
  return prepared<[string, number, number]>(
    db,
    'UPDATE auth_sessions SET revoked_at = ? WHERE user_id = ? AND id != ? AND revoked_at IS NULL',
  ).run(at, userId, exceptId).changes;
}
