import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../src-shared/result';
import { DatabaseKeyError, fileKind, type DbKey } from '../../db/encryption/cipher';
import { changeKey } from '../../db/encryption/rekey';
import { readKeyRecord } from '../crypto/backup-trailer';
import { keyForBackup } from '../crypto/backup-keys';
import { writeAudit } from '../audit';
import { resolveSession } from '../auth';
import type { AppContext, CallContext } from '../context';
import { checkHeldRouters, holdAfterRestore } from '../network/restore-hold';
import { readSidecar, writeSidecar, type BackupEntry } from './catalogue';
import { fsyncPath } from './durable';
import { parseBackupFileName } from './names';
import { exclusive } from './state';
import { BackupRejected, prepareCopy, verifyDatabaseFile, type BackupCounts, type VerifiedBackup } from './verify';
import { writeBackup } from './write';

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
