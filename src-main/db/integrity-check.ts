import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { keyPragmas, type DbKey } from './encryption/cipher';

/**
 * `PRAGMA integrity_check` reads every page and index of the file: seconds on a large database. Run
 * on the main thread it would freeze the app (cash desk included) at the end of every backup, so it
 * runs in a worker thread with its own read-only connection. If a worker cannot load better-sqlite3
 * (an unusual packaging), the check runs in-process instead: slower for the UI, never skipped.
 */
/** Row counts and last activity of a PPPoE Desk file (null when the tables are missing). */
export interface FileCounts {
  customers: number;
  invoices: number;
  payments: number;
  lastActivityAt: string | null;
}

/**
 * Row counts read whole tables, so they run where the integrity check runs. Self-contained on purpose:
 * the worker gets this function's source text.
 */
function countRows(db: Database.Database): FileCounts | null {
  const has = (t: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?").get(t);
  if (!['customers', 'invoices', 'payments'].every(has)) return null;
  const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const last = has('audit_log')
    ? (db.prepare('SELECT max(at) AS at FROM audit_log').get() as { at: string | null }).at
    : null;
  return { customers: n('customers'), invoices: n('invoices'), payments: n('payments'), lastActivityAt: last };
}

const WORKER_SOURCE = `
// Some TypeScript runners (keepNames) wrap functions in __name(); the copied source needs it defined.
var __name = (fn) => fn;
const countRows = (${countRows.toString()});
const { parentPort, workerData } = require('node:worker_threads');
let Database = null;
try { Database = require(workerData.modulePath); } catch (e) { parentPort.postMessage({ unavailable: String(e) }); }
if (Database) {
  let db;
  try {
    db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
    for (const p of workerData.pragmas) db.pragma(p);
    const rows = db.pragma('integrity_check').map((r) => r.integrity_check);
    // The row counts read whole tables too: take them here, off the main thread (see countRows).
    let counts = null;
    let countsFailed = false;
    if (rows.length === 1 && rows[0] === 'ok') {
      try { counts = countRows(db); } catch { countsFailed = true; }
    }
    parentPort.postMessage({ rows, counts, countsFailed });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  } finally {
    if (db) db.close();
  }
}
`;

/** `via` tells where the check ran (tests assert the worker is really used). */
export type IntegrityResult = ({ rows: string[]; counts: FileCounts | null } | { error: string }) & {
  via: 'worker' | 'inline';
};

/** Resolved once per process: every open of the app asks (startCheckpoints); a resolve walks node_modules. */
let resolvedModule: string | null | undefined;

export function modulePath(): string | null {
  if (resolvedModule !== undefined) return resolvedModule;
  try {
    // ES modules (HTTP host, tests) have import.meta.url; in the CommonJS bundle (Electron main) it is
    // empty and the real `require` exists.
    const url = (import.meta as { url?: string }).url;
    const req = typeof url === 'string' && url ? createRequire(url) : require;
    resolvedModule = req.resolve('better-sqlite3');
  } catch {
    resolvedModule = null;
  }
  return resolvedModule;
}

export function integrityCheckSync(file: string, nativeBinding?: string, key?: DbKey | null): IntegrityResult {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    if (key) for (const p of keyPragmas(key)) db.pragma(p);
    const rows = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    let counts: FileCounts | null = null;
    if (rows.length === 1 && rows[0] === 'ok') {
      try {
        counts = countRows(db);
      } catch {
        counts = null;
      }
    }
    return { rows, counts, via: 'inline' };
  } catch (err) {
    return { error: (err as Error).message, via: 'inline' };
  } finally {
    db?.close();
  }
}

export function integrityCheck(file: string, nativeBinding?: string, key?: DbKey | null): Promise<IntegrityResult> {
  const mod = modulePath();
  if (!mod) return Promise.resolve(integrityCheckSync(file, nativeBinding, key));
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: IntegrityResult) => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    // Checked before the call: the worker exits right after answering, and an eagerly evaluated
    // `done(integrityCheckSync(…))` on 'exit' ran the whole check again on the main thread, its result
    // thrown away (the backup's 1.1 s event-loop stall, issue 20).
    const inline = () => {
      if (!settled) done(integrityCheckSync(file, nativeBinding, key));
    };
    let worker: Worker;
    try {
      const pragmas = key ? keyPragmas(key) : [];
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, modulePath: mod, nativeBinding, pragmas } });
    } catch {
      return inline();
    }
    worker.once(
      'message',
      (m: {
        rows?: string[];
        counts?: FileCounts | null;
        countsFailed?: boolean;
        error?: string;
        unavailable?: string;
      }) => {
        if (m.unavailable || m.countsFailed) inline();
        else if (m.rows) done({ rows: m.rows, counts: m.counts ?? null, via: 'worker' });
        else done({ error: m.error ?? 'integrity check failed', via: 'worker' });
      },
    );
    worker.once('error', inline);
    worker.once('exit', inline);
  });
}
