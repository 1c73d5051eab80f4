import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPayment, voidPayment } from '../../../src-main/core/billing/payments';
import { runPeriod } from '../../../src-main/core/billing/invoiceRun';
import { createRefund } from '../../../src-main/core/billing/refunds';
import type { CallContext } from '../../../src-main/core/context';
import { addMonths } from '../../../src-shared/dates';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBilling, travelTo } from './fixtures';
import { checkInvariants } from './invariants';

/**
 * Random sequences of invoice runs (incl. retries and concurrent duplicates), payments (partial, over,
 * from deposit, every method, good and bad input), deposit refunds (cash and transfer, up to and past the
 * deposit), voids of payments, refunds and invoices, clock moves and crashes mid-transaction. After every step: every DOMAIN.md invariant (independent SQL), no INTERNAL
 * error, and a refused or crashed step leaves the database exactly as it was.
 */

const METHODS = ['cash', 'bank_transfer', 'e_wallet', 'credit_card'] as const;

const op = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('run' as const),
      offset: fc.integer({ min: -1, max: 1 }),
      dryRun: fc.boolean(),
      twice: fc.boolean(),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      customer: fc.nat(3),
      amount: fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 1, max: 600_000 }) },
        { weight: 1, arbitrary: fc.constantFrom(0, -1000, 1500.5, 6_000_000) },
      ),
      method: fc.constantFrom(...METHODS),
      withRef: fc.boolean(),
      invoicePick: fc.option(fc.nat(20), { nil: undefined }),
      useDeposit: fc.boolean(),
      confirmLarge: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('payDeposit' as const),
      customer: fc.nat(3),
      amount: fc.integer({ min: 1, max: 400_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('overpay' as const),
      customer: fc.nat(3),
      extra: fc.integer({ min: 1, max: 200_000 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      customer: fc.nat(3),
      // Often the whole deposit or more, so the "never more than the deposit" edge is hit.
      amount: fc.oneof(
        { weight: 3, arbitrary: fc.constant('all' as const) },
        { weight: 1, arbitrary: fc.constant('allPlusOne' as const) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
      ),
      method: fc.constantFrom('cash', 'bank_transfer', 'e_wallet'),
      withRef: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('voidRefund' as const), pick: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('voidPayment' as const), pick: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('voidInvoice' as const), pick: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 40 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('crash' as const),
      what: fc.constantFrom('payment', 'run', 'void', 'refund'),
      customer: fc.nat(3),
    }),
  },
);

/** Everything a refused or crashed step must leave untouched. */
function snapshot(t: TestApp): string {
  const db = t.app.ctx.sqlite;
  const one = (sql: string) => JSON.stringify(db.prepare(sql).all());
  return [
    one('SELECT count(*), coalesce(sum(paid_amount),0), group_concat(status) FROM invoices'),
    one('SELECT count(*), group_concat(status) FROM payments'),
    one('SELECT count(*), coalesce(sum(is_live),0) FROM payment_allocations'),
    one('SELECT count(*), coalesce(sum(amount),0) FROM deposit_ledger'),
    one('SELECT count(*), group_concat(status) FROM deposit_refunds'),
    one('SELECT * FROM report_daily_refunds ORDER BY 1, 2, 3'),
    one('SELECT id, status, expected_cash FROM shifts ORDER BY id'),
    one('SELECT id, deposit FROM customers ORDER BY id'),
    one('SELECT count(*) FROM audit_log'),
    one('SELECT name, value FROM sequences ORDER BY name'),
    one('SELECT count(*) FROM job_runs'),
  ].join('|');
}

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function runSequence(ops: Op[], allowNegativeDeposit = false): Promise<void> {
  const t = await testApp();
  try {
    const { customers } = await seedBilling(t, { customers: 4, startDate: '2026-08-01' });
    if (allowNegativeDeposit) await t.ok('settings.update', { allowNegativeDeposit: true });
    // Mixed fees so partial / over payments happen naturally.
    t.app.ctx.sqlite
      .prepare("UPDATE subscriptions SET monthly_fee = monthly_fee + id * 25000, fee_note = 'test'")
      .run();
    // One customer starts with a deposit (paid ahead before any invoice), so refunds have something to pay back.
    await t.ok('payments.create', {
      customerId: customers[0]!.id,
      amount: 150_000,
      method: 'bank_transfer',
      referenceNumber: 'AWAL',
    });
    const internal: CallContext = { app: t.app.ctx, session: null, transport: 'internal' };
    let now = Date.parse('2026-11-24T03:00:00.000Z');
    const base = '2026-11';
    for (const o of ops) {
      const before = snapshot(t);
      let failed = false;
      const expectRefusal = (r: { ok: boolean; error?: { code: string; message: string } }) => {
        if (r.ok) return;
        failed = true;
        expect(['BAD_INPUT', 'CONFLICT'], `${o.kind}: ${r.error!.message}`).toContain(r.error!.code);
      };
      switch (o.kind) {
        case 'run': {
          const period = addMonths(base, o.offset);
          if (o.twice) {
            const rs = await Promise.all([
              t.call('billing.generateInvoices', { period, dryRun: o.dryRun }),
              t.call('billing.generateInvoices', { period, dryRun: o.dryRun }),
            ]);
            rs.forEach(expectRefusal);
          } else expectRefusal(await t.call('billing.generateInvoices', { period, dryRun: o.dryRun }));
          if (o.dryRun) expect(snapshot(t), 'dry run writes nothing').toBe(before);
          break;
        }
        case 'pay': {
          const c = customers[o.customer]!;
          const inv = t.app.ctx.sqlite
            .prepare('SELECT id FROM invoices WHERE customer_id = ? ORDER BY id')
            .all(c.id) as {
            id: number;
          }[];
          const invoiceId =
            o.invoicePick === undefined || !inv.length ? undefined : inv[o.invoicePick % inv.length]!.id;
          expectRefusal(
            await t.call('payments.create', {
              customerId: c.id,
              amount: o.amount,
              method: o.method,
              referenceNumber: o.withRef || o.method === 'cash' ? `REF-${o.amount}` : undefined,
              invoiceId,
              useDeposit: o.useDeposit,
              confirmLarge: o.confirmLarge,
            }),
          );
          break;
        }
        case 'payDeposit':
          expectRefusal(
            await t.call('payments.create', {
              customerId: customers[o.customer]!.id,
              amount: o.amount,
              method: 'deposit',
            }),
          );
          break;
        case 'overpay': {
          // Pays everything open and more: the rest goes to the deposit (something to refund later).
          const c = customers[o.customer]!;
          const open = (
            t.app.ctx.sqlite
              .prepare(
                "SELECT coalesce(sum(amount - paid_amount), 0) AS s FROM invoices WHERE customer_id = ? AND status IN ('unpaid','partial')",
              )
              .get(c.id) as { s: number }
          ).s;
          expectRefusal(
            await t.call('payments.create', {
              customerId: c.id,
              amount: open + o.extra,
              method: 'bank_transfer',
              referenceNumber: `OP-${o.extra}`,
              confirmLarge: true,
            }),
          );
          break;
        }
        case 'refund': {
          // Mostly a customer who has a deposit to pay back (few do in a random ledger).
          const depositOf = (id: number) =>
            (t.app.ctx.sqlite.prepare('SELECT deposit FROM customers WHERE id = ?').get(id) as { deposit: number })
              .deposit;
          const holders = customers.filter((x) => depositOf(x.id) > 0);
          const c = holders.length ? holders[o.customer % holders.length]! : customers[o.customer]!;
          const deposit = depositOf(c.id);
          const amount = o.amount === 'all' ? deposit : o.amount === 'allPlusOne' ? deposit + 1 : o.amount;
          const r = await t.call('refunds.create', {
            customerId: c.id,
            amount,
            method: o.method,
            referenceNumber: o.withRef ? `RF-${amount}` : undefined,
            reason: 'berhenti',
          });
          expectRefusal(r);
          // Refused exactly when it would pay out more than the deposit (or is not a valid amount / lacks a reference).
          if (amount > deposit || amount <= 0) expect(r.ok, 'over-refund refused').toBe(false);
          break;
        }
        case 'voidRefund': {
          const rs = t.app.ctx.sqlite.prepare('SELECT id FROM deposit_refunds ORDER BY id').all() as { id: number }[];
          if (!rs.length) continue;
          expectRefusal(await t.call('refunds.void', { id: rs[o.pick % rs.length]!.id, reason: 'uji' }));
          break;
        }
        case 'voidPayment': {
          const ps = t.app.ctx.sqlite.prepare('SELECT id FROM payments ORDER BY id').all() as { id: number }[];
          if (!ps.length) continue;
          expectRefusal(await t.call('payments.void', { id: ps[o.pick % ps.length]!.id, reason: 'uji' }));
          break;
        }
        case 'voidInvoice': {
          const is = t.app.ctx.sqlite.prepare('SELECT id FROM invoices ORDER BY id').all() as { id: number }[];
          if (!is.length) continue;
          expectRefusal(await t.call('invoices.void', { id: is[o.pick % is.length]!.id, reason: 'uji' }));
          break;
        }
        case 'advance':
          now += o.days * 86_400_000;
          travelTo(t, new Date(now).toISOString());
          // A new day: shift still open (same user); nothing else to do.
          break;
        case 'crash': {
          // A business transaction that dies half-way (power cut, bug): everything it wrote rolls back.
          const db = t.app.ctx.sqlite;
          const session = {
            userId: 1,
            username: 'admin',
            fullName: 'Admin',
            role: 'admin' as const,
            sessionId: 1,
            expiresAt: '9999',
          };
          const call = { ...internal, session };
          expect(() =>
            db.transaction(() => {
              if (o.what === 'payment')
                createPayment(call, {
                  customerId: customers[o.customer]!.id,
                  amount: 123_456,
                  method: 'bank_transfer',
                  referenceNumber: 'X',
                });
              else if (o.what === 'run') runPeriod(call, addMonths(base, 1));
              else if (o.what === 'refund') {
                try {
                  createRefund(call, {
                    customerId: customers[o.customer]!.id,
                    amount: 1,
                    method: 'bank_transfer',
                    referenceNumber: 'X',
                    reason: 'crash',
                  });
                } catch {
                  /* no deposit to refund: still crash below */
                }
              } else {
                const p = db.prepare("SELECT id FROM payments WHERE status = 'live' ORDER BY id DESC LIMIT 1").get() as
                  | { id: number }
                  | undefined;
                if (p) {
                  try {
                    voidPayment(call, p.id, 'crash');
                  } catch {
                    /* refused void: still crash below */
                  }
                }
              }
              throw new Error('power cut');
            })(),
          ).toThrow();
          failed = true;
          break;
        }
      }
      if (failed) expect(snapshot(t), `${o.kind} refused/crashed: nothing written`).toBe(before);
      checkInvariants(t.app.ctx, { allowNegativeDeposit });
    }
  } finally {
    t.close();
  }
}

describe('billing ledger under random operation sequences', () => {
  it('keeps every DOMAIN.md invariant after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 35 }), (ops) => runSequence(ops)),
      { numRuns: 30, seed: 4242 },
    );
  }, 120_000);

  it('keeps them with negative deposits allowed too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), (ops) => runSequence(ops, true)),
      { numRuns: 15, seed: 777 },
    );
  }, 120_000);
});
