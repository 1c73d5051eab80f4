import { afterEach, describe, expect, it } from 'vitest';
import { billingTick } from '../../../src-main/core/billing/scheduler';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { checkInvariants } from './invariants';

/*
 * Issue 12 §6 "The demo data leaves every figure at Rp 0": the demo now has accounts, subscriptions and
 * months of invoices and payments dated relative to the clock (ISP zone), the same picture whatever the
 * day, and loading it twice adds nothing.
 */
let t: TestApp | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

const rows = <T>(sql: string, ...p: unknown[]) => t!.app.ctx.sqlite.prepare(sql).all(...p) as T[];
const one = <T>(sql: string, ...p: unknown[]) => t!.app.ctx.sqlite.prepare(sql).get(...p) as T;

describe('demo data', () => {
  it.each([
    ['2026-11-24T03:00:00.000Z', '2026-11-24'],
    // 23:30 WIB on 31 December is still the 31st; the demo's "today" follows the ISP zone.
    ['2026-12-31T16:30:00.000Z', '2026-12-31'],
    ['2027-03-01T01:00:00.000Z', '2027-03-01'],
    ['2027-02-28T10:00:00.000Z', '2027-02-28'],
    // 06:00 WIB on the 1st: the month's invoice run (07:00) has not happened yet.
    ['2026-12-31T23:00:00.000Z', '2027-01-01'],
  ])('shows the product working at %s (ISP date %s)', async (now, day) => {
    t = await testApp({ clock: new FakeClock(Date.parse(now)) });
    const r = await t.ok('demo.load', {});
    // The new customer is billed by this month's run (day 1, 07:00 WIB) once it has happened.
    const beforeRun = day.endsWith('-01') && new Date(Date.parse(now) + 7 * 3_600_000).getUTCHours() < 7;
    expect(r).toMatchObject({ packages: 5, customers: 8, accounts: 8 });
    expect(r.invoices).toBeGreaterThanOrEqual(20);
    expect(r.payments).toBeGreaterThanOrEqual(15);

    const d = await t.ok('billing.dashboard', {});
    expect(d.today).toBe(day);
    expect(d.collectedMonth + d.collectedToday).toBeGreaterThanOrEqual(0);
    expect(d.trend.some((x) => x.collected > 0)).toBe(true);
    expect(d.outstanding.amount).toBeGreaterThan(0);
    expect(d.overdue.amount).toBeGreaterThan(0);
    expect(d.customers).toMatchObject({ active: 7, suspended: 1, isolated: 1, total: 8 });
    const fin = await t.ok('reports.financial', { from: `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`, to: day });
    expect(fin.totals.invoiced).toBeGreaterThan(3_000_000);
    expect(fin.totals.collected).toBeGreaterThan(2_000_000);
    expect(fin.buckets.filter((b) => b.invoiced > 0).length).toBeGreaterThanOrEqual(4);

    // Each customer's story.
    const status = (name: string) =>
      rows<{ status: string }>(
        `SELECT i.status FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE c.name = ? ORDER BY i.id`,
        name,
      ).map((x) => x.status);
    // Pays on time: everything paid but, at most, an invoice the run issued that is not due yet.
    expect(
      status('Budi Santoso')
        .slice(0, -1)
        .every((x) => x === 'paid'),
    ).toBe(true);
    expect(['paid', 'unpaid']).toContain(status('Budi Santoso').at(-1));
    const siti = rows<{ due: string }>(
      "SELECT due_date AS due FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE c.name = 'Siti Nurhaliza' AND i.status = 'partial'",
    );
    expect(siti).toHaveLength(1);
    expect(siti[0]!.due >= day, 'the partial invoice is not overdue').toBe(true);
    expect(one<{ deposit: number }>("SELECT deposit FROM customers WHERE name = 'Ahmad Wijaya'").deposit).toBe(100_000);
    expect(
      one<{ status: string; never: number }>(
        "SELECT c.status, a.status AS account, c.never_isolate AS never FROM customers c JOIN pppoe_accounts a ON a.customer_id = c.id WHERE c.name = 'Dewi Sartika'",
      ),
    ).toMatchObject({ status: 'suspended', account: 'suspended' });
    expect(status('Dewi Sartika').filter((s) => s === 'unpaid').length).toBeGreaterThanOrEqual(2);
    const rini = one<{ overdue: number; never: number }>(
      `SELECT c.never_isolate AS never, (SELECT count(*) FROM invoices i WHERE i.customer_id = c.id AND i.status = 'unpaid' AND i.due_date < ?) AS overdue
       FROM customers c WHERE c.name = 'Rini Susanti'`,
      day,
    );
    expect(rini).toEqual({ never: 1, overdue: 1 });
    expect(
      one<{ n: number; start: string }>(
        "SELECT count(i.id) AS n, s.start_date AS start FROM customers c JOIN subscriptions s ON s.customer_id = c.id LEFT JOIN invoices i ON i.customer_id = c.id WHERE c.name = 'Joko Susilo'",
      ),
    ).toEqual({ n: beforeRun ? 0 : 1, start: day });
    // Every account is billed, nothing happened after "now", and the ledger is consistent.
    expect((await t.ok('subscriptions.unbilled', {})).count).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM payments WHERE paid_at > ?', now).n).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM payments WHERE payment_date > ?', day).n).toBe(0);
    checkInvariants(t.app.ctx);

    // The scheduler's next tick finds nothing to do: nobody else is isolated or restored, nothing is billed twice.
    const tick = billingTick(t.app.ctx);
    expect(tick.errors).toEqual([]);
    expect(tick.automation).toMatchObject({ isolated: 0, restored: 0 });
    expect(tick.invoiceRuns.reduce((s, x) => s + x.created, 0)).toBe(0);
    expect((await t.ok('billing.dashboard', {})).customers.isolated).toBe(1);
  });

  it('loads twice without doubling anything', async () => {
    t = await testApp();
    await t.ok('demo.load', {});
    const counts = () =>
      ['internet_packages', 'customers', 'pppoe_accounts', 'subscriptions', 'invoices', 'payments'].map(
        (table) => one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).n,
      );
    const first = counts();
    expect(await t.ok('demo.load', {})).toEqual({ packages: 0, customers: 0, accounts: 0, invoices: 0, payments: 0 });
    expect(counts()).toEqual(first);
  });

  it('adds no past invoices next to a real ledger', async () => {
    t = await testApp();
    const c = await t.ok('customers.create', { name: 'Pelanggan Nyata' });
    const p = await t.ok('packages.create', {
      name: 'Nyata 10M',
      bandwidthUp: 1000,
      bandwidthDown: 10000,
      price: 100_000,
      billingCycle: 'monthly',
    });
    await t.ok('subscriptions.create', { customerId: c.id, internetPackageId: p.id });
    const r = await t.ok('demo.load', {});
    expect(r).toMatchObject({ customers: 8, accounts: 8, invoices: 0, payments: 0 });
    expect(one<{ n: number }>('SELECT count(*) AS n FROM subscriptions').n).toBe(9);
  });
});
