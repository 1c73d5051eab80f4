import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';

/*
 * Issue 20: report_monthly_customers and report_customer_status are kept by triggers
 * (drizzle/0024_report_customer_summaries.sql, per brand since drizzle/0028). Whatever sequence of inserts, status and brand changes,
 * history edits and deletes happens, each must equal the figure recomputed from the base tables.
 */
let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const STATUSES = ['active', 'inactive', 'suspended'] as const;
const day = fc
  .tuple(fc.integer({ min: 2024, max: 2026 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const op = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    status: fc.constantFrom(...STATUSES),
    brand: fc.constantFrom(1, 2),
    on: day,
  }),
  fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom(...STATUSES), on: day }),
  fc.record({ kind: fc.constant('brand' as const), pick: fc.nat(), brand: fc.constantFrom(1, 2) }),
  fc.record({ kind: fc.constant('redate' as const), pick: fc.nat(), on: day }),
  fc.record({ kind: fc.constant('dropHistory' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('deleteCustomer' as const), pick: fc.nat() }),
);

describe('trigger-kept report summaries', () => {
  it('equal the figures recomputed from customers and customer_status_history', () => {
    const db = t.app.ctx.sqlite;
    db.prepare("INSERT INTO brands(id, name, invoice_prefix) VALUES (2, 'Beta', 'BETA')").run();
    let n = 0;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        db.transaction(() => {
          const ids = () =>
            (db.prepare('SELECT id FROM customers ORDER BY id').all() as { id: number }[]).map((r) => r.id);
          const hist = () =>
            (db.prepare('SELECT id FROM customer_status_history ORDER BY id').all() as { id: number }[]).map(
              (r) => r.id,
            );
          for (const o of ops) {
            if (o.kind === 'insert') {
              db.prepare(
                'INSERT INTO customers(customer_code, name, status, brand_id, join_date) VALUES (?, ?, ?, ?, ?)',
              ).run(`P${++n}`, `P ${n}`, o.status, o.brand, o.on);
              continue;
            }
            const list = o.kind === 'redate' || o.kind === 'dropHistory' ? hist() : ids();
            if (!list.length) continue;
            const id = list[o.pick % list.length]!;
            if (o.kind === 'status') {
              const from = (db.prepare('SELECT status FROM customers WHERE id = ?').get(id) as { status: string })
                .status;
              db.prepare('UPDATE customers SET status = ? WHERE id = ?').run(o.status, id);
              db.prepare(
                "INSERT INTO customer_status_history(customer_id, from_status, to_status, changed_on, at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z')",
              ).run(id, from, o.status, o.on);
            } else if (o.kind === 'brand')
              db.prepare('UPDATE customers SET brand_id = ? WHERE id = ?').run(o.brand, id);
            else if (o.kind === 'redate')
              db.prepare('UPDATE customer_status_history SET changed_on = ? WHERE id = ?').run(o.on, id);
            else if (o.kind === 'dropHistory') db.prepare('DELETE FROM customer_status_history WHERE id = ?').run(id);
            else {
              db.prepare('DELETE FROM customer_status_history WHERE customer_id = ?').run(id);
              db.prepare('DELETE FROM customers WHERE id = ?').run(id);
            }
          }
        })();
        const monthly = db
          .prepare(
            'SELECT month, brand_id AS b, active_delta AS d, churned AS c FROM report_monthly_customers WHERE active_delta != 0 OR churned != 0 ORDER BY month, b',
          )
          .all();
        const recomputed = db
          .prepare(
            // Issue 18: per brand, the customer's brand now (a customer moving brand takes their history along).
            `SELECT substr(h.changed_on, 1, 7) AS month, c.brand_id AS b,
                    sum((h.to_status = 'active') - (coalesce(h.from_status, '') = 'active')) AS d,
                    sum(h.to_status = 'inactive' AND coalesce(h.from_status, '') != 'inactive') AS c
             FROM customer_status_history h JOIN customers c ON c.id = h.customer_id
             GROUP BY month, b HAVING d != 0 OR c != 0 ORDER BY month, b`,
          )
          .all();
        expect(monthly).toEqual(recomputed);
        expect(
          db
            .prepare(
              'SELECT brand_id AS b, status, customers AS n FROM report_customer_status WHERE customers != 0 ORDER BY b, status',
            )
            .all(),
        ).toEqual(
          db
            .prepare('SELECT brand_id AS b, status, count(*) AS n FROM customers GROUP BY b, status ORDER BY b, status')
            .all(),
        );
      }),
      { numRuns: 60 },
    );
  });
});
