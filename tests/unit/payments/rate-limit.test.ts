/**
 * The token bucket never lets more than burst + rate·W requests start in any window W, whatever the
 * number of concurrent callers — alone and under a real adapter talking to its fake provider. Time is
 * a fake clock: nothing sleeps.
 */
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src-main/integrations/payments/http/rate-limiter';
import { backoffDelay } from '../../../src-main/integrations/payments/http/backoff';
import { FakeClock } from '../../fakes/gateways';
import { paymentInput, startSubject } from './harness';

/** The largest number of grants inside any window of `windowMs` starting at a grant. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + windowMs) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

describe('token bucket', () => {
  it.each([
    { rate: 5, burst: 1, callers: 60 },
    { rate: 5, burst: 5, callers: 100 },
    { rate: 20, burst: 3, callers: 200 },
    { rate: 0.5, burst: 2, callers: 10 },
  ])('rate $rate/s, burst $burst, $callers concurrent callers: never over budget', async ({ rate, burst, callers }) => {
    const clock = new FakeClock();
    const start = clock.now();
    const grants: number[] = [];
    const bucket = new TokenBucket({ ratePerSecond: rate, burst, clock, onGrant: (t) => grants.push(t) });
    await Promise.all(Array.from({ length: callers }, () => bucket.acquire()));
    expect(grants).toHaveLength(callers);
    // A window of W ms holds at most the full bucket plus what refills during W.
    for (const w of [250, 1000, 5000])
      expect(maxInWindow(grants, w)).toBeLessThanOrEqual(Math.floor(burst + (rate * w) / 1000));
    // …and it does not starve either: the last grant comes when the budget allows it.
    const expectedEnd = start + Math.ceil(((callers - burst) / rate) * 1000);
    expect(grants[grants.length - 1]!).toBeLessThanOrEqual(expectedEnd + callers);
    expect(grants).toEqual([...grants].sort((a, b) => a - b)); // first come, first served
  });

  it('a waiter that gives up leaves the queue without taking a token', async () => {
    const clock = new FakeClock();
    const grants: number[] = [];
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1, clock, onGrant: (t) => grants.push(t) });
    await bucket.acquire();
    const ac = new AbortController();
    const cancelled = bucket.acquire(ac.signal);
    const later = bucket.acquire();
    ac.abort(new Error('shutdown'));
    await expect(cancelled).rejects.toThrow('shutdown');
    await later;
    expect(grants).toHaveLength(2);
  });

  it('pauseUntil holds every grant until the provider says go (Retry-After)', async () => {
    const clock = new FakeClock();
    const grants: number[] = [];
    const bucket = new TokenBucket({ ratePerSecond: 100, burst: 10, clock, onGrant: (t) => grants.push(t) });
    const t0 = clock.now();
    bucket.pauseUntil(t0 + 30_000);
    await Promise.all([bucket.acquire(), bucket.acquire()]);
    expect(Math.min(...grants)).toBeGreaterThanOrEqual(t0 + 30_000);
  });
});

describe('adapter under load', () => {
  it('40 concurrent status reads to Tripay never exceed 5 requests/s (burst 2)', async () => {
    const grants: number[] = [];
    const clock = new FakeClock();
    const limiter = new TokenBucket({ ratePerSecond: 5, burst: 2, clock, onGrant: (t) => grants.push(t) });
    const s = await startSubject('tripay', { clock, limiter });
    try {
      const input = paymentInput(s);
      const p = await s.gateway.createPayment(input);
      grants.length = 0;
      const before = s.fake.requests.length;
      await Promise.all(
        Array.from({ length: 40 }, () =>
          s.gateway.getStatus({ merchantRef: input.merchantRef, providerRef: p.providerRef }),
        ),
      );
      expect(s.fake.requests.length - before).toBe(40);
      expect(grants).toHaveLength(40);
      expect(maxInWindow(grants, 1000)).toBeLessThanOrEqual(2 + 5);
      expect(maxInWindow(grants, 200)).toBeLessThanOrEqual(2 + 1);
    } finally {
      await s.stop();
    }
  });
});

describe('backoff', () => {
  it('grows exponentially with full jitter and stays under the cap', () => {
    const opts = { baseMs: 500, maxMs: 30_000, factor: 2 };
    expect([0, 1, 2, 3].map((r) => backoffDelay(r, opts, () => 0.999))).toEqual([499, 999, 1998, 3996]);
    expect(backoffDelay(20, opts, () => 0.999)).toBe(29_970);
    expect(backoffDelay(3, opts, () => 0)).toBe(0);
  });
});
