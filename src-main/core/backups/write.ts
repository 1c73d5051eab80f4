import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../src-shared/result';
import { databaseBytes } from '../../data/backups.repository';
import { toRollbackJournal, snapshotDatabase } from '../../db/encryption/snapshot';
import { appendKeyRecord } from '../crypto/backup-trailer';
import type { AppContext } from '../context';
import { entryFor, writeSidecar, type BackupEntry } from './catalogue';
import { fsyncFile } from './durable';
import { checkBackupDestination } from './folder';
import { modulePath } from '../../db/integrity-check';
import { holdWalCheckpoints } from '../../db/checkpoints';
import { defaultBackupDir, uniqueBackupPath, type BackupKind } from './names';
import { exclusive } from './state';
import { verifyDatabaseFile } from './verify';

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
export async function writeBackup(app: AppContext, opts: CreateOptions): Promise<BackupEntry> {
  const isDefault = opts.folder === undefined;
  const dir = isDefault ? defaultBackupDir(app.dataDir) : checkBackupDestination(app, opts.folder!);
  fs.mkdirSync(dir, { recursive: true });
  const at = app.clock.now();
  const final = uniqueBackupPath(dir, at, opts.kind);
  const tmp = path.join(dir, `.${path.basename(final)}.partial`);
  let lastPercent = -5; // 0 is announced too: the screen shows the bar from the start, however fast the copy
  const key = app.encryption?.key ?? null;
  try {
    // The snapshot pins the WAL: what the desk writes meanwhile is checkpointed by the worker after it,
    // not inline by the first cashier's commit (db/checkpoints.ts).
    const releaseWal = holdWalCheckpoints(app);
    try {
      await snapshotDatabase(app.dbFile, tmp, {
        key,
        nativeBinding: app.nativeBinding,
        modulePath: modulePath(),
        expectedBytes: databaseBytes(app.sqlite),
        onProgress: (percent) => {
          if (percent >= lastPercent + 5) {
            lastPercent = percent;
            app.events.emit({ name: 'backup.progress', payload: { kind: opts.kind, percent } });
          }
        },
      });
    } finally {
      await releaseWal();
    }
    toRollbackJournal(tmp, { key, nativeBinding: app.nativeBinding });
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
export function announce(app: AppContext, entry: BackupEntry): BackupEntry {
  app.events.emit({ name: 'backup.done', payload: { kind: entry.kind, file: entry.file } });
  return entry;
}

export async function createBackup(app: AppContext, opts: CreateOptions): Promise<BackupEntry> {
  return announce(app, await exclusive(app, 'backup', () => writeBackup(app, opts)));
}
