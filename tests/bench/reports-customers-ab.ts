import { testApp } from '../../tests/helpers/app';
import { seedCustomers } from '../../tests/bench/platform.bench';
import { customersReport } from '../../src-main/core/reports/customers';
import * as q from '../../src-main/data/reports/customers.queries';

const PRICES = [99_000, 150_000, 250_000, 500_000];

/**
 * reports.customers profile (issues 18, 20): 50,000 customers in 3 brands with an active subscription each
 * (what the report reads besides its small summaries), each of the report's reads timed directly,
 * consolidated and for brand 2, then the old by-package SQL (every active subscription) beside the
 * summary read, taking turns, with a check that both give the same rows, and their plans.
 *   npx tsx tests/bench/reports-customers-ab.ts   (PPPOE_TEST_PLAIN=1 for a plain database)
 */
async function main() {
  const t = await testApp();
  const db = t.app.ctx.sqlite;
  seedCustomers(db, 50_000);
  db.transaction(() => {
    for (let b = 2; b <= 3; b++)
      db.prepare('INSERT INTO brands(id, name, invoice_prefix) VALUES (?, ?, ?)').run(b, `Brand ${b}`, `B${b}`);
    db.prepare(`UPDATE customers SET brand_id = 1 + (id - 1) % 3`).run();
    const pkg = db.prepare(
      `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name, brand_id) VALUES (?, 10240, 20480, ?, 'monthly', 30, ?, ?)`,
    );
    const packages = new Map<string, number>();
    for (let b = 1; b <= 3; b++)
      for (const p of PRICES)
        packages.set(`${b}:${p}`, Number(pkg.run(`Paket B${b} ${p}`, p, `b${b}-${p}`, b).lastInsertRowid));
    const sub = db.prepare(
      `INSERT INTO subscriptions(customer_id, internet_package_id, start_date, monthly_fee, billing_day) VALUES (?, ?, '2023-12-01', ?, 1)`,
    );
    for (const c of db.prepare('SELECT id, brand_id AS b FROM customers ORDER BY id').all() as {
      id: number;
      b: number;
    }[]) {
      const price = PRICES[c.id % 4]!;
      sub.run(c.id, packages.get(`${c.b}:${price}`)!, price);
    }
  })();
  db.pragma('optimize');
  const time = (name: string, fn: () => unknown, n = 30) => {
    for (let i = 0; i < 3; i++) fn();
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = process.hrtime.bigint();
      fn();
      xs.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    xs.sort((a, b) => a - b);
    console.log(name, 'p50', xs[Math.floor(n / 2)]!.toFixed(2), 'p95', xs[Math.floor(n * 0.95)]!.toFixed(2));
  };
  const input = { from: '2025-12-01', to: '2026-11-30' };
  for (const brands of [null, '[2]']) {
    console.log('--- brands', brands);
    time('report', () => customersReport(t.app.ctx, input, brands));
    time('activeDelta', () => q.activeDeltaByMonth(db, brands));
    time('joined', () => q.joinedByMonth(db, '2025-12-01', '2026-11-30', brands));
    time('churned', () => q.churnedByMonth(db, '2025-12', '2026-11', brands));
    time('collected', () => q.collectedByMonth(db, '2025-12-01', '2026-11-30', brands));
    time('bypackage', () => q.activeSubscriptionsByPackage(db, brands));
    time('bystatus', () => q.customersByStatus(db, brands));
  }
  const OLD = `SELECT p.id AS packageId, p.name, p.billing_cycle AS cycle, count(s.id) AS subscriptions, coalesce(sum(s.monthly_fee), 0) AS fees FROM internet_packages p JOIN subscriptions s ON s.internet_package_id = p.id AND s.status = 'active' WHERE 1 AND (@brands IS NULL OR s.customer_id IN (SELECT id FROM customers WHERE brand_id IN (SELECT value FROM json_each(@brands)))) GROUP BY p.id ORDER BY subscriptions DESC, p.name`;
  const old = db.prepare(OLD);
  for (let round = 0; round < 3; round++)
    for (const brands of [null, '[2]']) {
      time(`OLD bypackage ${brands}`, () => old.all({ brands }));
      time(`NEW bypackage ${brands}`, () => q.activeSubscriptionsByPackage(db, brands));
      time(`NEW report ${brands}`, () => customersReport(t.app.ctx, input, brands));
      if (JSON.stringify(old.all({ brands })) !== JSON.stringify(q.activeSubscriptionsByPackage(db, brands)))
        throw new Error('differ');
    }
  // Through dispatch as the owner (session, zod in and out), as the reports-brands suite times it.
  for (const brandId of [undefined, 2]) {
    const xs: number[] = [];
    const call = () => t.ok('reports.customers', { ...input, ...(brandId ? { brandId } : {}) });
    for (let i = 0; i < 3; i++) await call();
    for (let i = 0; i < 30; i++) {
      const s = process.hrtime.bigint();
      await call();
      xs.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    xs.sort((a, b) => a - b);
    console.log(
      `dispatch reports.customers ${brandId ? 'brand 2' : 'consolidated'} p50 ${xs[15]!.toFixed(2)} p95 ${xs[28]!.toFixed(2)}`,
    );
  }
  const c0 = process.cpuUsage();
  for (let i = 0; i < 30; i++) old.all({ brands: null });
  const c1 = process.cpuUsage(c0);
  for (let i = 0; i < 30; i++) q.activeSubscriptionsByPackage(db, null);
  const c2 = process.cpuUsage(c0);
  console.log(
    'CPU per call old',
    ((c1.user + c1.system) / 30 / 1000).toFixed(2),
    'ms; new',
    ((c2.user + c2.system - c1.user - c1.system) / 30 / 1000).toFixed(3),
    'ms',
  );
  for (const sql of [
    `SELECT p.id AS packageId, p.name, p.billing_cycle AS cycle, count(s.id) AS subscriptions, coalesce(sum(s.monthly_fee), 0) AS fees FROM internet_packages p JOIN subscriptions s ON s.internet_package_id = p.id AND s.status = 'active' WHERE 1 AND (@brands IS NULL OR s.customer_id IN (SELECT id FROM customers WHERE brand_id IN (SELECT value FROM json_each(@brands)))) GROUP BY p.id ORDER BY subscriptions DESC, p.name`,
    `SELECT substr(join_date, 1, 7) AS m, count(*) AS n FROM customers WHERE join_date BETWEEN @from AND @to AND (@brands IS NULL OR brand_id IN (SELECT value FROM json_each(@brands))) GROUP BY m`,
  ]) {
    console.log(sql.slice(0, 60));
    for (const r of db
      .prepare('EXPLAIN QUERY PLAN ' + sql)
      .all({ brands: '[2]', from: '2025-12-01', to: '2026-11-30' }) as { detail: string }[])
      console.log('  ', r.detail);
  }
  t.close();
}
main();
