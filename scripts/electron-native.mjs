#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/<platform>-<arch>/better_sqlite3.node,
// leaving node_modules/better-sqlite3 (the Node-ABI build vitest and the browser host use) untouched.
// The desktop app loads this copy through better-sqlite3's `nativeBinding` option (see
// src-main/host/electron/native-binding.ts). Runs before `electron .` (npm start) and from electron-builder's
// beforePack hook (npm run dist:win, for the target platform). Never part of npm install or npm test.
//
// Usage: node scripts/electron-native.mjs [--platform win32] [--arch x64] [--force]
// How: copy the better-sqlite3 package to a work folder, then
//   1. prebuild-install --runtime electron --target <electron version>  (downloads the official prebuilt
//      binary from better-sqlite3's GitHub release; works for another platform too, e.g. win32 from Linux)
//   2. otherwise, for the host platform only: node-gyp rebuild --runtime=electron --target=<version>
//      --dist-url=https://electronjs.org/headers (downloads Electron's headers; needs a C++ toolchain).
// Both need internet; without it the script stops with a clear message and exit code 1.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..');
const require = createRequire(path.join(root, 'package.json'));

export function nativeDir(platform, arch, base = root) {
  return path.join(base, '.electron-native', `${platform}-${arch}`);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, npm_config_build_from_source: '' },
    timeout: 15 * 60_000,
  });
  return r.status === 0;
}

export async function buildElectronNative({
  platform = process.platform,
  arch = process.arch,
  force = false,
  base = root,
} = {}) {
  const electronVersion = readJson(require.resolve('electron/package.json')).version;
  const sqlitePkgDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const sqlitePkg = readJson(path.join(sqlitePkgDir, 'package.json'));
  const sqliteVersion = sqlitePkg.version;
  const outDir = nativeDir(platform, arch, base);
  const outFile = path.join(outDir, 'better_sqlite3.node');
  const infoFile = path.join(outDir, 'build-info.json');
  // The package name too: better-sqlite3 is an alias of better-sqlite3-multiple-ciphers of the same version
  // number, and a stale plain addon would leave the desktop app unable to encrypt.
  const wanted = { electron: electronVersion, package: sqlitePkg.name, betterSqlite3: sqliteVersion, platform, arch };

  if (!force && fs.existsSync(outFile) && fs.existsSync(infoFile)) {
    const have = readJson(infoFile);
    if (Object.entries(wanted).every(([k, v]) => have[k] === v)) {
      console.log(
        `electron-native: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch}) is up to date`,
      );
      return outFile;
    }
  }

  console.log(
    `electron-native: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch})`,
  );
  const work = path.join(base, '.electron-native', '.work', `${platform}-${arch}`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  // A private copy of the package (sources, no build output): node_modules/better-sqlite3 is never touched.
  fs.cpSync(sqlitePkgDir, work, {
    recursive: true,
    filter: (src) => !src.startsWith(path.join(sqlitePkgDir, 'build')),
  });
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');

  const failHere = (why) => {
    fs.rmSync(work, { recursive: true, force: true });
    fail(why);
  };
  const prebuildBin = require.resolve('prebuild-install/bin.js');
  let ok = run(
    process.execPath,
    [
      prebuildBin,
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      `--platform=${platform}`,
      '--verbose',
    ],
    work,
  );
  if (!ok || !fs.existsSync(built)) {
    if (platform !== process.platform) {
      failHere(
        `no prebuilt better-sqlite3 for Electron ${electronVersion} on ${platform}-${arch} could be downloaded, and it cannot be compiled for another platform here.`,
      );
    }
    console.log('electron-native: no prebuilt binary, compiling with node-gyp against Electron headers');
    const gypBin = require.resolve('node-gyp/bin/node-gyp.js');
    ok = run(
      process.execPath,
      [
        gypBin,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        `--arch=${arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      work,
    );
    if (!ok || !fs.existsSync(built)) {
      failHere(`could not download a prebuilt better-sqlite3 nor Electron ${electronVersion} headers to compile one.`);
    }
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(built, outFile);
  fs.writeFileSync(infoFile, JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2) + '\n');
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`electron-native: wrote ${path.relative(root, outFile)}`);
  return outFile;
}

function fail(why) {
  throw new Error(
    [
      '',
      `electron-native: ${why}`,
      "The desktop app needs better-sqlite3 built for Electron's ABI. This step needs internet access",
      '(github.com for the prebuilt binary, or electronjs.org for headers plus a C++ toolchain).',
      'Run `npm start` / `npm run dist:win` on a machine with internet, or use the browser host: npm run serve',
      '',
    ].join('\n'),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === here) {
  const { values } = parseArgs({
    options: { platform: { type: 'string' }, arch: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  try {
    await buildElectronNative({
      platform: values.platform ?? process.platform,
      arch: values.arch ?? process.arch,
      force: values.force,
    });
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
