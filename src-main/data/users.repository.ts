import type { Role } from '../../src-shared/permissions';
import type { Sqlite } from '../db/open';
import { likePattern } from './sql';
import { prepared } from './statements';

/** A user as the Users screen shows it (flags still 0/1: the service maps them with the clock). */
export interface UserRow {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  isActive: number;
  mustChangePassword: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A user as sign-in needs it: with the password hash and the lock. */
export interface UserAuthRow {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  passwordHash: string;
  isActive: number;
  failedLogins: number;
  lockedUntil: string | null;
  mustChangePassword: number;
}

const SELECT = `SELECT id, username, full_name AS fullName, role, is_active AS isActive, must_change_password AS mustChangePassword,
  locked_until AS lockedUntil, last_login_at AS lastLoginAt, created_at AS createdAt, updated_at AS updatedAt FROM users`;

const AUTH_SELECT = `SELECT id, username, full_name AS fullName, role, password_hash AS passwordHash, is_active AS isActive,
  failed_logins AS failedLogins, locked_until AS lockedUntil, must_change_password AS mustChangePassword FROM users`;

export function findUser(db: Sqlite, id: number): UserRow | undefined {
  return prepared<[number], UserRow>(db, `${SELECT} WHERE id = ?`).get(id);
}

export function findUserAuth(db: Sqlite, id: number): UserAuthRow | undefined {
  return prepared<[number], UserAuthRow>(db, `${AUTH_SELECT} WHERE id = ?`).get(id);
}

/** Usernames are unique without regard to case. */
export function findUserAuthByName(db: Sqlite, username: string): UserAuthRow | undefined {
  return prepared<[string], UserAuthRow>(db, `${AUTH_SELECT} WHERE username = ? COLLATE NOCASE`).get(username);
}

export function usernameTaken(db: Sqlite, username: string): boolean {
  return (
    prepared<[string], { one: number }>(db, 'SELECT 1 AS one FROM users WHERE username = ? COLLATE NOCASE').get(
      username,
    ) !== undefined
  );
}

export function countUsers(db: Sqlite): number {
  return prepared<[], { n: number }>(db, 'SELECT count(*) AS n FROM users').get()?.n ?? 0;
}

export function countActiveAdmins(db: Sqlite): number {
  return (
    prepared<[], { n: number }>(db, `SELECT count(*) AS n FROM users WHERE role = 'admin' AND is_active = 1`).get()
      ?.n ?? 0
  );
}

export interface UserListQuery {
  search?: string;
  role?: Role;
  active?: boolean;
  limit: number;
  offset: number;
}

/** Active users first, then by name. */
export function listUserRows(db: Sqlite, q: UserListQuery): { rows: UserRow[]; total: number } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.search) {
    where.push(`(username LIKE ? ESCAPE '\\' OR full_name LIKE ? ESCAPE '\\')`);
    args.push(likePattern(q.search), likePattern(q.search));
  }
  if (q.role) {
    where.push('role = ?');
    args.push(q.role);
  }
  if (q.active !== undefined) {
    where.push('is_active = ?');
    args.push(q.active ? 1 : 0);
  }
  const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const total =
    prepared<(string | number)[], { n: number }>(db, `SELECT count(*) AS n FROM users${w}`).get(...args)?.n ?? 0;
  const rows = prepared<(string | number)[], UserRow>(
    db,
    `${SELECT}${w} ORDER BY is_active DESC, username COLLATE NOCASE LIMIT ? OFFSET ?`,
  ).all(...args, q.limit, q.offset);
  return { rows, total };
}

export function insertUser(
  db: Sqlite,
  u: { username: string; fullName: string; role: Role; passwordHash: string; mustChangePassword: boolean; at: string },
): number {
  const { lastInsertRowid } = prepared<unknown[]>(
    db,
    `INSERT INTO users(username, full_name, role, password_hash, must_change_password, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(u.username, u.fullName, u.role, u.passwordHash, u.mustChangePassword ? 1 : 0, u.at, u.at);
  return Number(lastInsertRowid);
}

export function updateUserProfile(db: Sqlite, id: number, p: { fullName: string; role: Role; at: string }): void {
  prepared<unknown[]>(db, 'UPDATE users SET full_name = ?, role = ?, updated_at = ? WHERE id = ?').run(
    p.fullName,
    p.role,
    p.at,
    id,
  );
}

/** Disables or re-enables an account; re-enabling also clears a lockout left from before. */
export function setUserActiveRow(db: Sqlite, id: number, active: boolean, at: string): void {
  prepared<unknown[]>(
    db,
    active
      ? 'UPDATE users SET is_active = 1, updated_at = ?, failed_logins = 0, locked_until = NULL WHERE id = ?'
      : 'UPDATE users SET is_active = 0, updated_at = ? WHERE id = ?',
  ).run(at, id);
}

/** An Admin's reset: a new hash, any lockout lifted. */
export function resetUserPassword(
  db: Sqlite,
  id: number,
  p: { passwordHash: string; mustChange: boolean; at: string },
): void {
  prepared<unknown[]>(
    db,
    `UPDATE users SET password_hash = ?, must_change_password = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?`,
  ).run(p.passwordHash, p.mustChange ? 1 : 0, p.at, id);
}

/** The user's own change: a new hash, nothing more to change at next sign-in. */
export function setOwnPassword(db: Sqlite, id: number, passwordHash: string, at: string): void {
  prepared<unknown[]>(
    db,
    'UPDATE users SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?',
  ).run(passwordHash, at, id);
}

/** The first Admin (setup): the only insert without must_change_password. */
export function insertFirstAdminRow(
  db: Sqlite,
  u: { username: string; fullName: string; passwordHash: string; at: string },
): number {
  const { lastInsertRowid } = prepared<unknown[]>(
    db,
    `INSERT INTO users(username, full_name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'admin', ?, ?, ?)`,
  ).run(u.username, u.fullName, u.passwordHash, u.at, u.at);
  return Number(lastInsertRowid);
}

export function recordLogin(db: Sqlite, id: number, at: string): void {
  prepared<[string, number]>(db, 'UPDATE users SET last_login_at = ? WHERE id = ?').run(at, id);
}

/** A successful sign-in: failed_logins belonged to the former account-wide lock. */
export function recordSuccessfulLogin(db: Sqlite, id: number, at: string): void {
  prepared<[string, number]>(db, 'UPDATE users SET failed_logins = 0, last_login_at = ? WHERE id = ?').run(at, id);
}

/** Marks the account as locked on some device until `until` (the later of two locks wins). */
export function extendUserLock(db: Sqlite, id: number, until: string): void {
  prepared<[string, string, number]>(
    db,
    'UPDATE users SET locked_until = max(coalesce(locked_until, ?), ?) WHERE id = ?',
  ).run(until, until, id);
}
