export interface BackoffOptions {
  /** Delay cap before jitter for the first retry. */
  baseMs: number;
  /** Upper bound of any single delay. */
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000, factor: 2 };

/**
 * Exponential backoff with "full jitter": a uniform delay in [0, min(max, base·factor^retry)], so many
 * callers that failed together do not retry together. `retry` counts from 0; `random` is injectable.
 */
export function backoffDelay(retry: number, opts: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const cap = Math.min(opts.maxMs, opts.baseMs * Math.pow(opts.factor, Math.max(0, retry)));
  return Math.floor(random() * cap);
}
