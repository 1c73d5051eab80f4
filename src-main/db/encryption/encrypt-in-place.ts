import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyKey, assertCipherEngine, fileKind, keyPragmas, type DbKey } from './cipher';

export interface EncryptProgress {
  phase: 'prepare' | 'copy' | 'encrypt' | 'verify' | 'swap' | 'done';
  percent: number;
}

/** The encrypted copy while it is being built; never opened as the live database. */
export const encryptingPath = (dbFile: string) => `${dbFile}.encrypting`;

function fsyncFile(p: string) {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string) {
  try {
    fsyncFile(dir);
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  }
}

function removeWithJournals(file: string) {
  for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + ext, { force: true });
}

/** Leftovers of an encryption interrupted before its swap: the plain file is still the database. */
export function cleanupInterruptedEncryption(dbFile: string): boolean {
  const tmp = encryptingPath(dbFile);
  const had = fs.existsSync(tmp);
  removeWithJournals(tmp);
  return had;
}

/** Exact row count of every table, to prove the copy holds the same data. */
function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = db
      .prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`)
      .pluck()
      .get() as number;
  return out;
}

/**
 * Encrypts a plain database file in place, safely:
 * 1. the plain file is switched to a rollback journal (its WAL folded in and removed), so from here on
 *    it is one self-contained file that stays the database until the very last step;
 * 2. a compact copy is written next to it (VACUUM INTO) and encrypted there (PRAGMA rekey);
 * 3. the copy is verified with the key: integrity_check, and the same row count in every table;
 * 4. the copy is fsynced and renamed over the plain file (atomic), and the folder fsynced.
 * Killed at any moment, the folder holds either the untouched plain database (plus a leftover copy
 * that the next start deletes before trying again) or the complete encrypted one. Which of the two is
 * told by the file's first bytes, so no marker file is needed.
 */
export function encryptInPlace(
  dbFile: string,
  key: DbKey,
  opts: { nativeBinding?: string; onProgress?: (p: EncryptProgress) => void } = {},
): void {
  const report = opts.onProgress ?? (() => undefined);
  const native = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
  const tmp = encryptingPath(dbFile);
  if (fileKind(dbFile) !== 'plain') throw new Error(`${dbFile} is not a plain SQLite database`);
  report({ phase: 'prepare', percent: 0 });
  cleanupInterruptedEncryption(dbFile);

  const plain = new Database(dbFile, { fileMustExist: true, ...native });
  let expected: Record<string, number>;
  try {
    assertCipherEngine(plain);
    plain.pragma('journal_mode = DELETE');
    expected = tableCounts(plain);
    report({ phase: 'copy', percent: 10 });
    plain.prepare('VACUUM INTO ?').run(tmp);
  } finally {
    plain.close();
  }

  report({ phase: 'encrypt', percent: 40 });
  const copy = new Database(tmp, { fileMustExist: true, ...native });
  try {
    copy.pragma('journal_mode = DELETE'); // PRAGMA rekey refuses WAL mode
    for (const p of keyPragmas(key, 'rekey')) copy.pragma(p);
  } finally {
    copy.close();
  }

  report({ phase: 'verify', percent: 70 });
  if (fileKind(tmp) !== 'encrypted') throw new Error('the encrypted copy is not encrypted');
  const check = new Database(tmp, { readonly: true, fileMustExist: true, ...native });
  try {
    applyKey(check, key, tmp);
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the encrypted copy failed its integrity check: ${String(integrity)}`);
    const got = tableCounts(check);
    if (JSON.stringify(got) !== JSON.stringify(expected))
      throw new Error('the encrypted copy does not hold the same rows as the database');
  } finally {
    check.close();
  }

  report({ phase: 'swap', percent: 90 });
  fsyncFile(tmp);
  // No WAL may survive next to the swapped file: its plain frames would be replayed into it.
  for (const ext of ['-wal', '-shm', '-journal']) fs.rmSync(dbFile + ext, { force: true });
  fs.renameSync(tmp, dbFile);
  fsyncDir(path.dirname(dbFile));
  report({ phase: 'done', percent: 100 });
}
