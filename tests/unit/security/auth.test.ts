import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../src-main/app';
import { MAX_SESSION_HOURS } from '../../../src-main/core/auth';
import { testApp, type TestApp } from '../../helpers/app';
import { PASSWORDS, signInAs } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

/** Every attempt from one address (tests/unit/security/login-throttle.test.ts plays several). */
const login = (username: string, password: string) =>
  t.app.call('auth.login', { username, password }, { transport: 'http', source: '192.168.1.5' });
const audit = () =>
  t.app.ctx.sqlite
    .prepare('SELECT action, user_id AS userId, entity_id AS entityId, after FROM audit_log ORDER BY id')
    .all() as {
    action: string;
    userId: number | null;
    entityId: string | null;
    after: string | null;
  }[];

describe('sign-in', () => {
  it('answers the same for a wrong password and an unknown user, and audits both', async () => {
    await signInAs(t, 'staff');
    const a = await login('staff1', 'not-the-password');
    const b = await login('nobody', 'not-the-password');
    expect(a).toEqual(b);
    expect(a).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password' } });
    const failed = audit().filter((r) => r.action === 'auth.login_failed');
    expect(failed).toHaveLength(2);
    expect(failed.map((r) => JSON.parse(r.after!).username)).toEqual(['staff1', 'nobody']);
  });

  it('audits a successful login with the user', async () => {
    const { id } = await signInAs(t, 'manager');
    expect(audit().filter((r) => r.action === 'auth.login')).toEqual([
      expect.objectContaining({ userId: id, entityId: String(id) }),
    ]);
  });

  it('locks after 5 failures for 5 minutes on that source and says until when in the ISP zone', async () => {
    await signInAs(t, 'staff');
    // 03:00Z = 10:00 WIB
    for (let i = 0; i < 4; i++)
      expect(await login('staff1', 'wrong-pass')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const fifth = await login('staff1', 'wrong-pass');
    expect(fifth).toEqual({
      ok: false,
      error: {
        code: 'RATE_LIMITED',
        message:
          'Too many failed sign-ins from this device: this account is locked on it until 10:05 WIB on 2026-11-24',
      },
    });
    // Even the right password is refused while locked.
    t.clock.advance(4 * 60_000 + 59_000);
    expect(await login('staff1', PASSWORDS.staff)).toMatchObject({
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('10:05 WIB') },
    });
    t.clock.advance(1_000);
    expect((await login('staff1', PASSWORDS.staff)).ok).toBe(true);
    expect(audit().map((r) => r.action)).toContain('auth.login_locked');
    // The counter started again after the successful login.
    for (let i = 0; i < 4; i++) await login('staff1', 'wrong-pass');
    expect((await login('staff1', PASSWORDS.staff)).ok).toBe(true);
  });

  it('formats the lock time in the configured zone (WITA)', async () => {
    await t.ok('settings.update', { timeZone: 'Asia/Makassar' });
    await signInAs(t, 'staff');
    for (let i = 0; i < 4; i++) await login('staff1', 'wrong-pass');
    expect(await login('staff1', 'wrong-pass')).toMatchObject({
      error: { message: expect.stringContaining('until 11:05 WITA on 2026-11-24') },
    });
  });

  it('unknown usernames "lock" the same way, so lockout does not reveal which names exist', async () => {
    await signInAs(t, 'staff');
    const real: unknown[] = [];
    const ghost: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      real.push(await login('staff1', 'wrong-pass'));
      ghost.push(await login('ghost', 'wrong-pass'));
    }
    expect(ghost).toEqual(real);
    expect(real.at(-1)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('a disabled account with the right password gets the wrong-password answer', async () => {
    const { id } = await signInAs(t, 'staff');
    await t.ok('users.disable', { id });
    expect(await login('staff1', PASSWORDS.staff)).toEqual(await login('nobody', PASSWORDS.staff));
  });

  it('username matching ignores case and surrounding spaces', async () => {
    await signInAs(t, 'staff');
    expect((await login('  STAFF1 ', PASSWORDS.staff)).ok).toBe(true);
  });
});

describe('sessions', () => {
  it('expire after sessionTimeoutMinutes of inactivity and slide while used', async () => {
    await t.ok('settings.update', { sessionTimeoutMinutes: 10 });
    const { token } = await signInAs(t, 'staff');
    // Used every 9 minutes: stays alive well past 10 minutes in total.
    for (let i = 0; i < 3; i++) {
      t.clock.advance(9 * 60_000);
      expect((await t.call('auth.me', {}, token)).ok).toBe(true);
    }
    t.clock.advance(10 * 60_000);
    expect(await t.call('auth.me', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Every channel sees the same expiry.
    expect(await t.call('customers.list', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it(`end ${MAX_SESSION_HOURS} hours after sign-in however busy they are; a new sign-in starts afresh`, async () => {
    await t.ok('settings.update', { sessionTimeoutMinutes: 1440 });
    const { token } = await signInAs(t, 'staff');
    const start = t.clock.now().getTime();
    // Used every 20 minutes for the whole day: the idle expiry never comes, the absolute end does.
    while (t.clock.now().getTime() + 20 * 60_000 < start + MAX_SESSION_HOURS * 3_600_000) {
      t.clock.advance(20 * 60_000);
      const me = await t.ok('auth.me', {}, token);
      expect(Date.parse(me.expiresAt)).toBeLessThanOrEqual(start + MAX_SESSION_HOURS * 3_600_000);
    }
    t.clock.advance(20 * 60_000);
    expect(await t.call('auth.me', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const again = (await t.ok('auth.login', { username: 'staff1', password: PASSWORDS.staff }, '')).token;
    expect((await t.call('auth.me', {}, again)).ok).toBe(true);
  });

  it('expiresAt tells the UI when the lock screen is due', async () => {
    const { token } = await signInAs(t, 'staff');
    const me = await t.ok('auth.me', {}, token);
    expect(me.expiresAt).toBe('2026-11-24T03:30:00.000Z');
  });

  it('logout revokes exactly this session', async () => {
    const { token } = await signInAs(t, 'staff');
    const other = (await t.ok('auth.login', { username: 'staff1', password: PASSWORDS.staff }, '')).token;
    await t.ok('auth.logout', {}, token);
    expect(await t.call('auth.me', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await t.call('auth.me', {}, other)).ok).toBe(true);
  });

  it('stores only token hashes', async () => {
    const { token } = await signInAs(t, 'staff');
    const rows = t.app.ctx.sqlite.prepare('SELECT token_hash FROM auth_sessions').all() as { token_hash: string }[];
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });
});

describe('change password', () => {
  it('needs the current password, refuses the same one, limits guessing, ends other sessions', async () => {
    const { token } = await signInAs(t, 'staff');
    const other = (await t.ok('auth.login', { username: 'staff1', password: PASSWORDS.staff }, '')).token;
    expect(
      await t.call('auth.changePassword', { currentPassword: PASSWORDS.staff, newPassword: PASSWORDS.staff }, token),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'newPassword' }] },
    });
    for (let i = 0; i < 5; i++) {
      expect(
        await t.call('auth.changePassword', { currentPassword: 'guess-' + i, newPassword: 'Es-Teh-Manis-44' }, token),
      ).toMatchObject({
        error: { code: 'BAD_INPUT', issues: [{ path: 'currentPassword' }] },
      });
    }
    expect(
      await t.call('auth.changePassword', { currentPassword: PASSWORDS.staff, newPassword: 'Es-Teh-Manis-44' }, token),
    ).toMatchObject({
      error: { code: 'RATE_LIMITED' },
    });
    t.clock.advance(5 * 60_000);
    await t.ok('auth.changePassword', { currentPassword: PASSWORDS.staff, newPassword: 'Es-Teh-Manis-44' }, token);
    expect((await t.call('auth.me', {}, token)).ok).toBe(true);
    expect(await t.call('auth.me', {}, other)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await login('staff1', 'Es-Teh-Manis-44')).ok).toBe(true);
  });
});

describe('secrets at rest', () => {
  it('the database files hold no plain-text password of an app user', async () => {
    const marker = 'Unik-Sandi-Zebra-8842';
    await t.ok('users.create', {
      username: 'kasir9',
      fullName: 'K',
      role: 'staff',
      password: marker,
      mustChangePassword: false,
    });
    await t.ok('auth.login', { username: 'kasir9', password: marker }, '');
    await t.call('auth.login', { username: 'kasir9', password: marker + 'x' }, '');
    await t.ok('users.resetPassword', { id: 2, newPassword: 'Lain-Sandi-Kuda-5531' });
    const files = fs.readdirSync(t.dataDir).filter((f) => f.startsWith(DB_FILE));
    expect(files.length).toBeGreaterThan(0);
    const scan = () => {
      for (const f of files) {
        const bytes = fs.readFileSync(path.join(t.dataDir, f));
        for (const needle of [marker, 'Lain-Sandi-Kuda-5531', PASSWORDS.admin]) {
          expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} in ${f}`).toBe(false);
          expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${needle} (utf16) in ${f}`).toBe(false);
        }
      }
    };
    scan();
    t.app.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    scan();
    const hashes = t.app.ctx.sqlite.prepare('SELECT password_hash AS h FROM users').all() as { h: string }[];
    expect(hashes.every((r) => r.h.startsWith('$argon2id$'))).toBe(true);
  });
});
