/**
 * Issue 20, reports: the old report queries (tests/bench/reports-old.ts) beside the new ones on the same
 * seeded databases, plain and encrypted, old and new taking turns in every round so a machine whose load
 * swings treats both alike. Prints a Markdown table (p95 of 30 calls per figure, median over the rounds).
 *
 *   npx tsx tests/bench/reports-ab.ts [--scale=50000] [--rounds=3] [--brands=3] [--from=FILE]
 *
 * `--from=FILE` starts from a plain database seeded earlier (seedReportsWorld, then VACUUM INTO FILE): each
 * mode opens a copy, migrated to this commit, and the encrypted one is encrypted in place by the app's own
 * first-start path, which takes minutes instead of the seed's quarter hour on a busy machine.
 * `--reuse=PLAIN_DIR,ENCRYPTED_DIR` opens the data folders such a run left behind (the encrypted one with
 * its `-keys` folder).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src-main/app';
import { silentLogger } from '../../src-main/logging/logger';
import { agingReport } from '../../src-main/core/reports/aging';
import { customersReport } from '../../src-main/core/reports/customers';
import { customerStatusCounts } from '../../src-main/data/reports/dashboard.queries';
import { openSummaryTotals, rollAgingSummary } from '../../src-main/data/reports/aging-summary.queries';
import { brandFilter } from '../../src-main/data/reports/brand-filter';
import { FakeClock, MIGRATIONS, tempDir, testKeyStore } from '../helpers/app';
import { percentile } from './harness';
import { agingOld, customersReadsOld, dashboardReadsOld } from './reports-old';
import { seedReportsWorld } from './reports-seed';

const text = (name: string) => process.argv.find((x) => x.startsWith(`--${name}=`))?.slice(name.length + 3);
const arg = (name: string, d: number) => Number(text(name) ?? d);
const from = text('from');
const reuse = text('reuse')?.split(',');
const scale = arg('scale', 50_000);
const rounds = arg('rounds', 3);
const brandCount = arg('brands', 3);
const RANGE = { from: '2025-12-01', to: '2026-11-30' };

function p95(fn: () => unknown): number {
  for (let i = 0; i < 3; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return percentile(xs, 95);
}

type Pair = { name: string; old: (t: App) => unknown; now: (t: App) => unknown };
const PAIRS: Pair[] = [
  { name: 'reports.aging', old: (t) => agingOld(t.ctx.sqlite, '2026-11-24'), now: (t) => agingReport(t.ctx, {}) },
  {
    name: 'reports.customers, one year',
    old: (t) => customersReadsOld(t.ctx.sqlite, RANGE.from, RANGE.to),
    now: (t) => customersReport(t.ctx, RANGE),
  },
  {
    name: 'billing.dashboard, the reads this round changed (open totals, customers per status)',
    old: (t) => dashboardReadsOld(t.ctx),
    now: (t) => ({
      open: (rollAgingSummary(t.ctx.sqlite, '2026-11-24'), openSummaryTotals(t.ctx.sqlite, null)),
      statuses: customerStatusCounts(t.ctx.sqlite, null),
    }),
  },
];

void (async () => {
  const apps: Record<'plain' | 'encrypted', App> = {} as never;
  for (const mode of ['plain', 'encrypted'] as const) {
    if (mode === 'plain') process.env.PPPOE_TEST_PLAIN = '1';
    else delete process.env.PPPOE_TEST_PLAIN;
    const s = Date.now();
    const dataDir = reuse ? reuse[mode === 'plain' ? 0 : 1]! : tempDir();
    if (from && !reuse) fs.copyFileSync(from, path.join(dataDir, 'pppoe-desk.sqlite'));
    const app = createApp({
      dataDir,
      migrationsFolder: MIGRATIONS,
      clock: new FakeClock(),
      logger: silentLogger,
      appVersion: '0.0.0-bench',
      ...testKeyStore(dataDir),
    });
    if (!from && !reuse) seedReportsWorld(app.ctx.sqlite, scale, brandCount);
    apps[mode] = app;
    console.error(`${mode}: ${from || reuse ? 'opened' : 'seeded'} in ${((Date.now() - s) / 1000).toFixed(0)} s`);
  }
  const res = new Map<string, number[]>();
  const put = (k: string, v: number) => res.set(k, [...(res.get(k) ?? []), v]);
  const loads: string[] = [];
  for (let r = 0; r < rounds; r++) {
    loads.push(os.loadavg()[0]!.toFixed(1));
    const modes = r % 2 ? (['encrypted', 'plain'] as const) : (['plain', 'encrypted'] as const);
    for (const mode of modes) {
      for (const pair of PAIRS) {
        const sides = (r + PAIRS.indexOf(pair)) % 2 ? (['now', 'old'] as const) : (['old', 'now'] as const);
        for (const side of sides)
          put(
            `${pair.name}|${mode}|${side}`,
            p95(() => pair[side](apps[mode])),
          );
      }
    }
    console.error(`round ${r + 1} done`);
  }
  // Issue 18: the aging report for one brand of three (no old counterpart: the filter is new).
  for (const mode of ['plain', 'encrypted'] as const)
    put(
      `brand|${mode}`,
      p95(() => agingReport(apps[mode].ctx, { brandId: 2 }, brandFilter([2]))),
    );
  const med = (xs: number[]) => percentile(xs, 50);
  const f = (n: number) => `${n.toFixed(2)} ms`;
  console.log(
    `| p95 of 30 calls, median of ${rounds} rounds | plain old | plain new | encrypted old | encrypted new | new ÷ old (encrypted) |`,
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const pair of PAIRS) {
    const g = (mode: string, side: string) => med(res.get(`${pair.name}|${mode}|${side}`)!);
    console.log(
      `| ${pair.name} | ${f(g('plain', 'old'))} | ${f(g('plain', 'now'))} | ${f(g('encrypted', 'old'))} | ${f(g('encrypted', 'now'))} | ${(g('encrypted', 'now') / g('encrypted', 'old')).toFixed(2)}× |`,
    );
  }
  const b = (mode: string) => f(res.get(`brand|${mode}`)![0]!);
  console.log(`| reports.aging, brand filter (1 of 3 brands), new only | | ${b('plain')} | | ${b('encrypted')} | |`);
  const n = (apps.plain.ctx.sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  console.log(
    `\n${n} customers; 1-minute load average at each round's start: ${loads.join(', ')} on ${os.cpus().length} cores.`,
  );
  for (const t of Object.values(apps)) t.close();
})();
