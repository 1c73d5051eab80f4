import type { Clock } from '../../../src-main/integrations/payments/http/clock';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * A clock for backoff and rate-limit tests that never really sleeps. Sleepers are woken one at a time
 * in time order, each on its own macrotask turn, and the clock jumps to the wake-up time: code that
 * reads now() right after waking sees exactly its deadline, and real I/O (the fake servers) keeps
 * running in between. Time never goes backwards.
 */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];
  private pumping = false;
  /** Every sleep requested, in milliseconds (to assert backoff delays). */
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2026, 10, 24, 2, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** Moves time forward by hand (for expiry on the fakes' clocks). */
  advance(ms: number): void {
    this.t += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = { at: this.t + Math.max(0, ms), seq: ++this.seq, resolve, reject, signal };
      if (signal) {
        timer.onAbort = () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(signal.reason);
        };
        signal.addEventListener('abort', timer.onAbort, { once: true });
      }
      this.timers.push(timer);
      this.pump();
    });
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      if (!this.timers.length) return;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      next.signal?.removeEventListener('abort', next.onAbort!);
      this.t = Math.max(this.t, next.at);
      next.resolve();
      if (this.timers.length) this.pump();
    });
  }
}
