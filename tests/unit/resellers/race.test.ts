/**
 * "Never below zero under concurrent use": 50 payments sent at once over HTTP (50 connections, one
 * bill each) against a balance that covers 20 of them. Exactly 20 pass, 30 are refused, the balance ends
 * at zero and the running sum of the ledger is never negative at any row.
 */
import { afterEach, expect, it } from 'vitest';
import { createHttpHost } from '../../../src-main/host/http/server';
import { testApp, type TestApp } from '../../helpers/app';
import { checkInvariants } from '../billing/invariants';
import { ledgerSum, seedReseller } from './fixtures';

let t: TestApp;
let host: ReturnType<typeof createHttpHost> | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (host ? host.server.close(() => resolve()) : resolve()));
  host = undefined;
  t?.close();
});

it('50 parallel payments over HTTP against a balance for 20: 20 pass, 30 refused, never negative', async () => {
  t = await testApp();
  const s = await seedReseller(t, { customers: 50, price: 100_000 });
  await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 2_000_000, method: 'cash' });
  host = createHttpHost({ app: t.app });
  const { url } = await host.listen();

  const results = await Promise.all(
    s.own.map(async (c) => {
      const res = await fetch(`${url}/api/reseller.pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
        body: JSON.stringify({ invoiceId: s.invoiceOf(c.id).id }),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string } };
    }),
  );
  expect(results.filter((r) => r.ok)).toHaveLength(20);
  expect(results.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual(new Array(30).fill('CONFLICT'));
  expect(ledgerSum(t, s.reseller.id)).toBe(0);

  const rows = t.app.ctx.sqlite
    .prepare('SELECT amount FROM reseller_ledger WHERE reseller_id = ? ORDER BY id')
    .all(s.reseller.id) as { amount: number }[];
  let running = 0;
  for (const r of rows) {
    running += r.amount;
    expect(running).toBeGreaterThanOrEqual(0);
  }
  // Exactly the 20 bills paid, each once.
  const paid = t.app.ctx.sqlite
    .prepare(`SELECT count(*) AS n FROM payments WHERE method = 'reseller' AND status = 'live'`)
    .get() as { n: number };
  expect(paid.n).toBe(20);
  checkInvariants(t.app.ctx);
}, 120_000);
