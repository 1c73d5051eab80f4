// Sandboxed preload (bundled to one CJS file by scripts/build-main.mjs): only `electron` is required.
import { contextBridge, ipcRenderer } from 'electron';
import { APP_ORIGIN } from './constants';
import { createPreloadBridge, createSeatBridge } from './preload-bridge';

// Only our own app:// page gets the bridges. A seat's window also shows the office PC's staff app over
// HTTPS: that page talks HTTP to the office like any browser and must see no IPC at all.
if (typeof location !== 'undefined' && location.origin === APP_ORIGIN) {
  contextBridge.exposeInMainWorld('pppoe', createPreloadBridge(ipcRenderer));
  contextBridge.exposeInMainWorld('pppoeSeat', createSeatBridge(ipcRenderer));
}
