import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const require = createRequire(path.join(root, 'package.json'));
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('identifies the app', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('PPPoE Desk');
    expect(pkg.main).toBe('out/main/main.cjs');
  });

  it('builds a per-user Windows NSIS x64 installer that keeps data on uninstall', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
    expect(fs.existsSync(path.join(root, config.win.icon))).toBe(true);
  });

  it('ships the migrations and the Electron-ABI addon outside app.asar, native files unpacked', () => {
    expect(config.extraResources).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: 'drizzle', to: 'drizzle' })]),
    );
    expect(config.win.extraResources).toEqual([
      { from: '.electron-native/win32-${arch}/better_sqlite3.node', to: 'native/better_sqlite3.node' },
    ]);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.asar).toBe(true);
  });

  it('never rebuilds node_modules for Electron (tests keep the Node-ABI build); the hook builds the copy', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.beforePack).toBe('scripts/electron-builder-before-pack.cjs');
    expect(fs.existsSync(path.join(root, config.beforePack))).toBe(true);
    // And nothing in install/test may need Electron's binary or rebuild native modules.
    const s = pkg.scripts as Record<string, string>;
    for (const name of ['preinstall', 'install', 'postinstall', 'prepare', 'test', 'test:unit']) {
      expect(s[name] ?? '', name).not.toMatch(/install-app-deps|electron-rebuild|electron-native|electron \./);
    }
  });

  it('packs the built main, preload and renderer', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**', 'out/portal/**']),
    );
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('publishes latest.yml for the generic provider (LAN folder)', () => {
    expect(config.publish.provider).toBe('generic');
    expect(config.publish.url).toMatch(/^https?:\/\//);
  });
});
