import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agingReport } from '../../../src-main/core/reports/aging';
import { customersReport } from '../../../src-main/core/reports/customers';
import { customerStatusCounts, openInvoiceTotals } from '../../../src-main/data/reports/dashboard.queries';
import { brandFilter } from '../../../src-main/data/reports/brand-filter';
import { testApp, type TestApp } from '../../helpers/app';
import { agingOld, customersReportOld, dashboardReadsOld } from '../../bench/reports-old';
import { seedReportsWorld } from '../../bench/reports-seed';

/*
 * Issue 20: the reports' new queries against the old ones (tests/bench/reports-old.ts, verbatim) on the
 * bench's own seeded world, small enough for a unit test but with buckets over the 500-row cut.
 */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  seedReportsWorld(t.app.ctx.sqlite, 2_000, 3);
}, 120_000);
afterAll(() => t.close());

describe('reports.aging, new query vs old', () => {
  it.each(['2026-11-24', '2026-10-05', '2026-12-31', '2025-06-15', '2023-11-30'])(
    'gives the same report as of %s',
    (asOf) => {
      const old = agingOld(t.app.ctx.sqlite, asOf);
      const now = agingReport(t.app.ctx, { asOf });
      expect(now).toEqual(old);
      // The 500-row cut is exercised: the recent buckets hold more customers than that.
      if (asOf === '2026-11-24') expect(now.buckets.some((b) => b.customersTotal > 500)).toBe(true);
    },
  );

  it('splits exactly over the brands, each listing only its own customers', () => {
    const db = t.app.ctx.sqlite;
    const all = agingReport(t.app.ctx, {});
    const brandOf = new Map(
      (db.prepare('SELECT id, brand_id AS b FROM customers').all() as { id: number; b: number }[]).map((r) => [
        r.id,
        r.b,
      ]),
    );
    const parts = [1, 2, 3].map((b) => agingReport(t.app.ctx, {}, brandFilter([b])));
    expect(parts.reduce((s, p) => s + p.total, 0)).toBe(all.total);
    all.buckets.forEach((bucket, i) => {
      expect(parts.reduce((s, p) => s + p.buckets[i]!.amount, 0)).toBe(bucket.amount);
      expect(parts.reduce((s, p) => s + p.buckets[i]!.invoices, 0)).toBe(bucket.invoices);
      expect(parts.reduce((s, p) => s + p.buckets[i]!.customersTotal, 0)).toBe(bucket.customersTotal);
    });
    parts.forEach((p, k) => {
      for (const b of p.buckets) for (const c of b.customers) expect(brandOf.get(c.customerId)).toBe(k + 1);
    });
    expect(agingReport(t.app.ctx, {}, brandFilter([1, 2, 3]))).toEqual(all);
  });
});

describe('reports.customers and the dashboard, new reads vs old', () => {
  it.each([
    ['2025-12-01', '2026-11-30'],
    ['2024-01-01', '2024-12-31'],
    ['2023-06-01', '2027-02-28'],
  ])('gives the same months and statuses from %s to %s', (from, to) => {
    const db = t.app.ctx.sqlite;
    // Some status changes in and around the ranges, so churn and the running active count move.
    db.prepare(
      `INSERT INTO customer_status_history(customer_id, from_status, to_status, changed_on, at)
       SELECT id, 'active', CASE id % 3 WHEN 0 THEN 'inactive' WHEN 1 THEN 'suspended' ELSE 'active' END,
              printf('2026-%02d-%02d', 1 + id % 11, 1 + id % 28), '2026-01-01T00:00:00Z'
       FROM customers WHERE id % 7 = 0 AND NOT EXISTS (SELECT 1 FROM customer_status_history WHERE from_status = 'active')`,
    ).run();
    const old = customersReportOld(db, { from, to });
    const now = customersReport(t.app.ctx, { from, to });
    expect(
      now.months.map((m) => ({
        period: m.period,
        new: m.new,
        churned: m.churned,
        activeAtStart: m.activeAtStart,
        activeAtEnd: m.activeAtEnd,
      })),
    ).toEqual(old.rows);
    expect(now.byStatus).toEqual(old.byStatus);
    expect(old.rows.some((r) => r.churned > 0) || from.startsWith('2024')).toBe(true);
  });

  it('gives the same open-invoice totals and customers per status', () => {
    const old = dashboardReadsOld(t.app.ctx);
    const db = t.app.ctx.sqlite;
    expect(openInvoiceTotals(db, '2026-11-24', null)).toEqual(old.open);
    expect([...customerStatusCounts(db, null)].sort((a, b) => a.status.localeCompare(b.status))).toEqual(old.statuses);
  });
});
