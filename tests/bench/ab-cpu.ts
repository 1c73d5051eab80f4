/**
 * `npx tsx tests/bench/ab-cpu.ts <tree>` (cwd = that tree, PPPOE_TEST_PLAIN=1): the CPU time (user +
 * system) of the billing hot paths of that tree's code, in one process on the billing suite's data
 * (50,000 subscriptions): invoice-run dry run, re-run of an invoiced period, seven cash-desk lookups,
 * 200 payments.create. CPU time, unlike wall time, hardly moves when other processes load the machine,
 * so it tells a real slow-down of the code from a busy spell. Used beside tests/bench/ab.ts.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestApp } from '../helpers/app';
import { percentile } from './harness';

type Seed = (db: TestApp['app']['ctx']['sqlite'], n: number) => void;

const root = path.resolve(process.argv[2] ?? '.');
const load = (p: string) => import(pathToFileURL(path.join(root, p)).href);
const { testApp }: { testApp: () => Promise<TestApp> } = await load('tests/helpers/app.ts');
const { seedCustomers }: { seedCustomers: Seed } = await load('tests/bench/platform.bench.ts');

const t = await testApp();
const db = t.app.ctx.sqlite;
// The billing suite's set-up: 50,000 active customers, 5 packages, one monthly subscription each.
seedCustomers(db, 50_000);
db.prepare("UPDATE customers SET status = 'active' WHERE status = 'inactive'").run();
const pkg = db.prepare(
  `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name)
   VALUES (?, 1024, 2048, ?, 'monthly', 30, ?)`,
);
db.transaction(() => {
  for (let i = 1; i <= 5; i++) pkg.run(`Paket ${i}`, 100_000 * i, `P${i}`);
  db.prepare(
    `INSERT INTO subscriptions(customer_id, internet_package_id, start_date, monthly_fee, status, auto_renew, billing_day, prorate_first)
     SELECT c.id, 1 + c.id % 5, '2025-01-01', 100000 * (1 + c.id % 5), 'active', 1, 1, 0 FROM customers c`,
  ).run();
})();
db.pragma('optimize');
// process.cpuUsage counts every thread: with the seed's pages still in the WAL, the app's idle checkpoint
// (a worker thread in newer trees, issue 14) would copy them during the timed calls. Start with an empty WAL.
db.pragma('wal_checkpoint(TRUNCATE)');

async function cpu(fn: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
const PERIOD = '2026-11';
const QUERIES = ['budi', 'santoso', 'CUST00420', '0812', 'hendra', 'nur', 'rt 7'];
const out: Record<string, number[]> = { dryRun: [], rerun: [], lookup7: [], payments200: [] };
for (let i = 0; i < 5; i++)
  out.dryRun!.push(await cpu(() => t.ok('billing.generateInvoices', { period: PERIOD, dryRun: true })));
await t.ok('billing.generateInvoices', { period: PERIOD });
for (let i = 0; i < 5; i++) out.rerun!.push(await cpu(() => t.ok('billing.generateInvoices', { period: PERIOD })));
await t.ok('shifts.open', { openingCash: 0 });
for (let i = 0; i < 5; i++)
  out.lookup7!.push(
    await cpu(async () =>
      QUERIES.reduce((p, query) => p.then(() => t.ok('cashdesk.lookup', { query })), Promise.resolve<unknown>(null)),
    ),
  );
for (let i = 0; i < 5; i++)
  out.payments200!.push(
    await cpu(async () => {
      for (let k = 0; k < 200; k++)
        await t.ok('payments.create', {
          customerId: 1 + (((i * 200 + k) * 104_729) % 50_000),
          amount: 50_000,
          method: 'cash',
        });
    }),
  );
t.close();
const medians = Object.fromEntries(Object.entries(out).map(([k, xs]) => [k, percentile(xs, 50)]));
console.log(`AB-CPU ${JSON.stringify({ medians, rounds: out })}`);
process.exit(0);
