/** The pure poll schedule: rhythm, stop conditions, error backoff, catch-up after the PC was off. */
import { describe, expect, it } from 'vitest';
import {
  afterCheck,
  DEFAULT_POLL_POLICY as P,
  dueChecks,
  nextCheckAt,
  nextWakeAt,
  type PollState,
} from '../../../src-main/integrations/payments/poll/policy';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);

const pending = (ref: string, over: Partial<PollState> = {}): PollState => ({
  merchantRef: ref,
  createdAt: T0,
  expiresAt: T0 + 24 * HOUR,
  status: 'pending',
  ...over,
});

/** Every check of an unpaid transaction, following the schedule until it stops. */
function schedule(s: PollState): number[] {
  const times: number[] = [];
  for (let at = nextCheckAt(s); at !== null; at = nextCheckAt(s)) {
    times.push(at);
    s = afterCheck(s, at, { status: 'pending' });
    if (times.length > 1000) throw new Error('never stops');
  }
  return times;
}

describe('poll schedule', () => {
  it('asks soon after creation, then backs off, checks after expiry and at expiry + grace, then stops', () => {
    const s = pending('INV-202611-00001-1');
    const times = schedule(s);
    expect(times[0]).toBe(T0 + P.firstCheckMs);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const early = gaps.filter((_, i) => times[i]! - T0 < 30 * MIN);
    for (const g of early) {
      expect(g).toBeGreaterThanOrEqual(1.8 * MIN);
      expect(g).toBeLessThanOrEqual(2.2 * MIN);
    }
    const late = gaps.filter((_, i) => times[i]! - T0 > 6 * HOUR && times[i + 1]! < s.expiresAt);
    for (const g of late) expect(g).toBeGreaterThanOrEqual(27 * MIN);
    expect(gaps.every((g, i) => g >= gaps[Math.max(0, i - 1)]! * 0.8 || times[i + 1]! > s.expiresAt)).toBe(true);
    expect(times).toContain(s.expiresAt + P.afterExpiryMs);
    expect(times[times.length - 1]).toBe(s.expiresAt + P.graceMs);
    expect(times.length).toBeLessThan(100); // ~65 requests for a whole day, not thousands
  });

  it('stops as soon as the provider says paid, expired, failed or refunded', () => {
    for (const status of ['paid', 'expired', 'failed', 'refunded'] as const)
      expect(nextCheckAt(pending('A', { status, lastCheckedAt: T0 + MIN }))).toBeNull();
  });

  it('backs a failing check off exponentially, and keeps retrying a failed last check until it gives up', () => {
    let s = pending('A', { lastCheckedAt: T0 + 40 * MIN });
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      s = afterCheck(s, s.lastCheckedAt!, { error: new Error('down') });
      delays.push(nextCheckAt(s)! - s.lastCheckedAt!);
    }
    expect(delays.slice(0, 3).every((d) => d >= 10 * MIN * 0.9)).toBe(true); // never below the normal interval
    expect(delays.slice(4)).toEqual([16 * MIN, 30 * MIN, 30 * MIN]);
    const lastFailed = pending('A', { lastCheckedAt: T0 + 25 * HOUR, consecutiveErrors: 2 });
    expect(nextCheckAt(lastFailed)).toBe(T0 + 25 * HOUR + 2 * MIN);
    expect(nextCheckAt({ ...lastFailed, lastCheckedAt: T0 + 24 * HOUR + P.giveUpAfterMs })).toBeNull();
    expect(nextCheckAt({ ...lastFailed, consecutiveErrors: 0 })).toBeNull();
  });

  it('spreads transactions created together (fixed jitter per reference, within ±10 %)', () => {
    const nexts = Array.from(
      { length: 50 },
      (_, i) => nextCheckAt(pending(`INV-${i}`, { lastCheckedAt: T0 + 5 * MIN }))!,
    );
    expect(new Set(nexts).size).toBeGreaterThan(40);
    for (const n of nexts) expect(Math.abs(n - (T0 + 7 * MIN))).toBeLessThanOrEqual(0.1 * 2 * MIN + 1);
    expect(nextCheckAt(pending('INV-7', { lastCheckedAt: T0 + 5 * MIN }))).toBe(nexts[7]); // stable
  });

  it('catches up after two days off: most overdue first, capped per cycle, one check each for the expired', () => {
    const states = Array.from({ length: 2000 }, (_, i) =>
      pending(`INV-${i}`, {
        createdAt: T0 - i * MIN,
        expiresAt: T0 + (i % 2 ? 24 : 2) * HOUR,
        lastCheckedAt: T0 + 30 * MIN,
      }),
    );
    const now = T0 + 2 * 24 * HOUR + 30 * MIN; // the PC was off for two days
    const cycle = dueChecks(states, now, 100);
    expect(cycle).toHaveLength(100);
    expect(dueChecks(states, now, 10_000)).toHaveLength(2000); // all overdue, none forgotten
    expect(cycle.map((d) => d.dueAt)).toEqual([...cycle.map((d) => d.dueAt)].sort((a, b) => a - b));
    // Everything expired while the PC was off: one check now, then nothing more.
    for (const s of states) {
      const after = afterCheck(s, now, { status: 'pending' });
      expect(nextCheckAt(after)).toBeNull();
    }
    expect(nextWakeAt(states.map((s) => afterCheck(s, now, { status: 'expired' })))).toBeNull();
  });

  it('never schedules a check before creation and wakes for the earliest one', () => {
    const a = pending('A');
    const b = pending('B', { createdAt: T0 + HOUR, expiresAt: T0 + 3 * HOUR });
    expect(nextWakeAt([a, b])).toBe(T0 + MIN);
    expect(nextCheckAt(b)).toBe(T0 + HOUR + MIN);
    const short = pending('C', { expiresAt: T0 + 30_000 });
    expect(nextCheckAt(short)).toBe(T0 + MIN); // expired before the first check: still asked
    expect(nextCheckAt(afterCheck(short, T0 + MIN, { status: 'pending' }))).toBe(T0 + 30_000 + P.afterExpiryMs);
  });
});
