import type { Clock } from '../context';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window starts again (RateLimit-Reset, and Retry-After when refused). */
  resetSeconds: number;
}

/**
 * Fixed one-minute windows per key with the limit given at each hit (a key's own requests-per-minute).
 * In memory on purpose: it protects a running host from bursts; a restart starting a fresh window is fine.
 */
export class MinuteWindows {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs = 60_000,
  ) {}

  hit(key: string, limit: number): RateDecision {
    const now = this.clock.now().getTime();
    if (this.windows.size > 10_000) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    const allowed = w.count < limit;
    if (allowed) w.count += 1;
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - w.count),
      resetSeconds: Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)),
    };
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/**
 * Requests per minute from one address, whatever key it uses (slows down guessing and runaway clients).
 * `ctx.services.apiAddressRatePerMinute` (a number) replaces it: tests and the benchmark set it.
 */
export const ADDRESS_RATE_PER_MINUTE = 6000;
