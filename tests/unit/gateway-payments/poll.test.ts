import { afterEach, describe, expect, it } from 'vitest';
import { handleGatewayCallback } from '../../../src-main/core/gateway-payments/callback';
import { creditPaid } from '../../../src-main/core/gateway-payments/credit';
import { pollOnce } from '../../../src-main/core/gateway-payments/poller';
import { addAccount, travelTo } from '../billing/fixtures';
import { gatewayWorld, ledgerCounts, type GatewayWorld } from './setup';

let w: GatewayWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const MIN = 60_000;
const txRow = (world: GatewayWorld, id: number) =>
  world.t.app.ctx.sqlite
    .prepare(
      'SELECT status, consecutive_errors AS errors, next_poll_at AS nextPollAt FROM gateway_transactions WHERE id = ?',
    )
    .get(id) as { status: string; errors: number; nextPollAt: string | null };

describe('the poll worker', () => {
  it('an expired attempt stops being polled and credits nothing', async () => {
    w = await gatewayWorld('tripay');
    const tx = await w.t.ok('gatewayPayments.create', {
      customerId: w.customers[0]!.id,
      provider: 'tripay',
      method: 'QRIS',
    });
    w.fake.markExpired(tx.merchantRef);
    w.t.clock.advance(2 * MIN);
    await pollOnce(w.t.app.ctx);
    expect((await w.t.ok('gatewayPayments.get', { id: tx.id })).state).toBe('expired');
    expect(txRow(w, tx.id).nextPollAt).toBeNull();
    expect(ledgerCounts(w)).toMatchObject({ payments: 0, credits: 0 });
  });

  it('a gateway that answers 500 or times out is retried with backoff, without a crash; health shows it and alerts later', async () => {
    w = await gatewayWorld('duitku');
    const tx = await w.t.ok('gatewayPayments.create', {
      customerId: w.customers[0]!.id,
      provider: 'duitku',
      method: 'SP',
    });
    w.fake.markPaid(tx.merchantRef);
    w.fake.failNext('500', 3); // every attempt of the cycle's check
    w.t.clock.advance(2 * MIN);
    expect(await pollOnce(w.t.app.ctx)).toMatchObject({ checked: 1, errors: 1, credited: 0 });
    expect(txRow(w, tx.id)).toMatchObject({ status: 'pending', errors: 1 });
    let [health] = await w.t.ok('gateways.health', {});
    expect(health).toMatchObject({ provider: 'duitku', pending: 1, alert: false });
    expect(health!.failingSince).not.toBeNull();

    w.fake.failNext('timeout', 3);
    travelTo(w.t, txRow(w, tx.id).nextPollAt!);
    expect(await pollOnce(w.t.app.ctx)).toMatchObject({ checked: 1, errors: 1 });
    expect(txRow(w, tx.id).errors).toBe(2);
    travelTo(w.t, new Date(w.t.clock.now().getTime() + 31 * MIN).toISOString());
    [health] = await w.t.ok('gateways.health', {});
    expect(health!.alert).toBe(true);

    // The gateway is back: the next due check credits, and the alert clears.
    travelTo(w.t, txRow(w, tx.id).nextPollAt!);
    expect(await pollOnce(w.t.app.ctx)).toMatchObject({ checked: 1, credited: 1 });
    [health] = await w.t.ok('gateways.health', {});
    expect(health).toMatchObject({ alert: false, failingSince: null, pending: 0 });
  });

  it('catches up after the PC was off for two days: paid ones credited, the rest expired', async () => {
    w = await gatewayWorld('midtrans', { customers: 3 });
    const txs = [];
    for (const c of w.customers)
      txs.push(await w.t.ok('gatewayPayments.create', { customerId: c.id, provider: 'midtrans', method: 'qris' }));
    w.fake.markPaid(txs[0]!.merchantRef);
    w.fake.markExpired(txs[2]!.merchantRef);
    // Off for two days: nothing ran. Then on.
    travelTo(w.t, new Date(w.t.clock.now().getTime() + 48 * 60 * MIN).toISOString());
    const s = await pollOnce(w.t.app.ctx);
    expect(s).toMatchObject({ due: 3, checked: 3, credited: 1, errors: 0 });
    const states = await Promise.all(txs.map((t) => w!.t.ok('gatewayPayments.get', { id: t.id })));
    expect(states.map((t) => t.state)).toEqual(['credited', 'expired', 'expired']);
    expect(await pollOnce(w.t.app.ctx)).toMatchObject({ due: 0 });
  });

  it('restores an isolated account by itself once the gateway payment clears the arrears', async () => {
    w = await gatewayWorld('tripay', { customers: 1 });
    const customer = w.customers[0]!;
    const acc = addAccount(w.t, customer.id, w.pkg.id, 'isolir-qris');
    travelTo(w.t, '2026-12-10T03:00:00.000Z');
    expect((await w.t.ok('billing.runAutomation', {})).isolated).toBe(1);
    const tx = await w.t.ok('gatewayPayments.create', { customerId: customer.id, provider: 'tripay', method: 'QRIS' });
    w.fake.markPaid(tx.merchantRef);
    w.t.clock.advance(2 * MIN);
    await pollOnce(w.t.app.ctx);
    const status = w.t.app.ctx.sqlite.prepare('SELECT status FROM pppoe_accounts WHERE id = ?').get(acc) as {
      status: string;
    };
    expect(status.status).toBe('active');
  });
});

describe('races: poll, callback and retries never credit twice', () => {
  it('the credit itself is keyed by the reference: a second credit of the same money is a no-op', async () => {
    w = await gatewayWorld('xendit', { customers: 1 });
    const tx = await w.t.ok('gatewayPayments.create', {
      customerId: w.customers[0]!.id,
      provider: 'xendit',
      method: 'QRIS',
    });
    const call = { app: w.t.app.ctx, session: null, transport: 'internal' as const };
    const paid = { provider: 'xendit' as const, merchantRef: tx.merchantRef, providerRef: null, paidAmount: tx.amount };
    expect(creditPaid(call, { ...paid, via: 'poll' }).result).toBe('invoices');
    expect(creditPaid(call, { ...paid, via: 'callback' }).result).toBe('duplicate');
    expect(creditPaid(call, { ...paid, paidAmount: tx.amount + 1, via: 'callback' }).result).toBe('duplicate');
    expect(ledgerCounts(w)).toMatchObject({ payments: 1, credits: 1, reviews: 0 });
  });

  it('many polls, callbacks and "check now" at once for the same paid attempts credit each exactly once', async () => {
    w = await gatewayWorld('tripay', { customers: 4 });
    const txs = [];
    for (const c of w.customers)
      txs.push(await w.t.ok('gatewayPayments.create', { customerId: c.id, provider: 'tripay', method: 'QRIS' }));
    for (const tx of txs) w.fake.markPaid(tx.merchantRef);
    w.fake.latencyMs = 5; // let the answers interleave
    w.t.clock.advance(2 * MIN);
    const work: Promise<unknown>[] = [];
    for (let round = 0; round < 3; round++) {
      work.push(pollOnce(w.t.app.ctx, { concurrency: 4 }));
      for (const tx of txs) {
        const cb = w.fake.buildCallback(tx.merchantRef, 'valid');
        work.push(handleGatewayCallback(w.t.app.ctx, 'tripay', { rawBody: cb.body, headers: cb.headers }));
        work.push(w.t.ok('gatewayPayments.check', { id: tx.id }));
      }
    }
    await Promise.all(work);
    expect(ledgerCounts(w)).toMatchObject({ payments: 4, credits: 4, reviews: 0 });
    const perInvoice = w.t.app.ctx.sqlite
      .prepare(`SELECT invoice_id, SUM(amount) AS s FROM payment_allocations WHERE is_live = 1 GROUP BY invoice_id`)
      .all() as { s: number }[];
    for (const row of perInvoice) expect(row.s).toBe(txs[0]!.amount);
    const deposits = w.t.app.ctx.sqlite.prepare('SELECT SUM(deposit) AS d FROM customers').get() as { d: number };
    expect(deposits.d).toBe(0);
  });
});
