/**
 * The per-router sync worker. It applies `sync_ops` in id order over the router's one pooled connection
 * (apply.ts does the router side). Transport failures leave the queue as it is and retry with a backoff
 * capped at 30 s; a user's "try now" connects at once and answers with that attempt's outcome; a router
 * that answers again (health poll, Test button, pool reconnect) is used at once.
 */
import { RouterError } from '../../routeros/client';
import { realTimers, type Timers } from '../../routeros/timers';
import type { AppContext } from '../context';
import { applyBatch, type OpRow, type Outcome } from './apply';
import { RouterIds } from './router-ids';
import { markRouterDown, markRouterOnline } from './health';
import type { SyncWaker } from './queue';
import { SYNC_ENGINE } from './queue';
import { connectorOf, describeRouterError, routerClient, routerTarget } from './router-access';

export { kick } from './apply';
export { realTimers, type Timers };

export interface EngineOptions {
  timers?: Timers;
  /** Operations read per batch. */
  batchSize?: number;
  /** Commands in flight at once on the connection. */
  concurrency?: number;
  /** Backoff after a transport failure: base * 2^n, capped (default 2 s → 30 s), counted from the attempt's start. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A retryable `!trap` is tried this many times before the operation is marked failed. */
  maxTrapAttempts?: number;
}

export interface RunResult {
  applied: number;
  failed: number;
  /** Set when the run stopped because the router could not be reached. */
  connectionError: string | null;
}

/** The last run of a router's worker, for the Sync screen. */
export interface LastRun extends RunResult {
  at: string;
}

interface RouterWork {
  /** The run in progress; callers arriving meanwhile share its result. */
  running: Promise<RunResult> | null;
  /** New work arrived during the run: go round once more. */
  again: boolean;
  timer: unknown;
  failures: number;
  nextRetryAt: string | null;
  /** The latest user retry: its connection token and a counter, to know whether a pass has used it. */
  retrySince: number | undefined;
  retrySeq: number;
  usedRetrySeq: number;
  /** The scheduled run connects afresh (the router was seen answering again). */
  freshNext: boolean;
  last: LastRun | null;
}

/** Pause between two attempts whatever the backoff says (an attempt that itself took long). */
const MIN_GAP_MS = 1000;

export class SyncEngine implements SyncWaker {
  private readonly work = new Map<number, RouterWork>();
  private readonly timers: Timers;
  private stopped = false;
  private readonly o: Required<Omit<EngineOptions, 'timers'>>;

  constructor(
    private readonly app: AppContext,
    opts: EngineOptions = {},
  ) {
    this.timers = opts.timers ?? realTimers;
    this.o = {
      batchSize: opts.batchSize ?? 1000,
      concurrency: opts.concurrency ?? 64,
      backoffBaseMs: opts.backoffBaseMs ?? 2000,
      backoffMaxMs: opts.backoffMaxMs ?? 30_000,
      maxTrapAttempts: opts.maxTrapAttempts ?? 5,
    };
  }

  /** Registers this engine as the app's waker and schedules every router that has due work. */
  start(): this {
    this.app.services[SYNC_ENGINE] = this;
    const routers = this.app.sqlite
      .prepare(
        "SELECT DISTINCT o.router_id AS id FROM sync_ops o JOIN routers r ON r.id = o.router_id WHERE o.status = 'pending' AND r.is_active = 1 AND r.sync_hold IS NULL",
      )
      .all() as { id: number }[];
    for (const r of routers) this.wake(r.id);
    return this;
  }

  /** Stops scheduling; resolves once the runs in progress have finished (their outcomes recorded). */
  stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.work.values()) if (w.timer) this.timers.clearTimeout(w.timer);
    if (this.app.services[SYNC_ENGINE] === this) delete this.app.services[SYNC_ENGINE];
    const running = [...this.work.values()].map((w) => w.running).filter((p) => p !== null);
    return Promise.allSettled(running).then(() => undefined);
  }

  private w(routerId: number): RouterWork {
    let w = this.work.get(routerId);
    if (!w)
      this.work.set(
        routerId,
        (w = {
          running: null,
          again: false,
          timer: null,
          failures: 0,
          nextRetryAt: null,
          retrySince: undefined,
          retrySeq: 0,
          usedRetrySeq: 0,
          freshNext: false,
          last: null,
        }),
      );
    return w;
  }

  status(routerId: number) {
    const w = this.work.get(routerId);
    return { running: !!w?.running, nextRetryAt: w?.nextRetryAt ?? null, last: w?.last ?? null };
  }

  /**
   * New work for a router. While the router is in backoff after a failure, ordinary wakes wait for the
   * backoff timer (so a burst of edits does not hammer a dead router). `force` (the router answers
   * again) resets the backoff and connects at once, as a user's retry does.
   */
  wake(routerId: number, force = false) {
    if (this.stopped) return;
    const w = this.w(routerId);
    if (force) {
      w.failures = 0;
      w.nextRetryAt = null;
    }
    if (w.running) {
      w.again = true;
      return;
    }
    if (w.timer && w.nextRetryAt) return;
    // Through a timer even when due now: the caller may still be inside its transaction.
    if (force) w.freshNext = true;
    this.schedule(routerId, 0);
  }

  /**
   * A user's "try now": a fresh connection attempt starts at once (whatever the backoff, the pool's
   * cached failure or an attempt stuck on a silent router), and the answer is the outcome of the run
   * that used it. Retries pressed while a run is going join that run: one attempt, nothing twice.
   */
  retryNow(routerId: number): Promise<RunResult> {
    if (this.stopped) return Promise.resolve({ applied: 0, failed: 0, connectionError: null });
    const w = this.w(routerId);
    if (w.timer) this.timers.clearTimeout(w.timer);
    w.timer = null;
    w.failures = 0;
    w.nextRetryAt = null;
    try {
      w.retrySince = connectorOf(this.app).retry(routerId, routerTarget(this.app, routerId));
      w.retrySeq++;
    } catch {
      // the router was deleted meanwhile: the run below finds nothing to do
    }
    return this.runOnce(routerId);
  }

  private schedule(routerId: number, ms: number) {
    const w = this.w(routerId);
    if (w.timer) this.timers.clearTimeout(w.timer);
    w.timer = this.timers.setTimeout(() => {
      w.timer = null;
      const fresh = w.freshNext;
      w.freshNext = false;
      void (fresh ? this.retryNow(routerId) : this.runOnce(routerId)).catch((err) =>
        this.app.logger.error('sync worker failed', { routerId, error: String(err) }),
      );
    }, ms);
  }

  /** Applies all due operations of one router. Safe to call directly (tests); concurrent calls share one run. */
  runOnce(routerId: number): Promise<RunResult> {
    const w = this.w(routerId);
    if (w.running) {
      w.again = true;
      return w.running;
    }
    const run = this.run(routerId, w).finally(() => {
      w.running = null;
    });
    w.running = run;
    return run;
  }

  private async run(routerId: number, w: RouterWork): Promise<RunResult> {
    const result: RunResult = { applied: 0, failed: 0, connectionError: null };
    let attemptAt = this.timers.now();
    for (;;) {
      w.again = false;
      result.connectionError = null;
      attemptAt = this.timers.now();
      await this.drain(routerId, result, w);
      if (this.stopped) return result;
      // A retry that came after this pass had connected (or failed to) deserves an attempt of its own.
      const unusedRetry = result.connectionError !== null && w.retrySeq !== w.usedRetrySeq;
      if (!unusedRetry && !(w.again && !result.connectionError)) break;
    }
    w.last = { ...result, at: this.app.clock.now().toISOString() };
    if (result.connectionError) {
      const backoff = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** Math.min(w.failures, 20));
      w.failures++;
      // Counted from the attempt's start: an attempt that waited for a silent router does not add its wait.
      const delay = Math.max(Math.min(MIN_GAP_MS, backoff), attemptAt + backoff - this.timers.now());
      w.nextRetryAt = new Date(this.app.clock.now().getTime() + delay).toISOString();
      this.schedule(routerId, delay);
    } else {
      w.failures = 0;
      w.nextRetryAt = null;
      // Retryable traps come back at their own time.
      const next = this.app.sqlite
        .prepare(
          "SELECT min(next_attempt_at) AS at FROM sync_ops WHERE router_id = ? AND status = 'pending' AND next_attempt_at IS NOT NULL",
        )
        .get(routerId) as { at: string | null };
      if (next.at) this.schedule(routerId, Math.max(0, Date.parse(next.at) - this.app.clock.now().getTime()));
    }
    return result;
  }

  private progress(routerId: number, applied: number, failed: number) {
    const counts = this.app.sqlite
      .prepare(
        "SELECT sum(status = 'pending') AS pending, sum(status = 'failed') AS failed FROM sync_ops WHERE router_id = ? AND status IN ('pending', 'failed')",
      )
      .get(routerId) as { pending: number | null; failed: number | null };
    this.app.events.emit({
      name: 'sync.progress',
      payload: {
        routerId,
        applied,
        failedNow: failed,
        pending: counts.pending ?? 0,
        failed: counts.failed ?? 0,
        total: applied + failed + (counts.pending ?? 0),
      },
    });
  }

  private async drain(routerId: number, result: RunResult, w: RouterWork) {
    const { sqlite } = this.app;
    const router = sqlite
      .prepare('SELECT is_active AS a, sync_hold AS hold FROM routers WHERE id = ?')
      .get(routerId) as { a: number; hold: string | null } | undefined;
    // Inactive, or held after a restore until the owner has looked at the differences.
    if (!router || !router.a || router.hold) return;
    const due = sqlite.prepare(
      `SELECT id, kind, entity_id AS entityId, payload, attempts FROM sync_ops
       WHERE router_id = ? AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND id > ?
       ORDER BY id LIMIT ?`,
    );
    // Nothing to do: no connection needed (and no endless retries of a router nobody is waiting for).
    if (!due.get(routerId, this.app.clock.now().toISOString(), 0, 1)) return;
    const fresh = w.retrySeq !== w.usedRetrySeq;
    let client;
    try {
      client = await routerClient(this.app, routerId, fresh ? { freshSince: w.retrySince } : {});
    } catch (err) {
      if (!(err instanceof RouterError)) throw err;
      if (this.app.sqlite !== sqlite) return; // a restore replaced the database meanwhile
      result.connectionError = describeRouterError(err);
      markRouterDown(this.app, routerId, err);
      return;
    } finally {
      w.usedRetrySeq = w.retrySeq;
    }
    const ids = new RouterIds(client);
    let after = 0;
    for (;;) {
      if (this.stopped || this.app.sqlite !== sqlite) return;
      const batch = due.all(routerId, this.app.clock.now().toISOString(), after, this.o.batchSize) as OpRow[];
      if (!batch.length) break;
      after = batch[batch.length - 1]!.id;
      const outcomes = await applyBatch(this.app, routerId, client, ids, batch, this.o.concurrency);
      // A restore swapped the database while commands were in flight: these rows are not its rows.
      if (this.app.sqlite !== sqlite) return;
      this.record(outcomes.done);
      for (const o of outcomes.done)
        if (o.ok) result.applied++;
        else if (!o.retry) result.failed++;
      if (outcomes.connectionError) {
        result.connectionError = describeRouterError(outcomes.connectionError);
        markRouterDown(this.app, routerId, outcomes.connectionError);
        this.progress(routerId, result.applied, result.failed);
        return;
      }
      markRouterOnline(this.app, routerId);
      this.progress(routerId, result.applied, result.failed);
    }
  }

  private record(outcomes: Outcome[]) {
    if (!outcomes.length) return;
    const now = this.app.clock.now();
    const iso = now.toISOString();
    const done = this.app.sqlite.prepare(
      "UPDATE sync_ops SET status = 'done', attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status = 'pending'",
    );
    const fail = this.app.sqlite.prepare(
      "UPDATE sync_ops SET status = 'failed', attempts = ?, last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status = 'pending'",
    );
    const retry = this.app.sqlite.prepare(
      "UPDATE sync_ops SET attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'",
    );
    // The secret the app wrote is the app's own from now on (a same-named secret of others never is).
    const owned = this.app.sqlite.prepare(
      'UPDATE pppoe_accounts SET router_secret_id = ? WHERE id = ? AND router_secret_id IS NOT ?',
    );
    this.app.sqlite.transaction(() => {
      for (const o of outcomes) {
        if (o.ok && o.secret) owned.run(o.secret.id, o.secret.accountId, o.secret.id);
        if (o.ok) done.run(iso, o.id);
        else if (o.retry && o.attempts < this.o.maxTrapAttempts) {
          const delay = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** (o.attempts - 1));
          retry.run(o.attempts, o.error, new Date(now.getTime() + delay).toISOString(), iso, o.id);
        } else fail.run(o.attempts, o.error, iso, o.id);
      }
    })();
  }
}
