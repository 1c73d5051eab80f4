import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';
import { getSettings } from '../settings';
import { knownBackup, listBackups, type BackupEntry } from './catalogue';
import { fsyncFile } from './durable';
import { checkAllowableFolder } from './folder';
import { sidecarOf } from './names';
import { selectForPruning } from './retention';
import { exclusive, stateOf } from './state';
import { announce, writeBackup } from './write';

/**
 * The backups API the handlers and the scheduler use: status, delete, the daily backup and its
 * pruning here; listing (catalogue.ts), writing (write.ts), checking and restoring (restore.ts) in
 * their own modules, re-exported so callers keep one import.
 */
export { listBackups, type BackupEntry } from './catalogue';
export { createBackup, type CreateOptions } from './write';
export { inspectBackup, recoverInterruptedRestore, restoreBackup, restoreMarker, type RestoreSummary } from './restore';
export { isBackupRunning } from './state';

export interface BackupStatus {
  running: null | 'backup' | 'restore';
  lastDaily: { at: string; file: string } | null;
  /** Set when the last daily copy to the custom folder failed (the default folder copy still exists). */
  lastError: { at: string; message: string } | null;
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
