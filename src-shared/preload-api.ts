import type { ApiResult } from './result';

/**
 * What the Electron preload exposes as `window.pppoe` (contextBridge), and nothing more:
 * - invoke: calls one API channel; never throws, errors come back as `{ ok: false, error }`.
 * - on: subscribes to a pushed event from EVENT_NAMES (throws for any other name); returns unsubscribe.
 * The session token never reaches the renderer: auth.login / setup.createAdmin answer without `token`
 * over IPC (the main process keeps it per window). In the browser host `window.pppoe` is undefined.
 */
export interface PreloadBridge {
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    pppoe?: PreloadBridge;
  }
}
