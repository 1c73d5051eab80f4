import type Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { openDatabaseFile, type DbKey } from './encryption/cipher';

export type Sqlite = Database.Database;

/** The writer's automatic checkpoint threshold: the safety net, ~40 MB of WAL (see openSqlite). */
export const AUTO_CHECKPOINT_PAGES = 10_000;
/**
 * Drizzle over the connection, for the migrator. Without the schema: drizzle's relational API
 * (`db.query.*`) is used nowhere, and giving it the schema rebuilt that API's table config from all
 * tables on every open (75 tables: ~0.2 ms warm, ~1 ms on a process's second open; issue 13).
 */
export type Db = BetterSQLite3Database;

export interface OpenOptions {
  /** Path to the native addon built for Electron's ABI (desktop app only). */
  nativeBinding?: string;
  readonly?: boolean;
  /** The database key (encryption/cipher.ts); null or absent: a plain database. */
  key?: DbKey | null;
}

/**
 * The one place the writer connection is opened.
 * - WAL: readers never block the writer; a power cut leaves the main file consistent.
 * - synchronous=FULL: with WAL, NORMAL may lose the last committed transactions on power loss;
 *   a confirmed payment must survive a pulled cord, and FULL costs one fsync per commit (~ms on an SSD).
 * - foreign_keys on, busy_timeout so a backup or second reader never gives "database is locked".
 * - with a key, the key first: a wrong key fails before any of these pragmas could write.
 */
export function openSqlite(file: string, opts: OpenOptions = {}): Sqlite {
  const sqlite = openDatabaseFile(file, opts);
  if (!opts.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    // Checkpoints run from an idle timer (startCheckpoints), not inside whichever commit crosses the
    // default 1,000-page threshold: that commit (a cashier's payment) would pay for copying the WAL.
    // The automatic one stays as a safety net at ~40 MB (off while a backup's snapshot pins the WAL:
    // holdWalCheckpoints).
    sqlite.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -32000'); // 32 MB page cache: the whole working set of a 20k-customer ISP
  sqlite.pragma('temp_store = MEMORY');
  return sqlite;
}

export function wrapDrizzle(sqlite: Sqlite): Db {
  return drizzle(sqlite);
}
