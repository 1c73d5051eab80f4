/**
 * One pass of a router's sync worker: reads its due operations in id order, applies them in batches over
 * the router's connection (apply.ts) and records each outcome. Scheduling, backoff and "try now" are the
 * engine's (engine.ts).
 */
import { RouterError, type RouterClient } from '../../routeros/client';
import { recordOwnedSecrets } from '../../data/network/account-state.repository';
import { routerSyncGate } from '../../data/network/routers.repository';
import { dueOps, markOpFailed, markOpsDone, markOpRetry, openCounts } from '../../data/network/sync-ops.repository';
import type { AppContext } from '../context';
import { applyBatch, batchAccounts, type BatchAccounts, type Outcome } from './apply';
import { markRouterDown, markRouterOnline } from './health';
import { RouterIds } from './router-ids';
import { describeRouterError } from './router-errors';

export interface RunResult {
  applied: number;
  failed: number;
  /** Set when the run stopped because the router could not be reached. */
  connectionError: string | null;
}

export interface DrainOptions {
  /** Operations read per batch. */
  batchSize: number;
  /** Commands in flight at once on the connection. */
  concurrency: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A retryable `!trap` is tried this many times before the operation is marked failed. */
  maxTrapAttempts: number;
  /** The engine was stopped: no new batch starts. */
  stopped: () => boolean;
  /** The router's connection (the engine decides how fresh it must be). */
  connect: () => Promise<RouterClient>;
}

/** Applies every due operation of one router, adding to `result`; stops at a connection failure. */
export async function drainQueue(app: AppContext, routerId: number, result: RunResult, o: DrainOptions) {
  const { sqlite } = app;
  const router = routerSyncGate(sqlite, routerId);
  // Inactive, or held after a restore until the owner has looked at the differences.
  if (!router || !router.a || router.hold) return;
  // Nothing to do: no connection needed (and no endless retries of a router nobody is waiting for).
  let batch = dueOps(sqlite, routerId, app.clock.now().toISOString(), 0, o.batchSize);
  if (!batch.length) return;
  // The first batch's passwords are decrypted while connect + login are on the wire, not after.
  const connecting = o.connect();
  connecting.catch(() => undefined); // awaited below; reading may throw first
  let read: BatchAccounts | undefined = batchAccounts(app, routerId, batch);
  let client;
  try {
    client = await connecting;
  } catch (err) {
    if (!(err instanceof RouterError)) throw err;
    if (app.sqlite !== sqlite) return; // a restore replaced the database meanwhile
    result.connectionError = describeRouterError(err);
    markRouterDown(app, routerId, err);
    return;
  }
  const ids = new RouterIds(client);
  let after = 0;
  for (;;) {
    if (o.stopped() || app.sqlite !== sqlite) return;
    if (after > 0) batch = dueOps(sqlite, routerId, app.clock.now().toISOString(), after, o.batchSize);
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    const outcomes = await applyBatch(app, routerId, client, ids, batch, o.concurrency, read);
    read = undefined;
    // A restore swapped the database while commands were in flight: these rows are not its rows.
    if (app.sqlite !== sqlite) return;
    // One commit per batch: the outcomes and, when the router answered throughout, its last-seen time.
    sqlite.transaction(() => {
      record(app, outcomes.done, o);
      if (!outcomes.connectionError) markRouterOnline(app, routerId);
    })();
    for (const x of outcomes.done)
      if (x.ok) result.applied++;
      else if (!x.retry) result.failed++;
    if (outcomes.connectionError) {
      result.connectionError = describeRouterError(outcomes.connectionError);
      markRouterDown(app, routerId, outcomes.connectionError);
      progress(app, routerId, result.applied, result.failed);
      return;
    }
    progress(app, routerId, result.applied, result.failed);
  }
}

function progress(app: AppContext, routerId: number, applied: number, failed: number) {
  const counts = openCounts(app.sqlite, routerId);
  app.events.emit({
    name: 'sync.progress',
    payload: {
      routerId,
      applied,
      failedNow: failed,
      pending: counts.pending,
      failed: counts.failed,
      total: applied + failed + counts.pending,
    },
  });
}

/**
 * The batch's outcomes (inside the caller's transaction): done, failed, or back later (a retryable trap,
 * with backoff). The confirmed ones in two set-based statements (one UPDATE per op was ~half the
 * worker's database time in a 5,000-secret sync); traps, rare, one by one.
 */
function record(app: AppContext, outcomes: Outcome[], o: DrainOptions) {
  const db = app.sqlite;
  const now = app.clock.now();
  const iso = now.toISOString();
  const done: number[] = [];
  // The secret the app wrote is the app's own from now on (a same-named secret of others never is);
  // an account written twice in the batch keeps the later answer, as one update after the other did.
  const owned = new Map<number, string>();
  for (const x of outcomes) {
    if (x.ok) {
      done.push(x.id);
      if (x.secret) owned.set(x.secret.accountId, x.secret.id);
    } else if (x.retry && x.attempts < o.maxTrapAttempts) {
      const delay = Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** (x.attempts - 1));
      markOpRetry(db, x.id, x.attempts, x.error, new Date(now.getTime() + delay).toISOString(), iso);
    } else markOpFailed(db, x.id, x.attempts, x.error, iso);
  }
  recordOwnedSecrets(db, [...owned]);
  markOpsDone(db, done, iso);
}
