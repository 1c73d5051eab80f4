import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../src-main/db/open';
import { runMigrations } from '../../../src-main/db/migrate';
import { routerHealth } from '../../../src-main/data/reports/dashboard.queries';
import { activeSubscriptionTerms } from '../../../src-main/data/reports/forecast.queries';
import { MIGRATIONS, migrationsBefore, tempDir, testApp, type TestApp } from '../../helpers/app';

/*
 * Issue 20: report_subscription_terms (the forecast's active subscriptions per set of billing terms) and
 * report_router_accounts (the dashboard's accounts per router) are kept by triggers (drizzle/0040). Whatever
 * sequence of writes happens they must equal the tables recomputed, the reads must equal the queries they
 * replaced, and a database made before 0040 must be back-filled by the migration.
 */
let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

/** The forecast's terms query before issue 20 (grouped over every active subscription). */
function termsOld(db: Sqlite, brands: string | null) {
  return db
    .prepare(
      `SELECT s.start_date AS startDate, s.end_date AS endDate, s.auto_renew AS autoRenew, s.billing_day AS billingDay,
            s.prorate_first AS prorateFirst, s.monthly_fee AS fee, p.billing_cycle AS cycle, count(*) AS count
     FROM subscriptions s JOIN internet_packages p ON p.id = s.internet_package_id WHERE s.status = 'active'
       AND (@brands IS NULL OR s.customer_id IN (SELECT id FROM customers WHERE brand_id IN (SELECT value FROM json_each(@brands))))
     GROUP BY s.start_date, s.end_date, s.auto_renew, s.billing_day, s.prorate_first, s.monthly_fee, p.billing_cycle`,
    )
    .all({ brands })
    .map((r) => {
      const row = r as { autoRenew: number; prorateFirst: number };
      return { ...row, autoRenew: row.autoRenew === 1, prorateFirst: row.prorateFirst === 1 };
    });
}

const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

const KEPT_TERMS = `SELECT brand_id AS b, package_id AS p, start_date AS s, end_date AS e, auto_renew AS r, billing_day AS d,
    prorate_first AS f, monthly_fee AS m, subscriptions AS n FROM report_subscription_terms ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
const RAW_TERMS = `SELECT c.brand_id AS b, s.internet_package_id AS p, s.start_date AS s, coalesce(s.end_date, '') AS e,
    s.auto_renew AS r, s.billing_day AS d, s.prorate_first AS f, s.monthly_fee AS m, count(*) AS n
  FROM subscriptions s JOIN customers c ON c.id = s.customer_id WHERE s.status = 'active'
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
const KEPT_ROUTERS = 'SELECT router_id AS r, accounts AS n FROM report_router_accounts WHERE accounts != 0 ORDER BY 1';
const RAW_ROUTERS = `SELECT router_id AS r, count(*) AS n FROM pppoe_accounts WHERE router_id IS NOT NULL GROUP BY 1 ORDER BY 1`;

/** 6 customers over 3 brands, 3 packages (one quarterly), 3 routers. */
function seed(db: Sqlite) {
  db.prepare("INSERT INTO brands(id, name, invoice_prefix) VALUES (2, 'Beta', 'BETA'), (3, 'Gamma', 'GAMMA')").run();
  for (let i = 1; i <= 6; i++)
    db.prepare("INSERT INTO customers(customer_code, name, brand_id, join_date) VALUES (?, ?, ?, '2026-01-01')").run(
      `S${i}`,
      `S ${i}`,
      1 + (i % 3),
    );
  for (let i = 1; i <= 3; i++) {
    db.prepare(
      `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name, brand_id)
       VALUES (?, 1024, 2048, 100000, ?, 30, ?, ?)`,
    ).run(`Paket ${i}`, i === 3 ? 'quarterly' : 'monthly', `p${i}`, i);
    db.prepare(`INSERT INTO routers(name, host, username, brand_id) VALUES (?, '127.0.0.2', 'api', ?)`).run(`R${i}`, i);
  }
}

const STATUSES = ['active', 'inactive', 'suspended', 'expired'] as const;
const term = {
  start: fc.constantFrom('2026-01-01', '2026-01-15', '2026-03-10'),
  end: fc.constantFrom(null, '2026-06-30', '2026-12-31'),
  flag: fc.constantFrom(0, 1),
  day: fc.constantFrom(1, 15),
  fee: fc.constantFrom(99_000, 150_000),
};
const subOp = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    customer: fc.nat(),
    pkg: fc.nat(),
    status: fc.constantFrom(...STATUSES),
    start: term.start,
    end: term.end,
    renew: term.flag,
    day: term.day,
    prorate: term.flag,
    fee: term.fee,
  }),
  fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant('package' as const), pick: fc.nat(), pkg: fc.nat() }),
  fc.record({ kind: fc.constant('subscriber' as const), pick: fc.nat(), customer: fc.nat() }),
  fc.record({
    kind: fc.constant('terms' as const),
    pick: fc.nat(),
    column: fc.constantFrom('start_date', 'end_date', 'auto_renew', 'billing_day', 'prorate_first', 'monthly_fee'),
    start: term.start,
    end: term.end,
    flag: term.flag,
    day: term.day,
    fee: term.fee,
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('brand' as const), customer: fc.nat(), brand: fc.constantFrom(1, 2, 3) }),
);

describe('report_subscription_terms (reports.forecast)', () => {
  it('equals the active subscriptions per brand, package and terms recomputed, and the old terms query', () => {
    const db = t.app.ctx.sqlite;
    seed(db);
    const pick = (table: string, n: number) => {
      const ids = (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
      return ids.length ? ids[n % ids.length]! : null;
    };
    fc.assert(
      fc.property(fc.array(subOp, { maxLength: 30 }), (ops) => {
        db.transaction(() => {
          for (const o of ops) {
            if (o.kind === 'insert') {
              db.prepare(
                `INSERT INTO subscriptions(customer_id, internet_package_id, start_date, end_date, auto_renew, billing_day,
                   prorate_first, monthly_fee, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
              ).run(
                pick('customers', o.customer),
                pick('internet_packages', o.pkg),
                o.start,
                o.end,
                o.renew,
                o.day,
                o.prorate,
                o.fee,
                o.status,
              );
              continue;
            }
            if (o.kind === 'brand') {
              db.prepare('UPDATE customers SET brand_id = ? WHERE id = ?').run(o.brand, pick('customers', o.customer));
              continue;
            }
            const id = pick('subscriptions', o.pick);
            if (id === null) continue;
            const set = (column: string, value: unknown) =>
              db.prepare(`UPDATE subscriptions SET ${column} = ? WHERE id = ?`).run(value, id);
            if (o.kind === 'status') set('status', o.status);
            else if (o.kind === 'package') set('internet_package_id', pick('internet_packages', o.pkg));
            else if (o.kind === 'subscriber') set('customer_id', pick('customers', o.customer));
            else if (o.kind === 'delete') db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id);
            else
              set(
                o.column,
                {
                  start_date: o.start,
                  end_date: o.end,
                  auto_renew: o.flag,
                  billing_day: o.day,
                  prorate_first: o.flag,
                  monthly_fee: o.fee,
                }[o.column],
              );
          }
        })();
        expect(db.prepare(KEPT_TERMS).all()).toEqual(db.prepare(RAW_TERMS).all());
        for (const brands of [null, '[1]', '[2]', '[1,3]'])
          expect(sorted(activeSubscriptionTerms(db, brands))).toEqual(sorted(termsOld(db, brands)));
      }),
      { numRuns: 80 },
    );
  });

  it('is read through the demo data written by the app, and the forecast is unchanged', async () => {
    await t.ok('demo.load', {});
    const db = t.app.ctx.sqlite;
    expect(db.prepare(KEPT_TERMS).all()).toEqual(db.prepare(RAW_TERMS).all());
    expect(sorted(activeSubscriptionTerms(db, null))).toEqual(sorted(termsOld(db, null)));
    expect(activeSubscriptionTerms(db, null).length).toBeGreaterThan(0);
  });
});

const routerOp = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    customer: fc.integer({ min: 1, max: 6 }),
    router: fc.constantFrom(null, 1, 2, 3),
  }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), router: fc.constantFrom(null, 1, 2, 3) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

describe('report_router_accounts (billing.dashboard)', () => {
  it('equals the accounts per router recomputed after random inserts, moves and deletes', () => {
    const db = t.app.ctx.sqlite;
    seed(db);
    let n = 0;
    fc.assert(
      fc.property(fc.array(routerOp, { maxLength: 25 }), (ops) => {
        db.transaction(() => {
          for (const o of ops) {
            if (o.kind === 'insert') {
              db.prepare(
                `INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, profile_name)
                 VALUES (?, 1, ?, ?, 'x', 'p')`,
              ).run(o.customer, o.router, `u${++n}`);
              continue;
            }
            const ids = (db.prepare('SELECT id FROM pppoe_accounts ORDER BY id').all() as { id: number }[]).map(
              (r) => r.id,
            );
            if (!ids.length) continue;
            const id = ids[o.pick % ids.length];
            if (o.kind === 'move') db.prepare('UPDATE pppoe_accounts SET router_id = ? WHERE id = ?').run(o.router, id);
            else db.prepare('DELETE FROM pppoe_accounts WHERE id = ?').run(id);
          }
        })();
        expect(db.prepare(KEPT_ROUTERS).all()).toEqual(db.prepare(RAW_ROUTERS).all());
        for (const r of routerHealth(db, null))
          expect(r.accounts).toBe(
            (db.prepare('SELECT count(*) AS n FROM pppoe_accounts WHERE router_id = ?').get(r.id) as { n: number }).n,
          );
      }),
      { numRuns: 60 },
    );
  });
});

describe('migration 0040', () => {
  it('back-fills both summaries from a database made before it', () => {
    const dir = tempDir();
    const sqlite = new Database(path.join(dir, 'db.sqlite'));
    const db = drizzle(sqlite);
    runMigrations(sqlite, db as never, migrationsBefore(dir, '0040_report_growth_summaries'));
    seed(sqlite);
    sqlite.exec(`
      INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, profile_name)
        SELECT c.id, 1 + c.id % 3, CASE WHEN c.id % 4 = 0 THEN NULL ELSE 1 + c.id % 3 END, 'm' || c.id || '-' || k.value, 'x', 'p'
        FROM customers c, json_each('[1,2,3]') k;
      INSERT INTO subscriptions(customer_id, internet_package_id, start_date, end_date, billing_day, monthly_fee, status)
        SELECT c.id, 1 + (c.id + k.value) % 3, '2026-0' || k.value || '-01', CASE k.value WHEN 2 THEN '2026-12-31' END,
          1 + k.value, 99000 * k.value, CASE WHEN c.id % 5 = 0 THEN 'inactive' ELSE 'active' END
        FROM customers c, json_each('[1,2,3]') k;`);
    const info = runMigrations(sqlite, db as never, MIGRATIONS);
    expect(info.applied).toBe(info.latest);
    const terms = sqlite.prepare(KEPT_TERMS).all();
    expect(terms.length).toBeGreaterThan(5);
    expect(terms).toEqual(sqlite.prepare(RAW_TERMS).all());
    expect(sqlite.prepare(KEPT_ROUTERS).all()).toEqual(sqlite.prepare(RAW_ROUTERS).all());
    expect(sqlite.prepare(KEPT_ROUTERS).all().length).toBe(3);
    sqlite.close();
  });
});
