import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { procedures } from '../../src-shared/contract';
import { PERMISSIONS } from '../../src-shared/permissions';
import { handlers } from '../../src-main/api/handlers';
import { testApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

describe('dispatch contract', () => {
  it.each(['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'customers.list/../x'])(
    'refuses unknown channel %j with BAD_INPUT',
    async (channel) => {
      const r = await t.app.call(channel, {}, { transport: 'http', token: t.token });
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    },
  );

  it('refuses a non-string channel', async () => {
    const r = await t.app.call(42 as unknown as string, {}, { transport: 'http', token: t.token });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('every channel has a handler and a known permission', () => {
    for (const [name, proc] of Object.entries(procedures)) {
      expect(Object.hasOwn(handlers, name), `handler for ${name}`).toBe(true);
      expect(PERMISSIONS).toContain(proc.permission);
    }
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(procedures).sort());
  });

  it('needs a session for non-public channels', async () => {
    const r = await t.app.call('customers.list', {}, { transport: 'http' });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const bad = await t.app.call('customers.list', {}, { transport: 'http', token: 'forged' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('answers public channels without a session', async () => {
    const r = await t.app.call('system.info', undefined, { transport: 'http' });
    expect(r).toMatchObject({ ok: true, value: { appName: 'PPPoE Desk', needsSetup: false } });
  });

  it('returns per-field issues for bad input and writes nothing', async () => {
    const r = await t.call('customers.create', { name: '', email: 'not-mail', phone: 'abc' } as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_INPUT');
    const paths = r.error.issues?.map((i) => i.path).sort();
    expect(paths).toEqual(['email', 'name', 'phone']);
    expect((await t.ok('customers.list', {})).total).toBe(0);
  });

  it('rejects unknown fields (strict inputs)', async () => {
    const r = await t.call('customers.create', { name: 'X', deposit: 5 } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('turns an unexpected throw into INTERNAL without leaking it', async () => {
    t.app.ctx.sqlite.exec('DROP TABLE customer_status_history');
    const r = await t.call('customers.create', { name: 'Budi' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!r.ok) expect(r.error.message).not.toMatch(/customer_status_history/);
  });

  it('emits data.changed after a successful mutation only', async () => {
    const seen: string[] = [];
    t.app.ctx.events.subscribe((e) => seen.push(`${e.name}:${String(e.payload.channel)}`));
    await t.call('customers.create', { name: '' });
    await t.ok('customers.create', { name: 'Budi' });
    await t.ok('customers.list', {});
    expect(seen).toEqual(['data.changed:customers.create']);
  });
});

describe('a password reset by an Admin', () => {
  it('leaves only auth.me, auth.changePassword and auth.logout open until the user picks a new one', async () => {
    const user = await t.ok('users.create', {
      username: 'kasir1',
      fullName: 'Kasir Satu',
      role: 'staff',
      password: 'Awal-Kasir-2026',
    });
    const temp = 'Sementara-Reset-77';
    await t.ok('users.resetPassword', { id: user.id, newPassword: temp });
    const { token } = await t.ok('auth.login', { username: 'kasir1', password: temp });
    expect(await t.call('customers.list', {}, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.call('auth.me', {}, token)).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    expect(
      await t.call('auth.changePassword', { currentPassword: temp, newPassword: 'Kasir-Baru-2026!' }, token),
    ).toMatchObject({ ok: true });
    expect(await t.call('customers.list', {}, token)).toMatchObject({ ok: true });
  });
});
