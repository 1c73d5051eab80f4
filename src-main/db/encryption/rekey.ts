import { keyPragmas, openDatabaseFile, type DbKey } from './cipher';

/**
 * Re-encrypts a private copy (rollback-journal mode, not in use) from the key it was written with to
 * the key of this installation: a backup from before encryption is encrypted, a backup of another
 * installation (opened with its recovery key) takes this installation's key. PRAGMA rekey rewrites
 * every page inside one transaction, so a crash leaves the copy as it was (and the copy is discarded).
 */
export function changeKey(file: string, from: DbKey | null, to: DbKey | null, nativeBinding?: string): void {
  if ((!from && !to) || (from && to && from.equals(to))) return;
  const db = openDatabaseFile(file, { key: from, fileMustExist: true, nativeBinding });
  try {
    db.pragma('journal_mode = DELETE'); // rekey refuses WAL mode
    if (to) {
      for (const p of keyPragmas(to, 'rekey')) db.pragma(p);
    } else {
      db.pragma("rekey = ''");
    }
  } finally {
    db.close();
  }
}
