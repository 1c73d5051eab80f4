import crypto from 'node:crypto';
import type { Me } from '../../src-shared/contract/auth';
import { ROLE_PERMISSIONS, type Role } from '../../src-shared/permissions';
import { AppError } from '../../src-shared/result';
import { writeAudit } from './audit';
import { sourceOf, type AppContext, type CallContext, type Session } from './context';
import { checkPasswordPolicy, dummyHash, hashPassword, verifyPassword } from './passwords';
import { getSettings } from './settings';
import { businessDate, businessTime } from '../../src-shared/dates';
import { isKnownSource, LOCKOUT_MINUTES, loginThrottle, MAX_FAILED_LOGINS } from './users/login-throttle';
import { RateLimiter } from './users/rate-limit';

export { LOCKOUT_MINUTES, MAX_FAILED_LOGINS };
/** lastSeen is written at most this often, so reads do not each cost a disk sync. */
const TOUCH_EVERY_MS = 30_000;
/**
 * A session ends this long after sign-in however active it is, so a token that leaked (a shared PC,
 * a copied cookie) stops working within a working day. Idle expiry (settings) usually comes first.
 */
export const MAX_SESSION_HOURS = 12;
const MAX_SESSION_MS = MAX_SESSION_HOURS * 3_600_000;

/** The sliding idle expiry, never past the session's absolute end. */
function nextExpiry(app: AppContext, now: Date, createdAt: Date): string {
  return new Date(Math.min(now.getTime() + idleMs(app), createdAt.getTime() + MAX_SESSION_MS)).toISOString();
}

interface UserRow {
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

const USER_SELECT = `SELECT id, username, full_name AS fullName, role, password_hash AS passwordHash, is_active AS isActive,
  failed_logins AS failedLogins, locked_until AS lockedUntil, must_change_password AS mustChangePassword FROM users`;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export function userCount(app: AppContext): number {
  return (app.sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

function toMe(u: Pick<UserRow, 'id' | 'username' | 'fullName' | 'role' | 'mustChangePassword'>, expiresAt: string): Me {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    role: u.role,
    mustChangePassword: u.mustChangePassword === 1,
    expiresAt,
    permissions: [...ROLE_PERMISSIONS[u.role]],
  };
}

function idleMs(app: AppContext) {
  return getSettings(app).sessionTimeoutMinutes * 60_000;
}

function startSession(call: CallContext, user: UserRow): { token: string; user: Me } {
  const { app } = call;
  const token = crypto.randomBytes(32).toString('base64url');
  const now = app.clock.now();
  const expiresAt = nextExpiry(app, now, now);
  app.sqlite
    .prepare(
      'INSERT INTO auth_sessions(token_hash, user_id, created_at, last_seen_at, expires_at, transport) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(sha256(token), user.id, now.toISOString(), now.toISOString(), expiresAt, call.transport);
  return { token, user: toMe(user, expiresAt) };
}

/** Inserts the first Admin and its audit row (inside the caller's transaction). Refused once any user exists. */
function insertFirstAdmin(call: CallContext, input: { username: string; fullName: string }, passwordHash: string) {
  const { app } = call;
  if (userCount(app) > 0) throw new AppError('CONFLICT', 'Setup is already done: sign in instead');
  const now = app.clock.now().toISOString();
  const { lastInsertRowid } = app.sqlite
    .prepare(
      `INSERT INTO users(username, full_name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'admin', ?, ?, ?)`,
    )
    .run(input.username, input.fullName, passwordHash, now, now);
  const user = app.sqlite.prepare(`${USER_SELECT} WHERE id = ?`).get(Number(lastInsertRowid)) as UserRow;
  const session = {
    userId: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    sessionId: 0,
    expiresAt: now,
  };
  writeAudit(
    { ...call, session },
    { action: 'user.create', entity: 'user', entityId: user.id, after: { username: user.username, role: 'admin' } },
  );
  return user;
}

/**
 * First start (the setup wizard): creates the Admin account and signs it in. That is a sign-in like
 * any other, so it is the account's last sign-in (the Users list showed "never" for the very admin
 * looking at it).
 */
export async function createFirstAdmin(
  call: CallContext,
  input: { username: string; fullName: string; password: string },
): Promise<{ token: string; user: Me }> {
  checkPasswordPolicy(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  const { app } = call;
  return app.sqlite.transaction(() => {
    const user = insertFirstAdmin(call, input, passwordHash);
    app.sqlite.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(app.clock.now().toISOString(), user.id);
    return startSession(call, user);
  })();
}

/** `--init-admin` (headless server): creates the first Admin without signing anyone in. */
export async function createFirstAdminAccount(
  app: AppContext,
  input: { username: string; fullName: string; password: string },
): Promise<void> {
  checkPasswordPolicy(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  app.sqlite.transaction(() => insertFirstAdmin({ app, session: null, transport: 'internal' }, input, passwordHash))();
}

const WRONG = 'Wrong username or password';

const ZONE_ABBR: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** `10:35 WIB on 2026-11-24`: a lock time as the people at the desk read clocks. */
export function formatLocalTime(app: AppContext, iso: string): string {
  const tz = getSettings(app).timeZone;
  const at = new Date(iso);
  return `${businessTime(at, tz)} ${ZONE_ABBR[tz] ?? tz} on ${businessDate(at, tz)}`;
}

const lockedError = (app: AppContext, until: Date) =>
  new AppError(
    'RATE_LIMITED',
    `Too many failed sign-ins from this device: this account is locked on it until ${formatLocalTime(app, until.toISOString())}`,
  );

const slowedError = (seconds: number) =>
  new AppError('RATE_LIMITED', `Too many failed sign-ins on this account: try again in ${seconds} seconds`);

/**
 * Checks a password and starts a session. Wrong passwords are limited per account and source and
 * slowed per account (see users/login-throttle.ts); every attempt is audited with its source.
 */
export async function login(
  call: CallContext,
  username: string,
  password: string,
): Promise<{ token: string; user: Me }> {
  const { app } = call;
  // Computed on the first sign-in of any kind, so later unknown-user attempts cost the same as real ones.
  const dummy = dummyHash();
  const name = username.trim();
  const key = name.toLowerCase();
  const source = sourceOf(call);
  const where = source ?? 'unknown';
  const user = app.sqlite.prepare(`${USER_SELECT} WHERE username = ? COLLATE NOCASE`).get(name) as UserRow | undefined;
  const throttle = loginThrottle(app);
  // users.locked_until marks "locked on some device" for the Users screen; an Admin's reset or
  // re-enable clears it, and with it the device locks.
  if (user && !(user.lockedUntil && user.lockedUntil > app.clock.now().toISOString())) throttle.liftLocks(key);
  // Refused before any password is hashed: the answer costs nothing and says nothing about the password.
  const verdict = throttle.check(key, where, !!user && isKnownSource(app, user.id, source));
  if (!verdict.ok) {
    writeAudit(call, {
      action: 'locked' in verdict ? 'auth.login_locked' : 'auth.login_throttled',
      entity: 'user',
      entityId: user?.id ?? null,
      after: { username: (user?.username ?? name).slice(0, 64) },
    });
    throw 'locked' in verdict ? lockedError(app, verdict.locked) : slowedError(verdict.retryAfterSeconds);
  }
  if (!user) {
    await verifyPassword(await dummy, password);
    const lock = throttle.failed(key, where);
    writeAudit(call, { action: 'auth.login_failed', entity: 'user', after: { username: name.slice(0, 64) } });
    throw lock ? lockedError(app, lock) : new AppError('UNAUTHENTICATED', WRONG);
  }
  const good = await verifyPassword(user.passwordHash, password);
  // Re-read after the await: the account may have been disabled meanwhile. The failure's audit row is
  // committed before it is reported.
  const outcome = app.sqlite.transaction((): { token: string; user: Me } | AppError => {
    const fresh = app.sqlite.prepare(`${USER_SELECT} WHERE id = ?`).get(user.id) as UserRow;
    if (!good || !fresh.isActive) {
      const lock = throttle.failed(key, where);
      if (lock) {
        app.sqlite
          .prepare('UPDATE users SET locked_until = max(coalesce(locked_until, ?), ?) WHERE id = ?')
          .run(lock.toISOString(), lock.toISOString(), user.id);
      }
      writeAudit(call, {
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user.id,
        after: {
          username: user.username,
          lockedUntil: lock?.toISOString() ?? null,
          ...(fresh.isActive ? {} : { disabled: true }),
        },
      });
      return lock ? lockedError(app, lock) : new AppError('UNAUTHENTICATED', WRONG);
    }
    // failed_logins belonged to the former account-wide lock; locked_until stays while another device
    // is still locked (it ends on its own).
    app.sqlite
      .prepare('UPDATE users SET failed_logins = 0, last_login_at = ? WHERE id = ?')
      .run(app.clock.now().toISOString(), user.id);
    const started = startSession(call, fresh);
    writeAudit(
      {
        ...call,
        session: {
          userId: fresh.id,
          username: fresh.username,
          fullName: fresh.fullName,
          role: fresh.role,
          sessionId: 0,
          expiresAt: '',
        },
      },
      { action: 'auth.login', entity: 'user', entityId: fresh.id, after: { transport: call.transport } },
    );
    return started;
  })();
  if (outcome instanceof AppError) throw outcome;
  throttle.succeeded(key, where);
  return outcome;
}

/**
 * Whether a token still belongs to a live session (not revoked, not expired, user active), without
 * sliding its expiry: an open event stream must not keep an idle session alive.
 */
export function sessionIsLive(app: AppContext, token: string | undefined): boolean {
  if (!token) return false;
  const row = app.sqlite
    .prepare(
      `SELECT s.expires_at AS expiresAt FROM auth_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.revoked_at IS NULL AND u.is_active = 1`,
    )
    .get(sha256(token)) as { expiresAt: string } | undefined;
  return !!row && row.expiresAt > app.clock.now().toISOString();
}

/** Resolves a bearer token to a live session, sliding its idle expiry. Null when unknown, revoked or expired. */
export function resolveSession(app: AppContext, token: string | undefined): Session | null {
  if (!token) return null;
  const row = app.sqlite
    .prepare(
      `SELECT s.id, s.user_id AS userId, s.created_at AS createdAt, s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt,
              u.username, u.full_name AS fullName, u.role, u.is_active AS isActive, u.must_change_password AS mustChange
       FROM auth_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.revoked_at IS NULL`,
    )
    .get(sha256(token)) as
    | {
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
    | undefined;
  const now = app.clock.now();
  if (!row || !row.isActive || row.expiresAt <= now.toISOString()) return null;
  let expiresAt = row.expiresAt;
  if (now.getTime() - Date.parse(row.lastSeenAt) >= TOUCH_EVERY_MS) {
    expiresAt = nextExpiry(app, now, new Date(row.createdAt));
    app.sqlite
      .prepare('UPDATE auth_sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?')
      .run(now.toISOString(), expiresAt, row.id);
  }
  return {
    userId: row.userId,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    sessionId: row.id,
    expiresAt,
    mustChangePassword: row.mustChange === 1,
  };
}

export function logout(call: CallContext): { ok: boolean } {
  if (!call.session) return { ok: true };
  call.app.sqlite.transaction(() => {
    call.app.sqlite
      .prepare('UPDATE auth_sessions SET revoked_at = ? WHERE id = ?')
      .run(call.app.clock.now().toISOString(), call.session!.sessionId);
    writeAudit(call, { action: 'auth.logout', entity: 'user', entityId: call.session!.userId });
  })();
  return { ok: true };
}

export function me(call: CallContext): Me {
  const s = call.session!;
  const u = call.app.sqlite.prepare(`${USER_SELECT} WHERE id = ?`).get(s.userId) as UserRow;
  return toMe(u, s.expiresAt);
}

function changePasswordLimiter(app: AppContext): RateLimiter {
  const existing = app.services.changePasswordLimiter;
  if (existing instanceof RateLimiter) return existing;
  const limiter = new RateLimiter(app.clock, MAX_FAILED_LOGINS, LOCKOUT_MINUTES * 60_000);
  app.services.changePasswordLimiter = limiter;
  return limiter;
}

export async function changePassword(call: CallContext, current: string, next: string): Promise<{ ok: boolean }> {
  const s = call.session!;
  const { app } = call;
  const u = app.sqlite.prepare(`${USER_SELECT} WHERE id = ?`).get(s.userId) as UserRow;
  // A left-open session must not become a way to guess the password: 5 wrong tries per 5 minutes.
  const limiter = changePasswordLimiter(app);
  const key = `user:${u.id}`;
  if (limiter.count(key) >= MAX_FAILED_LOGINS) {
    throw new AppError('RATE_LIMITED', 'Too many wrong current passwords: wait a few minutes and try again');
  }
  if (!(await verifyPassword(u.passwordHash, current))) {
    limiter.hit(key);
    throw new AppError('BAD_INPUT', 'Current password is wrong', [
      { path: 'currentPassword', message: 'Current password is wrong' },
    ]);
  }
  limiter.reset(key);
  if (current === next) {
    throw new AppError('BAD_INPUT', 'Choose a password different from the current one', [
      { path: 'newPassword', message: 'Choose a password different from the current one' },
    ]);
  }
  checkPasswordPolicy(next, u.username, 'newPassword');
  const h = await hashPassword(next);
  app.sqlite.transaction(() => {
    app.sqlite
      .prepare('UPDATE users SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?')
      .run(h, app.clock.now().toISOString(), u.id);
    // Other sessions of this user end: whoever knew the old password is signed out.
    app.sqlite
      .prepare('UPDATE auth_sessions SET revoked_at = ? WHERE user_id = ? AND id != ? AND revoked_at IS NULL')
      .run(app.clock.now().toISOString(), u.id, s.sessionId);
    writeAudit(call, { action: 'user.change_password', entity: 'user', entityId: u.id });
  })();
  return { ok: true };
}
