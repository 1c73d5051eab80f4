import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { PASSWORDS, signInAs } from '../security/helpers';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const auditActions = () =>
  (t.app.ctx.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map(
    (r) => r.action,
  );

describe('users', () => {
  it('creates a user with a role, hides the hash, lists and audits it', async () => {
    const u = await t.ok('users.create', {
      username: 'kasir1',
      fullName: 'Siti Kasir',
      role: 'staff',
      password: 'Kopi-Susu-Manis-9',
    });
    expect(u).toMatchObject({
      username: 'kasir1',
      role: 'staff',
      isActive: true,
      mustChangePassword: true,
      lockedUntil: null,
    });
    expect(JSON.stringify(u)).not.toMatch(/argon|hash/i);
    const list = await t.ok('users.list', {});
    expect(list.total).toBe(2);
    expect(list.items.map((i) => i.username)).toEqual(['admin', 'kasir1']);
    expect((await t.ok('users.list', { role: 'staff' })).items.map((i) => i.username)).toEqual(['kasir1']);
    expect((await t.ok('users.list', { search: 'siti' })).total).toBe(1);
    expect((await t.ok('users.list', { search: '%' })).total).toBe(0);
    expect(auditActions()).toContain('user.create');
    const row = t.app.ctx.sqlite
      .prepare(`SELECT after FROM audit_log WHERE action = 'user.create' ORDER BY id DESC`)
      .get() as { after: string };
    expect(row.after).not.toContain('Kopi-Susu');
  });

  it('refuses a duplicate username (any case) with CONFLICT on the field', async () => {
    await t.ok('users.create', { username: 'kasir1', fullName: 'A', role: 'staff', password: 'Kopi-Susu-Manis-9' });
    const r = await t.call('users.create', {
      username: 'KASIR1',
      fullName: 'B',
      role: 'staff',
      password: 'Kopi-Susu-Manis-9',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'username' }] } });
  });

  it.each([
    ['short', 'Ab1-xyz', 'at least 8'],
    ['the username', 'kasir-budi', 'username'],
    ['containing the username', 'xx-kasir-budi-99', 'username'],
    ['common', 'password123', 'common'],
    ['common Indonesian', 'bismillah', 'common'],
    ['common word + digits', 'Indonesia1945', 'common'],
    ['leet common', 'P@ssw0rd2024', 'common'],
    ['one repeated character', 'aaaaaaaaaa', 'common'],
  ])('password policy refuses %s', async (_label, password, msg) => {
    const r = await t.call('users.create', { username: 'kasir-budi', fullName: 'Budi', role: 'staff', password });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_INPUT');
    expect(r.error.issues?.[0]?.path).toBe('password');
    expect(r.error.message).toMatch(new RegExp(msg, 'i'));
    expect((await t.ok('users.list', {})).total).toBe(1);
  });

  it('updates name and role; the new role applies to the open session at once', async () => {
    const { token, id } = await signInAs(t, 'staff');
    expect(await t.call('users.list', {}, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const u = await t.ok('users.update', { id, role: 'admin', fullName: 'Now Admin' });
    expect(u).toMatchObject({ role: 'admin', fullName: 'Now Admin' });
    expect((await t.call('users.list', {}, token)).ok).toBe(true);
    expect(auditActions()).toContain('user.change_role');
  });

  it('never disables or demotes the last active admin, and nobody disables themselves', async () => {
    const adminId = (await t.ok('auth.me', {})).id;
    expect(await t.call('users.update', { id: adminId, role: 'manager' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await t.call('users.disable', { id: adminId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const second = await signInAs(t, 'admin', 'owner2');
    // Now two admins: the second may demote the first, but then the second is the last one.
    expect(await t.call('users.disable', { id: second.id }, second.token)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/own account/) },
    });
    await t.ok('users.update', { id: adminId, role: 'manager' }, second.token);
    expect(await t.call('users.update', { id: second.id, role: 'staff' }, second.token)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/last active Admin/) },
    });
    const admins = t.app.ctx.sqlite
      .prepare(`SELECT count(*) AS n FROM users WHERE role='admin' AND is_active=1`)
      .get() as { n: number };
    expect(admins.n).toBe(1);
  });

  it('disabling a user ends their sessions and stops sign-in; enabling lets them back', async () => {
    const { token, id } = await signInAs(t, 'staff');
    expect((await t.call('auth.me', {}, token)).ok).toBe(true);
    const d = await t.ok('users.disable', { id, reason: 'left the company' });
    expect(d.isActive).toBe(false);
    expect(await t.call('auth.me', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const revoked = t.app.ctx.sqlite
      .prepare('SELECT count(*) AS n FROM auth_sessions WHERE user_id = ? AND revoked_at IS NULL')
      .get(id) as { n: number };
    expect(revoked.n).toBe(0);
    // Same answer as a wrong password: a disabled account is not advertised.
    expect(await t.call('auth.login', { username: 'staff1', password: PASSWORDS.staff }, '')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password' },
    });
    await t.ok('users.enable', { id });
    expect((await t.call('auth.login', { username: 'staff1', password: PASSWORDS.staff }, '')).ok).toBe(true);
    const row = t.app.ctx.sqlite.prepare(`SELECT reason FROM audit_log WHERE action = 'user.disable'`).get() as {
      reason: string;
    };
    expect(row.reason).toBe('left the company');
  });

  it('admin reset: temporary password, must change, sessions end, lockout lifted', async () => {
    const { token, id } = await signInAs(t, 'staff');
    for (let i = 0; i < 5; i++) await t.call('auth.login', { username: 'staff1', password: 'wrong-password' }, '');
    expect((await t.ok('users.list', { role: 'staff' })).items[0]!.lockedUntil).not.toBeNull();
    const u = await t.ok('users.resetPassword', { id, newPassword: 'Sementara-2026' });
    expect(u).toMatchObject({ mustChangePassword: true, lockedUntil: null });
    expect(await t.call('auth.me', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await t.call('auth.login', { username: 'staff1', password: PASSWORDS.staff }, '')).toMatchObject({
      ok: false,
    });
    const login = await t.ok('auth.login', { username: 'staff1', password: 'Sementara-2026' }, '');
    expect(login.user.mustChangePassword).toBe(true);
    await t.ok(
      'auth.changePassword',
      { currentPassword: 'Sementara-2026', newPassword: 'Es-Teh-Manis-44' },
      login.token,
    );
    expect((await t.ok('auth.me', {}, login.token)).mustChangePassword).toBe(false);
    expect(auditActions()).toEqual(expect.arrayContaining(['user.reset_password', 'user.change_password']));
  });

  it('reset password obeys the policy and unknown ids are NOT_FOUND', async () => {
    const { id } = await signInAs(t, 'staff');
    expect(await t.call('users.resetPassword', { id, newPassword: 'password1' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'newPassword' }] },
    });
    expect(await t.call('users.resetPassword', { id: 999, newPassword: 'Sementara-2026' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.call('users.disable', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('manager and staff cannot manage users', async () => {
    for (const role of ['manager', 'staff'] as const) {
      const { token } = await signInAs(t, role);
      expect(
        await t.call(
          'users.create',
          { username: `x${role}`, fullName: 'X', role: 'admin', password: 'Kopi-Susu-Manis-9' },
          token,
        ),
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });
});
