import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { EVENT_NAMES, type EventName } from '../../../src-shared/events';
import type { PreloadBridge } from '../../../src-shared/preload-api';
import type { SeatBridge, SeatStatus } from '../../../src-shared/seat-api';
import { IPC_EVENT, IPC_INVOKE, SEAT_EVENT, SEAT_INVOKE } from './constants';

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
