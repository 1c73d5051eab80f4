import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';

/*
 * Issue 18/20: report_package_subscriptions (drizzle/0035) is kept by triggers on subscriptions and on the
 * customers' brand. Whatever sequence of inserts, status, package, fee and subscriber changes, deletes and
 * brand moves happens, it must equal the active subscriptions per package × brand recomputed from the tables.
 */
let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const STATUSES = ['active', 'inactive', 'suspended', 'expired'] as const;
const fee = fc.integer({ min: 0, max: 1_000_000 });
const op = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    customer: fc.nat(),
    pkg: fc.nat(),
    status: fc.constantFrom(...STATUSES),
    fee,
  }),
  fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant('package' as const), pick: fc.nat(), pkg: fc.nat() }),
  fc.record({ kind: fc.constant('fee' as const), pick: fc.nat(), fee }),
  fc.record({ kind: fc.constant('subscriber' as const), pick: fc.nat(), customer: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('brand' as const), customer: fc.nat(), brand: fc.constantFrom(1, 2, 3) }),
);

/** The summary's non-zero rows and the same figures recomputed from subscriptions and customers. */
function summaryAndRecomputed() {
  const db = t.app.ctx.sqlite;
  return {
    summary: db
      .prepare(
        `SELECT package_id AS p, brand_id AS b, subscriptions AS n, fees AS f FROM report_package_subscriptions
         WHERE subscriptions != 0 OR fees != 0 ORDER BY p, b`,
      )
      .all(),
    recomputed: db
      .prepare(
        `SELECT s.internet_package_id AS p, c.brand_id AS b, count(*) AS n, sum(s.monthly_fee) AS f
         FROM subscriptions s JOIN customers c ON c.id = s.customer_id WHERE s.status = 'active'
         GROUP BY p, b ORDER BY p, b`,
      )
      .all(),
  };
}

describe('report_package_subscriptions', () => {
  it('matches after the demo data is written through the app', async () => {
    await t.ok('demo.load', {});
    const { summary, recomputed } = summaryAndRecomputed();
    expect(recomputed.length).toBeGreaterThan(0);
    expect(summary).toEqual(recomputed);
  });

  it('equals the active subscriptions per package and brand recomputed from the tables', () => {
    const db = t.app.ctx.sqlite;
    db.prepare("INSERT INTO brands(id, name, invoice_prefix) VALUES (2, 'Beta', 'BETA'), (3, 'Gamma', 'GAMMA')").run();
    const customers: number[] = [];
    for (let i = 1; i <= 6; i++)
      customers.push(
        Number(
          db
            .prepare("INSERT INTO customers(customer_code, name, brand_id, join_date) VALUES (?, ?, ?, '2026-01-01')")
            .run(`S${i}`, `S ${i}`, 1 + (i % 3)).lastInsertRowid,
        ),
      );
    const packages: number[] = [];
    for (let i = 1; i <= 4; i++)
      packages.push(
        Number(
          db
            .prepare(
              `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name, brand_id)
               VALUES (?, 1024, 2048, 100000, 'monthly', 30, ?, ?)`,
            )
            .run(`Paket ${i}`, `p${i}`, 1 + (i % 3)).lastInsertRowid,
        ),
      );
    const pick = <T>(xs: T[], n: number) => xs[n % xs.length]!;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        db.transaction(() => {
          for (const o of ops) {
            if (o.kind === 'insert') {
              db.prepare(
                `INSERT INTO subscriptions(customer_id, internet_package_id, start_date, monthly_fee, status)
                 VALUES (?, ?, '2026-01-01', ?, ?)`,
              ).run(pick(customers, o.customer), pick(packages, o.pkg), o.fee, o.status);
              continue;
            }
            if (o.kind === 'brand') {
              db.prepare('UPDATE customers SET brand_id = ? WHERE id = ?').run(o.brand, pick(customers, o.customer));
              continue;
            }
            const subs = (db.prepare('SELECT id FROM subscriptions ORDER BY id').all() as { id: number }[]).map(
              (r) => r.id,
            );
            if (!subs.length) continue;
            const id = pick(subs, o.pick);
            if (o.kind === 'status') db.prepare('UPDATE subscriptions SET status = ? WHERE id = ?').run(o.status, id);
            else if (o.kind === 'package')
              db.prepare('UPDATE subscriptions SET internet_package_id = ? WHERE id = ?').run(
                pick(packages, o.pkg),
                id,
              );
            else if (o.kind === 'fee')
              db.prepare('UPDATE subscriptions SET monthly_fee = ? WHERE id = ?').run(o.fee, id);
            else if (o.kind === 'subscriber')
              db.prepare('UPDATE subscriptions SET customer_id = ? WHERE id = ?').run(pick(customers, o.customer), id);
            else db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id);
          }
        })();
        const { summary, recomputed } = summaryAndRecomputed();
        expect(summary).toEqual(recomputed);
      }),
      { numRuns: 80 },
    );
  });
});
