import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../src-main/db/open';
import { scanTopUsers, topUsersWalk } from '../../../src-main/data/reports/top-users.queries';
import { testApp, type TestApp } from '../../helpers/app';
import { threeBrandsOnePackage } from './brand-world';

/*
 * Issue 20: the bandwidth report's top users walk each day's largest totals and stop when no account not
 * met can reach the 20th (top-users.queries.ts). On random usage with many ties, for any range and brands,
 * walking from any first depth must give exactly what summing every account gave before.
 */
let t: TestApp;
const ACCOUNTS = 60;
const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'];

beforeAll(async () => {
  t = await testApp();
  const db = t.app.ctx.sqlite;
  threeBrandsOnePackage(db);
  db.prepare(`INSERT INTO routers(name, host, username) VALUES ('R', '127.0.0.2', 'api')`).run();
  for (let c = 1; c <= ACCOUNTS / 2; c++) {
    db.prepare("INSERT INTO customers(customer_code, name, brand_id, join_date) VALUES (?, ?, ?, '2026-01-01')").run(
      `C${c}`,
      `Cust ${c}`,
      1 + (c % 3),
    );
    for (const k of [1, 2])
      db.prepare(
        `INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, profile_name)
         VALUES (?, 1, 1, ?, 'x', 'p')`,
      ).run(c, `u${c}-${k}`);
  }
});
afterAll(() => t.close());

/** topTrafficUsers before issue 20, verbatim: every account's sums of the range, then the top 20. */
function topOld(db: Sqlite, from: string, to: string, brands: string | null) {
  return db
    .prepare(
      `WITH s AS MATERIALIZED (
       SELECT account_id, sum(bytes_in) AS bytesIn, sum(bytes_out) AS bytesOut FROM usage_daily
       WHERE day BETWEEN @from AND @to GROUP BY account_id)
     SELECT a.id AS accountId, a.username, c.name AS customerName, s.bytesIn, s.bytesOut
     FROM s JOIN pppoe_accounts a ON a.id = s.account_id JOIN customers c ON c.id = a.customer_id
     WHERE 1 AND (@brands IS NULL OR c.brand_id IN (SELECT value FROM json_each(@brands))) ORDER BY s.bytesIn + s.bytesOut DESC, a.id LIMIT 20`,
    )
    .all({ from, to, brands });
}

// Each account's day: none (-1) or one of few amounts, times a weight per account (heavy users stay heavy), so
// totals tie often (also at the 20th place and at each day's last total read) and the walk can stop early.
const grid = fc.array(fc.constantFrom(-1, 0, 1, 2, 3, 5), {
  minLength: ACCOUNTS * DAYS.length,
  maxLength: ACCOUNTS * DAYS.length,
});
const weight = (account: number) => (1 + (account % 6)) ** 3;

describe('top users: the threshold walk vs every account summed', () => {
  it('gives identical rows for any usage, range, brands and first depth', () => {
    const db = t.app.ctx.sqlite;
    const ins = db.prepare(
      `INSERT INTO usage_daily(account_id, day, router_id, bytes_in, bytes_out, samples) VALUES (?, ?, 1, ?, ?, 1)
       ON CONFLICT(account_id, day) DO UPDATE SET bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out`,
    );
    const paths = { early: 0, deeper: 0, scanned: 0 };
    fc.assert(
      fc.property(grid, fc.constantFrom(1, 4, 16, 30), (cells, firstDepth) => {
        db.transaction(() => {
          db.prepare('DELETE FROM usage_daily').run();
          cells.forEach((v, i) => {
            const account = 1 + (i % ACCOUNTS);
            if (v >= 0) ins.run(account, DAYS[Math.floor(i / ACCOUNTS)], v * weight(account) * 1e6, (v % 2) * 1e5);
          });
        })();
        for (const [from, to] of [
          ['2026-11-01', '2026-11-05'],
          ['2026-11-02', '2026-11-04'],
          ['2026-11-03', '2026-11-03'],
          ['2026-10-30', '2026-11-02'],
        ] as const)
          for (const brands of [null, '[1]', '[2]', '[1,3]']) {
            const walk = topUsersWalk(db, { from, to, brands }, firstDepth);
            const old = topOld(db, from, to, brands);
            expect(walk.rows).toEqual(old);
            expect(scanTopUsers(db, from, to, brands)).toEqual(old);
            if (walk.scanned) paths.scanned++;
            else if (walk.rounds > 1) paths.deeper++;
            else paths.early++;
          }
      }),
      { numRuns: 25 },
    );
    // Every way out of the walk was taken: stopped at the first depth, deeper, and the plain sum.
    expect(paths.early).toBeGreaterThan(0);
    expect(paths.deeper).toBeGreaterThan(0);
    expect(paths.scanned).toBeGreaterThan(0);
  }, 90_000);

  it('does not stop on a tie with the last total read: an account not met may have a smaller id', () => {
    const db = t.app.ctx.sqlite;
    db.prepare('DELETE FROM usage_daily').run();
    // Every account used exactly the same on one day: the day's walk meets the largest ids first.
    for (let a = 1; a <= ACCOUNTS; a++)
      db.prepare(
        "INSERT INTO usage_daily(account_id, day, router_id, bytes_in, bytes_out, samples) VALUES (?, '2026-11-03', 1, 5000000, 0, 1)",
      ).run(a);
    const walk = topUsersWalk(db, { from: '2026-11-03', to: '2026-11-03', brands: null }, 20);
    expect(walk.rows.map((r) => r.accountId)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(walk.rows).toEqual(topOld(db, '2026-11-03', '2026-11-03', null));
    expect(walk.rounds).toBeGreaterThan(0);
  });
});
