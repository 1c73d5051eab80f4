import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/host/security-policy';
import type { ElectronMock } from './electron-mock';
import { FakeBrowserWindow, FakeWebContents, invokeEvent } from './electron-mock';

const env = vi.hoisted(() => ({ mock: null as unknown as ElectronMock, paths: null as any, updater: null as any }));

vi.mock('electron', async () => {
  const { createElectronMock } = await import('./electron-mock');
  const { desktopEnv } = await import('./desktop-env');
  env.paths = desktopEnv();
  env.mock = createElectronMock({ userData: env.paths.userData, appPath: env.paths.appPath });
  return env.mock;
});
vi.mock('electron-updater', async () => {
  const { EventEmitter } = await import('node:events');
  env.updater = Object.assign(new EventEmitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
  });
  return { autoUpdater: env.updater };
});

// The real entry file, as bundled to out/main/main.cjs, driven by the mocked electron module.
const { desktop } = await import('../../../src-main/host/electron/main');
await desktop!.ready;
const m = env.mock;
const win = FakeBrowserWindow.instances.at(-1)!;
const invoke = (channel: string, input?: unknown, contents = win.webContents) =>
  m.ipcHandlers.get('api:invoke')!(invokeEvent(contents), channel, input);

afterAll(() => {
  m.app.emit('will-quit');
  env.paths.cleanup();
});

describe('Electron main (mocked electron)', () => {
  it('takes the single-instance lock and registers app:// before ready', () => {
    expect(m.app.requestSingleInstanceLock).toHaveBeenCalled();
    const registered = m.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]!;
    expect(registered).toBeLessThan(m.app.whenReady.mock.invocationCallOrder[0]!);
    expect(m.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('sandboxes every renderer globally', () => {
    expect(m.app.enableSandbox).toHaveBeenCalled();
    expect(m.app.enableSandbox.mock.invocationCallOrder[0]!).toBeLessThan(m.app.whenReady.mock.invocationCallOrder[0]!);
  });

  it("registers the receipt printer service, listing the window's printers", async () => {
    const printer = desktop!.app!.ctx.services.printer as { list(): Promise<{ name: string; isDefault: boolean }[]> };
    (win.webContents as unknown as { getPrintersAsync: () => Promise<unknown[]> }).getPrintersAsync = async () => [
      { name: 'POS-58', displayName: 'POS-58', options: { 'is-default': 'true' } },
    ];
    expect(await printer.list()).toEqual([{ name: 'POS-58', displayName: 'POS-58', isDefault: true }]);
  });

  it('reloads a crashed renderer', () => {
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('hardens the default session and every new webContents', () => {
    expect(m.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(m.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    const other = new FakeWebContents('https://evil.example/');
    m.app.emit('web-contents-created', {}, other);
    expect(other.fire('will-navigate', 'https://evil.example/x')).toBe(true);
    expect(other.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('opens one secure window on app:// with the bundled preload', () => {
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const wp = win.options.webPreferences;
    expect(wp).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(wp.preload.endsWith(path.join('preload', 'preload.cjs'))).toBe(true);
    expect(win.loadURL).toHaveBeenCalledWith('app://pppoe-desk/index.html');
  });

  it('the protocol handler answers with the CSP', async () => {
    const handler = m.protocol.handle.mock.calls[0]![1] as (r: Request) => Promise<Response>;
    const res = await handler(new Request('app://pppoe-desk/..%2F..%2Fpackage.json'));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('opens the database in userData through the Electron-ABI addon and migrates it', async () => {
    expect(fs.existsSync(path.join(env.paths.userData, 'pppoe-desk.sqlite'))).toBe(true);
    const info = await invoke('system.info', {});
    expect(info.ok).toBe(true);
    expect(info.value.version).toBe('9.9.9');
    expect(info.value.schemaVersion).toBeGreaterThan(0);
    expect(info.value.needsSetup).toBe(true);
  });

  it('first-run admin over IPC: the token stays in main', async () => {
    const r = await invoke('setup.createAdmin', {
      username: 'owner',
      fullName: 'Pemilik',
      password: 'Kantor-Rahasia-77',
    });
    expect(r.ok).toBe(true);
    expect(r.value).not.toHaveProperty('token');
    expect((await invoke('auth.me', {})).ok).toBe(true);
  });

  it('secrets are sealed with safeStorage', () => {
    const sealed = desktop!.app!.ctx.secrets.encrypt('router-pass');
    expect(sealed.startsWith('ss1:')).toBe(true);
    expect(sealed).not.toContain('router-pass');
    expect(desktop!.app!.ctx.secrets.decrypt(sealed)).toBe('router-pass');
    expect(m.safeStorage.encryptString).toHaveBeenCalledWith('router-pass');
  });

  it('wires the updater (unsupported when not packaged) and pushes nothing to strangers', async () => {
    const s = await invoke('updates.status', {});
    expect(s.ok).toBe(true);
    expect(s.value).toMatchObject({ supported: false, state: 'unsupported', currentVersion: '9.9.9' });
    expect(env.updater.autoDownload).toBe(true);
    expect(env.updater.logger).toBeDefined();
  });

  it('diagnostics.export saves through the main-process save dialog', async () => {
    const cancelled = await invoke('diagnostics.export', {});
    expect(cancelled.ok).toBe(true);
    expect(cancelled.value.savedTo).toBeNull();
    expect(cancelled.value).not.toHaveProperty('base64');

    const target = path.join(env.paths.base, 'diag.zip');
    m.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const saved = await invoke('diagnostics.export', {});
    expect(saved.value.savedTo).toBe(target);
    expect(m.dialog.showSaveDialog.mock.calls.at(-1)![0]).toBe(win); // modal to our window
    const zip = await JSZip.loadAsync(fs.readFileSync(target));
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['versions.json', 'settings.json', 'database.json']));
    expect(Object.keys(zip.files).some((f) => f.startsWith('logs/'))).toBe(true);
  });

  it('a second launch focuses the existing window', () => {
    win.minimized = true;
    m.app.emit('second-instance', {}, ['PPPoE Desk.exe'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('closes gracefully on quit: IPC handler removed, database closed, log written', async () => {
    const core = desktop!.app!;
    m.app.emit('will-quit');
    expect(m.ipcMain.removeHandler).toHaveBeenCalledWith('api:invoke');
    expect(core.ctx.sqlite.open).toBe(false);
    const log = path.join(env.paths.userData, 'logs', 'pppoe-desk.log');
    // The log stream flushes asynchronously: wait for the line itself. vi.waitFor gives up after 1 s by
    // default, a deadline a loaded machine can miss; the test's own timeout is the real limit.
    await vi.waitFor(() => expect(fs.readFileSync(log, 'utf8')).toContain('PPPoE Desk closed'), {
      timeout: 15_000,
      interval: 20,
    });
    const text = fs.readFileSync(log, 'utf8');
    expect(text).toContain('PPPoE Desk started');
    expect(text).not.toContain('Kantor-Rahasia-77');
  });
});
