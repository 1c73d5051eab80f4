import type { AppUser } from '../../../src-shared/contract/users';
import type { Role } from '../../../src-shared/permissions';
import { AppError, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import { applyUserBrands } from '../brands/users';
import type { AppContext, CallContext } from '../context';
import { checkPasswordPolicy, hashPassword } from '../passwords';
import { isUniqueViolation, type Paged } from '../../data/sql';
import { revokeUserSessions } from '../../data/sessions.repository';
import {
  countActiveAdmins,
  findUser,
  insertUser,
  listUserRows,
  resetUserPassword,
  setUserActiveRow,
  updateUserProfile,
  usernameTaken,
  type UserRow,
} from '../../data/users.repository';

function toUser(r: UserRow, now: string): AppUser {
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

function row(app: AppContext, id: number): UserRow {
  const r = findUser(app.sqlite, id);
  if (!r) throw notFound('User');
  return r;
}

/** Ends every open session of a user (disable, password reset): they must sign in again. */
export function revokeSessions(app: AppContext, userId: number): number {
  return revokeUserSessions(app.sqlite, userId, now(app));
}

export function listUsers(
  call: CallContext,
  q: { search?: string; role?: Role; active?: boolean; page: number; pageSize: number },
): Paged<AppUser> {
  const { rows, total } = listUserRows(call.app.sqlite, {
    search: q.search,
    role: q.role,
    active: q.active,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const t = now(call.app);
  return { items: rows.map((r) => toUser(r, t)), total, page: q.page, pageSize: q.pageSize };
}

export async function createUser(
  call: CallContext,
  input: {
    username: string;
    fullName: string;
    role: Role;
    password: string;
    mustChangePassword: boolean;
    brandIds?: number[];
  },
): Promise<AppUser> {
  checkPasswordPolicy(input.password, input.username);
  const { app } = call;
  const taken = () =>
    new AppError('CONFLICT', `The username ${input.username} is already taken`, [
      { path: 'username', message: 'This username is already taken' },
    ]);
  if (usernameTaken(app.sqlite, input.username)) throw taken();
  const passwordHash = await hashPassword(input.password);
  return app.sqlite.transaction(() => {
    const t = now(app);
    let id: number;
    try {
      id = insertUser(app.sqlite, {
        username: input.username,
        fullName: input.fullName,
        role: input.role,
        passwordHash,
        mustChangePassword: input.mustChangePassword,
        at: t,
      });
    } catch (err) {
      // Another create may have won the race since the check above.
      if (isUniqueViolation(err)) throw taken();
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
    // The brand limit is written with the user: a failure leaves no user that sees every brand.
    if (input.brandIds?.length) applyUserBrands(call, { id, role: input.role }, input.brandIds);
    return created;
  })();
}

/** The last active Admin can be neither disabled nor demoted: someone must always be able to manage users. */
function guardLastAdmin(app: AppContext, r: UserRow, what: string) {
  if (r.role === 'admin' && r.isActive === 1 && countActiveAdmins(app.sqlite) <= 1) {
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
  input: { id: number; fullName?: string; role?: Role; reason?: string | null; brandIds?: number[] },
): AppUser {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const before = row(app, input.id);
    const fullName = input.fullName ?? before.fullName;
    const role = input.role ?? before.role;
    if (role !== before.role && before.role === 'admin') guardLastAdmin(app, before, 'demoted');
    // An Admin sees every brand: made Admin, a user's brand limit goes.
    const brandIds = role === 'admin' && !input.brandIds?.length ? [] : input.brandIds;
    if (brandIds) applyUserBrands(call, { id: input.id, role }, brandIds);
    if (fullName === before.fullName && role === before.role) return toUser(before, now(app));
    const t = now(app);
    updateUserProfile(app.sqlite, input.id, { fullName, role, at: t });
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
    setUserActiveRow(app.sqlite, input.id, active, t);
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
    resetUserPassword(app.sqlite, input.id, { passwordHash, mustChange: !self, at: t });
    const ended = self
      ? revokeUserSessions(app.sqlite, input.id, t, call.session!.sessionId)
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
