import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { openDatabaseFile, keyPragmas, type DbKey } from './cipher';
import { flushBehind } from '../flush-behind';

/**
 * A consistent copy of a live database (WAL mode) into a new file, encrypted with the same key.
 *
 * better-sqlite3's online backup API cannot be used on an encrypted database: it opens the destination
 * itself with no way to give it a key, and SQLite3 Multiple Ciphers refuses a backup from an encrypted
 * source into an unkeyed file. So the copy is `VACUUM INTO` (which writes the target with the source's
 * cipher and key) on a separate read connection in a worker thread: the app keeps answering, and the
 * copy is the snapshot of the moment the worker's read transaction began. Progress is estimated from
 * the size of the file being written. Without a worker (unusual packaging) it runs in-process.
 */
export interface SnapshotOptions {
  key?: DbKey | null;
  nativeBinding?: string;
  /** Resolved path of the better-sqlite3 module for the worker; null runs in-process. */
  modulePath: string | null;
  /** Expected size of the copy in bytes (page_count × page_size of the source), for progress. */
  expectedBytes?: number;
  onProgress?: (percent: number) => void;
  pollMs?: number;
  /**
   * Flush the copy every this many bytes while it is written (db/flush-behind.ts), so a commit's fsync
   * never waits for the whole copy to reach the disk; 0: one flush at the end only (as before).
   */
  flushBytes?: number;
}

/** 32 MiB: one step takes ~15–30 ms to reach an SSD, the most a cashier's commit can find in the way. */
export const COPY_FLUSH_BYTES = 32 * 1024 * 1024;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.modulePath);
  db = new Database(workerData.source, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  for (const p of workerData.pragmas) db.pragma(p);
  db.prepare('VACUUM INTO ?').run(workerData.dest);
  parentPort.postMessage({ ok: true });
} catch (e) {
  parentPort.postMessage({ error: String((e && e.message) || e) });
} finally {
  if (db) db.close();
}
`;

/**
 * Switches a finished copy to a single-file journal mode (no -wal beside a backup on a USB stick),
 * opened with its key.
 */
export function toRollbackJournal(file: string, opts: { key?: DbKey | null; nativeBinding?: string }): void {
  const db = openDatabaseFile(file, { fileMustExist: true, nativeBinding: opts.nativeBinding, key: opts.key });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

function inline(source: string, dest: string, opts: SnapshotOptions) {
  const db = openDatabaseFile(source, { key: opts.key, readonly: true, nativeBinding: opts.nativeBinding });
  try {
    db.prepare('VACUUM INTO ?').run(dest);
  } finally {
    db.close();
  }
}

export async function snapshotDatabase(source: string, dest: string, opts: SnapshotOptions): Promise<void> {
  const report = opts.onProgress ?? (() => undefined);
  report(0);
  if (!opts.modulePath) {
    inline(source, dest, opts);
    report(100);
    return;
  }
  const flusher = flushBehind(dest, opts.flushBytes ?? COPY_FLUSH_BYTES);
  const poll = setInterval(() => {
    let size: number;
    try {
      size = fs.statSync(dest).size;
    } catch {
      return; // not created yet
    }
    flusher.grew(size);
    if (opts.expectedBytes) report(Math.min(99, Math.floor((size / opts.expectedBytes) * 100)));
  }, opts.pollMs ?? 100);
  try {
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          source,
          dest,
          modulePath: opts.modulePath,
          nativeBinding: opts.nativeBinding,
          pragmas: opts.key ? keyPragmas(opts.key) : [],
        },
      });
      let settled = false;
      worker.once('message', (m: { ok?: boolean; error?: string }) => {
        settled = true;
        if (m.ok) resolve();
        else reject(new Error(m.error ?? 'copy failed'));
      });
      worker.once('error', (err) => {
        if (!settled) reject(err);
        settled = true;
      });
      worker.once('exit', () => {
        if (!settled) reject(new Error('the copy worker stopped'));
      });
    });
  } finally {
    clearInterval(poll);
    await flusher.close();
  }
  report(100);
}
