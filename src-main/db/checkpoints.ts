import { Worker } from 'node:worker_threads';
import { keyPragmas } from './encryption/cipher';
import { modulePath } from './integrity-check';
import { AUTO_CHECKPOINT_PAGES, type Sqlite } from './open';

/**
 * Copies the WAL back into the database every few seconds (PASSIVE: never waits for readers or the
 * writer), keeping the WAL small without putting the copy on a business action's commit.
 *
 * It runs on a worker thread with a connection of its own, opened for each checkpoint and closed after
 * it: on the main thread the copy and its fsync of the database file took 6–219 ms (issue 14), and a
 * cashier's payment arriving meanwhile waited for all of it. Nothing stays open between checkpoints,
 * so a restore's file swap never meets a stray handle; a restore still waits for one in flight
 * ('prepare'), since a connection closing on the old file would remove the new file's WAL by name.
 * Where no worker can run (no loadable better-sqlite3), the checkpoint runs inline as before.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
let Database = null;
parentPort.on('message', (m) => {
  let db;
  try {
    if (!Database) Database = require(m.modulePath);
    db = new Database(m.file, { fileMustExist: true, ...(m.nativeBinding ? { nativeBinding: m.nativeBinding } : {}) });
    for (const p of m.pragmas) db.pragma(p);
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ id: m.id, busy: r.busy, log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  } finally {
    try { if (db) db.close(); } catch {}
  }
});
`;

export interface CheckpointResult {
  via: 'worker' | 'inline';
  /** WAL frames, and how many of them are now in the database file (SQLite's wal_checkpoint answer). */
  log?: number;
  checkpointed?: number;
  error?: string;
}

type Pending = (r: CheckpointResult) => void;

/** One worker for the process (every app in a test run shares it), started on the first checkpoint. */
let shared: { worker: Worker; pending: Map<number, Pending>; next: number } | null = null;

function checkpointWorker() {
  if (shared) return shared;
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const state = { worker, pending: new Map<number, Pending>(), next: 1 };
  const failAll = (error: string) => {
    for (const done of state.pending.values()) done({ via: 'worker', error });
    state.pending.clear();
    if (shared === state) shared = null; // the next checkpoint starts a new worker
  };
  worker.on('message', (m: { id: number; log?: number; checkpointed?: number; error?: string }) => {
    const done = state.pending.get(m.id);
    state.pending.delete(m.id);
    done?.(m.error ? { via: 'worker', error: m.error } : { via: 'worker', log: m.log, checkpointed: m.checkpointed });
  });
  worker.on('error', (err) => failAll(String(err)));
  worker.on('exit', () => failAll('checkpoint worker exited'));
  // Never keeps the process alive. After the listeners: adding a 'message' listener refs the worker's
  // port again, and the process (the HTTP host stopping, a bench run) then never exited.
  worker.unref();
  shared = state;
  return state;
}

function inlineCheckpoint(sqlite: Sqlite): CheckpointResult {
  if (!sqlite.open || sqlite.inTransaction) return { via: 'inline' };
  const [r] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
  return { via: 'inline', log: r?.log, checkpointed: r?.checkpointed };
}

/** What it needs of the app context (read at each checkpoint: a restore swaps `sqlite`). */
interface CheckpointApp {
  sqlite: Sqlite;
  dbFile: string;
  nativeBinding?: string;
  encryption: { key: Buffer } | null;
  logger: { warn(message: string, meta?: Record<string, unknown>): void };
  onDatabaseReplaced(fn: (phase: 'prepare' | 'before' | 'after' | 'cancelled') => void | Promise<void>): () => void;
}

export interface Checkpoints {
  /** One checkpoint now (the timer's work); resolves when it is done. Skipped while a restore runs. */
  run(): Promise<CheckpointResult | null>;
  /** Like run, but after a checkpoint in flight (which may have started too early), not instead of it. */
  catchUp(): Promise<CheckpointResult | null>;
  stop(): void;
}

/** The running checkpoints of each app (the last started), for holdWalCheckpoints. */
const running = new WeakMap<CheckpointApp, Checkpoints>();

/**
 * For a long read on another connection that pins the WAL (a backup's snapshot, VACUUM INTO): the
 * writer's automatic checkpoint is off until `release`, which hands the WAL written meanwhile to the
 * checkpoint worker and then puts the safety net back.
 *
 * Why: while the snapshot reads, no checkpoint can copy the frames written after it began, so the WAL
 * grows past the 10,000-page threshold (68,000 pages, 264 MB, at 200,000 customers under a busy desk).
 * The first commit after the read ended then copied all of it into the database inline, on the main
 * thread (88 ms at 200,000; it grows with the backup's length). With the worker doing that copy, the next
 * inline checkpoint finds only the frames of the few commits made while the worker ran.
 * Nothing is persisted: after a crash or power cut the connection is gone and the next open sets the
 * threshold again (db/open.ts). During a restore the worker is paused and release only restores the setting.
 */
export function holdWalCheckpoints(app: CheckpointApp): () => Promise<void> {
  const sqlite = app.sqlite;
  if (!sqlite.open) return async () => undefined;
  sqlite.pragma('wal_autocheckpoint = 0');
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    try {
      // Twice: the first copy (1.1 GB at 500,000 customers) takes seconds while the desk keeps writing;
      // the second copies those frames, so the safety net's first inline checkpoint finds almost nothing.
      // A failed copy is only a missed optimisation: the next commit's inline checkpoint does it.
      for (let pass = 0; pass < 2; pass++) {
        const cp = running.get(app);
        if (!cp || (await cp.catchUp().catch(() => null)) === null) break;
      }
    } finally {
      // The connection a restore replaced is closed; the new one was opened with the threshold set.
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    }
  };
}

export function startCheckpoints(app: CheckpointApp, everyMs = 5_000): Checkpoints {
  const mod = modulePath();
  let inFlight: Promise<CheckpointResult> | null = null;
  let paused = false;
  let stopped = false;

  const viaWorker = (): Promise<CheckpointResult> => {
    const w = checkpointWorker();
    const id = w.next++;
    const pragmas = app.encryption ? keyPragmas(app.encryption.key) : [];
    return new Promise<CheckpointResult>((resolve) => {
      w.pending.set(id, resolve);
      w.worker.postMessage({ id, file: app.dbFile, modulePath: mod, nativeBinding: app.nativeBinding, pragmas });
    });
  };

  const run = async (): Promise<CheckpointResult | null> => {
    if (paused || stopped || inFlight || !app.sqlite.open) return null;
    let result: CheckpointResult;
    if (!mod) result = inlineCheckpoint(app.sqlite);
    else {
      inFlight = viaWorker();
      try {
        result = await inFlight;
      } finally {
        inFlight = null;
      }
    }
    if (result.error) app.logger.warn('WAL checkpoint failed', { error: result.error, via: result.via });
    return result;
  };

  const unlisten = app.onDatabaseReplaced(async (phase) => {
    if (phase === 'prepare' || phase === 'before') {
      paused = true;
      if (inFlight) await inFlight;
    } else paused = false;
  });
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  const checkpoints: Checkpoints = {
    run,
    async catchUp() {
      while (inFlight) await inFlight;
      return run();
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      unlisten();
      if (running.get(app) === checkpoints) running.delete(app);
    },
  };
  running.set(app, checkpoints);
  return checkpoints;
}
