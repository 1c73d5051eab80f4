/**
 * Runs one fake payment gateway for manual tries and Playwright:
 *   npx tsx tests/fakes/gateways/cli.ts --provider tripay --port 0 [--latency 50]
 * Prints one line once listening:
 *   GATEWAY_FAKE provider=tripay url=<base URL for the adapter> control=<origin>/__fake credentials=<JSON>
 * Control API (JSON): GET /__fake/state; POST /__fake/pay {merchantRef, amount?};
 * POST /__fake/expire {merchantRef}; POST /__fake/callback {merchantRef, url, variant?: valid|bad-signature|amount-mismatch};
 * POST /__fake/faults {latencyMs?, next?: timeout|timeout-after-processing|500|500-after-processing, times?, clear?}.
 */
import { parseArgs } from 'node:util';
import { createFake, FAKE_PROVIDERS, type FakeProvider } from './index';

const { values: a } = parseArgs({
  options: {
    provider: { type: 'string' },
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
  },
});

const provider = a.provider as FakeProvider;
if (!FAKE_PROVIDERS.includes(provider)) {
  console.error(`--provider must be one of: ${FAKE_PROVIDERS.join(', ')}`);
  process.exit(2);
}

const fake = createFake(provider, { latencyMs: Number(a.latency) });
await fake.start(Number(a.port));
console.log(
  `GATEWAY_FAKE provider=${provider} url=${fake.baseUrl} control=${fake.origin}/__fake credentials=${JSON.stringify(fake.credentials())}`,
);
const shutdown = () => void fake.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
