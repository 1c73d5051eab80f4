import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../src-main/db/open';
import { trafficByBucket, trafficByPackage, trafficByRouter } from '../../../src-main/data/reports/bandwidth.queries';
import { topTrafficUsers } from '../../../src-main/data/reports/top-users.queries';
import { testApp, type TestApp } from '../../helpers/app';

/*
 * Issue 20: usage_daily_totals (per day × brand × package × router) is kept by triggers
 * (drizzle/0037_usage_daily_totals.sql). Whatever sequence of usage writes (the sampler's upserts, a router's
 * deletion, an account's usage deleted), accounts moved to another package or customer and customers moved to
 * another brand happens, it must equal usage_daily summed afresh, and the report reads must equal the raw sums.
 */
let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-12-01'];

function seed(db: Sqlite) {
  db.prepare("INSERT INTO brands(id, name, invoice_prefix) VALUES (2, 'Beta', 'BETA')").run();
  for (const b of [1, 2]) {
    db.prepare(`INSERT INTO routers(name, host, username, brand_id) VALUES (?, '127.0.0.2', 'api', ?)`).run(`R${b}`, b);
    db.prepare(
      `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name, brand_id)
       VALUES (?, 1024, 2048, 100000, 'monthly', 30, ?, ?)`,
    ).run(`P${b}`, `p${b}`, b);
  }
  for (let c = 1; c <= 4; c++) {
    db.prepare(
      `INSERT INTO customers(customer_code, name, status, brand_id, join_date) VALUES (?, ?, 'active', ?, '2026-01-01')`,
    ).run(`C${c}`, `Cust ${c}`, 1 + (c % 2));
    for (let k = 0; k < 2; k++)
      db.prepare(
        `INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, profile_name)
         VALUES (?, ?, 1, ?, 'x', 'p')`,
      ).run(c, 1 + k, `u${c}-${k}`);
  }
}

const RAW = `SELECT u.day, c.brand_id AS brandId, a.internet_package_id AS packageId, coalesce(u.router_id, 0) AS routerId,
    count(*) AS rows, sum(u.bytes_in) AS bytesIn, sum(u.bytes_out) AS bytesOut, sum(u.samples) AS samples
  FROM usage_daily u JOIN pppoe_accounts a ON a.id = u.account_id JOIN customers c ON c.id = a.customer_id
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
const KEPT = `SELECT day, brand_id AS brandId, package_id AS packageId, router_id AS routerId, rows, bytes_in AS bytesIn,
    bytes_out AS bytesOut, samples FROM usage_daily_totals WHERE rows != 0 OR bytes_in != 0 OR bytes_out != 0 OR samples != 0
  ORDER BY 1, 2, 3, 4`;

/** The bandwidth report's four reads as they were before issue 20: straight over usage_daily. */
function rawReads(db: Sqlite, from: string, to: string, brands: string | null) {
  const inRange = `u.day BETWEEN @from AND @to AND (@brands IS NULL OR c.brand_id IN (SELECT value FROM json_each(@brands)))`;
  const base = `FROM usage_daily u JOIN pppoe_accounts a ON a.id = u.account_id JOIN customers c ON c.id = a.customer_id`;
  const q = (sql: string) => db.prepare(sql).all({ from, to, brands });
  return {
    buckets:
      q(`SELECT substr(u.day, 1, 7) AS k, sum(u.bytes_in) AS bytesIn, sum(u.bytes_out) AS bytesOut, sum(u.samples) AS n
      ${base} WHERE ${inRange} GROUP BY k ORDER BY k`),
    packages: q(`SELECT p.id, coalesce(p.name, '—') AS name, sum(u.bytes_in) AS bytesIn, sum(u.bytes_out) AS bytesOut
      ${base} LEFT JOIN internet_packages p ON p.id = a.internet_package_id WHERE ${inRange}
      GROUP BY p.id ORDER BY bytesIn + bytesOut DESC, p.id`),
    routers: q(`SELECT r.id, coalesce(r.name, '—') AS name, sum(u.bytes_in) AS bytesIn, sum(u.bytes_out) AS bytesOut
      ${base} LEFT JOIN routers r ON r.id = u.router_id WHERE ${inRange} GROUP BY r.id ORDER BY bytesIn + bytesOut DESC, r.id`),
    top: q(`SELECT a.id AS accountId, a.username, c.name AS customerName, sum(u.bytes_in) AS bytesIn, sum(u.bytes_out) AS bytesOut
      ${base} WHERE ${inRange} GROUP BY a.id ORDER BY bytesIn + bytesOut DESC, a.id LIMIT 20`),
  };
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant('sample' as const),
    account: fc.integer({ min: 1, max: 8 }),
    day: fc.constantFrom(...DAYS),
    router: fc.constantFrom(1, 2),
    bytesIn: fc.integer({ min: 0, max: 1e9 }),
    bytesOut: fc.integer({ min: 0, max: 1e8 }),
  }),
  // The next sample of a day already written, on the same router (the sampler's usual write).
  fc.record({ kind: fc.constant('again' as const), pick: fc.nat(), bytesIn: fc.integer({ min: 0, max: 1e9 }) }),
  fc.record({ kind: fc.constant('dropRouter' as const), router: fc.constantFrom(1, 2) }),
  fc.record({ kind: fc.constant('deleteUsage' as const), account: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant('redate' as const),
    account: fc.integer({ min: 1, max: 8 }),
    day: fc.constantFrom(...DAYS),
  }),
  fc.record({
    kind: fc.constant('package' as const),
    account: fc.integer({ min: 1, max: 8 }),
    to: fc.constantFrom(1, 2),
  }),
  fc.record({
    kind: fc.constant('owner' as const),
    account: fc.integer({ min: 1, max: 8 }),
    to: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant('brand' as const),
    customer: fc.integer({ min: 1, max: 4 }),
    to: fc.constantFrom(1, 2),
  }),
);

describe('usage_daily_totals (bandwidth report, issue 20)', () => {
  it('equals usage_daily summed afresh after random usage writes and account/customer moves', () => {
    const db = t.app.ctx.sqlite;
    seed(db);
    // The sampler's write (data/network/usage.repository.ts addUsage).
    const sample = db.prepare(
      `INSERT INTO usage_daily(account_id, day, router_id, bytes_in, bytes_out, samples) VALUES (?, ?, ?, ?, ?, 1)
       ON CONFLICT(account_id, day) DO UPDATE SET router_id = excluded.router_id,
         bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out, samples = samples + 1`,
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 3, maxLength: 25 }), (ops) => {
        db.transaction(() => {
          for (const o of ops) {
            if (o.kind === 'sample') sample.run(o.account, o.day, o.router, o.bytesIn, o.bytesOut);
            else if (o.kind === 'again') {
              const rows = db.prepare('SELECT account_id, day, router_id FROM usage_daily ORDER BY 1, 2').all() as {
                account_id: number;
                day: string;
                router_id: number | null;
              }[];
              const r = rows[o.pick % Math.max(rows.length, 1)];
              if (r) sample.run(r.account_id, r.day, r.router_id, o.bytesIn, 7);
            } else if (o.kind === 'dropRouter')
              db.prepare('UPDATE usage_daily SET router_id = NULL WHERE router_id = ?').run(o.router);
            else if (o.kind === 'deleteUsage')
              db.prepare('DELETE FROM usage_daily WHERE account_id = ?').run(o.account);
            else if (o.kind === 'redate')
              db.prepare(
                'UPDATE OR IGNORE usage_daily SET day = ? WHERE account_id = ? AND day = (SELECT min(day) FROM usage_daily WHERE account_id = ?)',
              ).run(o.day, o.account, o.account);
            else if (o.kind === 'package')
              db.prepare('UPDATE pppoe_accounts SET internet_package_id = ? WHERE id = ?').run(o.to, o.account);
            else if (o.kind === 'owner')
              db.prepare('UPDATE pppoe_accounts SET customer_id = ? WHERE id = ?').run(o.to, o.account);
            else db.prepare('UPDATE customers SET brand_id = ? WHERE id = ?').run(o.to, o.customer);
          }
        })();
        expect(db.prepare(KEPT).all()).toEqual(db.prepare(RAW).all());
        for (const brands of [null, '[1]', '[2]', '[1,2]']) {
          const raw = rawReads(db, '2026-11-02', '2026-12-01', brands);
          expect(trafficByBucket(db, '2026-11-02', '2026-12-01', 7, brands)).toEqual(raw.buckets);
          expect(trafficByPackage(db, '2026-11-02', '2026-12-01', brands)).toEqual(raw.packages);
          expect(trafficByRouter(db, '2026-11-02', '2026-12-01', brands)).toEqual(raw.routers);
          expect(topTrafficUsers(db, '2026-11-02', '2026-12-01', brands)).toEqual(raw.top);
        }
      }),
      { numRuns: 60 },
    );
  });
});
