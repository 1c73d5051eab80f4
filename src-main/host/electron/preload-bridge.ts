import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { EVENT_NAMES, type EventName } from '../../../src-shared/events';
import type { PreloadBridge } from '../../../src-shared/preload-api';
import { IPC_EVENT, IPC_INVOKE } from './constants';

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
