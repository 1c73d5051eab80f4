import { isDeepStrictEqual } from 'node:util';
import type { App } from '../../src-main/app';
import { agingReport, ledgerBuckets } from '../../src-main/core/reports/aging';
import { today } from '../../src-main/core/reports/common';
import { openSummaryTotals, rollAgingSummary } from '../../src-main/data/reports/aging-summary.queries';
import { brandFilter } from '../../src-main/data/reports/brand-filter';
import { openInvoiceTotals } from '../../src-main/data/reports/dashboard.queries';
import { ms, percentile, type BenchRow } from './harness';

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** p95 wall time and mean CPU per call of 30 direct calls after 3 warm-up calls. */
function sample(fn: () => unknown): { p95: number; cpu: number } {
  for (let i = 0; i < 3; i++) fn();
  const xs: number[] = [];
  const c = process.cpuUsage();
  for (let i = 0; i < 30; i++) {
    const t = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p95: percentile(xs, 95), cpu: cpuMs(process.cpuUsage(c)) / 30 };
}

/**
 * Issue 20: the reads that moved to the aging summaries (drizzle/0031) beside the ledger reads they replace,
 * on the same database in the same run, old and new taking turns (two rounds each, the better round kept),
 * as direct core calls (no dispatch). Each pair must give identical figures, or the bench stops.
 */
export function summaryVsLedgerRows(app: App): BenchRow[] {
  const ctx = app.ctx;
  const day = today(ctx);
  const pairs: { name: string; old: () => unknown; now: () => unknown }[] = [
    { name: 'reports.aging', old: () => ledgerBuckets(ctx, day, null), now: () => agingReport(ctx, {}).buckets },
    {
      name: 'reports.aging, brand 2 of 3',
      old: () => ledgerBuckets(ctx, day, brandFilter([2])),
      now: () => agingReport(ctx, {}, brandFilter([2])).buckets,
    },
    {
      name: "billing.dashboard's open and overdue figures",
      old: () => openInvoiceTotals(ctx.sqlite, day, null),
      now: () => (rollAgingSummary(ctx.sqlite, day), openSummaryTotals(ctx.sqlite, null)),
    },
  ];
  return pairs.map((p) => {
    if (!isDeepStrictEqual(p.old(), p.now())) throw new Error(`${p.name}: the summaries differ from the ledger`);
    const best = (xs: { p95: number; cpu: number }[]) => xs.reduce((a, b) => (b.p95 < a.p95 ? b : a));
    const olds: { p95: number; cpu: number }[] = [];
    const nows: { p95: number; cpu: number }[] = [];
    for (let r = 0; r < 2; r++) {
      if (r % 2) nows.push(sample(p.now));
      olds.push(sample(p.old));
      if (!(r % 2)) nows.push(sample(p.now));
    }
    const [o, n] = [best(olds), best(nows)];
    return {
      name: `${p.name}: ledger reads → summaries, same file, direct calls, p95 (CPU per call)`,
      value: `${ms(o.p95)} → ${ms(n.p95)} (${ms(o.cpu)} → ${ms(n.cpu)}), ${(n.p95 / o.p95).toFixed(2)}×, identical`,
    };
  });
}
