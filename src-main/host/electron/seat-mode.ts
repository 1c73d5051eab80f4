import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, Session } from 'electron';
import type { PairAnswer, SeatLinkView, SeatPrinterChoice, SeatStatus } from '../../../src-shared/seat-api';
import type { Logger } from '../../logging/logger';
import { pinnedVerifyProc } from '../seat/certificate-verify';
import { createOfficeLink, type OfficeLink } from '../seat/office-link';
import { PairingError, pairWithOffice, type SeatConfig } from '../seat/pairing-client';
import { forgetSeatConfig, saveSeatConfig } from '../seat/seat-config';
import { APP_ENTRY_URL, SEAT_EVENT, SEAT_INVOKE } from './constants';
import { isTrustedSender } from './ipc';
import { isPrintKind, type SeatPrinting } from './seat-print';

/** The seat page of our own renderer (src-renderer/seat/): shown while the office's app is not. */
export const SEAT_PAGE_URL = `${APP_ENTRY_URL}#/seat`;

export interface SeatIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  getWindow(): BrowserWindow | null;
  logger: Logger;
  /** Local mode: pair, store the seat file, restart as a seat. */
  pair?(address: string, code: string): Promise<PairAnswer>;
  /** Seat mode. */
  seat?: {
    status(): SeatStatus;
    retry(): Promise<void>;
    open(): Promise<void>;
    forget(): void;
  };
  /** Seat mode: this PC's printers (seat-print.ts), for the seat page's printer settings. */
  printing?: Pick<SeatPrinting, 'printers' | 'choose' | 'testPrint'>;
}

const text = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : null);
/** The seat page's printer choice, sent as strings ('' = none). */
const choiceOf = (a: unknown[]): SeatPrinterChoice | null => {
  const receipt = text(a[0], 200);
  const a4 = text(a[1], 200);
  if (receipt === null || a4 === null || (a[2] !== 'true' && a[2] !== 'false')) return null;
  return { receipt: receipt || null, a4: a4 || null, silent: a[2] === 'true' };
};

/**
 * The one `seat:invoke` handler, for the main frame of our window on app:// only (as the API's IPC).
 * What the current mode does not offer answers null; a refused caller gets an error and nothing runs.
 */
export function createSeatIpc(opts: SeatIpcOptions): { dispose(): void } {
  const { ipcMain, getWindow, logger } = opts;
  ipcMain.handle(SEAT_INVOKE, async (event: IpcMainInvokeEvent, op: unknown, args: unknown) => {
    if (!isTrustedSender(event, getWindow())) {
      logger.warn('seat call refused', { op: String(op).slice(0, 20) });
      throw new Error('Refused');
    }
    const a = Array.isArray(args) ? args : [];
    switch (op) {
      case 'pair': {
        const address = text(a[0], 300);
        const code = text(a[1], 40);
        if (!opts.pair) return null;
        if (address === null || code === null) return { ok: false, reason: 'bad_address' } satisfies PairAnswer;
        return opts.pair(address, code);
      }
      case 'status':
        return opts.seat?.status() ?? null;
      case 'retry':
        return opts.seat ? void (await opts.seat.retry()) : null;
      case 'open':
        return opts.seat ? void (await opts.seat.open()) : null;
      case 'forget':
        return opts.seat ? void opts.seat.forget() : null;
      case 'printers':
        return opts.printing ? opts.printing.printers() : null;
      case 'choosePrinters': {
        const choice = choiceOf(a);
        if (!opts.printing) return null;
        if (!choice) throw new Error('Bad printer choice');
        return opts.printing.choose(choice);
      }
      case 'testPrint': {
        if (!opts.printing) return null;
        if (!isPrintKind(a[0])) throw new Error('Bad paper');
        return opts.printing.testPrint(a[0], a[1] === 'en' ? 'en' : 'id');
      }
      default:
        throw new Error('Unknown seat call');
    }
  });
  return { dispose: () => ipcMain.removeHandler(SEAT_INVOKE) };
}

/** Local mode's pairing: the office checked both ways, then the seat file, then a restart into seat mode. */
export function pairAndRestart(
  dataDir: string,
  restart: () => void,
  pairFn: typeof pairWithOffice = pairWithOffice,
): (address: string, code: string) => Promise<PairAnswer> {
  return async (address, code) => {
    try {
      // The code goes as typed: the proof reads it case- and dash-insensitively (core/lan-share/pairing.ts).
      const config = await pairFn(address, code);
      saveSeatConfig(dataDir, config);
      // After the answer reached the page: it shows "connected" for the moment before the restart.
      setTimeout(restart, 0);
      return { ok: true, officeName: config.officeName };
    } catch (err) {
      if (err instanceof PairingError) return { ok: false, reason: err.kind };
      throw err;
    }
  };
}

/** What seat mode uses of the office link (office-link.ts). */
export type SeatLink = Pick<OfficeLink, 'state' | 'start' | 'retryNow' | 'onChange' | 'stop'>;

export interface SeatModeOptions {
  /** The stored pairing, or 'damaged' (the seat file cannot be trusted: only "forget" is offered). */
  config: SeatConfig | 'damaged';
  dataDir: string;
  session: Pick<Session, 'setCertificateVerifyProc'>;
  window: BrowserWindow;
  logger: Logger;
  /** Restarts the app (after "forget": in local mode). */
  restart(): void;
  createLink?: (pin: SeatConfig) => SeatLink;
}

/**
 * Seat mode: no database here. The window trusts only the paired certificate for the office's host
 * (Chromium's verify proc), shows the seat page until the office answers, then the office's own staff
 * app. A changed certificate or an office page that fails to load brings the seat page back.
 */
export function startSeatMode(o: SeatModeOptions) {
  const { window: win, logger } = o;
  const config = o.config === 'damaged' ? null : o.config;
  if (config) o.session.setCertificateVerifyProc(pinnedVerifyProc(config));
  const link = config ? (o.createLink ?? createOfficeLink)(config) : null;
  let showing: 'seat' | 'office' = 'seat';
  // The user asked for the seat page (its printer settings) from the office's app: it stays until they
  // open the office's app again, whatever the link's next "online".
  let held = false;

  const view = (): SeatLinkView => (link ? (link.state as SeatLinkView) : { kind: 'damaged' });
  const status = (): SeatStatus => ({
    url: config?.url ?? '',
    officeName: config?.officeName ?? '',
    fingerprint: config?.fingerprint ?? '',
    link: view(),
    held,
  });
  const show = (where: 'seat' | 'office') => {
    if (win.isDestroyed()) return;
    showing = where;
    void win.loadURL(where === 'office' ? `${config!.url}/` : SEAT_PAGE_URL).catch(() => undefined);
  };
  const open = async () => {
    held = false;
    if (link?.state.kind === 'online' && showing === 'seat') show('office');
  };

  link?.onChange((s) => {
    if (!win.isDestroyed() && showing === 'seat') win.webContents.send(SEAT_EVENT, status());
    if (s.kind === 'online' && showing === 'seat' && !held) show('office');
    if (s.kind === 'certificate_changed' && showing === 'office') {
      logger.warn('office certificate changed: seat page shown', { seen: s.seen });
      show('seat');
    }
  });
  // The office's page did not load (the PC went off between two checks): back to the seat page, which
  // shows the link retrying.
  win.webContents.on('did-fail-load', (_e: unknown, code: number, _d: string, _u: string, mainFrame: boolean) => {
    if (!mainFrame || showing !== 'office' || code === -3) return; // -3: aborted by a newer navigation
    show('seat');
    void link?.retryNow();
  });
  // The window was created on the seat page (createMainWindow's url): the link's first answer moves it.
  void link?.start();

  return {
    status,
    open,
    retry: async () => {
      await link?.retryNow();
    },
    /** "Printer PC ini" in the office's app: the seat page with its printer settings. */
    showSettings: () => {
      held = true;
      if (showing === 'office') show('seat');
      else if (!win.isDestroyed()) win.webContents.send(SEAT_EVENT, status());
    },
    forget: () => {
      forgetSeatConfig(o.dataDir);
      logger.info('seat pairing forgotten: restarting in local mode');
      o.restart();
    },
    get showing() {
      return showing;
    },
    stop: () => link?.stop(),
  };
}
export type SeatMode = ReturnType<typeof startSeatMode>;
