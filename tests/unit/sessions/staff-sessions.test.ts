import { afterEach, describe, expect, it } from 'vitest';
import { deviceLabel, seatKind, sessionOrigin } from '../../../src-main/core/sessions/origin';
import { testApp, type TestApp } from '../../helpers/app';

/*
 * Issue 17: every staff session records where it comes from; an Admin ends any session, a user their own
 * other sessions; the ended session's next call is refused with a message saying why; all audited.
 */
const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const WINDOWS_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const EDGE = `${WINDOWS_UA} Edg/120.0.0.0`;

describe('session origin', () => {
  it('labels devices from the User-Agent', () => {
    expect(deviceLabel(PHONE_UA)).toBe('Chrome · Android');
    expect(deviceLabel(WINDOWS_UA)).toBe('Chrome · Windows');
    expect(deviceLabel(EDGE)).toBe('Edge · Windows');
    expect(deviceLabel(FIREFOX_LINUX)).toBe('Firefox · Linux');
    expect(deviceLabel('curl/8.5.0')).toBe('curl');
    expect(deviceLabel('python-requests/2.31')).toBe('python-requests');
    expect(deviceLabel('')).toBeNull();
    expect(deviceLabel(undefined)).toBeNull();
  });

  it('tells the kind of seat from transport, address and browser', () => {
    expect(seatKind('ipc', 'desktop', null)).toBe('this_pc');
    expect(seatKind('http', '127.0.0.1', WINDOWS_UA)).toBe('this_pc');
    expect(seatKind('http', '::1', WINDOWS_UA)).toBe('this_pc');
    expect(seatKind('http', '192.168.88.20', WINDOWS_UA)).toBe('office');
    expect(seatKind('http', '192.168.88.21', PHONE_UA)).toBe('phone');
    expect(seatKind('http', '192.168.88.22', 'curl/8.5.0')).toBe('api');
    expect(seatKind('http', '127.0.0.1', 'curl/8.5.0')).toBe('api');
  });

  it('keeps at most 300 characters of a User-Agent', () => {
    const o = sessionOrigin('http', '10.0.0.5', `Mozilla/5.0 ${'x'.repeat(1000)}`);
    expect(o.userAgent).toHaveLength(300);
    expect(sessionOrigin('ipc', 'desktop', undefined)).toEqual({
      source: 'desktop',
      userAgent: null,
      device: 'PPPoE Desk',
      seat: 'this_pc',
    });
  });
});

let t: TestApp | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

const PASSWORD = 'Loket-Depan-77';

async function signIn(tt: TestApp, username: string, source: string, userAgent: string) {
  const r = await tt.app.call(
    'auth.login',
    { username, password: username === 'admin' ? 'Rahasia-Kantor-1' : PASSWORD },
    { transport: 'http', source, userAgent },
  );
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { token: string }).token;
}

const asFrom = (tt: TestApp, token: string, source: string) => ({
  call: (channel: 'auth.me' | 'staffSessions.mine', input: object = {}) =>
    tt.app.call(channel, input, { transport: 'http', token, source }),
});

async function withCashier(tt: TestApp) {
  await tt.ok('users.create', {
    username: 'kasir',
    fullName: 'Kasir Satu',
    role: 'staff',
    password: PASSWORD,
    mustChangePassword: false,
  });
}

describe('staff sessions', () => {
  it('lists every live session with its origin and last activity; a signed-out one is gone', async () => {
    t = await testApp();
    await withCashier(t);
    const phone = await signIn(t, 'kasir', '192.168.88.21', PHONE_UA);
    t.clock.advance(60_000);
    const office = await signIn(t, 'kasir', '192.168.88.20', WINDOWS_UA);
    t.clock.advance(60_000);
    // Activity on the phone moves its last activity (written at most every 30 s).
    expect((await asFrom(t, phone, '192.168.88.21').call('auth.me')).ok).toBe(true);

    const { items } = await t.ok('staffSessions.list', {});
    const kasir = items.filter((s) => s.username === 'kasir');
    expect(kasir.map((s) => [s.source, s.device, s.seat])).toEqual([
      ['192.168.88.21', 'Chrome · Android', 'phone'],
      ['192.168.88.20', 'Chrome · Windows', 'office'],
    ]);
    expect(kasir[0]!.lastSeenAt).toBe('2026-11-24T03:02:00.000Z');
    expect(kasir[1]!.lastSeenAt).toBe('2026-11-24T03:01:00.000Z');
    // The admin's own session (the wizard's) is marked current.
    expect(items.find((s) => s.username === 'admin')?.current).toBe(true);

    await t.app.call('auth.logout', {}, { transport: 'http', token: office });
    const after = await t.ok('staffSessions.list', {});
    expect(after.items.filter((s) => s.username === 'kasir')).toHaveLength(1);
  });

  it('an Admin ends a session: its next call is refused saying so, the other sessions go on, audited', async () => {
    t = await testApp();
    await withCashier(t);
    const phone = await signIn(t, 'kasir', '192.168.88.21', PHONE_UA);
    const office = await signIn(t, 'kasir', '192.168.88.20', WINDOWS_UA);
    const target = (await t.ok('staffSessions.list', {})).items.find((s) => s.source === '192.168.88.21')!;

    expect(await t.ok('staffSessions.end', { id: target.id })).toEqual({ ok: true });
    const refused = await asFrom(t, phone, '192.168.88.21').call('auth.me');
    expect(refused).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'This session was ended by an Admin: please sign in again' },
    });
    expect((await asFrom(t, office, '192.168.88.20').call('auth.me')).ok).toBe(true);

    const audit = await t.ok('audit.list', { action: 'user.end_session' });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ username: 'admin', entityId: String(target.userId) });
    expect(JSON.parse(audit.items[0]!.before!)).toMatchObject({
      sessionId: target.id,
      source: '192.168.88.21',
      device: 'Chrome · Android',
      seat: 'phone',
    });
    // Ending it again: it is no longer live.
    expect((await t.call('staffSessions.end', { id: target.id })).ok).toBe(false);
  });

  it('an Admin cannot end their own current session (that is signing out)', async () => {
    t = await testApp();
    const mine = (await t.ok('staffSessions.list', {})).items.find((s) => s.current)!;
    const r = await t.call('staffSessions.end', { id: mine.id });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toBe('This is your current session: sign out instead');
  });

  it('a user sees and ends their own other sessions, never anyone else’s, and may not list all', async () => {
    t = await testApp();
    await withCashier(t);
    const desk = await signIn(t, 'kasir', '192.168.88.20', WINDOWS_UA);
    const phone = await signIn(t, 'kasir', '192.168.88.21', PHONE_UA);
    const mine = await t.ok('staffSessions.mine', {}, desk);
    expect(mine.items.map((s) => [s.source, s.current])).toEqual([
      ['192.168.88.21', false],
      ['192.168.88.20', true],
    ]);
    expect(mine.items.every((s) => s.username === 'kasir')).toBe(true);

    const adminSession = (await t.ok('staffSessions.list', {})).items.find((s) => s.username === 'admin')!;
    const other = await t.call('staffSessions.endMine', { id: adminSession.id }, desk);
    expect(!other.ok && other.error.code).toBe('NOT_FOUND');
    const all = await t.call('staffSessions.list', {}, desk);
    expect(!all.ok && all.error.code).toBe('FORBIDDEN');
    const end = await t.call('staffSessions.end', { id: adminSession.id }, desk);
    expect(!end.ok && end.error.code).toBe('FORBIDDEN');

    expect(await t.ok('staffSessions.endMine', { id: mine.items[0]!.id }, desk)).toEqual({ ok: true });
    const refused = await asFrom(t, phone, '192.168.88.21').call('auth.me');
    expect(!refused.ok && refused.error.message).toBe(
      'This session was ended from another of your sessions: please sign in again',
    );
    expect((await t.ok('staffSessions.mine', {}, desk)).items).toHaveLength(1);
    expect((await t.ok('audit.list', { action: 'user.end_session' })).items[0]).toMatchObject({ username: 'kasir' });
  });

  it('a signed-out or expired session keeps the usual message', async () => {
    t = await testApp();
    await withCashier(t);
    const desk = await signIn(t, 'kasir', '192.168.88.20', WINDOWS_UA);
    await t.app.call('auth.logout', {}, { transport: 'http', token: desk });
    const r = await asFrom(t, desk, '192.168.88.20').call('auth.me');
    expect(!r.ok && r.error.message).toBe('Your session has ended: please sign in');
  });
});
