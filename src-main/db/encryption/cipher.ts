import fs from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Page encryption through SQLite3 Multiple Ciphers (the `better-sqlite3` package is an npm alias of
 * better-sqlite3-multiple-ciphers, see README). Every page of the database and of its WAL is encrypted
 * and authenticated: a changed byte makes the page unreadable (SQLITE_CORRUPT) instead of silently
 * wrong. Only the 16-byte salt at the start of the file is plain. The key is 32 random bytes given as a
 * raw key (x'…'), so opening costs no key derivation (each cipher's passphrase KDF — Argon2id for
 * AEGIS, PBKDF2 for the others — would run on every connection, the integrity-check worker's too).
 *
 * The cipher is AEGIS-256 (an AES-round AEAD, CAESAR winner, IETF CFRG draft): on the figures in
 * BENCHMARKS.md it costs a fraction of SQLCipher 4's AES-CBC + HMAC-SHA512 and of ChaCha20-Poly1305
 * per page, because it runs on the CPU's AES instructions. The others stay selectable for the
 * benchmarks that compare them (selectPageCipher).
 */
export type PageCipher = 'aegis' | 'chacha20' | 'sqlcipher';

/** The cipher of every database this app writes and opens. */
export const DEFAULT_PAGE_CIPHER: PageCipher = 'aegis';

/** The pragmas selecting each cipher, every parameter pinned so a library default changing later cannot change the format. */
const CIPHER_PRAGMAS: Record<PageCipher, string[]> = {
  // AEGIS-256: 32-byte key, 32-byte random nonce and 32-byte tag per page (64 reserved bytes).
  aegis: ["cipher = 'aegis'", "algorithm = 'aegis-256'", 'plaintext_header_size = 0'],
  // sqleet's ChaCha20-Poly1305 (the library's default cipher): 16-byte nonce and tag per page.
  chacha20: ["cipher = 'chacha20'", 'legacy = 0', 'plaintext_header_size = 0'],
  // SQLCipher 4 format: AES-256-CBC and HMAC-SHA512 per page (80 reserved bytes); opens in SQLCipher tools.
  sqlcipher: ["cipher = 'sqlcipher'", 'legacy = 4', 'plaintext_header_size = 0'],
};

let pageCipher: PageCipher = DEFAULT_PAGE_CIPHER;

/** The cipher this process writes; recorded in the key record (encryption.json). */
export const currentPageCipher = (): PageCipher => pageCipher;

/**
 * Benchmarks only (tests/bench/run.ts compares the ciphers in one run): switches the cipher of the
 * databases opened from now on in this process. The app never calls it: a database written with one
 * cipher does not open with another.
 */
export function selectPageCipher(cipher: PageCipher): void {
  pageCipher = cipher;
}

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
export function keyPragmas(key: DbKey, verb: 'key' | 'rekey' = 'key'): string[] {
  if (key.length !== KEY_BYTES) throw new Error('database key must be 32 bytes');
  return [...CIPHER_PRAGMAS[pageCipher], `${verb} = "x'${key.toString('hex')}'"`];
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
