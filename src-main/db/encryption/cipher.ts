import fs from 'node:fs';
import Database from 'better-sqlite3';

/**
 * SQLCipher 4 compatible encryption through SQLite3 Multiple Ciphers (the `better-sqlite3` package is
 * an npm alias of better-sqlite3-multiple-ciphers, see README). Every page of the database and of its
 * WAL is AES-256 encrypted and HMAC-SHA512 authenticated; only the 16-byte salt at the start of the
 * file is plain. The key is 32 random bytes given as a raw key (x'…'), so opening costs no key
 * derivation (SQLCipher's passphrase KDF is 256,000 PBKDF2 rounds on every open). A technician with
 * the key can open a file in any SQLCipher 4 tool ("raw key", SQLCipher 4 defaults).
 */
export const KEY_BYTES = 32;

export type DbKey = Buffer;

/** Why an encrypted database could not be opened; the message is meant for the person starting the app. */
export class DatabaseKeyError extends Error {
  constructor(
    readonly reason: 'wrong-key' | 'no-key' | 'engine',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseKeyError';
  }
}

/** The pragmas that select the cipher and give the key, in order; the first statements on a connection. */
export function keyPragmas(key: DbKey): string[] {
  if (key.length !== KEY_BYTES) throw new Error('database key must be 32 bytes');
  return ["cipher = 'sqlcipher'", 'legacy = 4', `key = "x'${key.toString('hex')}'"`];
}

/**
 * Fails closed when the loaded SQLite has no cipher support (e.g. a stale plain better-sqlite3 addon
 * in .electron-native): plain SQLite ignores unknown pragmas, so `PRAGMA key` would silently leave
 * the data unencrypted.
 */
export function assertCipherEngine(db: Database.Database): void {
  // Answered by the cipher layer without reading the file (a statement would need the key first).
  let cipher: unknown;
  try {
    cipher = db.pragma('cipher', { simple: true });
  } catch {
    cipher = undefined;
  }
  if (typeof cipher !== 'string' || !cipher) {
    throw new DatabaseKeyError(
      'engine',
      'The database engine of this installation cannot encrypt (SQLite3 Multiple Ciphers is missing). Reinstall PPPoE Desk or rebuild the native addon.',
    );
  }
}

/** Applies the key and reads the schema once, so a wrong key fails here, before anything is written. */
export function applyKey(db: Database.Database, key: DbKey, file = db.name): void {
  assertCipherEngine(db);
  for (const p of keyPragmas(key)) db.pragma(p);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new DatabaseKeyError(
        'wrong-key',
        `The database ${file} cannot be opened with this key: it was encrypted with another key, or it is damaged. Nothing was changed.`,
      );
    }
    throw err;
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What is at `file`, from its first bytes: nothing yet, a plain SQLite file, or (anything else) an encrypted one. */
export function fileKind(file: string): 'missing' | 'empty' | 'plain' | 'encrypted' {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return 'missing';
  }
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n === 0) return 'empty';
    return n === 16 && buf.equals(SQLITE_HEADER) ? 'plain' : 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}

export interface OpenFileOptions {
  /** null/undefined: a plain database. */
  key?: DbKey | null;
  readonly?: boolean;
  fileMustExist?: boolean;
  nativeBinding?: string;
}

/** Opens any database file of the app (live, backup, staging copy) with the key applied first. */
export function openDatabaseFile(file: string, opts: OpenFileOptions = {}): Database.Database {
  const db = new Database(file, {
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.readonly ? { readonly: true, fileMustExist: true } : {}),
    ...(opts.fileMustExist ? { fileMustExist: true } : {}),
  });
  try {
    if (opts.key) applyKey(db, opts.key, file);
    else if (fileKind(file) === 'encrypted') {
      throw new DatabaseKeyError(
        'no-key',
        `The database ${file} is encrypted and no key was given to open it. Nothing was changed.`,
      );
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
