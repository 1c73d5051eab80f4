/** A test app with billed customers and one gateway enabled against its local fake on 127.0.0.1. */
import { GATEWAY_HTTP_OPTIONS } from '../../../src-main/core/gateway-payments/gateways';
import { createFake, type FakeGateway, type FakeProvider } from '../../fakes/gateways';
import { fakeGatewaySettings } from '../../fakes/gateways/app-settings';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBilling } from '../billing/fixtures';
import { METHODS } from '../payments/harness';

export interface GatewayWorld {
  t: TestApp;
  fake: FakeGateway;
  provider: FakeProvider;
  customers: { id: number }[];
  pkg: { id: number };
  close(): Promise<void>;
}

export async function gatewayWorld(
  provider: FakeProvider,
  opts: { customers?: number; latencyMs?: number; ratePerSecond?: number } = {},
): Promise<GatewayWorld> {
  const t = await testApp();
  const fake = await createFake(provider, { now: () => t.clock.now().getTime(), latencyMs: opts.latencyMs }).start();
  // Short timeouts and backoff: a held request or a 500 costs milliseconds, not seconds.
  t.app.ctx.services[GATEWAY_HTTP_OPTIONS] = {
    timeoutMs: 400,
    maxAttempts: 3,
    backoff: { baseMs: 1, maxMs: 5, factor: 2 },
  };
  await t.ok(
    'gateways.save',
    fakeGatewaySettings(provider, fake, [METHODS[provider].qris, METHODS[provider].va], {
      ratePerSecond: opts.ratePerSecond ?? 100,
    }),
  );
  const { customers, pkg } = await seedBilling(t, { customers: opts.customers ?? 2 });
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  return {
    t,
    fake,
    provider,
    customers,
    pkg,
    async close() {
      await fake.stop();
      t.close();
    },
  };
}

export const qrisOf = (p: FakeProvider) => METHODS[p].qris;

/** Counts of what money rows exist, to prove "nothing written" and "credited once". */
export function ledgerCounts(w: GatewayWorld) {
  const db = w.t.app.ctx.sqlite;
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    payments: n(`SELECT COUNT(*) AS n FROM payments WHERE method LIKE 'gateway/%'`),
    credits: n(`SELECT COUNT(*) AS n FROM gateway_credits`),
    reviews: n(`SELECT COUNT(*) AS n FROM payment_reviews`),
    audit: n(`SELECT COUNT(*) AS n FROM audit_log`),
  };
}
