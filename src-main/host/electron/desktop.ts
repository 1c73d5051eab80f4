import fs from 'node:fs';
import path from 'node:path';
import type * as Electron from 'electron';
import { createApp as realCreateApp, type App, type CreateAppOptions } from '../../app';
import { createFileLogger, logsDir } from '../../logging/file-logger';
import type { FileSaver } from '../../core/logging/diagnostics';
import { consoleLogger, teeLogger, type Logger } from '../../logging/logger';
import { startBackground as realStartBackground, type BackgroundWork } from '../background';
import { startPortalRunner } from '../portal-runner';
import { startLanShareRunner } from '../lan-share-runner';
import { createIpcHost, type IpcHost } from './ipc';
import { migrationsFolder, requireNativeBinding } from './native-binding';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { safeStorageSecretBox } from './safe-storage-box';
import { safeStorageKeyStore } from './safe-storage-key-store';
import { hardenSession, installGlobalGuards } from './security';
import { readSeatFile, type SeatConfigOrDamaged } from '../seat/seat-config';
import { createSeatIpc, pairAndRestart, SEAT_PAGE_URL, startSeatMode, type SeatMode } from './seat-mode';
import { createElectronPrinter } from './printer';
import { createPdfPrinter } from './pdf-printer';
import { createSeatPrinting, createSeatPrintIpc } from './seat-print';
import { SEAT_PRINT_ORIGIN_ARG } from './constants';
import { createUpdater, type AutoUpdaterLike } from './updater';
import { createMainWindow, focusWindow } from './window';

/** The parts of the `electron` module the shell uses (tests pass a mock). */
export type ElectronApi = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'protocol' | 'safeStorage' | 'session' | 'shell' | 'Menu'
>;

export interface DesktopDeps {
  createApp(opts: CreateAppOptions): App;
  startBackground(app: App): BackgroundWork;
  /** electron-updater's autoUpdater, loaded lazily (it touches electron.app when created). */
  loadAutoUpdater(): AutoUpdaterLike;
  /** Folder holding main/, preload/ and renderer/ of the build (the bundle's own ../). */
  outDir: string;
  resourcesPath: string;
  /** "Hubungkan ke PC kantor": the office check and pairing (tests pass fakes; see seat-mode.ts). */
  createOfficeLink?: Parameters<typeof startSeatMode>[0]['createLink'];
  pairWithOffice?: Parameters<typeof pairAndRestart>[2];
}

export interface Desktop {
  /** Resolves when the window is up (or rejects after showing the start-up error). */
  ready: Promise<void>;
  readonly app: App | null;
  readonly window: Electron.BrowserWindow | null;
  readonly ipc: IpcHost | null;
  /** Seat mode (this PC works on the office PC's data): the link and the window's page; null in local mode. */
  readonly seat: SeatMode | null;
}

/**
 * The Electron main process: single-instance lock, app:// protocol, hardened window and session, the
 * database opened with the Electron-ABI better-sqlite3, safeStorage secrets, IPC host, updater,
 * background work, and a graceful close (background stopped, WAL checkpointed, log flushed).
 * With a seat file (paired with an office PC) it opens no database: seat mode (seat-mode.ts).
 * Returns null when another instance already runs (this one quits; the other focuses its window).
 */
export function runDesktop(electron: ElectronApi, deps: Partial<DesktopDeps> = {}): Desktop | null {
  const { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell, Menu } = electron;
  // One process owns the database: a second launch hands over to the first window and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const d: DesktopDeps = {
    createApp: realCreateApp,
    startBackground: realStartBackground,
    loadAutoUpdater: () => {
      throw new Error('no updater');
    },
    outDir: path.resolve(__dirname, '..'),
    resourcesPath: process.resourcesPath,
    ...deps,
  };
  const dataDir = app.getPath('userData');
  const fileLog = createFileLogger({ dir: logsDir(dataDir) });
  const logger: Logger = app.isPackaged ? fileLog : teeLogger(fileLog, consoleLogger());

  let core: App | null = null;
  let win: Electron.BrowserWindow | null = null;
  let ipc: IpcHost | null = null;
  let background: BackgroundWork | null = null;
  let portal: ReturnType<typeof startPortalRunner> | null = null;
  let lanShare: ReturnType<typeof startLanShareRunner> | null = null;
  let seat: SeatMode | null = null;
  let seatIpc: { dispose(): void } | null = null;
  let seatPrintIpc: { dispose(): void } | null = null;
  // Pages besides app:// the window may show: the paired office's origin, in seat mode only.
  const allowedOrigins: string[] = [];

  app.enableSandbox(); // every renderer sandboxed, whatever its webPreferences say
  registerAppScheme(protocol); // must happen before 'ready'
  installGlobalGuards(app, shell, logger, () => allowedOrigins);
  app.on('second-instance', () => focusWindow(win));
  app.on('window-all-closed', () => app.quit());

  let closed = false;
  const shutdown = () => {
    if (closed) return;
    closed = true;
    try {
      seat?.stop();
      seatIpc?.dispose();
      seatPrintIpc?.dispose();
      background?.stop();
      void portal?.stop();
      void lanShare?.stop();
      ipc?.dispose();
      core?.close();
      logger.info('PPPoE Desk closed');
    } catch (err) {
      logger.error('error while closing', { error: String(err) });
    }
    void fileLog.close();
  };
  app.on('will-quit', shutdown);

  /** After pairing or "Lupakan PC kantor": the next start reads the seat file again. */
  const restart = () => {
    shutdown();
    app.relaunch();
    app.exit(0);
  };
  const icon = () => {
    const file = path.join(
      app.isPackaged ? d.resourcesPath : app.getAppPath(),
      app.isPackaged ? '' : 'resources',
      'icon.png',
    );
    return fs.existsSync(file) ? file : undefined;
  };
  const openWindow = (url?: string, additionalArguments?: string[]) => {
    win = createMainWindow(BrowserWindow, {
      preload: path.join(d.outDir, 'preload', 'preload.cjs'),
      icon: icon(),
      devTools: !app.isPackaged,
      url,
      additionalArguments,
    });
    win.on('closed', () => {
      win = null;
    });
    // A crashed or killed renderer is logged and reloaded instead of leaving a blank window.
    win.webContents.on('render-process-gone', (_event, details) => {
      logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
      if (details.reason !== 'clean-exit' && win && !win.isDestroyed()) win.webContents.reload();
    });
    return win;
  };

  /** Asks where to save (the user's documents folder first) and writes the file; null when cancelled. */
  const saveAs =
    (title: string, kind: string, ext: string): FileSaver =>
    async (suggestedName, data) => {
      const options = {
        title,
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: kind, extensions: [ext] }],
      };
      const r =
        win && !win.isDestroyed() ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return null;
      await fs.promises.writeFile(r.filePath, data);
      return r.filePath;
    };

  /** A seat works on the office PC's data through the office's own staff app: no database, no background work. */
  const startSeat = (config: SeatConfigOrDamaged) => {
    if (config !== 'damaged') allowedOrigins.push(config.url);
    hardenSession(session.defaultSession, () => allowedOrigins);
    const officeOrigin = config === 'damaged' ? null : new URL(config.url).origin;
    // The preload exposes the print bridge to this origin only (seat-print.ts).
    const w = openWindow(SEAT_PAGE_URL, officeOrigin ? [`${SEAT_PRINT_ORIGIN_ARG}${officeOrigin}`] : []);
    const printing = createSeatPrinting({
      dataDir,
      logger,
      printPdf: createPdfPrinter({ BrowserWindow, tempDir: app.getPath('temp') }),
      listPrinters: async () => (win && !win.isDestroyed() ? win.webContents.getPrintersAsync() : []),
      saveFile: saveAs('Save PDF', 'PDF', 'pdf'),
      officeName: () => (config === 'damaged' ? '' : config.officeName),
    });
    seat = startSeatMode({
      config,
      dataDir,
      session: session.defaultSession,
      window: w,
      logger,
      restart,
      createLink: d.createOfficeLink,
    });
    seatIpc = createSeatIpc({ ipcMain, getWindow: () => win, logger, seat, printing });
    if (officeOrigin) {
      const mode = seat;
      seatPrintIpc = createSeatPrintIpc({
        ipcMain,
        getWindow: () => win,
        officeOrigin,
        printing,
        openSettings: () => mode.showSettings(),
        logger,
      });
    }
    logger.info('PPPoE Desk started as a seat', {
      version: app.getVersion(),
      office: config === 'damaged' ? 'seat file damaged' : config.url,
    });
  };

  const start = async () => {
    await app.whenReady();
    const loc = { isPackaged: app.isPackaged, resourcesPath: d.resourcesPath, appPath: app.getAppPath() };
    if (app.isPackaged) Menu.setApplicationMenu(null); // no reload / devtools menu in the installed app
    handleAppProtocol(protocol, path.join(d.outDir, 'renderer'));
    const seatConfig = readSeatFile(dataDir, logger);
    if (seatConfig) return startSeat(seatConfig);
    hardenSession(session.defaultSession);

    core = d.createApp({
      dataDir,
      migrationsFolder: migrationsFolder(loc),
      appVersion: app.getVersion(),
      logger,
      secrets: safeStorageSecretBox(safeStorage, dataDir, logger),
      keyStore: safeStorageKeyStore(safeStorage, dataDir, logger),
      nativeBinding: requireNativeBinding(loc),
      holder: 'desktop app',
    });
    logger.info('PPPoE Desk started', { version: app.getVersion(), dataDir, packaged: app.isPackaged });

    const ctx = core.ctx;
    try {
      const autoUpdater = d.loadAutoUpdater();
      autoUpdater.logger = logger; // electron-updater's own messages go to our (redacted) log file
      ctx.services.updater = createUpdater({ autoUpdater, ctx, isPackaged: app.isPackaged });
    } catch (err) {
      logger.warn('updater unavailable', { error: String(err) });
    }
    ctx.services.fileSaver = saveAs('Save diagnostics', 'Zip', 'zip');

    background = d.startBackground(core);
    // The customer portal, when Settings turn it on (its own port; see host/http/portal-server.ts).
    portal = startPortalRunner(core, { staticDir: path.join(d.outDir, 'portal') });
    // Settings → Jaringan kantor: the staff app over HTTPS for the other PCs and phones of the office.
    lanShare = startLanShareRunner(core, { staticDir: path.join(d.outDir, 'renderer') });
    openWindow();
    ipc = createIpcHost({ ipcMain, app: core, getWindow: () => win, logger });
    // "Hubungkan ke PC kantor" on the sign-in page: pair, then restart as a seat.
    seatIpc = createSeatIpc({
      ipcMain,
      getWindow: () => win,
      logger,
      pair: pairAndRestart(dataDir, restart, d.pairWithOffice),
    });
    // Receipts go straight to the chosen thermal printer (documents.* channels use app.services.printer).
    ctx.services.printer = createElectronPrinter({
      BrowserWindow,
      getPrinters: async () => (win && !win.isDestroyed() ? win.webContents.getPrintersAsync() : []),
    });
  };

  const ready = start().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    logger.error('PPPoE Desk could not start', { error: err instanceof Error ? (err.stack ?? message) : message });
    dialog.showErrorBox('PPPoE Desk cannot start', `${message}\n\nLogs: ${logsDir(dataDir)}`);
    shutdown();
    app.exit(1);
    throw err;
  });

  return {
    ready,
    get app() {
      return core;
    },
    get window() {
      return win;
    },
    get ipc() {
      return ipc;
    },
    get seat() {
      return seat;
    },
  };
}
