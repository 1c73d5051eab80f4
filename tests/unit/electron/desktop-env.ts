import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '../../..');

/**
 * A fake "app path" for the desktop shell: the repository's migrations and, standing in for the
 * Electron-ABI addon that scripts/electron-native.mjs would build, a copy of the Node-ABI
 * better-sqlite3 addon (under vitest the "Electron" main process is Node).
 */
export function desktopEnv(opts: { withNative?: boolean } = {}) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-desktop-'));
  const appPath = path.join(base, 'app');
  const userData = path.join(base, 'userData');
  fs.mkdirSync(appPath, { recursive: true });
  fs.cpSync(path.join(repo, 'drizzle'), path.join(appPath, 'drizzle'), { recursive: true });
  if (opts.withNative ?? true) {
    const dir = path.join(appPath, '.electron-native', `${process.platform}-${process.arch}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(
      path.join(repo, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
      path.join(dir, 'better_sqlite3.node'),
    );
  }
  return { base, appPath, userData, cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}
