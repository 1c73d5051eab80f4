/**
 * Measures one poll cycle over many pending transactions against a fake provider with latency, on
 * the real clock, and checks the request rate at the server:
 *   npx tsx tests/fakes/gateways/poll-load.ts --provider tripay --count 2000 --latency 50 --rate 100 --concurrency 10
 * Prints one JSON line: seconds taken, requests seen by the fake, and the most requests it saw in
 * any 1-second window (must not exceed rate + burst).
 */
import { parseArgs } from 'node:util';
import {
  createGateway,
  runPollCycle,
  TokenBucket,
  type GatewayConfig,
  type PollState,
} from '../../../src-main/integrations/payments';
import { createFake, type FakeProvider } from './index';

const { values: a } = parseArgs({
  options: {
    provider: { type: 'string', default: 'tripay' },
    count: { type: 'string', default: '2000' },
    latency: { type: 'string', default: '50' },
    rate: { type: 'string', default: '100' },
    burst: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '10' },
  },
});

const provider = a.provider as FakeProvider;
const count = Number(a.count);
const rate = Number(a.rate);
const burst = Number(a.burst);
const fake = await createFake(provider).start();
const c = fake.credentials();
const grants: number[] = [];
const limiter = new TokenBucket({ ratePerSecond: rate, burst, onGrant: (t) => grants.push(t) });
const config = {
  provider,
  mode: 'sandbox',
  ...c,
  baseUrl: fake.baseUrl,
  http: { limiter, timeoutMs: 10_000 },
} as unknown as GatewayConfig;
const seeder = createGateway({ ...config, http: { ratePerSecond: 10_000, burst: 10_000 } } as GatewayConfig);
const gateway = createGateway(config);

// Seed the pending transactions (not timed), all due: created 10 minutes ago.
const now = Date.now();
const states: Array<PollState & { providerRef: string }> = [];
const method = { tripay: 'BRIVA', midtrans: 'bri_va', xendit: 'BRI', duitku: 'BR' }[provider];
for (let i = 0; i < count; i += 50) {
  const batch = await Promise.all(
    Array.from({ length: Math.min(50, count - i) }, (_, k) => {
      const merchantRef = `LOAD-${i + k}`;
      return seeder
        .createPayment({
          merchantRef,
          amount: 150_000,
          method,
          expiresAt: now + 24 * 3600_000,
          customer: { name: 'Load Test', email: 'load@example.id' },
          description: 'load',
        })
        .then((p) => ({
          merchantRef,
          providerRef: p.providerRef,
          createdAt: now - 10 * 60_000,
          expiresAt: now + 24 * 3600_000,
          status: 'pending' as const,
        }));
    }),
  );
  states.push(...batch);
}
for (let i = 0; i < count; i += 7) fake.markPaid(`LOAD-${i}`);

fake.latencyMs = Number(a.latency);
const seen = fake.requests.length;
grants.length = 0;
const started = Date.now();
const summary = await runPollCycle({
  states,
  concurrency: Number(a.concurrency),
  check: (st) =>
    gateway.getStatus({
      merchantRef: st.merchantRef,
      providerRef: states.find((x) => x.merchantRef === st.merchantRef)!.providerRef,
    }),
  onResult: () => undefined,
});
const seconds = (Date.now() - started) / 1000;
/** Most events in any 1-second window. */
function maxPerSecond(list: number[]): number {
  const t = [...list].sort((x, y) => x - y);
  let max = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (j < t.length && t[j]! < t[i]! + 1000) j++;
    max = Math.max(max, j - i);
  }
  return max;
}
const arrivals = fake.requests.slice(seen).map((r) => r.at);
console.log(
  JSON.stringify({
    provider,
    count,
    latencyMs: Number(a.latency),
    rate,
    burst,
    seconds,
    ...summary,
    requests: arrivals.length,
    // Grants are when our limiter let a request go (the guarantee: <= burst + rate per second);
    // arrivals are when the fake saw them, which event-loop jitter can bunch by a few.
    maxGrantsPerSecond: maxPerSecond(grants),
    maxArrivalsPerSecond: maxPerSecond(arrivals),
  }),
);
await fake.stop();
