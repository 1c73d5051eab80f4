import fs from 'node:fs';
import path from 'node:path';

export const NATIVE_FILE = 'better_sqlite3.node';

export interface NativeBindingLocation {
  isPackaged: boolean;
  /** process.resourcesPath (packaged: electron-builder copies the addon to <resources>/native). */
  resourcesPath: string;
  /** app.getAppPath() (development: the repository root). */
  appPath: string;
  platform?: string;
  arch?: string;
}

/**
 * Where the Electron-ABI better-sqlite3 addon is: built by scripts/electron-native.mjs into
 * .electron-native/<platform>-<arch>/ in development, shipped outside app.asar (extraResources →
 * resources/native/) when packaged, since a .node file cannot be loaded from inside an asar archive.
 */
export function nativeBindingPath(loc: NativeBindingLocation): string {
  if (loc.isPackaged) return path.join(loc.resourcesPath, 'native', NATIVE_FILE);
  return path.join(
    loc.appPath,
    '.electron-native',
    `${loc.platform ?? process.platform}-${loc.arch ?? process.arch}`,
    NATIVE_FILE,
  );
}

/** The path, or an error saying how to get the addon (instead of better-sqlite3's ABI mismatch crash). */
export function requireNativeBinding(
  loc: NativeBindingLocation,
  exists: (p: string) => boolean = fs.existsSync,
): string {
  const file = nativeBindingPath(loc);
  if (!exists(file)) {
    throw new Error(
      loc.isPackaged
        ? `The database engine is missing from this installation (${file}). Reinstall PPPoE Desk.`
        : `${file} is missing: run \`node scripts/electron-native.mjs\` (npm start does it), which needs internet once.`,
    );
  }
  return file;
}

/** Migrations: packaged as extraResources (<resources>/drizzle), in development the repository's drizzle/. */
export function migrationsFolder(loc: Pick<NativeBindingLocation, 'isPackaged' | 'resourcesPath' | 'appPath'>): string {
  return loc.isPackaged ? path.join(loc.resourcesPath, 'drizzle') : path.join(loc.appPath, 'drizzle');
}
