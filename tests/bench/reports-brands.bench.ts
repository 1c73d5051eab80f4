import { addDays } from '../../src-shared/dates';
import type { Channel } from '../../src-shared/contract';
import type { Sqlite } from '../../src-main/db/open';
import { testApp } from '../helpers/app';
import { ms, percentile, timeAsync, type BenchSuite } from './harness';
import { REPORTS_CUSTOMERS, seedReportsWorld } from './reports-seed';
import { summaryVsLedgerRows } from './reports-summary-ab';

const BRANDS = 3;
const USAGE_DAYS = 7;
const PRICES = [99_000, 150_000, 250_000, 500_000];

/**
 * What the reports suite's world lacks for the forecast and bandwidth reports: per brand four packages
 * and a router, and per customer a PPPoE account and an active subscription in their brand's package, and
 * `USAGE_DAYS` days of traffic per account up to the bench's today (2026-11-24).
 */
function seedSubscriptionsAndUsage(db: Sqlite): void {
  db.transaction(() => {
    const pkg = db.prepare(
      `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name, brand_id)
       VALUES (?, 10240, 20480, ?, 'monthly', 30, ?, ?)`,
    );
    const router = db.prepare(`INSERT INTO routers(name, host, username, brand_id) VALUES (?, '127.0.0.2', 'api', ?)`);
    const packages = new Map<string, number>();
    const routers = new Map<number, number>();
    for (let b = 1; b <= BRANDS; b++) {
      routers.set(b, Number(router.run(`Router B${b}`, b).lastInsertRowid));
      for (const price of PRICES)
        packages.set(
          `${b}:${price}`,
          Number(pkg.run(`Paket B${b} ${price}`, price, `b${b}-${price}`, b).lastInsertRowid),
        );
    }
    const acct = db.prepare(
      `INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, profile_name)
       VALUES (?, ?, ?, ?, 'x', 'p')`,
    );
    const sub = db.prepare(
      `INSERT INTO subscriptions(customer_id, internet_package_id, pppoe_account_id, start_date, monthly_fee, billing_day)
       VALUES (?, ?, ?, '2023-12-01', ?, 1)`,
    );
    const usage = db.prepare(
      'INSERT INTO usage_daily(account_id, day, router_id, bytes_in, bytes_out, samples) VALUES (?, ?, ?, ?, ?, 288)',
    );
    const days = Array.from({ length: USAGE_DAYS }, (_, i) => addDays('2026-11-24', i - USAGE_DAYS + 1));
    const customers = db.prepare('SELECT id, brand_id AS b FROM customers ORDER BY id').all() as {
      id: number;
      b: number;
    }[];
    for (const c of customers) {
      const price = PRICES[c.id % PRICES.length]!;
      const packageId = packages.get(`${c.b}:${price}`)!;
      const routerId = routers.get(c.b)!;
      const a = Number(acct.run(c.id, packageId, routerId, `u${c.id}`).lastInsertRowid);
      sub.run(c.id, packageId, a, price);
      for (const [i, day] of days.entries())
        usage.run(a, day, routerId, (c.id % 97) * 1e7 + i * 1e6, (c.id % 31) * 1e6);
    }
  })();
  db.pragma('optimize');
}

/** Each read with its target (BENCHMARKS.md, reports: issue 20's, and ≤ 150 ms for the financial year). */
const READS: { name: string; channel: Channel; input: Record<string, unknown>; target?: number; runs?: number }[] = [
  {
    name: 'reports.financial, one year by month',
    channel: 'reports.financial',
    input: { from: '2025-12-01', to: '2026-11-30', groupBy: 'month' },
    target: 150,
  },
  { name: 'billing.dashboard', channel: 'billing.dashboard', input: {}, target: 20 },
  { name: 'reports.aging', channel: 'reports.aging', input: {}, target: 30 },
  {
    name: 'reports.customers, one year',
    channel: 'reports.customers',
    input: { from: '2025-12-01', to: '2026-11-30' },
    target: 20,
  },
  { name: 'reports.forecast, 3 months', channel: 'reports.forecast', input: { months: 3 } },
  {
    name: 'reports.bandwidth, 7 days by day',
    channel: 'reports.bandwidth',
    input: { from: '2026-11-18', to: '2026-11-24', groupBy: 'day' },
    // It reads every account's usage rows of the range (350,000 at 50,000 customers): fewer runs.
    runs: 5,
  },
];

export const reportsBrandsSuite: BenchSuite = {
  id: 'reports-brands',
  title: 'Reports per brand (issue 18): 50,000 customers across 3 brands, consolidated vs one brand',
  notes:
    "The reports suite's world (1,800,000 invoices, 1,000,000 payments over 3 years, raw SQL with the per-brand report triggers on), plus per customer a PPPoE account, an active subscription and 7 days of traffic (350,000 usage rows). Each read through `dispatch` as the owner, consolidated and filtered to brand 2 (a third of the customers), p95 of 30 runs after 3 warm-up runs (bandwidth: 5 runs, so its p95 is the slowest). The clock is set to 2026-11-24. Forecast and bandwidth have no target in BENCHMARKS.md.",
  scalable: true,
  async run(scale) {
    const t = await testApp();
    const db = t.app.ctx.sqlite;
    const seedStart = Date.now();
    seedReportsWorld(db, scale ?? REPORTS_CUSTOMERS, BRANDS);
    seedSubscriptionsAndUsage(db);
    const seedSeconds = (Date.now() - seedStart) / 1000;

    const measure = async (fn: () => Promise<unknown>, runs: number) => {
      for (let i = 0; i < Math.min(3, runs); i++) await fn();
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) xs.push((await timeAsync(fn)).ms);
      return percentile(xs, 95);
    };
    const rows: Awaited<ReturnType<BenchSuite['run']>> = [
      { name: 'seed (raw SQL, triggers on)', value: `${seedSeconds.toFixed(1)} s` },
    ];
    for (const r of READS) {
      for (const [label, input] of [
        ['consolidated', r.input],
        ['brand 2 of 3', { ...r.input, brandId: 2 }],
      ] as const) {
        const p95 = await measure(() => t.ok(r.channel, input as never), r.runs ?? 30);
        rows.push({
          name: `${r.name}, ${label}, p95`,
          value: ms(p95),
          ...(r.target === undefined ? {} : { target: `≤ ${r.target} ms`, pass: p95 <= r.target }),
        });
      }
    }
    rows.push(...summaryVsLedgerRows(t.app));
    // The brands add up to the consolidated figure (a check that the filtered reads did read something).
    const fin = async (brandId?: number) =>
      (
        await t.ok('reports.financial', {
          from: '2025-12-01',
          to: '2026-11-30',
          groupBy: 'month',
          ...(brandId ? { brandId } : {}),
        })
      ).totals.collected;
    const parts = (await Promise.all([1, 2, 3].map((b) => fin(b)))).reduce((s, x) => s + x, 0);
    if (parts !== (await fin())) throw new Error(`brands add up to ${parts}, consolidated ${await fin()}`);
    t.close();
    return rows;
  },
};
