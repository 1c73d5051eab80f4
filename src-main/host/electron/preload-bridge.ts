import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { EVENT_NAMES, type EventName } from '../../../src-shared/events';
import type { PreloadBridge } from '../../../src-shared/preload-api';
import type {
  SeatBridge,
  SeatPrintBridge,
  SeatPrinterChoice,
  SeatPrintKind,
  SeatStatus,
} from '../../../src-shared/seat-api';
import { IPC_EVENT, IPC_INVOKE, SEAT_EVENT, SEAT_INVOKE, SEAT_PRINT_INVOKE, SEAT_PRINT_ORIGIN_ARG } from './constants';

const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);

/**
 * The whole surface the renderer gets. Kept separate from preload.ts so a unit test can build it with a
 * mocked ipcRenderer. Nothing of ipcRenderer (or the IPC event object) leaks: callbacks get the payload.
 */
export function createPreloadBridge(ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): PreloadBridge {
  return Object.freeze({
    invoke(channel: string, input: unknown) {
      return ipcRenderer.invoke(IPC_INVOKE, String(channel), input);
    },
    on(event: string, cb: (payload: unknown) => void) {
      if (!isEventName(event)) throw new Error(`Unknown event: ${String(event).slice(0, 60)}`);
      if (typeof cb !== 'function') throw new Error('on(event, cb): cb must be a function');
      const listener = (_e: IpcRendererEvent, msg: { name?: unknown; payload?: unknown }) => {
        if (msg && msg.name === event) cb(msg.payload);
      };
      ipcRenderer.on(IPC_EVENT, listener);
      return () => {
        ipcRenderer.removeListener(IPC_EVENT, listener);
      };
    },
  });
}

/** `window.pppoeSeat`: pairing and the office link. Strings only go out; callbacks get the status only. */
export function createSeatBridge(ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): SeatBridge {
  const call = (op: string, ...args: string[]) => ipcRenderer.invoke(SEAT_INVOKE, op, args);
  return Object.freeze({
    pair: (address: string, code: string) => call('pair', String(address), String(code)),
    status: () => call('status'),
    retry: () => call('retry'),
    open: () => call('open'),
    forget: () => call('forget'),
    printers: () => call('printers'),
    choosePrinters: (c: SeatPrinterChoice) =>
      call('choosePrinters', String(c?.receipt ?? ''), String(c?.a4 ?? ''), String(c?.silent !== false)),
    testPrint: (kind: SeatPrintKind, language: 'id' | 'en') => call('testPrint', String(kind), String(language)),
    onStatus(cb: (status: SeatStatus) => void) {
      if (typeof cb !== 'function') throw new Error('onStatus(cb): cb must be a function');
      const listener = (_e: IpcRendererEvent, status: SeatStatus) => cb(status);
      ipcRenderer.on(SEAT_EVENT, listener);
      return () => {
        ipcRenderer.removeListener(SEAT_EVENT, listener);
      };
    },
  });
}

/** The office origin main gave this renderer (webPreferences.additionalArguments), or null. */
export function seatPrintOrigin(argv: readonly string[]): string | null {
  const arg = argv.find((a) => typeof a === 'string' && a.startsWith(SEAT_PRINT_ORIGIN_ARG));
  const origin = arg?.slice(SEAT_PRINT_ORIGIN_ARG.length) ?? '';
  return origin.startsWith('https://') ? origin : null;
}

/**
 * `window.pppoePrint` for the paired office's page (seat-print.ts): plain values out, plain answers back.
 * The PDF goes as the base64 string the documents.* channels give; the main process checks it.
 */
export function createSeatPrintBridge(ipcRenderer: Pick<IpcRenderer, 'invoke'>): SeatPrintBridge {
  const call = (op: string, ...args: string[]) => ipcRenderer.invoke(SEAT_PRINT_INVOKE, op, args);
  return Object.freeze({
    choice: () => call('choice'),
    print: (kind: SeatPrintKind, file: { filename: string; base64: string }) =>
      call('print', String(kind), String(file?.filename ?? ''), String(file?.base64 ?? '')),
    openSettings: () => call('settings'),
  });
}
