// Sandboxed preload (bundled to one CJS file by scripts/build-main.mjs): only `electron` is required.
import { contextBridge, ipcRenderer } from 'electron';
import { APP_ORIGIN } from './constants';
import { createPreloadBridge, createSeatBridge, createSeatPrintBridge, seatPrintOrigin } from './preload-bridge';

// Only our own app:// page gets the bridges. A seat's window also shows the office PC's staff app over
// HTTPS: that page talks HTTP to the office like any browser and sees no IPC, but for printing on this
// PC's printer (seat-print.ts): `window.pppoePrint`, in the main frame, on the paired origin only.
if (typeof location !== 'undefined' && location.origin === APP_ORIGIN) {
  contextBridge.exposeInMainWorld('pppoe', createPreloadBridge(ipcRenderer));
  contextBridge.exposeInMainWorld('pppoeSeat', createSeatBridge(ipcRenderer));
} else if (
  typeof location !== 'undefined' &&
  typeof window !== 'undefined' &&
  window.top === window &&
  location.origin === seatPrintOrigin(typeof process !== 'undefined' ? process.argv : [])
) {
  contextBridge.exposeInMainWorld('pppoePrint', createSeatPrintBridge(ipcRenderer));
}
