import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PORTAL_ATTEMPTS_PER_SOURCE } from '../../../src-main/core/portal/login';
import idErrors from '../../../src-renderer/i18n/locales/id/errors.json';
import { portalWorld, type PortalWorld } from './fixtures';

let w: PortalWorld;
beforeEach(async () => {
  w = await portalWorld();
});
afterEach(() => w.close());

const errorOf = (body: string) => JSON.parse(body).error as { code: string; message: string };
const auditRows = (action: string) =>
  w.t.app.ctx.sqlite
    .prepare('SELECT username, source, entity_id AS entityId FROM audit_log WHERE action = ?')
    .all(action) as {
    username: string;
    source: string;
    entityId: string;
  }[];

describe('customer sign-in', () => {
  it('takes the customer code (any case) or the PPPoE username, and audits it with the address', async () => {
    await w.signIn(w.a.code.toLowerCase(), w.a.password);
    await w.signIn(w.a.username.toUpperCase(), w.a.password, '127.0.0.2');
    const rows = auditRows('portal.login');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({ username: `customer:${w.a.code}`, source: '127.0.0.2', entityId: String(w.a.id) });
  });

  it('answers a wrong password, an unknown login and a customer without a portal password alike', async () => {
    const noPassword = await w.t.ok('customers.create', { name: 'Tanpa Portal' });
    for (const login of [w.a.code, 'CUST9999', noPassword.customerCode]) {
      const r = await w.post('portal.login', { login, password: 'salah-sekali' });
      expect(r.status).toBe(401);
      expect(errorOf(r.body).message).toBe('Wrong customer code, PPPoE username or password');
    }
    expect(idErrors['Wrong customer code, PPPoE username or password']).toMatch(/salah/);
    expect(auditRows('portal.login_failed')).toHaveLength(3);
  });

  it('locks an account on one address after 5 wrong passwords, not on another address', async () => {
    // The owner's phone has signed in before: it skips the account-wide slow-down.
    await w.signIn(w.a.code, w.a.password, '127.0.0.3');
    for (let i = 0; i < 4; i++)
      expect((await w.post('portal.login', { login: w.a.code, password: 'x' })).status).toBe(401);
    const fifth = await w.post('portal.login', { login: w.a.code, password: 'x' });
    expect(fifth.status).toBe(429);
    expect(errorOf(fifth.body).message).toMatch(/locked on it until \d\d:\d\d WIB/);
    // Even the right password is refused on that address while locked, without being checked.
    expect((await w.post('portal.login', { login: w.a.code, password: w.a.password })).status).toBe(429);
    // The owner on their phone (another address) still signs in.
    await w.signIn(w.a.code, w.a.password, '127.0.0.3');
    // A new address must wait between attempts (the account is slowed down, not locked).
    const fresh = await w.post('portal.login', { login: w.a.username, password: w.a.password }, { from: '127.0.0.7' });
    expect(errorOf(fresh.body).message).toMatch(/try again in \d+ seconds/);
    // Five minutes later the lock is over.
    w.t.clock.advance(5 * 60_000 + 1);
    await w.signIn(w.a.code, w.a.password);
  });

  it('a desk reset lifts the lock and ends the customer’s sessions', async () => {
    const old = await w.signIn(w.a.code, w.a.password, '127.0.0.4');
    for (let i = 0; i < 5; i++) await w.post('portal.login', { login: w.a.code, password: 'x' });
    const { password } = await w.t.ok('customers.resetPortalPassword', { customerId: w.a.id });
    expect(password).toMatch(/^[A-Za-z2-9]{10}$/);
    await w.signIn(w.a.code, password);
    expect((await w.post('portal.me', {}, { cookie: old })).status).toBe(401);
    expect(auditRows('portal.password_reset').map((r) => r.username)).toContain('admin');
    // Only the hash is stored.
    const stored = w.t.app.ctx.sqlite
      .prepare('SELECT password_hash AS h FROM portal_credentials WHERE customer_id = ?')
      .get(w.a.id) as { h: string };
    expect(stored.h.startsWith('$argon2id$')).toBe(true);
  });

  it('limits attempts per address whatever account they name', async () => {
    for (let i = 0; i < PORTAL_ATTEMPTS_PER_SOURCE; i++) {
      const r = await w.post('portal.login', { login: `nobody${i}`, password: 'x' }, { from: '127.0.0.5' });
      expect(r.status).toBe(401);
    }
    const over = await w.post('portal.login', { login: w.b.code, password: w.b.password }, { from: '127.0.0.5' });
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBeDefined();
    expect(errorOf(over.body).message).toMatch(/wait \d+ seconds/);
    // Other addresses are not affected.
    await w.signIn(w.b.code, w.b.password, '127.0.0.6');
  });

  it('a staff sign-in lock and a portal lock are separate', async () => {
    for (let i = 0; i < 5; i++) await w.post('portal.login', { login: 'admin', password: 'x' });
    const staff = await w.t.app.call(
      'auth.login',
      { username: 'admin', password: 'Rahasia-Kantor-1' },
      { transport: 'http', source: '127.0.0.1' },
    );
    expect(staff.ok).toBe(true);
  });

  it('the desk sees whether a customer has portal access, never the password', async () => {
    const access = await w.t.ok('customers.portalAccess', { customerId: w.a.id });
    expect(access).toEqual({ hasPassword: true, setAt: expect.any(String), lastLoginAt: null });
    await w.signIn(w.a.code, w.a.password);
    expect((await w.t.ok('customers.portalAccess', { customerId: w.a.id })).lastLoginAt).not.toBeNull();
    const none = await w.t.ok('customers.create', { name: 'Baru' });
    expect((await w.t.ok('customers.portalAccess', { customerId: none.id })).hasPassword).toBe(false);
  });
});
