/**
 * Group commit for gateway credits. Each commit costs one fsync (synchronous=FULL, ~7–9 ms on the office
 * PC's disk), so crediting callbacks one transaction each tops out near 120 a second. Credits that arrive
 * close together are queued here and a drainer runs up to `maxBatch` of them in ONE IMMEDIATE transaction:
 * each job in its own savepoint (a job that throws is rolled back alone, the others stand), and every
 * job's promise settles only after the COMMIT returned — so an HTTP callback is answered 200 only once its
 * credit is durable, and a crash before the commit loses nothing the provider will not send again.
 * No timer: the drainer runs at the next turn of the event loop, so a lone callback waits for nobody and
 * a burst gathers by itself while the previous batch holds the loop.
 */
import type { Sqlite } from '../../db/open';

export interface GroupCommitOptions {
  /** Jobs per transaction. */
  maxBatch?: number;
  /** Jobs waiting at most; `submit` refuses beyond it (the caller answers 503 + Retry-After). */
  maxQueue?: number;
  /**
   * Test seam: called inside the transaction after the last job, before COMMIT. A throw here plays a crash
   * between the credits and the commit: the whole batch is rolled back and every job's promise rejects.
   */
  beforeCommit?: (size: number) => void;
}

export interface GroupCommitStats {
  batches: number;
  jobs: number;
  /** How many transactions held 1, 2–9, 10–99, 100+ jobs. */
  sizes: Record<'1' | '2-9' | '10-99' | '100+', number>;
  largest: number;
}

/** The queue is full: try again after `retryAfterSeconds`. */
export class QueueFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many payment notifications at once: try again shortly');
  }
}

interface Job {
  work: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const bucket = (n: number): keyof GroupCommitStats['sizes'] =>
  n === 1 ? '1' : n < 10 ? '2-9' : n < 100 ? '10-99' : '100+';

export class GroupCommit {
  readonly stats: GroupCommitStats = {
    batches: 0,
    jobs: 0,
    sizes: { '1': 0, '2-9': 0, '10-99': 0, '100+': 0 },
    largest: 0,
  };
  private readonly queue: Job[] = [];
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxQueue: number;

  /** `db` is read at each drain (a restore swaps the connection). */
  constructor(
    private readonly db: () => Sqlite,
    private readonly opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 200;
    this.maxQueue = opts.maxQueue ?? 2_000;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Queues `work` (synchronous, run inside the batch's transaction); settles after the commit. */
  submit<T>(work: () => T): Promise<T> {
    if (this.queue.length >= this.maxQueue) return Promise.reject(new QueueFull(1));
    return this.enqueue(work);
  }

  /** Like `submit`, but waits for room instead of refusing (the poller: it has no provider to retry). */
  async submitWhenRoom<T>(work: () => T): Promise<T> {
    while (this.queue.length >= this.maxQueue) await new Promise<void>((r) => this.waiting.push(r));
    return this.enqueue(work);
  }

  private enqueue<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain() {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (!batch.length) return;
    let outcomes: Outcome[] = [];
    try {
      const db = this.db();
      db.transaction(() => {
        outcomes = batch.map((job): Outcome => {
          try {
            // A nested better-sqlite3 transaction is a SAVEPOINT: a throw undoes this job alone.
            return { ok: true, value: db.transaction(job.work)() };
          } catch (error) {
            return { ok: false, error };
          }
        });
        this.opts.beforeCommit?.(batch.length);
      }).immediate();
    } catch (error) {
      // Nothing of the batch was committed: every caller hears it (a callback answers 503, the provider retries).
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    this.count(batch.length);
    batch.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
    this.waiting.splice(0).forEach((wake) => wake());
    if (this.queue.length) this.schedule();
  }

  private count(n: number) {
    this.stats.batches++;
    this.stats.jobs += n;
    this.stats.sizes[bucket(n)]++;
    this.stats.largest = Math.max(this.stats.largest, n);
  }
}
