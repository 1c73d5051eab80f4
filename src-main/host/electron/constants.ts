/** The renderer's origin: a custom standard+secure scheme, never file:// (see protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pppoe-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The only two IPC channels: one request/response (ipcMain.handle) and one push (webContents.send). */
export const IPC_INVOKE = 'api:invoke';
export const IPC_EVENT = 'api:event';
