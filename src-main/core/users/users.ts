import type { AppUser } from '../../../src-shared/contract/users';
import type { Role } from '../../../src-shared/permissions';
import { AppError, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';
import { checkPasswordPolicy, hashPassword } from '../passwords';
import { likePattern, type Paged } from '../sql';

interface Row {
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

const SELECT = `SELECT id, username, full_name AS fullName, role, is_active AS isActive, must_change_password AS mustChangePassword,
  locked_until AS lockedUntil, last_login_at AS lastLoginAt, created_at AS createdAt, updated_at AS updatedAt FROM users`;

function toUser(r: Row, now: string): AppUser {
  return {
    id: r.id,
    username: r.username,
    fullName: r.fullName,
    role: r.role,
    isActive: r.isActive === 1,
    mustChangePassword: r.mustChangePassword === 1,
    lockedUntil: r.lockedUntil && r.lockedUntil > now ? r.lockedUntil : null,
    lastLoginAt: r.lastLoginAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const now = (app: AppContext) => app.clock.now().toISOString();

function row(app: AppContext, id: number): Row {
  const r = app.sqlite.prepare(`${SELECT} WHERE id = ?`).get(id) as Row | undefined;
  if (!r) throw notFound('User');
  return r;
}

const activeAdmins = (app: AppContext) =>
  (app.sqlite.prepare(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND is_active = 1`).get() as { n: number })
    .n;

/** Ends every open session of a user (disable, password reset): they must sign in again. */
export function revokeSessions(app: AppContext, userId: number): number {
  return app.sqlite
    .prepare('UPDATE auth_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
    .run(now(app), userId).changes;
}

export function listUsers(
  call: CallContext,
  q: { search?: string; role?: Role; active?: boolean; page: number; pageSize: number },
): Paged<AppUser> {
  const where: string[] = [];
  const args: unknown[] = [];
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
  const { sqlite } = call.app;
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM users${w}`).get(...args) as { n: number }).n;
  const rows = sqlite
    .prepare(`${SELECT}${w} ORDER BY is_active DESC, username COLLATE NOCASE LIMIT ? OFFSET ?`)
    .all(...args, q.pageSize, (q.page - 1) * q.pageSize) as Row[];
  const t = now(call.app);
  return { items: rows.map((r) => toUser(r, t)), total, page: q.page, pageSize: q.pageSize };
}

export async function createUser(
  call: CallContext,
  input: { username: string; fullName: string; role: Role; password: string; mustChangePassword: boolean },
): Promise<AppUser> {
  checkPasswordPolicy(input.password, input.username);
  const { app } = call;
  const taken = () =>
    new AppError('CONFLICT', `The username ${input.username} is already taken`, [
      { path: 'username', message: 'This username is already taken' },
    ]);
  if (app.sqlite.prepare('SELECT 1 FROM users WHERE username = ? COLLATE NOCASE').get(input.username)) throw taken();
  const passwordHash = await hashPassword(input.password);
  return app.sqlite.transaction(() => {
    const t = now(app);
    let id: number;
    try {
      id = Number(
        app.sqlite
          .prepare(
            `INSERT INTO users(username, full_name, role, password_hash, must_change_password, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(input.username, input.fullName, input.role, passwordHash, input.mustChangePassword ? 1 : 0, t, t)
          .lastInsertRowid,
      );
    } catch (err) {
      // Another create may have won the race since the check above.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw taken();
      throw err;
    }
    const created = toUser(row(app, id), t);
    writeAudit(call, {
      action: 'user.create',
      entity: 'user',
      entityId: id,
      after: {
        username: created.username,
        fullName: created.fullName,
        role: created.role,
        mustChangePassword: created.mustChangePassword,
      },
    });
    return created;
  })();
}

/** The last active Admin can be neither disabled nor demoted: someone must always be able to manage users. */
function guardLastAdmin(app: AppContext, r: Row, what: string) {
  if (r.role === 'admin' && r.isActive === 1 && activeAdmins(app) <= 1) {
    throw new AppError(
      'CONFLICT',
      what === 'disabled'
        ? `${r.username} is the last active Admin and cannot be disabled: make another Admin first`
        : `${r.username} is the last active Admin and cannot be demoted: make another Admin first`,
    );
  }
}

export function updateUser(
  call: CallContext,
  input: { id: number; fullName?: string; role?: Role; reason?: string | null },
): AppUser {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const before = row(app, input.id);
    const fullName = input.fullName ?? before.fullName;
    const role = input.role ?? before.role;
    if (role !== before.role && before.role === 'admin') guardLastAdmin(app, before, 'demoted');
    if (fullName === before.fullName && role === before.role) return toUser(before, now(app));
    const t = now(app);
    app.sqlite
      .prepare('UPDATE users SET full_name = ?, role = ?, updated_at = ? WHERE id = ?')
      .run(fullName, role, t, input.id);
    const b: Record<string, unknown> = {};
    const a: Record<string, unknown> = {};
    if (fullName !== before.fullName) [b.fullName, a.fullName] = [before.fullName, fullName];
    if (role !== before.role) [b.role, a.role] = [before.role, role];
    writeAudit(call, {
      action: role !== before.role ? 'user.change_role' : 'user.update',
      entity: 'user',
      entityId: input.id,
      before: { username: before.username, ...b },
      after: a,
      reason: input.reason ?? null,
    });
    return toUser(row(app, input.id), t);
  })();
}

export function setUserActive(
  call: CallContext,
  input: { id: number; reason?: string | null },
  active: boolean,
): AppUser {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const before = row(app, input.id);
    if (!active) {
      if (call.session?.userId === before.id) throw new AppError('CONFLICT', 'You cannot disable your own account');
      guardLastAdmin(app, before, 'disabled');
    }
    if ((before.isActive === 1) === active) return toUser(before, now(app));
    const t = now(app);
    // Re-enabling also clears a lockout left from before.
    app.sqlite
      .prepare(
        `UPDATE users SET is_active = ?, updated_at = ?${active ? ', failed_logins = 0, locked_until = NULL' : ''} WHERE id = ?`,
      )
      .run(active ? 1 : 0, t, input.id);
    const ended = active ? 0 : revokeSessions(app, input.id);
    writeAudit(call, {
      action: active ? 'user.enable' : 'user.disable',
      entity: 'user',
      entityId: input.id,
      before: { username: before.username, isActive: before.isActive === 1 },
      after: { isActive: active, ...(active ? {} : { sessionsEnded: ended }) },
      reason: input.reason ?? null,
    });
    return toUser(row(app, input.id), t);
  })();
}

/**
 * Admin sets a temporary password: the user must change it at next sign-in, their open sessions end
 * and any lockout is lifted.
 */
export async function resetPassword(call: CallContext, input: { id: number; newPassword: string }): Promise<AppUser> {
  const { app } = call;
  const target = row(app, input.id);
  checkPasswordPolicy(input.newPassword, target.username, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  return app.sqlite.transaction(() => {
    row(app, input.id);
    const t = now(app);
    const self = call.session?.userId === input.id;
    app.sqlite
      .prepare(
        `UPDATE users SET password_hash = ?, must_change_password = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?`,
      )
      .run(passwordHash, self ? 0 : 1, t, input.id);
    const ended = self
      ? app.sqlite
          .prepare('UPDATE auth_sessions SET revoked_at = ? WHERE user_id = ? AND id != ? AND revoked_at IS NULL')
          .run(t, input.id, call.session!.sessionId).changes
      : revokeSessions(app, input.id);
    writeAudit(call, {
      action: 'user.reset_password',
      entity: 'user',
      entityId: input.id,
      after: { username: target.username, mustChangePassword: !self, sessionsEnded: ended },
    });
    return toUser(row(app, input.id), t);
  })();
}
