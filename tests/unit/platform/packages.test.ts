import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const home = {
  name: 'Home 10 Mbps',
  bandwidthUp: 5120,
  bandwidthDown: 10240,
  price: 250_000,
  billingCycle: 'monthly' as const,
};

describe('packages', () => {
  it('creates with defaults from the cycle and a router profile name', async () => {
    const p = await t.ok('packages.create', { ...home, features: ['Unlimited', 'Streaming HD'] });
    expect(p).toMatchObject({
      durationDays: 30,
      isActive: true,
      profileName: 'Home-10-Mbps',
      features: ['Unlimited', 'Streaming HD'],
    });
    const q = await t.ok('packages.create', { ...home, name: 'Home 10 Mbps Tahunan', billingCycle: 'yearly' });
    expect(q.durationDays).toBe(365);
    const r = await t.ok('packages.create', { ...home, name: 'Triwulan', billingCycle: 'quarterly', durationDays: 91 });
    expect(r.durationDays).toBe(91);
  });

  it('refuses duplicate names (case-insensitive) on the name field', async () => {
    await t.ok('packages.create', home);
    const r = await t.call('packages.create', { ...home, name: 'HOME 10 MBPS' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'name' }] } });
  });

  it('validates money, bandwidth and features per field', async () => {
    const r = await t.call('packages.create', {
      ...home,
      price: 99.5,
      bandwidthDown: -1,
      features: ['a', 'A'],
      ipPool: 'pool with spaces',
    } as never);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.issues?.map((i) => i.path).sort()).toEqual(['bandwidthDown', 'features', 'ipPool', 'price']);
    expect((await t.ok('packages.list', {})).total).toBe(0);
  });

  it('resets the duration when the cycle changes without one', async () => {
    const p = await t.ok('packages.create', home);
    const u = await t.ok('packages.update', { id: p.id, billingCycle: 'quarterly' });
    expect(u.durationDays).toBe(90);
    const v = await t.ok('packages.update', { id: p.id, price: 275_000 });
    expect(v).toMatchObject({ durationDays: 90, price: 275_000 });
    const row = t.app.ctx.sqlite
      .prepare("SELECT before, after FROM audit_log WHERE action = 'package.update' ORDER BY id DESC")
      .get() as {
      before: string;
      after: string;
    };
    expect(JSON.parse(row.before)).toEqual({ price: 250_000 });
    expect(JSON.parse(row.after)).toEqual({ price: 275_000 });
  });

  it('refuses to delete a package in use, deletes an unused one', async () => {
    const p = await t.ok('packages.create', home);
    const c = await t.ok('customers.create', { name: 'Budi' });
    t.app.ctx.sqlite
      .prepare(
        "INSERT INTO subscriptions(customer_id, internet_package_id, start_date, monthly_fee) VALUES (?, ?, '2026-11-01', 250000)",
      )
      .run(c.id, p.id);
    expect(await t.call('packages.delete', { id: p.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const q = await t.ok('packages.create', { ...home, name: 'Unused' });
    expect(await t.ok('packages.delete', { id: q.id })).toEqual({ id: q.id });
  });

  it('filters and sorts', async () => {
    await t.ok('packages.create', { ...home, name: 'B', price: 300_000 });
    await t.ok('packages.create', { ...home, name: 'A', price: 100_000, isActive: false });
    await t.ok('packages.create', { ...home, name: 'C', price: 200_000, billingCycle: 'yearly' });
    expect((await t.ok('packages.list', {})).items.map((p) => p.name)).toEqual(['A', 'C', 'B']);
    expect((await t.ok('packages.list', { isActive: true })).items.map((p) => p.name)).toEqual(['C', 'B']);
    expect((await t.ok('packages.list', { billingCycle: 'yearly' })).items.map((p) => p.name)).toEqual(['C']);
    expect((await t.ok('packages.list', { sort: { field: 'name', dir: 'desc' } })).items.map((p) => p.name)).toEqual([
      'C',
      'B',
      'A',
    ]);
  });

  it('loads the demo data once', async () => {
    expect(await t.ok('demo.load', {})).toMatchObject({ packages: 5, customers: 8, accounts: 8 });
    expect(await t.ok('demo.load', {})).toEqual({ packages: 0, customers: 0, accounts: 0, invoices: 0, payments: 0 });
    const pk = await t.ok('packages.list', {});
    expect(pk.items.map((p) => p.price)).toEqual([99_000, 150_000, 250_000, 500_000, 1_200_000]);
    const dewi = await t.ok('customers.list', { search: 'dewi' });
    expect(dewi.items[0]?.status).toBe('suspended');
  });
});
