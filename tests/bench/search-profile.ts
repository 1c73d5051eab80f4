/**
 * `PPPOE_TEST_PLAIN=1 npx tsx tests/bench/search-profile.ts [tree]`: CPU time per query of the desk's
 * searches (customers.list by needle, status and page; cashdesk.lookup) at 50,000 customers, each query
 * alone, through dispatch, with the code of `tree` (default this one): run it on an old checkout and on
 * this one, taking turns, to compare in CPU time (issue 20).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestApp } from '../helpers/app';
import type { Sqlite } from '../../src-main/db/open';
import { percentile } from './harness';
import { CUSTOMER_SEARCHES, DESK_LOOKUPS } from './desk-queries';

const root = path.resolve(process.argv[2] ?? '.');
const load = (p: string) => import(pathToFileURL(path.join(root, p)).href);
const { testApp }: { testApp: () => Promise<TestApp> } = await load('tests/helpers/app.ts');
const { seedCustomers }: { seedCustomers: (db: Sqlite, n: number) => void } = await load(
  'tests/bench/platform.bench.ts',
);

const N = Number(process.env.N ?? 50_000);
const t = await testApp();
const db = t.app.ctx.sqlite;
seedCustomers(db, N);
db.prepare(
  `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name)
   VALUES ('Paket 1', 1024, 2048, 100000, 'monthly', 30, 'P1')`,
).run();
db.prepare(
  `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name)
   SELECT id, 1, 'pel' || id, 'x', 'P1' FROM customers`,
).run();
db.pragma('optimize');
await t.ok('shifts.open', { openingCash: 0 });

async function cpuA(fn: () => Promise<unknown>): Promise<number> {
  const s = process.cpuUsage();
  await fn();
  const u = process.cpuUsage(s);
  return (u.user + u.system) / 1000;
}
const LIST = CUSTOMER_SEARCHES;
const LOOK = DESK_LOOKUPS;
const R = Number(process.env.R ?? 15);
const out: Record<string, string> = {};
for (const status of [undefined, 'active', 'suspended'] as const)
  for (const page of [1, 2, 3])
    for (const q of LIST) {
      const xs: number[] = [];
      for (let i = 0; i < R; i++)
        xs.push(await cpuA(() => t.ok('customers.list', { search: q, status, page, pageSize: 25 })));
      out[`list ${q} ${status ?? '-'} p${page}`] = percentile(xs, 50).toFixed(2);
    }
const all = Object.values(out).map(Number);
console.log('customers.list per-query CPU ms (median):');
for (const q of LIST)
  console.log(
    q.padEnd(16),
    Object.entries(out)
      .filter(([k]) => k.startsWith(`list ${q} `))
      .map(([, v]) => v)
      .join(' '),
  );
console.log(
  'list: mean',
  (all.reduce((a, b) => a + b, 0) / all.length).toFixed(2),
  'p95 of medians',
  percentile(all, 95).toFixed(2),
);
const lk: number[] = [];
for (const q of LOOK) {
  const xs: number[] = [];
  for (let i = 0; i < R; i++) xs.push(await cpuA(() => t.ok('cashdesk.lookup', { query: q })));
  lk.push(percentile(xs, 50));
  console.log('lookup', q.padEnd(20), percentile(xs, 50).toFixed(2));
}
console.log('lookup: mean', (lk.reduce((a, b) => a + b, 0) / lk.length).toFixed(2));
t.close();
