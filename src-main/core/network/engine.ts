/**
 * The per-router sync worker's scheduling. A run applies `sync_ops` in id order over the router's one
 * pooled connection (drain.ts reads and records, apply.ts does the router side). Transport failures leave the queue as it is and retry with a backoff
 * capped at 30 s; a user's "try now" connects at once and answers with that attempt's outcome; a router
 * that answers again (health poll, Test button, pool reconnect) is used at once.
 */
import { realTimers, type Timers } from '../../timers';
import { nextRetryAt, routersWithPendingOps } from '../../data/network/sync-ops.repository';
import type { AppContext } from '../context';
import { drainQueue, type DrainOptions, type RunResult } from './drain';
import type { SyncWaker } from './queue';
import { SYNC_ENGINE } from './queue';
import { connectorOf, routerClient, routerTarget } from './router-access';
import { retryTiming } from './retry-timing';

export { kick } from './apply';
export { realTimers, type RunResult, type Timers };

export interface EngineOptions {
  timers?: Timers;
  /** Operations read per batch. */
  batchSize?: number;
  /**
   * Accounts whose operations are in flight at once on the connection (default 512): enough to keep a
   * 2 ms round trip from gating a 5,000-secret sync (64 made it wait ~80 round trips), few enough that
   * a slow router still answers the last of them well within the 30 s command timeout.
   */
  concurrency?: number;
  /** Backoff after a transport failure: base * 2^n, capped (default 2 s → 30 s), counted from the attempt's start. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A retryable `!trap` is tried this many times before the operation is marked failed. */
  maxTrapAttempts?: number;
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
  private readonly o: Omit<DrainOptions, 'stopped' | 'connect'>;

  constructor(
    private readonly app: AppContext,
    opts: EngineOptions = {},
  ) {
    this.timers = opts.timers ?? realTimers;
    const timing = retryTiming();
    this.o = {
      batchSize: opts.batchSize ?? 1000,
      concurrency: opts.concurrency ?? 512,
      backoffBaseMs: opts.backoffBaseMs ?? timing.engineBaseMs,
      backoffMaxMs: opts.backoffMaxMs ?? timing.engineMaxMs,
      maxTrapAttempts: opts.maxTrapAttempts ?? 5,
    };
  }

  /** Registers this engine as the app's waker and schedules every router that has due work. */
  start(): this {
    this.app.services[SYNC_ENGINE] = this;
    for (const id of routersWithPendingOps(this.app.sqlite)) this.wake(id);
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
    let attemptAt: number;
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
      const at = nextRetryAt(this.app.sqlite, routerId);
      if (at) this.schedule(routerId, Math.max(0, Date.parse(at) - this.app.clock.now().getTime()));
    }
    return result;
  }

  private drain(routerId: number, result: RunResult, w: RouterWork) {
    return drainQueue(this.app, routerId, result, {
      ...this.o,
      stopped: () => this.stopped,
      connect: async () => {
        // A user's retry not yet used by a pass: this connection attempt is the one that answers it.
        const fresh = w.retrySeq !== w.usedRetrySeq;
        try {
          return await routerClient(this.app, routerId, fresh ? { freshSince: w.retrySince } : {});
        } finally {
          w.usedRetrySeq = w.retrySeq;
        }
      },
    });
  }
}
