import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createElectronMock, FakeBrowserWindow, FakeWebContents } from './electron-mock';

// The shell modules must never need the real Electron binary: everything goes through this mock.
vi.mock('electron', () => createElectronMock({ userData: '/tmp/none', appPath: '/tmp/none' }));

const { secureWebPreferences, hardenWebContents, hardenSession, installGlobalGuards, isAppUrl, isSafeExternalUrl } =
  await import('../../../src-main/host/electron/security');
const { createMainWindow, focusWindow } = await import('../../../src-main/host/electron/window');

describe('BrowserWindow webPreferences', () => {
  it('isolates and sandboxes the renderer, without Node or <webview>', () => {
    const p = secureWebPreferences('/x/preload.cjs');
    expect(p).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      devTools: false,
    });
  });

  it('the main window uses them and loads app://, never file://', () => {
    const win = createMainWindow(FakeBrowserWindow as any, {
      preload: '/out/preload/preload.cjs',
    }) as unknown as FakeBrowserWindow;
    const wp = win.options.webPreferences;
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.preload).toBe('/out/preload/preload.cjs');
    expect(win.loadURL).toHaveBeenCalledWith('app://pppoe-desk/index.html');
    expect(win.options.show).toBe(false);
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('focusWindow restores a minimized window (second instance)', () => {
    const win = new FakeBrowserWindow({});
    win.minimized = true;
    focusWindow(win as any);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(() => focusWindow(null)).not.toThrow();
  });
});

describe('navigation, new windows and webviews', () => {
  const setup = () => {
    const contents = new FakeWebContents();
    const shell = { openExternal: vi.fn(async () => undefined) };
    hardenWebContents(contents as any, shell as any);
    return { contents, shell };
  };

  it('will-navigate: only app://pppoe-desk is allowed', () => {
    const { contents } = setup();
    expect(contents.fire('will-navigate', 'app://pppoe-desk/customers')).toBe(false);
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:5174/',
      'file:///etc/passwd',
      'app://other-host/index.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(contents.fire('will-navigate', url), url).toBe(true);
    }
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('window.open is always denied; safe http(s) links go to the system browser', () => {
    const { contents, shell } = setup();
    expect(contents.windowOpenHandler!({ url: 'https://wa.me/62811' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://wa.me/62811');
    shell.openExternal.mockClear();
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-settings:',
      'https://user:pw@evil.example/',
      'app://pppoe-desk/x',
    ]) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('<webview> attachment is prevented', () => {
    const { contents } = setup();
    expect(contents.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('every webContents the app creates gets the guards', () => {
    const app = new EventEmitter() as any;
    installGlobalGuards(app, { openExternal: vi.fn() } as any);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.windowOpenHandler).not.toBeNull();
  });

  it('URL helpers', () => {
    expect(isAppUrl('app://pppoe-desk/index.html')).toBe(true);
    expect(isAppUrl('app://pppoe-desk.evil/index.html')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
    expect(isSafeExternalUrl('https://example.com/a?b=c')).toBe(true);
    expect(isSafeExternalUrl('https://' + 'a'.repeat(3000) + '.com')).toBe(false);
  });
});

describe('permissions', () => {
  it('every permission request and check is denied', () => {
    const s = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    hardenSession(s as any);
    const request = s.setPermissionRequestHandler.mock.calls[0]![0];
    for (const perm of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const cb = vi.fn();
      request({}, perm, cb, {});
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = s.setPermissionCheckHandler.mock.calls[0]![0];
    expect(check({}, 'media', 'app://pppoe-desk', {})).toBe(false);
    expect(s.setDevicePermissionHandler.mock.calls[0]![0]({})).toBe(false);
  });

  it("notifications are allowed for the app's own page only (staff desktop notifications), nothing else", () => {
    const s = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    hardenSession(s as any);
    const request = s.setPermissionRequestHandler.mock.calls[0]![0];
    const ask = (perm: string, requestingUrl: string) => {
      const cb = vi.fn();
      request({}, perm, cb, { requestingUrl });
      return cb.mock.calls[0]![0] as boolean;
    };
    expect(ask('notifications', 'app://pppoe-desk/index.html')).toBe(true);
    expect(ask('notifications', 'https://evil.example/')).toBe(false);
    expect(ask('media', 'app://pppoe-desk/index.html')).toBe(false);
    const check = s.setPermissionCheckHandler.mock.calls[0]![0];
    expect(check({}, 'notifications', 'app://pppoe-desk', {})).toBe(true);
    expect(check({}, 'notifications', 'http://127.0.0.1:8080', {})).toBe(false);
    expect(check({}, 'clipboard-read', 'app://pppoe-desk', {})).toBe(false);
  });
});

describe('no synchronous or remote IPC anywhere', () => {
  it('no sendSync, no @electron/remote, no ipcRenderer outside the preload', () => {
    const root = path.resolve(__dirname, '../../..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|tsx|mjs|cjs)$/.test(e.name)) files.push(p);
      }
    };
    for (const d of ['src-main', 'src-renderer', 'src-shared']) walk(path.join(root, d));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const rel = path.relative(root, f);
      expect(text, rel).not.toMatch(/\bsendSync\b|@electron\/remote|enableRemoteModule/);
      if (!/host[\\/]electron[\\/]preload/.test(rel)) expect(text, rel).not.toMatch(/\bipcRenderer\b/);
    }
  });
});
