/** The renderer's origin: a custom standard+secure scheme, never file:// (see protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pppoe-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The API's two IPC channels: one request/response (ipcMain.handle) and one push (webContents.send). */
export const IPC_INVOKE = 'api:invoke';
export const IPC_EVENT = 'api:event';
/** "Hubungkan ke PC kantor" (seat-mode.ts): pairing and the office link, outside the API (no database on a seat). */
export const SEAT_INVOKE = 'seat:invoke';
export const SEAT_EVENT = 'seat:status';
/**
 * The one IPC channel the office's page may use on a seat (seat-print.ts): print a PDF on this PC's printer.
 * The paired origin reaches the preload as a renderer argument (the sandboxed preload reads no files).
 */
export const SEAT_PRINT_INVOKE = 'seat:print';
export const SEAT_PRINT_ORIGIN_ARG = '--pppoe-seat-print-origin=';
