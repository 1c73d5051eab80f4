import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ElectronMock } from './electron-mock';
import { FakeBrowserWindow } from './electron-mock';

const env = vi.hoisted(() => ({ mock: null as unknown as ElectronMock, paths: null as any }));

// Another PPPoE Desk already holds the lock.
vi.mock('electron', async () => {
  const { createElectronMock } = await import('./electron-mock');
  const { desktopEnv } = await import('./desktop-env');
  env.paths = desktopEnv();
  env.mock = createElectronMock({ userData: env.paths.userData, appPath: env.paths.appPath, lock: false });
  return env.mock;
});
vi.mock('electron-updater', () => ({ autoUpdater: {} }));

const { desktop } = await import('../../../src-main/host/electron/main');
const { runDesktop } = await import('../../../src-main/host/electron/desktop');

afterAll(() => env.paths.cleanup());

describe('single-instance lock', () => {
  it('a second instance quits at once: no window, no database, no IPC', () => {
    expect(desktop).toBeNull();
    expect(env.mock.app.quit).toHaveBeenCalled();
    expect(env.mock.app.whenReady).not.toHaveBeenCalled();
    expect(env.mock.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(env.mock.ipcMain.handle).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fs.existsSync(path.join(env.paths.userData, 'pppoe-desk.sqlite'))).toBe(false);
  });
});

describe('start-up failure', () => {
  it('a missing Electron-ABI addon is explained in a dialog and the app exits', async () => {
    const { createElectronMock } = await import('./electron-mock');
    const { desktopEnv } = await import('./desktop-env');
    const paths = desktopEnv({ withNative: false });
    const m = createElectronMock({ userData: paths.userData, appPath: paths.appPath });
    const createApp = vi.fn();
    const d = runDesktop(m as any, {
      createApp,
      loadAutoUpdater: () => ({}) as any,
      outDir: paths.base,
      resourcesPath: paths.base,
    });
    await expect(d!.ready).rejects.toThrow(/electron-native/);
    expect(createApp).not.toHaveBeenCalled();
    expect(m.dialog.showErrorBox).toHaveBeenCalledWith(
      'PPPoE Desk cannot start',
      expect.stringContaining('electron-native'),
    );
    expect(m.app.exit).toHaveBeenCalledWith(1);
    paths.cleanup();
  });

  it('a data folder already used by the browser host: explained in a dialog, exit 1, nothing started', async () => {
    const { createElectronMock } = await import('./electron-mock');
    const { desktopEnv } = await import('./desktop-env');
    const paths = desktopEnv();
    // `npm run serve` on the same folder, in another process.
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve(__dirname, '../host/hold-lock.ts'), paths.userData, 'browser host'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (c: Buffer) => c.toString().startsWith('READY') && resolve());
      holder.once('exit', (code) => reject(new Error(`lock holder exited (${code})`)));
    });
    const m = createElectronMock({ userData: paths.userData, appPath: paths.appPath });
    const startBackground = vi.fn();
    const d = runDesktop(m as any, {
      startBackground,
      loadAutoUpdater: () => ({}) as any,
      outDir: paths.base,
      resourcesPath: paths.base,
    });
    await expect(d!.ready).rejects.toThrow(/already running on the data folder/);
    expect(m.dialog.showErrorBox).toHaveBeenCalledWith(
      'PPPoE Desk cannot start',
      expect.stringContaining(`browser host, process ${holder.pid}`),
    );
    expect(m.app.exit).toHaveBeenCalledWith(1);
    expect(startBackground).not.toHaveBeenCalled();
    expect(m.ipcMain.handle).not.toHaveBeenCalled();
    expect(fs.existsSync(path.join(paths.userData, 'pppoe-desk.sqlite'))).toBe(false);
    const gone = new Promise((r) => holder.once('exit', r));
    holder.kill('SIGKILL');
    await gone;
    paths.cleanup();
  });

  it('packaged: migrations and the addon come from resources/, outside app.asar', async () => {
    const { migrationsFolder, nativeBindingPath } = await import('../../../src-main/host/electron/native-binding');
    const loc = {
      isPackaged: true,
      resourcesPath: '/opt/PPPoE Desk/resources',
      appPath: '/opt/PPPoE Desk/resources/app.asar',
    };
    expect(nativeBindingPath(loc)).toBe(path.join('/opt/PPPoE Desk/resources', 'native', 'better_sqlite3.node'));
    expect(migrationsFolder(loc)).toBe(path.join('/opt/PPPoE Desk/resources', 'drizzle'));
    const dev = { isPackaged: false, resourcesPath: '/x', appPath: '/repo', platform: 'win32', arch: 'x64' };
    expect(nativeBindingPath(dev)).toBe(path.join('/repo', '.electron-native', 'win32-x64', 'better_sqlite3.node'));
    expect(migrationsFolder(dev)).toBe(path.join('/repo', 'drizzle'));
  });
});
