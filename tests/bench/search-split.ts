/**
 * `N=50000 npx tsx tests/bench/search-split.ts [tree]`: per needle of the bench's mix, its hits, the CPU time
 * of counting them in their index, of the whole customers.list call, and the query plans (issue 20).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestApp } from '../helpers/app';
import type { Sqlite } from '../../src-main/db/open';
import { percentile } from './harness';
import { CUSTOMER_SEARCHES } from './desk-queries';

const root = path.resolve(process.argv[2] ?? '.');
const load = (p: string) => import(pathToFileURL(path.join(root, p)).href);
const { testApp }: { testApp: () => Promise<TestApp> } = await load('tests/helpers/app.ts');
const { seedCustomers }: { seedCustomers: (db: Sqlite, n: number) => void } = await load(
  'tests/bench/platform.bench.ts',
);
const search = await load('src-main/data/customers-search.ts');
const core = await load('src-main/core/customers.ts');

const N = Number(process.env.N ?? 50_000);
const R = Number(process.env.R ?? 15);
const t = await testApp();
const db = t.app.ctx.sqlite;
seedCustomers(db, N);
db.pragma('optimize');

function cpu(fn: () => unknown): number {
  const xs: number[] = [];
  for (let i = 0; i < R; i++) {
    const s = process.cpuUsage();
    fn();
    const u = process.cpuUsage(s);
    xs.push((u.user + u.system) / 1000);
  }
  return percentile(xs, 50);
}
async function cpuA(fn: () => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < R; i++) {
    const s = process.cpuUsage();
    await fn();
    const u = process.cpuUsage(s);
    xs.push((u.user + u.system) / 1000);
  }
  return percentile(xs, 50);
}
console.log(`N=${N}: needle | hits | count ms | list p1 ms (-, active, suspended) | p3 ms (-)`);
for (const q of CUSTOMER_SEARCHES) {
  const needle = core.searchNeedle(q);
  const index = search.hitIndex(needle);
  let hits: string;
  let count = '-';
  if (index) {
    const sql = `SELECT count(*) AS n FROM ${index.from} WHERE ${index.where}`;
    hits = String((db.prepare(sql).get(index.params) as { n: number }).n);
    count = cpu(() => db.prepare(sql).get(index.params)).toFixed(3);
    if (process.env.PLAN)
      console.log(
        '  plan',
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(index.params) as { detail: string }[]).map((r) => r.detail),
      );
  } else
    hits = `scan (${(db.prepare("SELECT count(*) AS n FROM customers WHERE search_text LIKE ? ESCAPE '\\'").get(`%${needle}%`) as { n: number }).n})`;
  const list = [];
  for (const status of [undefined, 'active', 'suspended'] as const)
    list.push((await cpuA(() => t.ok('customers.list', { search: q, status, page: 1, pageSize: 25 }))).toFixed(3));
  const p3 = (await cpuA(() => t.ok('customers.list', { search: q, page: 3, pageSize: 25 }))).toFixed(3);
  console.log([q.padEnd(14), hits.padStart(6), count.padStart(7), list.join(' '), p3].join(' | '));
}
t.close();
