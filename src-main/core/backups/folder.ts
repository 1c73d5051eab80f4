import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../src-shared/result';
import type { AppContext } from '../context';
import { getSettings } from '../settings';

/** Why a folder is refused: the sentence for the form's summary and the short one under the field. */
const WHY = {
  missing: { message: 'The folder does not exist (is the USB stick plugged in?)', error: 'Folder not found' },
  file: { message: 'That path is a file, not a folder', error: 'Not a folder' },
  readOnly: {
    message: 'PPPoE Desk cannot write to this folder (read-only or no permission)',
    error: 'Folder is read-only',
  },
  relative: {
    message: 'Write the full folder path, for example D:\\Backup PPPoE Desk',
    error: 'Write the full folder path',
  },
  system: {
    message: 'PPPoE Desk does not put backups into system folders: choose another folder',
    error: 'System folder',
  },
  own: {
    message: "Backups cannot go into PPPoE Desk's own data folder: leave the folder empty for the usual backup folder",
    error: "PPPoE Desk's own folder",
  },
  outsideRoots: {
    message: 'This folder is outside the backup folders this server allows (--backup-root)',
    error: 'Outside the allowed backup folders',
  },
  noneAllowed: {
    message: 'No backup folder is allowed yet: an Admin adds one in Settings → Backups first',
    error: 'Not an allowed backup folder',
  },
  notAllowed: {
    message: 'This folder is not one of the allowed backup folders: an Admin adds it in Settings → Backups first',
    error: 'Not an allowed backup folder',
  },
} as const;

/**
 * BAD_INPUT naming the field. In a list of folders (`inList`) the field message starts with the
 * folder, so the owner sees which one ("E:\\Backup: Folder not found").
 */
function bad(field: string, why: { message: string; error: string }, inList?: string): never {
  throw new AppError('BAD_INPUT', why.message, [
    { path: field, message: inList ? `${inList}: ${why.error}` : why.error },
  ]);
}

/** A writable, existing folder, or a BAD_INPUT naming `field` with a sentence the owner understands. */
export function checkFolder(folder: string, field = 'folder', inList?: string): string {
  const abs = path.resolve(folder);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    return bad(field, WHY.missing, inList);
  }
  if (!st.isDirectory()) bad(field, WHY.file, inList);
  // access(W_OK) is unreliable on Windows and network shares: really create and remove a file.
  const probe = path.join(abs, `.pppoe-desk-write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch {
    bad(field, WHY.readOnly, inList);
  }
  return abs;
}

const win = process.platform === 'win32';
const norm = (p: string) => (win ? p.toLowerCase() : p);
/** `child` is `parent` or lies inside it (both resolved). */
export const within = (child: string, parent: string) => {
  const c = norm(child);
  const p = norm(parent);
  return c === p || c.startsWith(p.endsWith(path.sep) ? p : p + path.sep);
};

/** The folder with every symlink and `..` resolved, or null when it does not exist. */
function real(p: string): string | null {
  try {
    return fs.realpathSync.native(path.resolve(p));
  } catch {
    return null;
  }
}

/**
 * Folders a backup may never go into (nor anywhere inside them): the operating system's own. Drive
 * roots other than the system drive stay allowed (a USB stick's E:\ is the usual place).
 */
export function systemFolders(): { inside: string[]; exactly: string[] } {
  if (win) {
    const sys = process.env.SystemRoot ?? 'C:\\Windows';
    const drive = `${path.parse(sys).root}`;
    const env = ['ProgramFiles', 'ProgramFiles(x86)', 'ProgramW6432', 'ProgramData'].map((k) => process.env[k]);
    return {
      inside: [sys, ...env, path.join(drive, '$Recycle.Bin'), path.join(drive, 'System Volume Information')].filter(
        (p): p is string => !!p,
      ),
      exactly: [drive, path.join(drive, 'Users')],
    };
  }
  const inside = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/sbin', '/sys'];
  inside.push('/usr', '/var', '/opt', '/System', '/Library', '/Applications', '/private');
  // Containers of other places (USB sticks mount under /media, /run/media, /mnt): fine inside, not as such.
  return { inside, exactly: ['/', '/home', '/Users', '/mnt', '/media', '/run', '/run/media'] };
}

function isSystemFolder(realDir: string): boolean {
  const { inside, exactly } = systemFolders();
  const resolved = (list: string[]) => list.flatMap((p) => [path.resolve(p), real(p)]).filter((p): p is string => !!p);
  return resolved(exactly).some((p) => norm(p) === norm(realDir)) || resolved(inside).some((p) => within(realDir, p));
}

/** Where PPPoE Desk itself lives (its data folder, the app's files): never a backup destination. */
function ownFolders(app: AppContext): string[] {
  return [app.dataDir, path.dirname(app.migrationsFolder)]
    .flatMap((p) => [path.resolve(p), real(p)])
    .filter((p): p is string => !!p);
}

/**
 * A folder an Admin may allow for backups (Settings, `--backup-root`): absolute, existing, writable,
 * not a system folder, not PPPoE Desk's own folders, and inside a `--backup-root` when the server has
 * any. Returns the folder with symlinks resolved.
 */
export function checkAllowableFolder(app: AppContext, folder: string, field: string, inList = false): string {
  const named = inList ? folder : undefined;
  if (!path.isAbsolute(folder)) bad(field, WHY.relative, named);
  const dir = real(folder) ?? bad(field, WHY.missing, named);
  if (isSystemFolder(dir)) bad(field, WHY.system, named);
  if (ownFolders(app).some((own) => within(dir, own))) bad(field, WHY.own, named);
  const roots = app.backupRoots ?? [];
  if (roots.length && !roots.some((r) => within(dir, real(r) ?? path.resolve(r)))) bad(field, WHY.outsideRoots, named);
  // Only now, inside a folder that may be used, is a probe file written to test it.
  return checkFolder(dir, field, named);
}

/** The folders an Admin allowed: the server's --backup-root folders, then those in Settings. */
export function allowedBackupFolders(app: AppContext): string[] {
  const s = getSettings(app);
  const list = [...(app.backupRoots ?? []), s.backupFolder, ...s.backupAllowedFolders].map((f) => f.trim());
  return [...new Set(list.filter(Boolean))];
}

/**
 * "Back up to folder" over the API (desktop or browser): only into a folder an Admin allowed, or a
 * folder inside one, checked after resolving `..` and symlinks, never a system folder or PPPoE Desk's
 * own. Returns the resolved folder to write into.
 */
export function checkBackupDestination(app: AppContext, folder: string, field = 'folder'): string {
  const dir = checkAllowableFolder(app, folder, field);
  const allowed = allowedBackupFolders(app)
    .map((f) => real(f))
    .filter((f): f is string => !!f);
  if (allowed.length === 0) bad(field, WHY.noneAllowed);
  if (!allowed.some((a) => within(dir, a))) bad(field, WHY.notAllowed);
  return dir;
}
