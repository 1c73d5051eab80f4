import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'PPPoE Desk';

/** Same folder Electron's app.getPath('userData') gives, so the desktop app and the browser host share data. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') {
    return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), PRODUCT_NAME);
}
