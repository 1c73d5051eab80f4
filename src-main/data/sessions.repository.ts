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
  s: {
    tokenHash: string;
    userId: number;
    at: string;
    expiresAt: string;
    transport: string;
    source: string | null;
    userAgent: string | null;
    device: string | null;
    seat: string;
  },
): void {
  prepared<unknown[]>(
    db,
    `INSERT INTO auth_sessions(token_hash, user_id, created_at, last_seen_at, expires_at, transport, source, user_agent, device, seat)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.tokenHash, s.userId, s.at, s.at, s.expiresAt, s.transport, s.source, s.userAgent, s.device, s.seat);
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

/** A live session as the sessions list shows it (issue 17). */
export interface ActiveSessionRow {
  id: number;
  userId: number;
  username: string;
  fullName: string;
  role: Role;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  transport: string;
  source: string | null;
  device: string | null;
  seat: 'this_pc' | 'office' | 'phone' | 'api' | null;
}

const ACTIVE_SESSIONS = `SELECT s.id, s.user_id AS userId, u.username, u.full_name AS fullName, u.role,
         s.created_at AS createdAt, s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt,
         s.transport, s.source, s.device, s.seat
  FROM auth_sessions s JOIN users u ON u.id = s.user_id
  WHERE s.revoked_at IS NULL AND s.expires_at > ? AND u.is_active = 1`;

/** Every live session (not ended, not expired, user active), latest activity first. */
export function listActiveSessions(db: Sqlite, now: string): ActiveSessionRow[] {
  return prepared<[string], ActiveSessionRow>(db, `${ACTIVE_SESSIONS} ORDER BY s.last_seen_at DESC, s.id DESC`).all(
    now,
  );
}

/** One user's live sessions, latest activity first. */
export function listUserActiveSessions(db: Sqlite, userId: number, now: string): ActiveSessionRow[] {
  return prepared<[string, number], ActiveSessionRow>(
    db,
    `${ACTIVE_SESSIONS} AND s.user_id = ? ORDER BY s.last_seen_at DESC, s.id DESC`,
  ).all(now, userId);
}

/** A live session by id (for ending it). */
export function findActiveSession(db: Sqlite, id: number, now: string): ActiveSessionRow | undefined {
  return prepared<[string, number], ActiveSessionRow>(db, `${ACTIVE_SESSIONS} AND s.id = ?`).get(now, id);
}

/** Ends one session from the sessions list, recording who ended it. */
export function endSessionBy(db: Sqlite, id: number, at: string, endedBy: number): number {
  return prepared<[string, number, number]>(
    db,
    'UPDATE auth_sessions SET revoked_at = ?, ended_by = ? WHERE id = ? AND revoked_at IS NULL',
  ).run(at, endedBy, id).changes;
}

/** Who ended a token's session from the sessions list, when someone did (so its next call can say so). */
export function endedSessionOf(
  db: Sqlite,
  tokenHash: string,
): { endedBy: number; userId: number; byName: string } | undefined {
  return prepared<[string], { endedBy: number; userId: number; byName: string }>(
    db,
    `SELECT s.ended_by AS endedBy, s.user_id AS userId, u.full_name AS byName
     FROM auth_sessions s JOIN users u ON u.id = s.ended_by
     WHERE s.token_hash = ? AND s.revoked_at IS NOT NULL`,
  ).get(tokenHash);
}
