import { realClock, type Clock } from './clock';

export interface TokenBucketOptions {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Requests allowed back to back after a quiet spell (bucket size). */
  burst: number;
  clock?: Clock;
  /** Called with the clock time of every granted request (tests, health figures). */
  onGrant?: (at: number) => void;
}

/**
 * A token bucket shared by every call to one gateway: in any window of W ms at most
 * burst + rate·W/1000 requests start, however many callers ask at once. Waiters are served in
 * arrival order; a waiter whose signal aborts leaves the queue without taking a token.
 */
export class TokenBucket {
  private readonly rate: number;
  private readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private last: number;
  private blockedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly opts: TokenBucketOptions) {
    if (!(opts.ratePerSecond > 0) || !(opts.burst >= 1)) throw new RangeError('rate must be > 0 and burst >= 1');
    this.rate = opts.ratePerSecond;
    this.burst = Math.floor(opts.burst);
    this.clock = opts.clock ?? realClock;
    this.tokens = this.burst;
    this.last = this.clock.now();
  }

  /** Waits for a token. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Holds every grant until `at` (e.g. a 429 with Retry-After) and empties the bucket. */
  pauseUntil(at: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, at);
    this.tokens = 0;
    this.last = Math.max(this.last, at);
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rate) / 1000);
      this.last = now;
    }
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      if (now < this.blockedUntil) {
        await this.clock.sleep(this.blockedUntil - now, signal);
        continue;
      }
      this.refill(now);
      if (this.tokens >= 1) {
        this.tokens -= 1;
        this.opts.onGrant?.(now);
        return;
      }
      await this.clock.sleep(Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.rate)), signal);
    }
  }
}
