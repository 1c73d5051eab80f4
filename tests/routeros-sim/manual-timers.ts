import type { Timers } from '../../src-main/timers';

/** Manual timers for tests: `advance(ms)` fires what is due, in order. */
export class ManualTimers implements Timers {
  private t = 0;
  private seq = 0;
  private readonly queue = new Map<number, { at: number; fn: () => void }>();
  constructor(start = 1_700_000_000_000) {
    this.t = start;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.queue.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue.delete(handle as number);
  }
  now(): number {
    return this.t;
  }
  /** When the next timer falls due (undefined when none waits). */
  get nextAt(): number | undefined {
    let at: number | undefined;
    for (const e of this.queue.values()) if (at === undefined || e.at < at) at = e.at;
    return at;
  }
  /** Number of timers waiting. */
  get pending(): number {
    return this.queue.size;
  }
  /** Moves the clock forward, running every timer that falls due (including ones they schedule). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.queue)
        if (e[1].at <= end && (!next || e[1].at < next[1].at || (e[1].at === next[1].at && e[0] < next[0]))) next = e;
      if (!next) break;
      this.queue.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
    }
    this.t = end;
  }
}
