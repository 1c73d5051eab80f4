import { afterEach, describe, expect, it } from 'vitest';
import { billingTick, startBillingScheduler } from '../../../src-main/core/billing/scheduler';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { seedPackage } from '../network/seed';
import { seedBilling, travelTo } from './fixtures';
import { checkInvariants } from './invariants';

let t: TestApp;
afterEach(() => t?.close());

const periods = () =>
  (
    t.app.ctx.sqlite.prepare('SELECT period, count(*) AS n FROM invoices GROUP BY period ORDER BY period').all() as {
      period: string;
      n: number;
    }[]
  ).map((r) => `${r.period}:${r.n}`);

describe('scheduled invoice run', () => {
  it('runs at the configured day and time in the ISP zone and catches up missed months once', async () => {
    // 1 Sep 2026, 06:30 WIB: before the 07:00 run time.
    t = await testApp({ clock: new FakeClock(Date.parse('2026-08-31T23:30:00.000Z')) });
    await seedBilling(t, { customers: 2, startDate: '2026-08-01', openShift: false });
    expect(billingTick(t.app.ctx).invoiceRuns).toEqual([{ period: '2026-08', created: 2 }]); // first start: latest due period only
    travelTo(t, '2026-09-01T00:00:00.000Z'); // 07:00 WIB
    expect(billingTick(t.app.ctx).invoiceRuns).toEqual([{ period: '2026-09', created: 2 }]);
    expect(billingTick(t.app.ctx).invoiceRuns).toEqual([]);
    // The PC is off from September until 5 November: both missed periods are generated, once.
    travelTo(t, '2026-11-05T02:00:00.000Z');
    expect(billingTick(t.app.ctx).invoiceRuns).toEqual([
      { period: '2026-10', created: 2 },
      { period: '2026-11', created: 2 },
    ]);
    expect(billingTick(t.app.ctx).invoiceRuns).toEqual([]);
    expect(periods()).toEqual(['2026-08:2', '2026-09:2', '2026-10:2', '2026-11:2']);
    // An early manual run of next month does not hide a missed month in between.
    travelTo(t, '2027-01-31T02:00:00.000Z');
    await t.ok('settings.update', { autoInvoiceRun: false });
    expect(billingTick(t.app.ctx).invoiceRuns).toEqual([]);
    await t.ok('billing.generateInvoices', { period: '2027-02' });
    await t.ok('settings.update', { autoInvoiceRun: true });
    expect(billingTick(t.app.ctx).invoiceRuns).toEqual([
      { period: '2026-12', created: 2 },
      { period: '2027-01', created: 2 },
    ]);
    const log = await t.ok('automation.log', { action: 'invoice.run' });
    expect(log.total).toBe(6);
    checkInvariants(t.app.ctx);
  });

  it('gives a subscription added after the run its invoice on the next day, and respects autoInvoiceRun', async () => {
    t = await testApp({ clock: new FakeClock(Date.parse('2026-11-02T03:00:00.000Z')) });
    const { pkg } = await seedBilling(t, { customers: 1, startDate: '2026-10-01', openShift: false });
    billingTick(t.app.ctx);
    const c = await t.ok('customers.create', { name: 'Baru' });
    await t.ok('subscriptions.create', {
      customerId: c.id,
      internetPackageId: pkg.id,
      startDate: '2026-11-02',
      billingDay: 1,
    });
    expect(billingTick(t.app.ctx).invoiceRuns).toEqual([]); // top-up already done today
    travelTo(t, '2026-11-03T03:00:00.000Z');
    expect(billingTick(t.app.ctx).invoiceRuns).toEqual([{ period: '2026-11', created: 1 }]);
    await t.ok('settings.update', { autoInvoiceRun: false });
    travelTo(t, '2026-12-02T03:00:00.000Z');
    expect(billingTick(t.app.ctx).invoiceRuns).toEqual([]);
    expect(periods()).toEqual(['2026-11:2']);
  });

  it('ticks at start and on its interval with injected timers, and stops', async () => {
    t = await testApp({ clock: new FakeClock(Date.parse('2026-11-02T03:00:00.000Z')) });
    await seedBilling(t, { customers: 1, startDate: '2026-10-01', openShift: false });
    let fn: (() => void) | null = null;
    let cleared = false;
    const stop = startBillingScheduler(
      t.app,
      {
        setInterval: (f, ms) => {
          expect(ms).toBe(60_000);
          fn = f;
          return 7;
        },
        clearInterval: (h) => {
          expect(h).toBe(7);
          cleared = true;
        },
      },
      60_000,
    );
    expect(periods()).toEqual(['2026-11:1']); // tick at start
    travelTo(t, '2026-12-01T03:00:00.000Z');
    fn!();
    expect(periods()).toEqual(['2026-11:1', '2026-12:1']);
    stop();
    expect(cleared).toBe(true);
  });

  it('delays the start-up catch-up when a timeout is available, and clears it on stop', async () => {
    t = await testApp({ clock: new FakeClock(Date.parse('2026-11-02T03:00:00.000Z')) });
    await seedBilling(t, { customers: 1, startDate: '2026-10-01', openShift: false });
    let first: (() => void) | null = null;
    let clearedTimeout = false;
    const stop = startBillingScheduler(t.app, {
      setInterval: () => 1,
      clearInterval: () => undefined,
      setTimeout: (f, ms) => {
        expect(ms).toBe(3000);
        first = f;
        return 2;
      },
      clearTimeout: () => {
        clearedTimeout = true;
      },
    });
    expect(periods()).toEqual([]);
    first!();
    expect(periods()).toEqual(['2026-11:1']);
    stop();
    expect(clearedTimeout).toBe(true);
  });
});

describe('planner statistics', () => {
  it('are gathered at the tick, so the planner picks the partial indexes made for the tick (none before)', async () => {
    t = await testApp();
    const db = t.app.ctx.sqlite;
    seedPackage(t.app.ctx, 'Home', 'home');
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
      INSERT INTO customers(customer_code, name, join_date) SELECT 'C' || i, 'P ' || i, '2026-01-01' FROM n`,
    ).run();
    db.prepare(
      `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, status, created_at, updated_at)
      SELECT id, 1, 'pel' || id, 'x', 'home', 'active', 'x', 'x' FROM customers`,
    ).run();
    // Not the app's query (that one names its index): the same conditions, left to the planner.
    const plan = () =>
      (
        db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT id FROM pppoe_accounts
             WHERE expires_at IS NOT NULL AND expires_at < '2026-11-01' AND status IN ('active','suspended')`,
          )
          .all() as { detail: string }[]
      ).map((r) => r.detail);
    const stats = () =>
      (db.prepare(`SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'pppoe_accounts'`).get() as { n: number }).n;
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`).get()).toEqual({ n: 0 });
    expect(plan().join()).toContain('pppoe_status_idx');
    expect(billingTick(t.app.ctx).errors).toEqual([]);
    expect(stats()).toBeGreaterThan(0);
    expect(plan().join()).toContain('pppoe_expiry_idx');
  });
});
