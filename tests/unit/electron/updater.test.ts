import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../src-shared/events';
import { testApp, type TestApp } from '../../helpers/app';
import { createElectronMock } from './electron-mock';

vi.mock('electron', () => createElectronMock({ userData: '/tmp/none', appPath: '/tmp/none' }));
vi.mock('electron-updater', () => ({ autoUpdater: new EventEmitter() }));

const { createUpdater } = await import('../../../src-main/host/electron/updater');

function fakeAutoUpdater() {
  return Object.assign(new EventEmitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null as unknown),
    quitAndInstall: vi.fn(),
  });
}

let t: TestApp;
let au: ReturnType<typeof fakeAutoUpdater>;
let events: AppEvent[];

beforeEach(async () => {
  t = await testApp();
  au = fakeAutoUpdater();
  events = [];
  t.app.ctx.events.subscribe((e) => {
    if (e.name === 'update.status') events.push(e);
  });
});
afterEach(() => t.close());

const install = (packaged = true) => {
  const updater = createUpdater({ autoUpdater: au, ctx: t.app.ctx, isPackaged: packaged, defer: (fn) => fn() });
  t.app.ctx.services.updater = updater;
  return updater;
};

describe('updater (electron-updater mocked)', () => {
  it('configures electron-updater: background download, install on quit, no downgrade', () => {
    install();
    expect(au.autoDownload).toBe(true);
    expect(au.autoInstallOnAppQuit).toBe(true);
    expect(au.allowDowngrade).toBe(false);
  });

  it('asks for the update URL first', async () => {
    install();
    const s = await t.ok('updates.check', {});
    expect(s.state).toBe('not-configured');
    expect(au.checkForUpdates).not.toHaveBeenCalled();
  });

  it('uses the generic provider with settings.updateUrl (read at every check)', async () => {
    install();
    await t.ok('settings.update', { updateUrl: 'http://192.168.1.10/pppoe-desk/' });
    au.checkForUpdates.mockImplementation(async () => {
      au.emit('checking-for-update');
      au.emit('update-not-available', { version: '0.1.0' });
      return null;
    });
    const s = await t.ok('updates.check', {});
    expect(au.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'http://192.168.1.10/pppoe-desk/' });
    expect(s.state).toBe('not-available');
    expect(s.checkedAt).toBe(t.clock.now().toISOString());
    await t.ok('settings.update', { updateUrl: 'http://10.0.0.2/updates/' });
    await t.ok('updates.check', {});
    expect(au.setFeedURL).toHaveBeenLastCalledWith({ provider: 'generic', url: 'http://10.0.0.2/updates/' });
  });

  it('reports download progress as update.status events, then restart-to-update quits and installs', async () => {
    install();
    await t.ok('settings.update', { updateUrl: 'http://192.168.1.10/pppoe-desk/' });
    au.checkForUpdates.mockImplementation(async () => {
      au.emit('checking-for-update');
      au.emit('update-available', { version: '0.2.0' });
      return null;
    });
    const s = await t.ok('updates.check', {});
    expect(s).toMatchObject({ state: 'downloading', availableVersion: '0.2.0' });
    const blocked = await t.call('updates.install', {});
    expect(!blocked.ok && blocked.error.code).toBe('CONFLICT');
    expect(au.quitAndInstall).not.toHaveBeenCalled();

    au.emit('download-progress', { percent: 42.5, transferred: 425, total: 1000, bytesPerSecond: 100 });
    expect(events.at(-1)!.payload).toMatchObject({
      state: 'downloading',
      progress: { percent: 42.5, transferred: 425, total: 1000 },
    });
    // A second check while downloading does not start another one.
    await t.ok('updates.check', {});
    expect(au.checkForUpdates).toHaveBeenCalledTimes(1);

    au.emit('update-downloaded', { version: '0.2.0' });
    expect((await t.ok('updates.status', {})).state).toBe('downloaded');
    expect(events.map((e) => e.payload.state)).toEqual([
      'checking',
      'checking',
      'downloading',
      'downloading',
      'downloaded',
    ]);
    const r = await t.ok('updates.install', {});
    expect(r.state).toBe('downloaded');
    expect(au.quitAndInstall).toHaveBeenCalledWith(true, true);
  });

  it('a failing check is reported as a clear error, not thrown', async () => {
    install();
    await t.ok('settings.update', { updateUrl: 'http://192.168.1.250/none/' });
    au.checkForUpdates.mockImplementation(async () => {
      const err = new Error('net::ERR_CONNECTION_REFUSED ECONNREFUSED 192.168.1.250:80');
      au.emit('error', err);
      throw err;
    });
    const s = await t.ok('updates.check', {});
    expect(s.state).toBe('error');
    expect(s.message).toMatch(/cannot be reached/);
  });

  it('development (not packaged): unsupported, never touches electron-updater', async () => {
    install(false);
    const s = await t.ok('updates.check', {});
    expect(s).toMatchObject({ supported: false, state: 'unsupported' });
    expect(au.checkForUpdates).not.toHaveBeenCalled();
  });

  it('browser host (no updater service): status says unsupported, check/install are BAD_INPUT', async () => {
    const s = await t.ok('updates.status', {});
    expect(s).toMatchObject({
      supported: false,
      state: 'unsupported',
      message: 'Updates are only available in the desktop app',
    });
    for (const ch of ['updates.check', 'updates.install'] as const) {
      const r = await t.call(ch, {});
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.error).toMatchObject({ code: 'BAD_INPUT', message: 'Updates are only available in the desktop app' });
    }
  });
});
