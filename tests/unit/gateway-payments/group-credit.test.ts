/** Gateway credits through the group commit: callbacks over HTTP, a crash before the commit, arrival order. */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { creditPaidQueued, type ConfirmedPaid } from '../../../src-main/core/gateway-payments/credit';
import { CREDIT_QUEUE_OPTIONS, creditQueue } from '../../../src-main/core/gateway-payments/credit-queue';
import type { GroupCommitOptions } from '../../../src-main/core/gateway-payments/group-commit';
import { createPortalHost } from '../../../src-main/host/http/portal-server';
import { gatewayWorld, ledgerCounts, qrisOf, type GatewayWorld } from './setup';

let w: GatewayWorld | undefined;
let host: ReturnType<typeof createPortalHost> | undefined;
afterEach(async () => {
  await host?.close();
  await w?.close();
  host = w = undefined;
});

async function receiver(world: GatewayWorld, opts: GroupCommitOptions) {
  world.t.app.ctx.services[CREDIT_QUEUE_OPTIONS] = opts;
  world.t.app.ctx.sqlite.prepare('UPDATE gateway_settings SET callbacks_enabled = 1').run();
  host = createPortalHost({ app: world.t.app, host: '127.0.0.1', port: 0 });
  const { port } = await host.listen();
  return `http://127.0.0.1:${port}/callback/${world.provider}`;
}

/** One paid attempt per customer. */
async function paidAttempts(world: GatewayWorld) {
  const txs = [];
  for (const c of world.customers) {
    const tx = await world.t.ok('gatewayPayments.create', {
      customerId: c.id,
      provider: world.provider,
      method: qrisOf(world.provider),
    });
    world.fake.markPaid(tx.merchantRef);
    txs.push(tx);
  }
  return txs;
}

describe('gateway callbacks through the group commit', () => {
  it('duplicate callbacks arriving at once credit each payment once, every one answered 200', async () => {
    w = await gatewayWorld('tripay', { customers: 5 });
    const url = await receiver(w, {});
    const txs = await paidAttempts(w);
    const sends = txs.flatMap((tx) => [1, 2, 3].map(() => w!.fake.sendCallback(tx.merchantRef, url)));
    const answers = await Promise.all(sends);
    expect(answers.map((a) => a.status)).toEqual(Array(15).fill(200));
    expect(ledgerCounts(w)).toMatchObject({ payments: 5, credits: 5, reviews: 0 });
    for (const tx of txs) expect((await w.t.ok('gatewayPayments.get', { id: tx.id })).state).toBe('credited');
  });

  it('a crash before the commit: callbacks are answered 503, nothing is credited, the retries credit once', async () => {
    w = await gatewayWorld('midtrans', { customers: 4 });
    let crash = true;
    const url = await receiver(w, {
      beforeCommit: () => {
        if (crash) throw new Error('power cut before COMMIT');
      },
    });
    const txs = await paidAttempts(w);
    const before = ledgerCounts(w);
    const first = await Promise.all(txs.map((tx) => w!.fake.sendCallback(tx.merchantRef, url)));
    expect(first.map((a) => a.status)).toEqual([503, 503, 503, 503]);
    expect(ledgerCounts(w)).toEqual(before);
    for (const tx of txs) expect((await w.t.ok('gatewayPayments.get', { id: tx.id })).state).toBe('pending');
    crash = false;
    const retries = await Promise.all([...txs, ...txs].map((tx) => w!.fake.sendCallback(tx.merchantRef, url)));
    expect(retries.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(ledgerCounts(w)).toMatchObject({ payments: 4, credits: 4, reviews: 0 });
  });

  it('a full queue answers 503 with Retry-After and writes nothing', async () => {
    w = await gatewayWorld('xendit', { customers: 1 });
    const url = await receiver(w, { maxQueue: 0 });
    const [tx] = await paidAttempts(w);
    const before = ledgerCounts(w);
    const res = await fetch(url, { method: 'POST', ...callbackRequest(w, tx!.merchantRef) });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(ledgerCounts(w)).toEqual(before);
  });

  it('a crash in the middle of one batch credits none of it; the providers retry and each is credited once', async () => {
    w = await gatewayWorld('duitku', { customers: 4 });
    let crash = true;
    w.t.app.ctx.services[CREDIT_QUEUE_OPTIONS] = {
      beforeCommit: () => {
        if (crash) throw new Error('power cut before COMMIT');
      },
    };
    const txs = await paidAttempts(w);
    const call = { app: w.t.app.ctx, session: null, transport: 'internal' as const };
    const paid = (tx: (typeof txs)[number]): ConfirmedPaid => ({
      provider: 'duitku',
      merchantRef: tx.merchantRef,
      providerRef: null,
      paidAmount: tx.amount,
      via: 'callback',
    });
    const first = await Promise.allSettled(txs.map((tx) => creditPaidQueued(call, paid(tx))));
    expect(first.every((r) => r.status === 'rejected')).toBe(true);
    expect(creditQueue(w.t.app.ctx).stats).toMatchObject({ batches: 1, largest: 4 });
    expect(ledgerCounts(w)).toMatchObject({ payments: 0, credits: 0 });
    crash = false;
    const again = await Promise.all([...txs, ...txs].map((tx) => creditPaidQueued(call, paid(tx))));
    expect(again.map((r) => r.result)).toEqual([...Array(4).fill('invoices'), ...Array(4).fill('duplicate')]);
    expect(ledgerCounts(w)).toMatchObject({ payments: 4, credits: 4 });
  });
});

/** The provider's signed request for a callback (through the fake's own builder). */
function callbackRequest(world: GatewayWorld, merchantRef: string) {
  const cb = world.fake.buildCallback(merchantRef, 'valid');
  return { headers: cb.headers, body: cb.body };
}

/**
 * Three customers with one open bill each. Notifications: two paid attempts on customer 0's one bill (the
 * second must go to the deposit), an amount other than asked on customer 1's (review), a plain one on
 * customer 2's, a reference we never made (review) — each sent twice.
 */
function notifications(world: GatewayWorld): { paid: ConfirmedPaid[]; customers: number[] } {
  const db = world.t.app.ctx.sqlite;
  const bills = db
    .prepare(`SELECT id, customer_id AS customerId, amount FROM invoices WHERE status = 'unpaid' ORDER BY customer_id`)
    .all() as { id: number; customerId: number; amount: number }[];
  const addTx = db.prepare(
    `INSERT INTO gateway_transactions(merchant_ref, provider, customer_id, amount, method, status, expires_at)
     VALUES (?, 'tripay', ?, ?, 'QRIS', 'pending', '2099-01-01T00:00:00.000Z')`,
  );
  const addInv = db.prepare(
    'INSERT INTO gateway_transaction_invoices(transaction_id, invoice_id, amount) VALUES (?, ?, ?)',
  );
  const attempt = (ref: string, bill: (typeof bills)[number]) => {
    addInv.run(Number(addTx.run(ref, bill.customerId, bill.amount).lastInsertRowid), bill.id, bill.amount);
    return {
      provider: 'tripay' as const,
      merchantRef: ref,
      providerRef: null,
      paidAmount: bill.amount,
      via: 'callback',
    };
  };
  const [b0, b1, b2] = bills;
  const paid: ConfirmedPaid[] = [
    attempt('PD-A', b0!),
    attempt('PD-B', b0!),
    { ...attempt('PD-C', b1!), paidAmount: b1!.amount + 5_000 },
    attempt('PD-D', b2!),
    { provider: 'tripay', merchantRef: 'PD-NOBODY', providerRef: null, paidAmount: 77_000, via: 'callback' },
  ];
  return { paid: [...paid, ...paid], customers: bills.map((b) => b.customerId) };
}

describe('order of arrival', () => {
  it('does not change balances, deposits, payments or the review list (property, any order, batches of 3)', async () => {
    const results: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.infiniteStream(fc.nat()), async (rand) => {
        const world = await gatewayWorld('tripay', { customers: 3 });
        try {
          world.t.app.ctx.services[CREDIT_QUEUE_OPTIONS] = { maxBatch: 3 };
          const { paid, customers } = notifications(world);
          // A random order of arrival (Fisher–Yates from the property's numbers).
          const order = [...paid];
          const it = rand[Symbol.iterator]();
          for (let i = order.length - 1; i > 0; i--) {
            const j = it.next().value! % (i + 1);
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          const call = { app: world.t.app.ctx, session: null, transport: 'internal' as const };
          const outcomes = await Promise.all(order.map((p) => creditPaidQueued(call, p)));
          expect(outcomes.filter((o) => o.result === 'duplicate')).toHaveLength(5);
          const db = world.t.app.ctx.sqlite;
          const balance = customers.map((id) =>
            db
              .prepare(
                `SELECT (SELECT COALESCE(SUM(amount - paid_amount), 0) FROM invoices WHERE customer_id = ? AND status <> 'void') AS owed,
                        (SELECT deposit FROM customers WHERE id = ?) AS deposit`,
              )
              .get(id, id),
          );
          const snapshot = JSON.stringify({ balance, ledger: ledgerCounts(world) });
          results.push(snapshot);
          expect(snapshot).toBe(results[0]);
        } finally {
          await world.close();
        }
      }),
      { numRuns: 4 },
    );
    const first = JSON.parse(results[0]!);
    expect(first.balance[0].owed).toBe(0);
    expect(first.balance[0].deposit).toBeGreaterThan(0);
    expect(first.balance[1].deposit).toBe(0);
    expect(first.balance[1].owed).toBeGreaterThan(0);
    expect(first.balance[2]).toEqual({ owed: 0, deposit: 0 });
    expect(first.ledger).toMatchObject({ payments: 3, credits: 5, reviews: 2 });
  });
});
