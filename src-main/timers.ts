/**
 * Injectable timers, so keepalives, backoff, timeouts and the schedulers' ticks are tested with a fake
 * clock instead of sleeps. The one definition: each user takes the part it needs (a leaf, imports nothing).
 */
export interface AllTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

/** One-shot timers and the time: the RouterOS connection and pool, the sync worker. */
export type Timers = Pick<AllTimers, 'setTimeout' | 'clearTimeout' | 'now'>;

/** A repeating tick: the backup and billing schedulers. */
export type IntervalTimers = Pick<AllTimers, 'setInterval' | 'clearInterval'>;

/** The real ones; unref'd, so a pending timer never keeps the process alive. */
export const realTimers: AllTimers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => {
    const h = setInterval(fn, ms);
    h.unref?.();
    return h;
  },
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  now: () => Date.now(),
};
