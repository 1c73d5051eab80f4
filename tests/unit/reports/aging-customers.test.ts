import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../src-shared/dates';
import { testApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp(); // clock: 2026-11-24 10:00 WIB
});
afterEach(() => t.close());

const bucketOf = (d: number) => (d <= 0 ? 'current' : d <= 30 ? '1-30' : d <= 60 ? '31-60' : d <= 90 ? '61-90' : '90+');

describe('reports.aging', () => {
  it('puts every open invoice in the right age bucket, per customer, matching a JS oracle', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            customer: fc.integer({ min: 0, max: 4 }),
            dueOffset: fc.integer({ min: -40, max: 200 }),
            amount: fc.integer({ min: 1000, max: 500_000 }),
            paidPct: fc.constantFrom(0, 0, 50, 100),
            void: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        async (rows) => {
          const db = t.app.ctx.sqlite;
          db.exec('DELETE FROM invoices; DELETE FROM customer_status_history; DELETE FROM customers;');
          const ids = [0, 1, 2, 3, 4].map((i) =>
            Number(
              db
                .prepare("INSERT INTO customers(customer_code, name, join_date) VALUES (?, ?, '2025-01-01')")
                .run(`A${i}`, `Cust ${i}`).lastInsertRowid,
            ),
          );
          const asOf = '2026-11-24';
          const exp = new Map<string, Map<number, number>>();
          rows.forEach((r, i) => {
            const due = addDays(asOf, -r.dueOffset);
            const paid = Math.floor((r.amount * r.paidPct) / 100);
            const status = r.void ? 'void' : paid === r.amount ? 'paid' : paid > 0 ? 'partial' : 'unpaid';
            db.prepare(
              'INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, paid_amount, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            ).run(
              `I${i}`,
              ids[r.customer],
              '2026-01',
              addDays(due, -10) > asOf ? asOf : addDays(due, -10),
              due,
              r.amount,
              paid,
              status,
            );
            if (status === 'unpaid' || status === 'partial') {
              const b = bucketOf(daysBetween(due, asOf));
              const m = exp.get(b) ?? new Map<number, number>();
              m.set(ids[r.customer]!, (m.get(ids[r.customer]!) ?? 0) + r.amount - paid);
              exp.set(b, m);
            }
          });
          const rep = await t.ok('reports.aging', {});
          expect(rep.asOf).toBe(asOf);
          for (const b of rep.buckets) {
            const e = exp.get(b.bucket) ?? new Map();
            expect(new Map(b.customers.map((c) => [c.customerId, c.amount]))).toEqual(e);
            expect(b.amount).toBe([...e.values()].reduce((s, v) => s + v, 0));
            expect(b.customersTotal).toBe(e.size);
          }
          expect(rep.total).toBe(rep.buckets.reduce((s, b) => s + b.amount, 0));
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('reports.customers', () => {
  it('counts new, churned and active customers per month from the status history', async () => {
    const mk = async (name: string, joinDate: string) => (await t.ok('customers.create', { name, joinDate })).id;
    // Status history dates come from the clock: move it, then change status.
    const db = t.app.ctx.sqlite;
    const setHistory = (id: number, on: string) =>
      db
        .prepare('UPDATE customer_status_history SET changed_on = ? WHERE customer_id = ? AND from_status IS NULL')
        .run(on, id);
    const a = await mk('A', '2026-01-10');
    setHistory(a, '2026-01-10');
    const b = await mk('B', '2026-01-20');
    setHistory(b, '2026-01-20');
    const c = await mk('C', '2026-02-05');
    setHistory(c, '2026-02-05');
    await t.ok('customers.update', { id: b, status: 'inactive' });
    db.prepare(
      "UPDATE customer_status_history SET changed_on = '2026-02-15' WHERE customer_id = ? AND to_status = 'inactive'",
    ).run(b);
    await t.ok('customers.update', { id: c, status: 'suspended' });
    db.prepare(
      "UPDATE customer_status_history SET changed_on = '2026-03-03' WHERE customer_id = ? AND to_status = 'suspended'",
    ).run(c);
    // A customer without history (e.g. written before history existed) counts from its join date.
    db.prepare(
      "INSERT INTO customers(customer_code, name, join_date, status) VALUES ('OLD1', 'Old', '2025-12-01', 'active')",
    ).run();

    const r = await t.ok('reports.customers', { from: '2026-01-01', to: '2026-03-31' });
    expect(r.months.map((m) => [m.period, m.new, m.churned, m.activeAtStart, m.activeAtEnd])).toEqual([
      ['2026-01', 2, 0, 1, 3],
      ['2026-02', 1, 1, 3, 3],
      ['2026-03', 0, 0, 3, 2],
    ]);
    expect(r.months[1]!.churnRate).toBeCloseTo(1 / 3);
    expect(r.totals).toMatchObject({ new: 3, churned: 1, net: 2 });
    expect(r.byStatus).toEqual([
      { status: 'active', customers: 2 },
      { status: 'inactive', customers: 1 },
      { status: 'suspended', customers: 1 },
    ]);
  });
});
