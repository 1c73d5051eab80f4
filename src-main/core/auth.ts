import crypto from 'node:crypto';
import type { Me } from '../../src-shared/contract/auth';
import { ROLE_PERMISSIONS } from '../../src-shared/permissions';
import { AppError, notFound } from '../../src-shared/result';
import {
  countUsers,
  extendUserLock,
  findUserAuth,
  findUserAuthByName,
  insertFirstAdminRow,
  recordLogin,
  recordSuccessfulLogin,
  setOwnPassword,
  type UserAuthRow,
} from '../data/users.repository';
import {
  findOpenSession,
  insertSession,
  liveSessionExpiry,
  revokeSession,
  revokeUserSessions,
  touchSession,
} from '../data/sessions.repository';
import { writeAudit } from './audit';
import { sessionOrigin } from './sessions/origin';
import { sourceOf, type AppContext, type CallContext, type Session } from './context';
import { checkPasswordPolicy, dummyHash, hashPassword, verifyPassword } from './passwords';
import { getSettings } from './settings';
import { isKnownSource, LOCKOUT_MINUTES, loginThrottle, MAX_FAILED_LOGINS } from './users/login-throttle';
import { RateLimiter } from './users/rate-limit';
import { lockedError, refusedError } from './users/sign-in-refusals';
import { permissionsOpenToBrandLimited } from './brands/gate';
import { userBrandIds } from '../data/brands.repository';

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

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export function userCount(app: AppContext): number {
  return countUsers(app.sqlite);
}

function toMe(
  app: AppContext,
  u: Pick<UserAuthRow, 'id' | 'username' | 'fullName' | 'role' | 'mustChangePassword'>,
  expiresAt: string,
): Me {
  const brandLimited = userBrandIds(app.sqlite, u.id).length > 0;
  const role = [...ROLE_PERMISSIONS[u.role]];
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    role: u.role,
    mustChangePassword: u.mustChangePassword === 1,
    expiresAt,
    permissions: brandLimited ? permissionsOpenToBrandLimited(role) : role,
    ...(brandLimited ? { brandLimited: true } : {}),
  };
}

function idleMs(app: AppContext) {
  return getSettings(app).sessionTimeoutMinutes * 60_000;
}

/** Where a new session comes from (address, device label, kind of seat), recorded with it. */
const origin = (call: CallContext) => sessionOrigin(call.transport, sourceOf(call), call.userAgent);

function startSession(call: CallContext, user: UserAuthRow): { token: string; user: Me } {
  const { app } = call;
  const token = crypto.randomBytes(32).toString('base64url');
  const now = app.clock.now();
  const expiresAt = nextExpiry(app, now, now);
  insertSession(app.sqlite, {
    tokenHash: sha256(token),
    userId: user.id,
    at: now.toISOString(),
    expiresAt,
    transport: call.transport,
    ...origin(call),
  });
  return { token, user: toMe(app, user, expiresAt) };
}

/** Inserts the first Admin and its audit row (inside the caller's transaction). Refused once any user exists. */
function insertFirstAdmin(call: CallContext, input: { username: string; fullName: string }, passwordHash: string) {
  const { app } = call;
  if (userCount(app) > 0) throw new AppError('CONFLICT', 'Setup is already done: sign in instead');
  const now = app.clock.now().toISOString();
  const id = insertFirstAdminRow(app.sqlite, {
    username: input.username,
    fullName: input.fullName,
    passwordHash,
    at: now,
  });
  const user = findUserAuth(app.sqlite, id);
  if (!user) throw notFound('User');
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
    recordLogin(app.sqlite, user.id, app.clock.now().toISOString());
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
  const user = findUserAuthByName(app.sqlite, name);
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
    throw refusedError(app, verdict);
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
    // A user row is never deleted: `fresh` is only missing if the database was swapped meanwhile.
    const fresh = findUserAuth(app.sqlite, user.id);
    if (!good || !fresh?.isActive) {
      const lock = throttle.failed(key, where);
      if (lock) extendUserLock(app.sqlite, user.id, lock.toISOString());
      writeAudit(call, {
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user.id,
        after: {
          username: user.username,
          lockedUntil: lock?.toISOString() ?? null,
          ...(fresh?.isActive ? {} : { disabled: true }),
        },
      });
      return lock ? lockedError(app, lock) : new AppError('UNAUTHENTICATED', WRONG);
    }
    // failed_logins belonged to the former account-wide lock; locked_until stays while another device
    // is still locked (it ends on its own).
    recordSuccessfulLogin(app.sqlite, user.id, app.clock.now().toISOString());
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
      {
        action: 'auth.login',
        entity: 'user',
        entityId: fresh.id,
        after: { transport: call.transport, device: origin(call).device },
      },
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
  const expiresAt = liveSessionExpiry(app.sqlite, sha256(token));
  return !!expiresAt && expiresAt > app.clock.now().toISOString();
}

/** The user behind a live token (same rules as sessionIsLive, nothing slid), or null. */
export function liveSessionUserId(app: AppContext, token: string | undefined): number | null {
  if (!token) return null;
  const row = findOpenSession(app.sqlite, sha256(token));
  return row && row.isActive && row.expiresAt > app.clock.now().toISOString() ? row.userId : null;
}

/** Resolves a bearer token to a live session, sliding its idle expiry. Null when unknown, revoked or expired. */
export function resolveSession(app: AppContext, token: string | undefined): Session | null {
  if (!token) return null;
  const row = findOpenSession(app.sqlite, sha256(token));
  const now = app.clock.now();
  if (!row || !row.isActive || row.expiresAt <= now.toISOString()) return null;
  let expiresAt = row.expiresAt;
  if (now.getTime() - Date.parse(row.lastSeenAt) >= TOUCH_EVERY_MS) {
    expiresAt = nextExpiry(app, now, new Date(row.createdAt));
    touchSession(app.sqlite, row.id, now.toISOString(), expiresAt);
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
    revokeSession(call.app.sqlite, call.session!.sessionId, call.app.clock.now().toISOString());
    writeAudit(call, { action: 'auth.logout', entity: 'user', entityId: call.session!.userId });
  })();
  return { ok: true };
}

export function me(call: CallContext): Me {
  const s = call.session!;
  const u = findUserAuth(call.app.sqlite, s.userId);
  if (!u) throw notFound('User');
  return toMe(call.app, u, s.expiresAt);
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
  const u = findUserAuth(app.sqlite, s.userId);
  if (!u) throw notFound('User');
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
    setOwnPassword(app.sqlite, u.id, h, app.clock.now().toISOString());
    // Other sessions of this user end: whoever knew the old password is signed out.
    revokeUserSessions(app.sqlite, u.id, app.clock.now().toISOString(), s.sessionId);
    writeAudit(call, { action: 'user.change_password', entity: 'user', entityId: u.id });
  })();
  return { ok: true };
}
