import crypto from 'node:crypto';
import type { OfficeRole, Role } from '../../../src-shared/permissions';
import type { TestApp } from '../../helpers/app';

export const PASSWORDS: Record<Role, string> = {
  admin: 'Rahasia-Kantor-1',
  manager: 'Kopi-Tubruk-Pagi-7',
  staff: 'Nasi-Goreng-Pedas-3',
  reseller: 'Pulsa-Mitra-Desa-5',
  collector: 'Jalan-Kaki-Desa-5',
};

/** Creates a user of the role (must_change_password off) and signs them in; returns the token. */
export async function signInAs(
  t: TestApp,
  role: OfficeRole,
  username = `${role}1`,
): Promise<{ token: string; id: number }> {
  const u = await t.ok('users.create', {
    username,
    fullName: `User ${role}`,
    role,
    password: PASSWORDS[role],
    mustChangePassword: false,
  });
  const { token } = await t.ok('auth.login', { username, password: PASSWORDS[role] }, '');
  return { token, id: u.id };
}

/**
 * A session row for an existing user without going through argon2 (fast, for table-driven tests).
 * Same shape as auth.ts writes: only the SHA-256 of the token is stored.
 */
export function mintSession(t: TestApp, userId: number, transport = 'http'): string {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = t.clock.now();
  t.app.ctx.sqlite
    .prepare(
      'INSERT INTO auth_sessions(token_hash, user_id, created_at, last_seen_at, expires_at, transport) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      crypto.createHash('sha256').update(token).digest('hex'),
      userId,
      now.toISOString(),
      now.toISOString(),
      new Date(now.getTime() + 3_600_000).toISOString(),
      transport,
    );
  return token;
}

/** One active user per role (the admin from testApp plus a manager, a staff and a reseller), by direct insert. */
export function usersPerRole(t: TestApp): Record<Role, number> {
  const ids = {
    admin: (t.app.ctx.sqlite.prepare(`SELECT id FROM users WHERE username = 'admin'`).get() as { id: number }).id,
  } as Record<Role, number>;
  const hash = (
    t.app.ctx.sqlite.prepare('SELECT password_hash AS h FROM users WHERE id = ?').get(ids.admin) as { h: string }
  ).h;
  for (const role of ['manager', 'staff', 'reseller', 'collector'] as const) {
    const now = t.clock.now().toISOString();
    ids[role] = Number(
      t.app.ctx.sqlite
        .prepare(
          'INSERT INTO users(username, full_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(`${role}-probe`, role, role, hash, now, now).lastInsertRowid,
    );
  }
  return ids;
}
