import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src-main/app';
import { createFirstAdminAccount } from '../../../src-main/core/auth';
import { silentLogger } from '../../../src-main/logging/logger';
import { FakeClock, MIGRATIONS, tempDir, testApp, type TestApp } from '../../helpers/app';

/*
 * Issue 12: the Users list showed the signed-in admin as "Belum pernah" (never signed in). The
 * setup wizard creates the admin and signs it in (setup.createAdmin), but only auth.login recorded
 * the sign-in. Every way a session starts is a sign-in; creating an account without one is not.
 */
let t: TestApp | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

const adminRow = async (tt: TestApp, token?: string) =>
  (await tt.ok('users.list', {}, token)).items.find((u) => u.username === 'admin')!;

describe('last sign-in of the admin', () => {
  it('the wizard admin (created and signed in by setup.createAdmin) shows that sign-in', async () => {
    t = await testApp(); // setup's createFirstAdmin at the fake clock's 2026-11-24T03:00Z
    expect((await adminRow(t)).lastLoginAt).toBe('2026-11-24T03:00:00.000Z');
  });

  it('a later sign-in moves it', async () => {
    t = await testApp();
    t.clock.advance(3_600_000);
    const { token } = await t.ok('auth.login', { username: 'admin', password: 'Rahasia-Kantor-1' });
    expect((await adminRow(t, token)).lastLoginAt).toBe('2026-11-24T04:00:00.000Z');
  });

  it('an admin created by --init-admin has not signed in yet, until it does', async () => {
    const app = createApp({
      dataDir: tempDir(),
      migrationsFolder: MIGRATIONS,
      clock: new FakeClock(),
      logger: silentLogger,
      appVersion: '0.0.0-test',
    });
    try {
      await createFirstAdminAccount(app.ctx, { username: 'admin', fullName: 'Admin', password: 'Rahasia-Kantor-1' });
      const row = () =>
        app.ctx.sqlite.prepare(`SELECT last_login_at AS at FROM users WHERE username = 'admin'`).get() as {
          at: string | null;
        };
      expect(row().at).toBeNull();
      expect(app.ctx.sqlite.prepare('SELECT count(*) AS n FROM auth_sessions').get()).toEqual({ n: 0 });
      const r = await app.call(
        'auth.login',
        { username: 'admin', password: 'Rahasia-Kantor-1' },
        { transport: 'http' },
      );
      expect(r.ok).toBe(true);
      expect(row().at).toBe('2026-11-24T03:00:00.000Z');
    } finally {
      app.close();
    }
  });
});
