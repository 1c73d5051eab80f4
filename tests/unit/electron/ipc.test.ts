import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { createElectronMock, FakeBrowserWindow, FakeFrame, FakeWebContents, invokeEvent } from './electron-mock';

vi.mock('electron', () => createElectronMock({ userData: '/tmp/none', appPath: '/tmp/none' }));

const { createIpcHost, isTrustedSender } = await import('../../../src-main/host/electron/ipc');
const { silentLogger } = await import('../../../src-main/logging/logger');

let t: TestApp;
let win: FakeBrowserWindow;
let handlers: Map<string, (...a: any[]) => any>;
let ipcMain: { handle: ReturnType<typeof vi.fn>; removeHandler: ReturnType<typeof vi.fn> };
let host: ReturnType<typeof createIpcHost>;
let callSpy: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  t = await testApp();
  win = new FakeBrowserWindow({});
  handlers = new Map();
  ipcMain = {
    handle: vi.fn((ch, fn) => void handlers.set(ch, fn)),
    removeHandler: vi.fn((ch) => void handlers.delete(ch)),
  };
  callSpy = vi.spyOn(t.app, 'call');
  host = createIpcHost({ ipcMain: ipcMain as any, app: t.app, getWindow: () => win as any, logger: silentLogger });
});
afterEach(() => {
  host.dispose();
  t.close();
});

const invoke = (event: any, channel: unknown, input?: unknown) => handlers.get('api:invoke')!(event, channel, input);

describe('IPC host', () => {
  it('registers exactly one handler, api:invoke, and removes it on dispose', () => {
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(ipcMain.handle.mock.calls[0]![0]).toBe('api:invoke');
  });

  it('answers a call from the main frame of our window on app://', async () => {
    const r = await invoke(invokeEvent(win.webContents), 'system.info', {});
    expect(r.ok).toBe(true);
    expect(callSpy).toHaveBeenCalledWith('system.info', {}, { transport: 'ipc', token: undefined });
  });

  it.each([
    ['another webContents', () => invokeEvent(new FakeWebContents())],
    [
      'a sub-frame',
      () => {
        const sub = new FakeFrame('app://pppoe-desk/index.html', 7, 99);
        sub.parent = win.webContents.mainFrame;
        return invokeEvent(win.webContents, sub);
      },
    ],
    [
      'a frame of another process',
      () => invokeEvent(win.webContents, new FakeFrame('app://pppoe-desk/index.html', 8, 1)),
    ],
    [
      'a page that navigated off app://',
      () => {
        win.webContents.mainFrame.url = 'https://evil.example/';
        return invokeEvent(win.webContents);
      },
    ],
    [
      'a file:// page',
      () => {
        win.webContents.mainFrame.url = 'file:///C:/index.html';
        return invokeEvent(win.webContents);
      },
    ],
    ['a destroyed frame (senderFrame null)', () => invokeEvent(win.webContents, null)],
    [
      'a destroyed window',
      () => {
        win.destroyed = true;
        return invokeEvent(win.webContents);
      },
    ],
  ])('refuses %s without calling the API', async (_name, makeEvent) => {
    const r = await invoke(makeEvent(), 'system.info', {});
    expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Request refused: unknown sender' } });
    expect(callSpy).not.toHaveBeenCalled();
  });

  it('isTrustedSender refuses when there is no window', () => {
    expect(isTrustedSender(invokeEvent(win.webContents), null)).toBe(false);
  });

  it('keeps the login token in main: stripped from the renderer value, used for later calls, cleared on logout', async () => {
    const ev = invokeEvent(win.webContents);
    const login = await invoke(ev, 'auth.login', { username: 'admin', password: 'Rahasia-Kantor-1' });
    expect(login.ok).toBe(true);
    expect(login.value).not.toHaveProperty('token');
    expect(login.value.user.username).toBe('admin');
    expect(JSON.stringify(login)).not.toMatch(/token/i);
    expect(host.hasSession(win.webContents.id)).toBe(true);

    const me = await invoke(ev, 'auth.me', {});
    expect(me.ok).toBe(true);
    const usedToken = callSpy.mock.calls.at(-1)![2].token;
    expect(typeof usedToken).toBe('string');
    expect(usedToken.length).toBeGreaterThan(10);

    expect((await invoke(ev, 'auth.logout', {})).ok).toBe(true);
    expect(host.hasSession(win.webContents.id)).toBe(false);
    const after = await invoke(ev, 'auth.me', {});
    expect(after.ok).toBe(false);
    expect(after.error.code).toBe('UNAUTHENTICATED');
  });

  it('a failed login stores nothing; a destroyed webContents forgets its session', async () => {
    const ev = invokeEvent(win.webContents);
    const bad = await invoke(ev, 'auth.login', { username: 'admin', password: 'wrong-password' });
    expect(bad.ok).toBe(false);
    expect(host.hasSession(win.webContents.id)).toBe(false);
    await invoke(ev, 'auth.login', { username: 'admin', password: 'Rahasia-Kantor-1' });
    expect(host.hasSession(win.webContents.id)).toBe(true);
    win.webContents.destroy();
    expect(host.hasSession(win.webContents.id)).toBe(false);
  });

  it('a wrong password at the lock screen keeps the session; another sign-in ends the previous one', async () => {
    const ev = invokeEvent(win.webContents);
    const tokenUsed = async () => {
      expect((await invoke(ev, 'auth.me', {})).ok).toBe(true);
      return callSpy.mock.calls.at(-1)![2].token as string;
    };
    await invoke(ev, 'auth.login', { username: 'admin', password: 'Rahasia-Kantor-1' });
    const tokenA = await tokenUsed();
    const bad = await invoke(ev, 'auth.login', { username: 'admin', password: 'salah-sandi' });
    expect(bad.ok).toBe(false);
    expect(await tokenUsed()).toBe(tokenA);

    await invoke(ev, 'auth.login', { username: 'admin', password: 'Rahasia-Kantor-1' });
    const tokenB = await tokenUsed();
    expect(tokenB).not.toBe(tokenA);
    const stale = await t.app.call('auth.me', {}, { transport: 'http', token: tokenA });
    expect(!stale.ok && stale.error.code).toBe('UNAUTHENTICATED');
  });

  it('unknown and hostile channel names come back as BAD_INPUT values, never throws', async () => {
    const ev = invokeEvent(win.webContents);
    for (const ch of ['__proto__', 'constructor', 42, null, 'x'.repeat(10_000)]) {
      const r = await invoke(ev, ch, {});
      expect(r.ok).toBe(false);
      expect(r.error.code).toBe('BAD_INPUT');
    }
  });

  it('forwards allow-listed events to the signed-in window only', async () => {
    t.app.ctx.events.emit({ name: 'data.changed', payload: { entity: 'customers' } });
    expect(win.webContents.send).not.toHaveBeenCalled(); // not signed in yet
    await invoke(invokeEvent(win.webContents), 'auth.login', { username: 'admin', password: 'Rahasia-Kantor-1' });
    win.webContents.send.mockClear();
    t.app.ctx.events.emit({ name: 'data.changed', payload: { entity: 'customers' } });
    expect(win.webContents.send).toHaveBeenCalledWith('api:event', {
      name: 'data.changed',
      payload: { entity: 'customers' },
    });
    win.webContents.send.mockClear();
    t.app.ctx.events.emit({ name: 'not.allowed' as any, payload: {} });
    expect(win.webContents.send).not.toHaveBeenCalled();
  });

  it('dispose removes the handler and stops forwarding', () => {
    host.dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('api:invoke');
    t.app.ctx.events.emit({ name: 'data.changed', payload: {} });
    expect(win.webContents.send).not.toHaveBeenCalled();
  });
});
