import type { AppContext, Clock } from '../context';

/**
 * Fixed-window attempt counter per key (e.g. `http:203.0.113.7`). In memory on purpose: it guards a
 * running host against guessing bursts; the per-account lockout (in the database) survives restarts.
 */
export class RateLimiter {
  private hits = new Map<string, { start: number; count: number }>();

  constructor(
    private clock: Clock,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one attempt; returns when the key may try again if it is over the limit, else null. */
  hit(key: string): Date | null {
    const now = this.clock.now().getTime();
    if (this.hits.size > 10_000) this.sweep(now);
    let h = this.hits.get(key);
    if (!h || now - h.start >= this.windowMs) {
      h = { start: now, count: 0 };
      this.hits.set(key, h);
    }
    h.count += 1;
    return h.count > this.limit ? new Date(h.start + this.windowMs) : null;
  }

  /** Attempts counted for the key in the current window. */
  count(key: string): number {
    const h = this.hits.get(key);
    return h && this.clock.now().getTime() - h.start < this.windowMs ? h.count : 0;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number) {
    for (const [k, h] of this.hits) if (now - h.start >= this.windowMs) this.hits.delete(k);
  }
}

/** Sign-in attempts allowed per source (transport + address) per minute. */
export const LOGIN_ATTEMPTS_PER_SOURCE = 20;

/** The app's limiter for sign-in attempts by source, created on first use. */
export function loginSourceLimiter(app: AppContext): RateLimiter {
  const existing = app.services.loginSourceLimiter;
  if (existing instanceof RateLimiter) return existing;
  const limiter = new RateLimiter(app.clock, LOGIN_ATTEMPTS_PER_SOURCE, 60_000);
  app.services.loginSourceLimiter = limiter;
  return limiter;
}
