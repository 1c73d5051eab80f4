import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { applyOps, opArb, type LedgerOp } from '../reports/ledger';
import { AGGREGATE_CHECKS, seedBrandWorld } from './reports-fixture';

/*
 * Issue 18: the report aggregates are kept per brand by triggers (drizzle/0028). Whatever is written —
 * invoices, payments, voids, refunds, and a customer moved to another brand with their money — each
 * table must equal the sums recomputed from the ledger in each row's customer's brand.
 */
let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const db = () => t.app.ctx.sqlite;
function expectExact(when: string) {
  for (const c of AGGREGATE_CHECKS)
    expect(db().prepare(c.kept).all(), `${c.name} ${when}`).toEqual(db().prepare(c.recomputed).all());
}

/** Ledger ops with about one in four moving a customer to brand 1, 2 or 3. */
const withMoves: fc.Arbitrary<LedgerOp> = fc
  .tuple(opArb, fc.integer({ min: 0, max: 3 }))
  .map(([op, r]) => (r === 0 ? { ...op, kind: 'brand' as const } : op));

describe('per-brand report aggregates', () => {
  it('equal the ledger recomputed per brand over random writes and brand moves', () => {
    for (const b of [2, 3])
      db().prepare('INSERT INTO brands(id, name, invoice_prefix) VALUES (?, ?, ?)').run(b, `B${b}`, `B${b}`);
    fc.assert(
      fc.property(fc.array(withMoves, { minLength: 1, maxLength: 50 }), (ops) => {
        db().exec(
          'DELETE FROM payments; DELETE FROM invoices; DELETE FROM deposit_refunds; DELETE FROM customer_status_history; DELETE FROM customers; DELETE FROM users WHERE id > 1;',
        );
        applyOps(db(), ops);
        expectExact('after random writes');
      }),
      { numRuns: 60 },
    );
  });

  it('stay exact through the app: payment void, invoice void, refund and its void, a customer moved', async () => {
    const w = await seedBrandWorld(t);
    expectExact('after the fixture (payment void, invoice void, refund)');
    const betaTotals = async () =>
      (await t.ok('reports.financial', { from: '2026-01-01', to: '2026-12-31', groupBy: 'year', brandId: w.beta }))
        .totals;
    expect(await betaTotals()).toMatchObject({ refunded: 40_000, refunds: 1 });
    const refund = (await t.ok('refunds.list', { customerId: w.custB })).items[0]!;
    await t.ok('refunds.void', { id: refund.id, reason: 'Batal' });
    expect(await betaTotals()).toMatchObject({ refunded: 0, refunds: 0 });
    expectExact('after a refund void');

    // The app moves a customer without money: their join (status history) moves with them.
    const newcomer = await t.ok('customers.create', { name: 'Pelanggan Pindah', brandId: 1 });
    const joined = async (brandId: number) =>
      (await t.ok('reports.customers', { from: '2026-11-01', to: '2026-11-30', brandId })).months[0]!;
    expect((await joined(1)).activeAtEnd).toBe(2);
    await t.ok('customers.update', { id: newcomer.id, brandId: w.beta });
    expect(await joined(1)).toMatchObject({ new: 1, activeAtEnd: 1 });
    expect(await joined(w.beta)).toMatchObject({ new: 2, activeAtEnd: 2 });
    expectExact('after the app moved a customer');

    // Whoever writes it, a customer moved with money takes every figure along (and back).
    const alfaBefore = await t.ok('billing.dashboard', { brandId: 1 });
    db().prepare('UPDATE customers SET brand_id = 1 WHERE id = ?').run(w.custB);
    expectExact('after a customer with money moved');
    expect(await betaTotals()).toMatchObject({ invoiced: 0, collected: 0, outstanding: 0 });
    const alfa = await t.ok('billing.dashboard', { brandId: 1 });
    expect(alfa.collectedToday).toBe(alfaBefore.collectedToday + 600_000);
    db().prepare('UPDATE customers SET brand_id = ? WHERE id = ?').run(w.beta, w.custB);
    expectExact('after moving them back');
    expect(await betaTotals()).toMatchObject({ invoiced: 750_000, collected: 600_000, outstanding: 250_000 });
  });
});
