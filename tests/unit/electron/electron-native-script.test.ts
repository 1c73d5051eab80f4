import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/app';

const root = path.resolve(__dirname, '../../..');
// @ts-expect-error plain .mjs script without types
const { buildElectronNative, nativeDir } = await import('../../../scripts/electron-native.mjs');
const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const sqliteVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8'),
).version;
const nodeAddon = path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('scripts/electron-native.mjs (no network needed for these cases)', () => {
  it('skips the build when the addon for this Electron and better-sqlite3 version is there', async () => {
    const base = tempDir('pppoe-native-');
    dirs.push(base);
    const dir = nativeDir('win32', 'x64', base);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'better_sqlite3.node'), 'addon');
    fs.writeFileSync(
      path.join(dir, 'build-info.json'),
      JSON.stringify({
        electron: electronVersion,
        package: 'better-sqlite3-multiple-ciphers',
        betterSqlite3: sqliteVersion,
        platform: 'win32',
        arch: 'x64',
      }),
    );
    const before = sha(nodeAddon);
    await expect(buildElectronNative({ platform: 'win32', arch: 'x64', base })).resolves.toBe(
      path.join(dir, 'better_sqlite3.node'),
    );
    expect(fs.readFileSync(path.join(dir, 'better_sqlite3.node'), 'utf8')).toBe('addon');
    expect(fs.existsSync(path.join(base, '.electron-native', '.work'))).toBe(false);
    // The Node-ABI build the tests use is never touched.
    expect(sha(nodeAddon)).toBe(before);
  });

  it('the layout matches what the shell and electron-builder.yml look for', () => {
    expect(nativeDir('win32', 'x64', '/repo')).toBe(path.join('/repo', '.electron-native', 'win32-x64'));
  });
});
