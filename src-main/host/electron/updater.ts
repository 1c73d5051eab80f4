import type { UpdaterService, UpdateStatus } from '../../../src-shared/contract/system-ops';
import { AppError } from '../../../src-shared/result';
import type { AppContext } from '../../core/context';
import { getSettings } from '../../core/settings';

/** The part of electron-updater's AppUpdater this module uses (tests pass a fake). */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each event has its own payload; any keeps electron-updater's typed overloads assignable
  on(event: string, listener: (...args: any[]) => void): unknown;
  logger?: unknown;
}

export interface UpdaterOptions {
  autoUpdater: AutoUpdaterLike;
  ctx: AppContext;
  /** app.isPackaged: electron-updater only works in an installed app. */
  isPackaged: boolean;
  /** Runs the quit-and-install after the IPC answer went out (tests run it at once). */
  defer?: (fn: () => void) => void;
}

const BUSY: UpdateStatus['state'][] = ['checking', 'downloading'];

/**
 * "Check for updates" from a folder on the office LAN: electron-updater's generic provider reads
 * latest.yml + the installer from settings.updateUrl (copy the files `npm run dist:win` writes to
 * dist/ into that folder). A found update downloads in the background, progress goes out as
 * `update.status` events, and updates.install ("restart to update") quits and runs the installer.
 * The feed URL is read from settings at every check, so changing it needs no restart.
 */
export function createUpdater(opts: UpdaterOptions): UpdaterService {
  const { autoUpdater, ctx } = opts;
  const defer = opts.defer ?? ((fn) => setImmediate(fn));
  let status: UpdateStatus = {
    supported: opts.isPackaged,
    state: opts.isPackaged ? 'idle' : 'unsupported',
    currentVersion: ctx.appVersion,
    availableVersion: null,
    progress: null,
    message: opts.isPackaged ? null : 'Updates work in the installed app, not in development (npm start)',
    checkedAt: null,
  };
  const set = (patch: Partial<UpdateStatus>) => {
    status = { ...status, ...patch };
    ctx.events.emit({ name: 'update.status', payload: { ...status } });
  };

  autoUpdater.autoDownload = true;
  // A downloaded update is also installed when the owner simply closes the app.
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  autoUpdater.on('checking-for-update', () => set({ state: 'checking', message: null, progress: null }));
  autoUpdater.on('update-available', (info: { version?: string }) =>
    set({ state: 'downloading', availableVersion: info?.version ?? null, progress: null }),
  );
  autoUpdater.on('update-not-available', () =>
    set({ state: 'not-available', availableVersion: null, progress: null, checkedAt: ctx.clock.now().toISOString() }),
  );
  autoUpdater.on(
    'download-progress',
    (p: { percent?: number; transferred?: number; total?: number; bytesPerSecond?: number }) =>
      set({
        state: 'downloading',
        progress: {
          percent: Math.max(0, Math.min(100, Number(p?.percent) || 0)),
          transferred: Number(p?.transferred) || 0,
          total: Number(p?.total) || 0,
          bytesPerSecond: Number(p?.bytesPerSecond) || 0,
        },
      }),
  );
  autoUpdater.on('update-downloaded', (info: { version?: string }) =>
    set({
      state: 'downloaded',
      availableVersion: info?.version ?? status.availableVersion,
      progress: null,
      checkedAt: ctx.clock.now().toISOString(),
    }),
  );
  autoUpdater.on('error', (err: unknown) => {
    ctx.logger.warn('update failed', { error: err instanceof Error ? err.message : String(err) });
    set({ state: 'error', progress: null, message: updateErrorMessage(err) });
  });

  return {
    status: () => status,
    async check() {
      if (!opts.isPackaged) return status;
      if (BUSY.includes(status.state) || status.state === 'downloaded') return status;
      const url = getSettings(ctx).updateUrl;
      if (!url) {
        set({ state: 'not-configured', message: 'Set the update folder URL in Settings first' });
        return status;
      }
      autoUpdater.setFeedURL({ provider: 'generic', url });
      set({ state: 'checking', message: null, progress: null });
      try {
        await autoUpdater.checkForUpdates();
      } catch (err) {
        // electron-updater also emits 'error'; this covers a rejection without one.
        if (status.state === 'checking') set({ state: 'error', message: updateErrorMessage(err) });
      }
      return status;
    },
    install() {
      if (status.state !== 'downloaded') {
        throw new AppError('CONFLICT', 'No update has been downloaded yet: check for updates first');
      }
      ctx.logger.info('restarting to install update', { version: status.availableVersion });
      // Silent per-user NSIS install, then start the new version. The app's 'before-quit' closes the database.
      defer(() => autoUpdater.quitAndInstall(true, true));
      return status;
    },
  };
}

function updateErrorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/ENOTFOUND|ECONNREFUSED|EHOSTUNREACH|ETIMEDOUT|ENETUNREACH/.test(text)) {
    return 'The update folder cannot be reached: check the update URL and that the office server is on';
  }
  if (/404|latest\.yml/.test(text)) return 'No update information (latest.yml) in the update folder';
  if (/sha512|checksum/i.test(text)) return 'The downloaded update is damaged (checksum mismatch); try again';
  return `Update failed: ${text.split('\n')[0]!.slice(0, 200)}`;
}
