/**
 * Wrong passwords from one address must not lock the owner out everywhere: the lock is per account and
 * source, the account is only slowed globally (and not for sources it signed in from before). Fake
 * clock, several source addresses, through dispatch as the HTTP host calls it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slowdownMs, SLOWDOWN_MAX_SECONDS } from '../../../src-main/core/users/login-throttle';
import { testApp, type TestApp } from '../../helpers/app';
import { PASSWORDS } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const ADMIN_PASSWORD = PASSWORDS.admin;
const login = (source: string, password: string, username = 'admin') =>
  t.app.call('auth.login', { username, password }, { transport: 'http', source });
const code = async (p: ReturnType<typeof login>) => {
  const r = await p;
  return r.ok ? 'ok' : r.error.code;
};
const auditOf = (action: string) =>
  t.app.ctx.sqlite.prepare('SELECT source, after FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
    source: string | null;
    after: string;
  }[];

describe('sign-in limits per account and source', () => {
  it('five wrong passwords from one address lock that address only; the owner signs in elsewhere at once', async () => {
    // The owner has used the office PC before (a known source).
    expect(await code(login('192.168.1.10', ADMIN_PASSWORD))).toBe('ok');
    for (let i = 0; i < 4; i++) expect(await code(login('192.168.1.66', 'tebak-tebakan'))).toBe('UNAUTHENTICATED');
    const locked = await login('192.168.1.66', 'tebak-tebakan');
    expect(locked).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('locked on it until 10:05 WIB') },
    });
    // The guesser's address stays locked even with the right password...
    expect(await login('192.168.1.66', ADMIN_PASSWORD)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // ...while the owner's PC and the desktop app are not locked at all.
    expect(await code(login('192.168.1.10', ADMIN_PASSWORD))).toBe('ok');
    // Before the fix: RATE_LIMITED here, the whole account was locked for every address.
    t.clock.advance(1_000);
    expect(await code(login('192.168.1.20', ADMIN_PASSWORD))).toBe('ok');
    // Every attempt is in the audit trail with its address.
    expect(auditOf('auth.login_failed').map((r) => r.source)).toEqual(Array(5).fill('192.168.1.66'));
    expect(auditOf('auth.login_locked').map((r) => r.source)).toEqual(['192.168.1.66']);
    expect(auditOf('auth.login').map((r) => r.source)).toEqual(['192.168.1.10', '192.168.1.10', '192.168.1.20']);
  });

  it('the desktop app is a source of its own', async () => {
    for (let i = 0; i < 5; i++) await login('10.0.0.9', 'salah-terus');
    const desktop = await t.app.call(
      'auth.login',
      { username: 'admin', password: ADMIN_PASSWORD },
      { transport: 'ipc' },
    );
    // Unknown to the account, so it waits the slow-down (1 s after 5 failures), then gets in.
    expect(desktop).toMatchObject({ error: { code: 'RATE_LIMITED', message: expect.stringContaining('1 seconds') } });
    t.clock.advance(1_000);
    expect(
      (await t.app.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, { transport: 'ipc' })).ok,
    ).toBe(true);
    expect(auditOf('auth.login').map((r) => r.source)).toEqual(['desktop']);
  });
});

describe('global slow-down per account', () => {
  it('grows with each failure from any address (1 s, 2 s, 4 s … 60 s) and answers at once, without checking', async () => {
    expect([4, 5, 6, 7, 10, 11, 30].map(slowdownMs)).toEqual([0, 1000, 2000, 4000, 32000, 60000, 60000]);
    // Four addresses, each below its own lock.
    const addrs = ['10.1.0.1', '10.1.0.2', '10.1.0.3', '10.1.0.4'];
    for (let i = 0; i < 5; i++) expect(await code(login(addrs[i % 4]!, 'salah'))).toBe('UNAUTHENTICATED');
    let expected = 1;
    for (let n = 0; n < 8; n++) {
      const early = await login(`10.2.0.${n}`, 'salah');
      expect(early).toEqual({
        ok: false,
        error: {
          code: 'RATE_LIMITED',
          message: `Too many failed sign-ins on this account: try again in ${expected} seconds`,
        },
      });
      // A refused attempt does not count: asking again does not make the wait longer.
      expect((await login(`10.3.0.${n}`, 'salah')).ok).toBe(false);
      t.clock.advance(expected * 1000 - 1);
      expect(await code(login(`10.4.0.${n}`, 'salah'))).toBe('RATE_LIMITED');
      t.clock.advance(1);
      expect(await code(login(`10.5.0.${n}`, 'salah'))).toBe('UNAUTHENTICATED');
      expected = Math.min(expected * 2, SLOWDOWN_MAX_SECONDS);
    }
    expect(expected).toBe(SLOWDOWN_MAX_SECONDS);
    expect(auditOf('auth.login_throttled').length).toBeGreaterThanOrEqual(16);
    expect(auditOf('auth.login_throttled')[0]!.source).toBe('10.2.0.0');
  });

  it('cannot be used to keep the owner out: known sources skip it, even while a guesser keeps it at its maximum', async () => {
    expect(await code(login('192.168.1.10', ADMIN_PASSWORD))).toBe('ok');
    // A guesser with many addresses (a fresh one each time, so no address lock stops it) drives the
    // slow-down to its maximum and then keeps it there, guessing the moment each wait ends.
    let n = 0;
    const guess = () => login(`172.16.${Math.floor(n / 200)}.${n++ % 200}`, `tebakan-${n}`);
    for (let i = 0; i < 12; i++) {
      t.clock.advance(slowdownMs(5 + i));
      await guess();
    }
    for (let round = 0; round < 5; round++) {
      t.clock.advance(SLOWDOWN_MAX_SECONDS * 1000);
      expect(await code(guess())).toBe('UNAUTHENTICATED');
      // Pegged: a new device right now would have to wait the maximum...
      expect(await login('10.10.10.10', ADMIN_PASSWORD)).toMatchObject({
        error: { message: expect.stringContaining(`try again in ${SLOWDOWN_MAX_SECONDS} seconds`) },
      });
      // ...but the owner's office PC gets in whenever they try.
      const owner = await login('192.168.1.10', ADMIN_PASSWORD);
      expect(owner.ok, `round ${round}: ${JSON.stringify(owner)}`).toBe(true);
    }
  });

  it('a new device waits at most the maximum; the slow-down ends 15 minutes after the last failure', async () => {
    for (let i = 0; i < 12; i++) {
      t.clock.advance(SLOWDOWN_MAX_SECONDS * 1000);
      await login(`10.9.0.${i}`, 'salah');
    }
    const r = await login('10.8.0.1', ADMIN_PASSWORD);
    expect(r).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    const seconds = Number(/in (\d+) seconds/.exec(r.ok ? '' : r.error.message)![1]);
    expect(seconds).toBe(SLOWDOWN_MAX_SECONDS);
    t.clock.advance(seconds * 1000);
    expect(await code(login('10.8.0.1', ADMIN_PASSWORD))).toBe('ok');
    // The owner getting in does not hand the guesser fresh attempts: new devices are still slowed...
    expect(await code(login('10.8.0.2', 'salah'))).toBe('RATE_LIMITED');
    t.clock.advance(SLOWDOWN_MAX_SECONDS * 1000);
    expect(await code(login('10.8.0.2', 'salah'))).toBe('UNAUTHENTICATED');
    expect(await code(login('10.8.0.3', 'salah'))).toBe('RATE_LIMITED');
    // ...until a quarter of an hour passes without a failure: then the count starts again from zero.
    t.clock.advance(15 * 60_000);
    for (let i = 0; i < 4; i++) expect(await code(login(`10.8.1.${i}`, 'salah'))).toBe('UNAUTHENTICATED');
  });

  it('parallel attempts during a slow-down: one is admitted, the others are told to wait', async () => {
    for (let i = 0; i < 5; i++) await login(`10.1.0.${i}`, 'salah');
    t.clock.advance(1_000);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => code(login(`10.7.0.${i}`, 'salah'))));
    expect(results.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(1);
    expect(results.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
  });

  it('unknown usernames are limited exactly like real ones (the answers do not tell which exist)', async () => {
    const real: unknown[] = [];
    const ghost: unknown[] = [];
    for (let i = 0; i < 9; i++) {
      const from = `10.0.${i % 2}.1`;
      real.push(await login(from, 'salah', 'admin'));
      ghost.push(await login(from, 'salah', 'tidak-ada'));
      if (i === 6) t.clock.advance(1_000);
    }
    expect(ghost).toEqual(real);
    expect(real.map((r) => (r as { ok: boolean; error?: { code: string } }).error?.code)).toContain('RATE_LIMITED');
  });
});
