/**
 * The poll driver with a real adapter against its fake provider, on a fake clock: pending payments are
 * followed until paid or expired, concurrency stays bounded, a failing provider costs backoff not the
 * cycle, and after two days with the PC off one cycle settles everything.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nextWakeAt, runPollCycle, type PollState } from '../../../src-main/integrations/payments';
import { FAKE_PROVIDERS } from '../../fakes/gateways';
import { paymentInput, startSubject, type Subject } from './harness';

const HOUR = 3600_000;
let s: Subject | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

/** Creates `n` payments and returns their poll states keyed by reference. */
async function seed(subject: Subject, n: number, expiresInMs = 24 * HOUR) {
  const states = new Map<string, PollState & { providerRef: string }>();
  for (let i = 0; i < n; i++) {
    const input = paymentInput(subject, { expiresAt: subject.clock.now() + expiresInMs });
    const p = await subject.gateway.createPayment(input);
    states.set(input.merchantRef, {
      merchantRef: input.merchantRef,
      providerRef: p.providerRef,
      createdAt: subject.clock.now(),
      expiresAt: input.expiresAt,
      status: 'pending',
    });
  }
  return states;
}

function cycle(subject: Subject, states: Map<string, PollState & { providerRef: string }>, concurrency = 3) {
  let inFlight = 0;
  let maxInFlight = 0;
  return runPollCycle({
    states: states.values(),
    concurrency,
    clock: subject.clock,
    check: async (st) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        const full = states.get(st.merchantRef)!;
        return await subject.gateway.getStatus({
          merchantRef: st.merchantRef,
          providerRef: full.providerRef,
          expiresAt: st.expiresAt,
        });
      } finally {
        inFlight--;
      }
    },
    onResult: (next) => void states.set(next.merchantRef, { ...states.get(next.merchantRef)!, ...next }),
  }).then((summary) => ({ ...summary, maxInFlight }));
}

describe.each(FAKE_PROVIDERS)('poll driver with %s', (provider) => {
  it('follows pending payments until paid or expired, then stops asking', async () => {
    s = await startSubject(provider);
    const states = await seed(s, 6, 3 * HOUR);
    const refs = [...states.keys()];
    const before = s.fake.requests.length;
    let rounds = 0;
    for (let wake = nextWakeAt(states.values()); wake !== null; wake = nextWakeAt(states.values())) {
      if (wake > s.clock.now()) s.clock.advance(wake - s.clock.now());
      if (rounds === 5) {
        s.fake.markPaid(refs[0]!);
        s.fake.markPaid(refs[1]!);
      }
      const sum = await cycle(s, states);
      expect(sum.maxInFlight).toBeLessThanOrEqual(3);
      if (++rounds > 500) throw new Error('polling never ends');
    }
    expect(states.get(refs[0]!)!.status).toBe('paid');
    expect(states.get(refs[1]!)!.status).toBe('paid');
    for (const ref of refs.slice(2)) expect(states.get(ref)!.status).toBe('expired');
    const requests = s.fake.requests.length - before;
    expect(requests).toBeLessThan(6 * 60); // a few dozen per transaction over 3.5 hours
  });
});

describe('poll driver', () => {
  it('after two days with the PC off, one cycle settles every transaction (paid or expired)', async () => {
    s = await startSubject('tripay');
    const states = await seed(s, 20);
    const refs = [...states.keys()];
    for (const ref of refs.slice(0, 5)) s.fake.markPaid(ref); // paid at night while the PC was off
    s.clock.advance(2 * 24 * HOUR);
    const sum = await cycle(s, states, 4);
    expect(sum).toMatchObject({ due: 20, checked: 20, settled: 20, errors: 0 });
    expect(refs.map((r) => states.get(r)!.status)).toEqual([...Array(5).fill('paid'), ...Array(15).fill('expired')]);
    expect(nextWakeAt(states.values())).toBeNull();
  });

  it('a provider that fails costs those checks a backoff, not the cycle', async () => {
    s = await startSubject('duitku', { maxAttempts: 1 });
    const states = await seed(s, 4);
    s.clock.advance(2 * 60_000);
    s.fake.failNext('500', 2);
    const sum = await cycle(s, states, 1);
    expect(sum).toMatchObject({ checked: 4, errors: 2 });
    const failed = [...states.values()].filter((st) => (st.consecutiveErrors ?? 0) > 0);
    expect(failed).toHaveLength(2);
    for (const st of failed) expect(st.lastCheckedAt).toBe(s.clock.now());
  });

  it('stops taking work when cancelled and records nothing for abandoned checks', async () => {
    s = await startSubject('xendit');
    const states = await seed(s, 5);
    s.clock.advance(2 * 60_000);
    const ac = new AbortController();
    const recorded: string[] = [];
    const sum = await runPollCycle({
      states: states.values(),
      concurrency: 1,
      clock: s.clock,
      signal: ac.signal,
      check: async (st, signal) => {
        if (recorded.length === 2) ac.abort();
        return s!.gateway.getStatus(
          { merchantRef: st.merchantRef, providerRef: states.get(st.merchantRef)!.providerRef },
          { signal },
        );
      },
      onResult: (next) => void recorded.push(next.merchantRef),
    });
    expect(recorded).toHaveLength(2);
    expect(sum.checked).toBe(2);
  });
});
