import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../src-shared/dates';
import { testApp, type TestApp } from '../../helpers/app';
import { applyOps, BASE_DAY, opArb } from './ledger';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

type Inv = { invoice_date: string; amount: number; paid_amount: number; status: string; voided_at: string | null };
type Pay = { payment_date: string; amount: number; method: string; status: string; received_by: number | null };
type Ref = { refund_date: string; amount: number; method: string; status: string };

/** The oracle: the same figures computed in plain JS from the raw rows (no SQL aggregation). */
const ZERO = { invoiced: 0, collected: 0, voided: 0, outstanding: 0, payments: 0, refunded: 0, refunds: 0 };

function expected(invs: Inv[], pays: Pay[], refs: Ref[], from: string, to: string, len: number) {
  const buckets = new Map<string, typeof ZERO>();
  const b = (k: string) => {
    let v = buckets.get(k);
    if (!v) buckets.set(k, (v = { ...ZERO }));
    return v;
  };
  const wib = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
  for (const i of invs) {
    if (i.status !== 'void' && i.invoice_date >= from && i.invoice_date <= to) {
      b(i.invoice_date.slice(0, len)).invoiced += i.amount;
      b(i.invoice_date.slice(0, len)).outstanding += i.amount - i.paid_amount;
    }
    if (i.status === 'void' && i.voided_at) {
      const d = wib(i.voided_at);
      if (d >= from && d <= to) b(d.slice(0, len)).voided += i.amount;
    }
  }
  for (const p of pays) {
    if (p.status === 'live' && p.method !== 'deposit' && p.payment_date >= from && p.payment_date <= to) {
      b(p.payment_date.slice(0, len)).collected += p.amount;
      b(p.payment_date.slice(0, len)).payments += 1;
    }
  }
  for (const r of refs) {
    if (r.status === 'live' && r.refund_date >= from && r.refund_date <= to) {
      b(r.refund_date.slice(0, len)).refunded += r.amount;
      b(r.refund_date.slice(0, len)).refunds += 1;
    }
  }
  return buckets;
}

describe('reports.financial', () => {
  it('matches an independent computation over random ledgers, for every grouping', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom('day', 'month', 'year') as fc.Arbitrary<'day' | 'month' | 'year'>,
        async (ops, start, span, groupBy) => {
          const db = t.app.ctx.sqlite;
          db.exec(
            'DELETE FROM payments; DELETE FROM invoices; DELETE FROM deposit_refunds; DELETE FROM customer_status_history; DELETE FROM customers; DELETE FROM users WHERE id > 1;',
          );
          db.exec(
            'DELETE FROM report_daily_invoices; DELETE FROM report_daily_payments; DELETE FROM report_daily_refunds;',
          );
          applyOps(db, ops);
          const from = addDays(BASE_DAY, start);
          const to = addDays(from, span);
          const r = await t.ok('reports.financial', { from, to, groupBy });
          const len = { day: 10, month: 7, year: 4 }[groupBy];
          const exp = expected(
            db.prepare('SELECT * FROM invoices').all() as Inv[],
            db.prepare('SELECT * FROM payments').all() as Pay[],
            db.prepare('SELECT * FROM deposit_refunds').all() as Ref[],
            from,
            to,
            len,
          );
          for (const bucket of r.buckets) {
            const e = exp.get(bucket.key) ?? ZERO;
            expect({ ...bucket, key: undefined }).toEqual({ key: undefined, ...e });
          }
          // Every bucket with activity is in range and present; buckets are continuous.
          for (const k of exp.keys()) expect(r.buckets.some((x) => x.key === k)).toBe(true);
          expect(r.totals.collected).toBe(r.buckets.reduce((s, x) => s + x.collected, 0));
          const pays = (db.prepare('SELECT * FROM payments').all() as Pay[]).filter(
            (p) => p.status === 'live' && p.payment_date >= from && p.payment_date <= to,
          );
          const byMethod = new Map<string, number>();
          for (const p of pays) byMethod.set(p.method, (byMethod.get(p.method) ?? 0) + p.amount);
          expect(new Map(r.byMethod.map((m) => [m.method, m.amount]))).toEqual(byMethod);
          const cashierTotal = pays.filter((p) => p.method !== 'deposit').reduce((s, p) => s + p.amount, 0);
          expect(r.byCashier.reduce((s, c) => s + c.amount, 0)).toBe(cashierTotal);
          // Refunds: money out, live ones only, split by how they were paid.
          const refs = (db.prepare('SELECT * FROM deposit_refunds').all() as Ref[]).filter(
            (x) => x.status === 'live' && x.refund_date >= from && x.refund_date <= to,
          );
          expect(r.totals.refunded).toBe(refs.reduce((s, x) => s + x.amount, 0));
          const refundsByMethod = new Map<string, number>();
          for (const x of refs) refundsByMethod.set(x.method, (refundsByMethod.get(x.method) ?? 0) + x.amount);
          expect(new Map(r.refundsByMethod.map((m) => [m.method, m.amount]))).toEqual(refundsByMethod);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('fills empty buckets so charts get a continuous axis', async () => {
    const r = await t.ok('reports.financial', { from: '2026-01-15', to: '2026-04-02', groupBy: 'month' });
    expect(r.buckets.map((b) => b.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const d = await t.ok('reports.financial', { from: '2026-02-27', to: '2026-03-02', groupBy: 'day' });
    expect(d.buckets.map((b) => b.key)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it.each([
    [{ from: '2026-05-01', to: '2026-04-01' }, 'to', /before the start/],
    [{ from: '2010-01-01', to: '2026-04-01' }, 'to', /10 years/],
    [{ from: '2026-02-30', to: '2026-04-01' }, 'from', /real calendar date/],
    [{ from: '2026-01-01', to: '2026-04-01', groupBy: 'week' }, 'groupBy', /day, month or year/],
  ])('rejects %j on %s', async (input, field, message) => {
    const r = await t.call('reports.financial', input as never);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_INPUT');
      expect(r.error.issues?.[0]).toMatchObject({ path: field, message: expect.stringMatching(message) });
    }
  });
});
