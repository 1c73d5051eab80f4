import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * One process per data folder (desktop app, browser host, seed script, in any mix): two would both run
 * the billing scheduler, the router sync workers and the daily backups on the same database.
 *
 * The lock is an operating-system lock on an open file, taken through SQLite (already a dependency):
 * `locking_mode=EXCLUSIVE` plus a write keeps an exclusive fcntl lock (POSIX) or LockFileEx lock
 * (Windows) on `pppoe-desk.lock` for as long as the connection is open. The kernel drops it when the
 * process ends in any way, SIGKILL and power loss included, so there is no stale lock to judge: no
 * PID to check (PIDs are reused), no mtime heartbeat (proper-lockfile's approach, which a busy or
 * sleeping holder can lose, and whose rmdir-then-mkdir takeover lets two starters both win a stale
 * lock: moxystudio/node-proper-lockfile#121), and two starters racing are ordered by the kernel.
 * The lock file is never deleted: a deleted-and-recreated file would let two processes lock two
 * different files under one name.
 *
 * It sits below app.ts (which takes it before anything touches the folder) and in the data layer because
 * it is SQLite: its pragmas and statements are the only SQL outside the app's own database.
 */
export const LOCK_FILE = 'pppoe-desk.lock';
/** Who holds the lock, for the message the second process prints. Informational only, never trusted. */
export const LOCK_INFO_FILE = 'pppoe-desk.lock.json';

export interface LockHolder {
  pid: number;
  /** "desktop app", "browser host"... */
  kind: string;
  startedAt: string;
  hostname: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder ? ` (${holder.kind}, process ${holder.pid}, started ${holder.startedAt})` : '';
    super(
      `PPPoE Desk is already running on the data folder ${dataDir}${who}. Close it first, or use another --data-dir.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  /** Releases the lock (idempotent). The process ending releases it too. */
  release(): void;
}

function readHolder(dataDir: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_INFO_FILE), 'utf8')) as LockHolder;
    return typeof h.pid === 'number' && typeof h.kind === 'string' ? h : null;
  } catch {
    return null;
  }
}

const isBusy = (err: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((err as { code?: string })?.code ?? '');

/** Takes the data folder's lock or throws DataDirLockedError at once (never waits). */
export function lockDataDir(dataDir: string, opts: { kind: string; nativeBinding?: string }): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  let db: Database.Database | null = null;
  try {
    db = new Database(path.join(dataDir, LOCK_FILE), {
      timeout: 0,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = MEMORY');
    // The write is what makes SQLite take (and, in EXCLUSIVE mode, keep) the exclusive file lock.
    db.exec('BEGIN EXCLUSIVE');
    db.exec(
      'CREATE TABLE IF NOT EXISTS holder(id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, kind TEXT, at TEXT)',
    );
    db.prepare('INSERT OR REPLACE INTO holder VALUES (1, ?, ?, ?)').run(
      process.pid,
      opts.kind,
      new Date().toISOString(),
    );
    db.exec('COMMIT');
  } catch (err) {
    db?.close();
    if (isBusy(err)) throw new DataDirLockedError(dataDir, readHolder(dataDir));
    throw err;
  }
  const holder: LockHolder = {
    pid: process.pid,
    kind: opts.kind,
    startedAt: new Date().toISOString(),
    hostname: os.hostname(),
  };
  try {
    fs.writeFileSync(path.join(dataDir, LOCK_INFO_FILE), JSON.stringify(holder));
  } catch {
    // Only the message of a second process would miss who holds the folder.
  }
  let held: Database.Database | null = db;
  return {
    release() {
      if (!held) return;
      // The info file goes first: once the lock is free, another process may write its own.
      if (readHolder(dataDir)?.pid === process.pid) fs.rmSync(path.join(dataDir, LOCK_INFO_FILE), { force: true });
      held.close();
      held = null;
    },
  };
}
