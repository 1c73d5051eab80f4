import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../src-shared/result';
import { DatabaseKeyError, fileKind, openDatabaseFile, type DbKey } from '../../db/encryption/cipher';
import { changeKey } from '../../db/encryption/rekey';
import { snapshotDatabase } from '../../db/encryption/snapshot';
import { appendKeyRecord, readKeyRecord } from '../crypto/backup-trailer';
import { keyForBackup } from '../crypto/backup-keys';
import { modulePath } from './integrity';
import { writeAudit } from '../audit';
import { resolveSession } from '../auth';
import type { AppContext, CallContext } from '../context';
import { checkHeldRouters, holdAfterRestore } from '../network/restore-hold';
import { getSettings } from '../settings';
import { defaultBackupDir, uniqueBackupPath, parseBackupFileName, sidecarOf, type BackupKind } from './names';
import { checkAllowableFolder, checkBackupDestination } from './folder';
import { selectForPruning } from './retention';
import { BackupRejected, prepareCopy, verifyDatabaseFile, type BackupCounts, type VerifiedBackup } from './verify';

export interface BackupEntry {
  /** Absolute path: the id the other channels take. */
  file: string;
  fileName: string;
  folder: string;
  /** `default` = <data folder>/backups, `custom` = the backup folder from settings. */
  location: 'default' | 'custom';
  kind: BackupKind;
  createdAt: string;
  size: number;
  /** true = checked after writing (or later); null = never checked (e.g. copied in by hand). */
  verified: boolean | null;
  schemaVersion: number | null;
  counts: BackupCounts | null;
}

interface Sidecar extends VerifiedBackup {
  kind: BackupKind;
  createdAt: string;
  verifiedAt: string;
  appVersion: string;
}

export interface BackupStatus {
  running: null | 'backup' | 'restore';
  lastDaily: { at: string; file: string } | null;
  /** Set when the last daily copy to the custom folder failed (the default folder copy still exists). */
  lastError: { at: string; message: string } | null;
}

interface State {
  running: BackupStatus['running'];
  lastError: BackupStatus['lastError'];
}
const states = new WeakMap<AppContext, State>();
function stateOf(app: AppContext): State {
  let s = states.get(app);
  if (!s) states.set(app, (s = { running: null, lastError: null }));
  return s;
}

/** One backup or restore at a time per app; the API answers CONFLICT to a second one. */
async function exclusive<T>(app: AppContext, what: 'backup' | 'restore', fn: () => Promise<T>): Promise<T> {
  const st = stateOf(app);
  if (st.running)
    throw new AppError(
      'CONFLICT',
      st.running === 'backup'
        ? 'A backup is already running; wait for it to finish.'
        : 'A restore is already running; wait for it to finish.',
    );
  st.running = what;
  try {
    return await fn();
  } finally {
    st.running = null;
  }
}

export function isBackupRunning(app: AppContext): boolean {
  return stateOf(app).running !== null;
}

/** fsync on the libuv thread pool: a large backup file must not hold the main thread for the flush. */
async function fsyncFile(p: string) {
  const fh = await fs.promises.open(p, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function fsyncPath(p: string) {
  try {
    const fd = fs.openSync(p, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for fsync on Windows; NTFS journals the rename itself.
  }
}

function writeSidecar(file: string, data: Sidecar) {
  try {
    fs.writeFileSync(sidecarOf(file), JSON.stringify(data, null, 1));
  } catch {
    // Read-only medium: the backup is still valid, it just lists as "not checked".
  }
}

function readSidecar(file: string): Sidecar | null {
  try {
    return JSON.parse(fs.readFileSync(sidecarOf(file), 'utf8')) as Sidecar;
  } catch {
    return null;
  }
}

export interface CreateOptions {
  kind: BackupKind;
  /** Destination folder (must exist and be writable); default: <data folder>/backups. */
  folder?: string;
}

/**
 * Online backup: a snapshot copy written by a worker thread on its own read connection (VACUUM INTO,
 * db/encryption/snapshot.ts: SQLite's backup API cannot write an encrypted copy), so the app keeps
 * answering. An encrypted copy gets its key record (the database key wrapped by the recovery key) at
 * its end, so it can be restored on another PC. The copy is written under a temporary name, switched
 * to a single-file journal mode, verified, synced and only then renamed to its final name.
 */
async function writeBackup(app: AppContext, opts: CreateOptions): Promise<BackupEntry> {
  const isDefault = opts.folder === undefined;
  const dir = isDefault ? defaultBackupDir(app.dataDir) : checkBackupDestination(app, opts.folder!);
  fs.mkdirSync(dir, { recursive: true });
  const at = app.clock.now();
  const final = uniqueBackupPath(dir, at, opts.kind);
  const tmp = path.join(dir, `.${path.basename(final)}.partial`);
  let lastPercent = -5; // 0 is announced too: the screen shows the bar from the start, however fast the copy
  const key = app.encryption?.key ?? null;
  try {
    const pageBytes = (p: string) => Number(app.sqlite.pragma(p, { simple: true }));
    await snapshotDatabase(app.dbFile, tmp, {
      key,
      nativeBinding: app.nativeBinding,
      modulePath: modulePath(),
      expectedBytes: pageBytes('page_count') * pageBytes('page_size'),
      onProgress: (percent) => {
        if (percent >= lastPercent + 5) {
          lastPercent = percent;
          app.events.emit({ name: 'backup.progress', payload: { kind: opts.kind, percent } });
        }
      },
    });
    const db = openDatabaseFile(tmp, { fileMustExist: true, nativeBinding: app.nativeBinding, key });
    try {
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    if (app.encryption) appendKeyRecord(tmp, app.encryption.keyring);
    const info = await verifyDatabaseFile(tmp, app.migrationsFolder, app.nativeBinding, key);
    await fsyncFile(tmp);
    fs.renameSync(tmp, final);
    await fsyncFile(dir).catch(() => undefined); // makes the rename durable; Windows cannot open folders
    writeSidecar(final, {
      ...info,
      kind: opts.kind,
      createdAt: at.toISOString(),
      verifiedAt: app.clock.now().toISOString(),
      appVersion: app.appVersion,
    });
    const entry = entryFor(final, isDefault ? 'default' : 'custom');
    // Only if the folder vanished under us (USB stick pulled, folder deleted) right after the rename.
    if (!entry) throw new Error('the file disappeared after it was saved');
    return entry;
  } catch (err) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
    if (err instanceof AppError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    app.logger.error('backup failed', { dir, error: msg });
    throw new AppError('INTERNAL', `The backup could not be written to ${dir}: ${msg}`);
  }
}

/** Tells the screens a backup finished (after the lock is released, so a new one may start at once). */
function announce(app: AppContext, entry: BackupEntry): BackupEntry {
  app.events.emit({ name: 'backup.done', payload: { kind: entry.kind, file: entry.file } });
  return entry;
}

export async function createBackup(app: AppContext, opts: CreateOptions): Promise<BackupEntry> {
  return announce(app, await exclusive(app, 'backup', () => writeBackup(app, opts)));
}

function entryFor(file: string, location: BackupEntry['location']): BackupEntry | null {
  const parsed = parseBackupFileName(path.basename(file));
  if (!parsed) return null;
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return null;
  }
  const side = readSidecar(file);
  return {
    file,
    fileName: path.basename(file),
    folder: path.dirname(file),
    location,
    kind: parsed.kind,
    createdAt: parsed.createdAt.toISOString(),
    size,
    verified: side ? true : null,
    schemaVersion: side?.schemaVersion ?? null,
    counts: side?.counts ?? null,
  };
}

/** The folders backups are listed from: the default one and, when set, the custom backup folder. */
function backupFolders(app: AppContext): { dir: string; location: BackupEntry['location'] }[] {
  const out: { dir: string; location: BackupEntry['location'] }[] = [
    { dir: defaultBackupDir(app.dataDir), location: 'default' },
  ];
  const custom = getSettings(app).backupFolder.trim();
  if (custom && path.resolve(custom) !== out[0]!.dir) out.push({ dir: path.resolve(custom), location: 'custom' });
  return out;
}

export function listBackups(app: AppContext): BackupEntry[] {
  const out: BackupEntry[] = [];
  for (const { dir, location } of backupFolders(app)) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const e = entryFor(path.join(dir, n), location);
      if (e) out.push(e);
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.file.localeCompare(b.file));
}

export function backupStatus(app: AppContext): BackupStatus {
  const st = stateOf(app);
  const daily = listBackups(app).find((b) => b.kind === 'daily' && b.location === 'default');
  return {
    running: st.running,
    lastDaily: daily ? { at: daily.createdAt, file: daily.file } : null,
    lastError: st.lastError,
  };
}

/** A file the list shows (so delete can never reach the live database or anything else). */
function knownBackup(app: AppContext, file: string): BackupEntry {
  const abs = path.resolve(file);
  const hit = listBackups(app).find((b) => b.file === abs);
  if (!hit)
    throw new AppError('NOT_FOUND', 'Backup not found: it is not in the backup folders', [
      { path: 'file', message: 'Unknown backup' },
    ]);
  return hit;
}

export function deleteBackup(call: CallContext, file: string): { ok: true } {
  const entry = knownBackup(call.app, file);
  if (entry.file === path.resolve(call.app.dbFile))
    throw new AppError('FORBIDDEN', 'The live database cannot be deleted');
  fs.rmSync(entry.file);
  fs.rmSync(sidecarOf(entry.file), { force: true });
  call.app.sqlite.transaction(() =>
    writeAudit(call, {
      action: 'backups.delete',
      entity: 'backup',
      entityId: entry.fileName,
      before: { kind: entry.kind, size: entry.size },
    }),
  )();
  return { ok: true };
}

/** Checks any backup file (a listed one or one picked from a USB stick) without touching current data. */
export async function inspectBackup(
  app: AppContext,
  file: string,
  recoveryKey?: string,
): Promise<VerifiedBackup & { file: string; createdAt: string }> {
  const abs = path.resolve(file);
  const staging = path.join(app.dataDir, `.verify-${process.pid}.sqlite`);
  try {
    const { info } = await checkCandidate(app, abs, staging, recoveryKey);
    const parsed = parseBackupFileName(path.basename(abs));
    const createdAt = parsed ? parsed.createdAt.toISOString() : fs.statSync(abs).mtime.toISOString();
    if (parsed && !readSidecar(abs)) {
      writeSidecar(abs, {
        ...info,
        kind: parsed.kind,
        createdAt,
        verifiedAt: app.clock.now().toISOString(),
        appVersion: app.appVersion,
      });
    }
    return { ...info, file: abs, createdAt };
  } finally {
    fs.rmSync(staging, { force: true });
  }
}

/** Verifies a private copy of a backup; returns what it holds and the key the copy is encrypted with. */
async function checkCandidate(
  app: AppContext,
  abs: string,
  staging: string,
  recoveryKey?: string,
): Promise<{ info: VerifiedBackup; key: DbKey | null }> {
  if (abs === path.resolve(app.dbFile)) {
    throw new AppError('BAD_INPUT', 'That is the live database, not a backup', [
      { path: 'file', message: 'Live database' },
    ]);
  }
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) {
    throw new AppError('NOT_FOUND', 'The backup file was not found', [{ path: 'file', message: 'File not found' }]);
  }
  let key: DbKey | null;
  try {
    key = keyForBackup(app, abs, recoveryKey);
  } catch (err) {
    if (err instanceof DatabaseKeyError)
      throw new AppError('BAD_INPUT', err.message, [{ path: 'recoveryKey', message: err.message }]);
    throw err;
  }
  try {
    await prepareCopy(abs, staging, app.nativeBinding, key);
    const info = await verifyDatabaseFile(staging, app.migrationsFolder, app.nativeBinding, key);
    // A plain copy (a backup from before encryption) is read without a key.
    return { info, key: fileKind(staging) === 'plain' ? null : key };
  } catch (err) {
    fs.rmSync(staging, { force: true });
    if (err instanceof BackupRejected && err.reason === 'other-key') {
      // The private copy has lost the key record: the original tells whether another installation made it.
      const why = readKeyRecord(abs)
        ? "This backup is encrypted with the key of another installation: enter that installation's recovery key to use it."
        : err.message;
      throw new AppError('BAD_INPUT', why, [{ path: 'recoveryKey', message: why }]);
    }
    if (err instanceof BackupRejected)
      throw new AppError('BAD_INPUT', err.message, [{ path: 'file', message: err.message }]);
    app.logger.warn('backup file unreadable', { file: abs, error: (err as Error).message });
    throw new AppError('BAD_INPUT', 'The backup file cannot be read', [{ path: 'file', message: 'Unreadable file' }]);
  }
}

export interface RestoreSummary {
  restoredFrom: string;
  /** When the backup was made (from its name, else the file's date). */
  backupCreatedAt: string;
  lastActivityAt: string | null;
  schemaVersion: number;
  counts: BackupCounts;
  /** The copy of the data as it was just before the restore. */
  preRestoreBackup: string;
  /** false when the restored data does not know the current sign-in: sign in again. */
  sessionKept: boolean;
  /** Routers whose sync queue waits for the owner (see core/network/restore-hold.ts). */
  routersHeld: number;
}

/** Marker written while the database files are being swapped; see recoverInterruptedRestore. */
export const restoreMarker = (dataDir: string) => path.join(dataDir, 'restore-in-progress.json');

/**
 * Restore in one call: verify a private copy of the file (current data untouched if it is refused),
 * back up the current database ('pre-restore'), then swap the files while the connection is closed
 * and reopen (migrating an older backup forward).
 */
export function restoreBackup(call: CallContext, file: string, recoveryKey?: string): Promise<RestoreSummary> {
  const { app } = call;
  return exclusive(app, 'restore', async () => {
    const abs = path.resolve(file);
    const staging = path.join(app.dataDir, 'restore-staging.sqlite');
    const { info, key } = await checkCandidate(app, abs, staging, recoveryKey);
    try {
      // The restored data takes this installation's key (or is encrypted, if the backup predates it).
      changeKey(staging, key, app.encryption?.key ?? null, app.nativeBinding);
    } catch (err) {
      fs.rmSync(staging, { force: true });
      throw err;
    }
    const parsed = parseBackupFileName(path.basename(abs));
    const backupCreatedAt = parsed ? parsed.createdAt.toISOString() : fs.statSync(abs).mtime.toISOString();
    // Background work stops first; a router sync step in flight finishes on the current data, so the
    // pre-restore backup has its outcome and nothing writes into the restored data.
    await app.prepareDatabaseReplace();
    let pre: BackupEntry;
    try {
      pre = await writeBackup(app, { kind: 'pre-restore' });
    } catch (err) {
      fs.rmSync(staging, { force: true });
      app.cancelDatabaseReplace();
      throw err;
    }
    const marker = restoreMarker(app.dataDir);
    const aside = `${app.dbFile}.before-restore`;
    let swapping = false;
    try {
      fs.writeFileSync(marker, JSON.stringify({ staging, aside, at: app.clock.now().toISOString() }));
      fsyncPath(marker);
      swapping = true; // from here on reopenDatabase restarts the background work, whatever happens
      app.reopenDatabase((dbFile) => {
        for (const ext of ['-wal', '-shm']) fs.rmSync(dbFile + ext, { force: true });
        fs.renameSync(dbFile, aside);
        fs.renameSync(staging, dbFile);
        fsyncPath(path.dirname(dbFile));
        return () => {
          fs.renameSync(dbFile, staging);
          fs.renameSync(aside, dbFile);
        };
      });
    } catch (err) {
      if (!swapping) app.cancelDatabaseReplace();
      throw err;
    }
    fs.rmSync(aside, { force: true });
    fs.rmSync(marker, { force: true });
    const by = call.session?.username ?? 'system';
    // The restored data may not know the current user (foreign key): record the name in the row. The
    // routers' queues are held until the owner has seen how the routers differ from the restored data.
    const routersHeld = app.sqlite.transaction(() => {
      writeAudit(
        { app, session: null, transport: call.transport, source: call.source },
        {
          action: 'backups.restore',
          entity: 'backup',
          entityId: path.basename(abs),
          after: { restoredBy: by, backupCreatedAt, preRestore: pre.fileName },
        },
      );
      return holdAfterRestore(app);
    })();
    void checkHeldRouters(app).catch((err) => app.logger.warn('difference check failed', { error: String(err) }));
    app.logger.info('database restored', { from: abs, preRestore: pre.file });
    return {
      restoredFrom: abs,
      backupCreatedAt,
      lastActivityAt: info.lastActivityAt,
      schemaVersion: info.schemaVersion,
      counts: info.counts,
      preRestoreBackup: pre.file,
      sessionKept: !!(call.token && safeSession(app, call.token)),
      routersHeld,
    };
  });
}

function safeSession(app: AppContext, token: string) {
  try {
    return resolveSession(app, token);
  } catch {
    return null;
  }
}

/**
 * After a power cut in the middle of a restore's file swap: if the live file is missing, put back
 * whichever complete file exists (the verified new one first, else the previous one). Runs before
 * the database is opened.
 */
export function recoverInterruptedRestore(dataDir: string, dbFile: string): void {
  const marker = restoreMarker(dataDir);
  if (!fs.existsSync(marker)) return;
  let m: { staging?: string; aside?: string } = {};
  try {
    m = JSON.parse(fs.readFileSync(marker, 'utf8'));
  } catch {
    // Torn marker: the swap had not started (the marker is synced before it).
  }
  if (!fs.existsSync(dbFile)) {
    if (m.staging && fs.existsSync(m.staging)) fs.renameSync(m.staging, dbFile);
    else if (m.aside && fs.existsSync(m.aside)) fs.renameSync(m.aside, dbFile);
  }
  if (m.staging) fs.rmSync(m.staging, { force: true });
  if (m.aside && fs.existsSync(dbFile)) fs.rmSync(m.aside, { force: true });
  fs.rmSync(marker, { force: true });
}

/** Deletes daily backups the retention rule no longer keeps, in the given folder. */
export function pruneDaily(app: AppContext, dir: string): string[] {
  const s = getSettings(app);
  const daily = listBackups(app).filter((b) => b.kind === 'daily' && b.folder === dir);
  const doomed = selectForPruning(
    daily.map((b) => ({ ...b, createdAt: new Date(b.createdAt), iso: b.createdAt })),
    { keepDaily: s.backupKeepDaily, keepWeekly: s.backupKeepWeekly, keepMonthly: s.backupKeepMonthly },
    s.timeZone,
  );
  for (const b of doomed) {
    fs.rmSync(b.file, { force: true });
    fs.rmSync(sidecarOf(b.file), { force: true });
  }
  return doomed.map((b) => b.file);
}

/**
 * The automatic daily backup: always into the default folder; then a copy into the custom backup
 * folder when one is set. A missing or read-only custom folder is reported (status.lastError and the
 * log), never allowed to stop the default backup. Old daily backups are pruned in both folders.
 */
export async function runDailyBackup(app: AppContext): Promise<BackupEntry> {
  const done = await exclusive(app, 'backup', async () => {
    const st = stateOf(app);
    const entry = await writeBackup(app, { kind: 'daily' });
    pruneDaily(app, entry.folder);
    const custom = getSettings(app).backupFolder.trim();
    st.lastError = null;
    if (custom) {
      try {
        const dir = checkAllowableFolder(app, custom, 'backupFolder');
        const dest = path.join(dir, entry.fileName);
        await fs.promises.copyFile(entry.file, `${dest}.partial`);
        await fsyncFile(`${dest}.partial`);
        fs.renameSync(`${dest}.partial`, dest);
        if (fs.existsSync(sidecarOf(entry.file))) fs.copyFileSync(sidecarOf(entry.file), sidecarOf(dest));
        pruneDaily(app, dir);
      } catch (err) {
        const message = `Daily backup saved in ${entry.folder}, but not copied to ${custom}: ${(err as Error).message}`;
        st.lastError = { at: app.clock.now().toISOString(), message };
        app.logger.warn('backup copy to the backup folder failed', { folder: custom, error: (err as Error).message });
      }
    }
    return entry;
  });
  return announce(app, done);
}
