import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Desktop } from '../../../src-main/host/electron/desktop';
import { SEAT_PAGE_URL } from '../../../src-main/host/electron/seat-mode';
import { ensureSelfSignedIdentity, fingerprintOf } from '../../../src-main/host/http/tls-identity';
import { PairingError } from '../../../src-main/host/seat/pairing-client';
import { SEAT_FILE } from '../../../src-main/host/seat/seat-config';
import { FakeFrame, FakeWebContents } from './electron-mock';
import { CERT, OFFICE, seatConfig as config, startDesktop, type StartOptions } from './seat-env';

/*
 * The desktop app as a seat of an office PC ("Hubungkan ke PC kantor"), with electron mocked: no local
 * database, the window pinned to the paired certificate, the seat page until the office answers and the
 * office's app after, the seat IPC only for our own page; and pairing from a PC in local mode.
 */
let paths: Awaited<ReturnType<typeof startDesktop>>['paths'];
let desktop: Desktop | null = null;
let m: Awaited<ReturnType<typeof startDesktop>>['m'];
let running: Awaited<ReturnType<typeof startDesktop>> | null = null;
afterEach(() => {
  running?.stop();
  running = null;
  desktop = null;
});

async function start(opts: StartOptions = {}) {
  running = await startDesktop(opts);
  ({ paths, m, desktop } = running);
  const { link, createApp, win, seatCall } = running;
  return { link, createApp, win, seatCall };
}

describe('seat mode (paired with an office PC)', () => {
  it('opens no database, pins the office certificate, shows the seat page, then the office app once it answers', async () => {
    const { link, createApp, win } = await start({ seat: 'paired' });
    expect(createApp).not.toHaveBeenCalled();
    expect(desktop!.app).toBeNull();
    expect(fs.existsSync(path.join(paths.userData, 'pppoe-desk.sqlite'))).toBe(false);
    expect(m.ipcHandlers.has('api:invoke')).toBe(false);
    expect(win.loadURL.mock.calls.map((c) => c[0])).toEqual([SEAT_PAGE_URL]);
    expect(link.start).toHaveBeenCalledOnce();

    // Chromium's check for the office host: only the paired certificate.
    const verify = m.session.defaultSession.setCertificateVerifyProc.mock.calls[0]![0] as (
      r: { hostname: string; certificate: { data: string } },
      cb: (v: number) => void,
    ) => void;
    const other = (await ensureSelfSignedIdentity(path.join(paths.base, 'other'))).cert;
    const verdict = (hostname: string, data: string) => {
      let v = NaN;
      verify({ hostname, certificate: { data } }, (x) => (v = x));
      return v;
    };
    expect(other).toContain('BEGIN CERTIFICATE');
    expect(verdict('127.0.0.2', CERT)).toBe(0);
    expect(verdict('127.0.0.2', other)).toBe(-2);
    expect(verdict('127.0.0.3', other)).toBe(-3);

    link.set({ kind: 'unreachable', attempt: 1, error: 'connect ECONNREFUSED', retryAt: 0 });
    expect(win.webContents.send).toHaveBeenLastCalledWith(
      'seat:status',
      expect.objectContaining({ url: OFFICE, officeName: 'Net Desa', link: expect.objectContaining({ attempt: 1 }) }),
    );
    expect(win.loadURL).toHaveBeenCalledTimes(1);
    link.set({ kind: 'online', officeName: 'Net Desa' });
    expect(win.loadURL).toHaveBeenLastCalledWith(`${OFFICE}/`);
    expect(desktop!.seat!.showing).toBe('office');

    // The office page may navigate within its own origin; nowhere else.
    const contents = new FakeWebContents(`${OFFICE}/`);
    m.app.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-navigate', `${OFFICE}/#/customers`)).toBe(false);
    expect(contents.fire('will-navigate', 'http://127.0.0.2:8443/')).toBe(true);
    expect(contents.fire('will-navigate', 'https://127.0.0.3:8443/')).toBe(true);
    // Its desktop notifications (new ticket, online payment) are allowed; another origin's are not.
    const check = m.session.defaultSession.setPermissionCheckHandler.mock.calls.at(-1)![0] as (
      c: unknown,
      p: string,
      o: string,
    ) => boolean;
    expect(check(null, 'notifications', OFFICE)).toBe(true);
    expect(check(null, 'notifications', 'https://127.0.0.3:8443')).toBe(false);
    expect(check(null, 'media', OFFICE)).toBe(false);

    // The office went off: its page fails to load → the seat page, and the link tries at once.
    win.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${OFFICE}/`, true);
    expect(win.loadURL).toHaveBeenLastCalledWith(SEAT_PAGE_URL);
    expect(link.retryNow).toHaveBeenCalledOnce();
    link.set({ kind: 'online', officeName: 'Net Desa' });
    expect(win.loadURL).toHaveBeenLastCalledWith(`${OFFICE}/`);

    // Another certificate at the office's address: back to the seat page, which explains it.
    link.set({ kind: 'certificate_changed', seen: 'AA:BB' });
    expect(win.loadURL).toHaveBeenLastCalledWith(SEAT_PAGE_URL);
    expect(desktop!.seat!.showing).toBe('seat');
  });

  it('answers the seat page only: status, "Coba sekarang", and "Lupakan PC kantor" restarts in local mode', async () => {
    const { link, win, seatCall } = await start({ seat: 'paired' });
    expect(await seatCall('status')).toEqual({
      url: OFFICE,
      officeName: 'Net Desa',
      fingerprint: fingerprintOf(CERT),
      link: { kind: 'connecting' },
      held: false,
    });
    // Not from another page, not from a frame inside ours.
    const stranger = new FakeWebContents(`${OFFICE}/`);
    await expect(seatCall('status', [], stranger)).rejects.toThrow('Refused');
    const child = new FakeFrame('app://pppoe-desk/index.html', 7, 2);
    child.parent = win.webContents.mainFrame;
    await expect(seatCall('forget', [], win.webContents, child)).rejects.toThrow('Refused');
    // Pairing again is not offered to a seat.
    expect(await seatCall('pair', ['127.0.0.2:8443', 'ABCD-EFGH'])).toBeNull();

    await seatCall('retry');
    expect(link.retryNow).toHaveBeenCalledOnce();
    expect(fs.existsSync(path.join(paths.userData, SEAT_FILE))).toBe(true);
    await seatCall('forget');
    expect(fs.existsSync(path.join(paths.userData, SEAT_FILE))).toBe(false);
    expect(m.app.relaunch).toHaveBeenCalledOnce();
    expect(m.app.exit).toHaveBeenCalledWith(0);
    expect(link.stop).toHaveBeenCalled();
  });

  it('a damaged seat file is shown as such with "forget" (never a crash, never local mode by surprise)', async () => {
    const { createApp, seatCall } = await start({ seat: 'damaged' });
    expect(createApp).not.toHaveBeenCalled();
    expect(m.session.defaultSession.setCertificateVerifyProc).not.toHaveBeenCalled();
    expect(await seatCall('status')).toMatchObject({ link: { kind: 'damaged' } });
    await seatCall('forget');
    expect(fs.existsSync(path.join(paths.userData, SEAT_FILE))).toBe(false);
    expect(m.app.relaunch).toHaveBeenCalledOnce();
  });
});

describe('pairing from a PC in local mode', () => {
  it('a refused code answers the reason and writes nothing; a right one stores the pairing and restarts', async () => {
    const pair = vi.fn(async (address: string, code: string) => {
      if (code !== 'ABCD-EFGH') throw new PairingError('wrong_code');
      expect(address).toBe('https://127.0.0.2:8443/#/customers');
      return config();
    });
    const { createApp, seatCall } = await start({ pair });
    expect(createApp).toHaveBeenCalledOnce();
    expect(await seatCall('status')).toBeNull();

    expect(await seatCall('pair', ['https://127.0.0.2:8443/#/customers', 'WXYZ-2345'])).toEqual({
      ok: false,
      reason: 'wrong_code',
    });
    expect(fs.existsSync(path.join(paths.userData, SEAT_FILE))).toBe(false);
    expect(await seatCall('pair', ['x'.repeat(301), 'ABCD-EFGH'])).toEqual({ ok: false, reason: 'bad_address' });

    expect(await seatCall('pair', ['https://127.0.0.2:8443/#/customers', 'ABCD-EFGH'])).toEqual({
      ok: true,
      officeName: 'Net Desa',
    });
    expect(JSON.parse(fs.readFileSync(path.join(paths.userData, SEAT_FILE), 'utf8'))).toMatchObject({
      url: OFFICE,
      fingerprint: fingerprintOf(CERT),
    });
    // The restart follows the answer: the local database is closed first, then the app starts again.
    await expect.poll(() => m.app.relaunch.mock.calls.length).toBe(1);
    expect(m.app.exit).toHaveBeenCalledWith(0);
    expect(desktop!.app!.ctx.sqlite.open).toBe(false);
  });
});
