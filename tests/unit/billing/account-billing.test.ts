import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { travelTo } from './fixtures';

/*
 * Issue 12 §4: an account created with a package is billed (its subscription in the same transaction,
 * terms from Settings), a package change moves the subscription, accounts nobody bills are listed and
 * fixed in one click, and a suspended customer gets an active account only with an explicit override.
 * The clock is 2026-11-24 10:00 WIB (the month's invoice run, day 1 07:00, has passed).
 */
let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const db = () => t.app.ctx.sqlite;
const count = (sql: string, ...p: unknown[]) =>
  (
    db()
      .prepare(sql)
      .get(...p) as { n: number }
  ).n;

async function customerAndPackage(status: 'active' | 'suspended' | 'inactive' = 'active', price = 150_000) {
  const customer = await t.ok('customers.create', { name: 'Budi Santoso', status });
  const pkg = await t.ok('packages.create', {
    name: `Home ${price}`,
    bandwidthUp: 2000,
    bandwidthDown: 10000,
    price,
    billingCycle: 'monthly',
  });
  return { customer, pkg };
}

/** An account written straight in SQL, as the app did before subscriptions came with accounts. */
function legacyAccount(customerId: number, packageId: number, username: string, status = 'active'): number {
  return Number(
    db()
      .prepare(
        `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, status)
         VALUES (?, ?, ?, 'x', 'p', ?)`,
      )
      .run(customerId, packageId, username, status).lastInsertRowid,
  );
}

describe('creating an account bills it', () => {
  it('writes the subscription in the same transaction, from today, with the default terms (Seen: none was created)', async () => {
    const { customer, pkg } = await customerAndPackage();
    const r = await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id });
    expect(r.subscription).toMatchObject({
      customerId: customer.id,
      internetPackageId: pkg.id,
      pppoeAccountId: r.account.id,
      startDate: '2026-11-24',
      billingDay: 24,
      monthlyFee: 150_000,
      status: 'active',
    });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'subscription.create'")).toBe(1);
    // The daily top-up of the current period bills it.
    const run = await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(run.invoices.map((i) => [i.subscriptionId, i.amount, i.invoiceDate])).toEqual([
      [r.subscription!.id, 150_000, '2026-11-24'],
    ]);
  });

  it('follows Settings: a fixed billing day and a pro-rated first invoice, as the dialog previewed', async () => {
    await t.ok('settings.update', { billingDayMode: 'fixed', fixedBillingDay: 1, prorateFirstInvoice: true });
    const { customer, pkg } = await customerAndPackage('active', 300_000);
    const preview = await t.ok('pppoe.billingPreview', { internetPackageId: pkg.id, customerId: customer.id });
    // 24–30 November: 7 of 30 days.
    expect(preview).toMatchObject({
      customerStatus: 'active',
      billing: {
        mode: 'new',
        fee: 300_000,
        billingDay: 1,
        prorateFirst: true,
        firstInvoice: { period: '2026-11', amount: 70_000, prorated: true, days: 7, invoiceDate: '2026-11-24' },
      },
    });
    const r = await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id });
    expect(r.subscription).toMatchObject({ billingDay: 1, prorateFirst: true });
    const run = await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(run.invoices[0]).toMatchObject({ amount: 70_000, prorated: true, dueDate: '2026-12-04' });
  });

  it('takes the dialog choices, and refuses a bad one by field with nothing written', async () => {
    const { customer, pkg } = await customerAndPackage();
    const bad = await t.call('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      billing: { monthlyFee: 100_000 },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'feeNote' }] } });
    expect(count('SELECT count(*) AS n FROM pppoe_accounts')).toBe(0);
    expect(count('SELECT count(*) AS n FROM subscriptions')).toBe(0);
    const r = await t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      billing: { startDate: '2026-12-01', billingDay: 5, monthlyFee: 0, feeNote: 'Akun kantor' },
    });
    expect(r.subscription).toMatchObject({ startDate: '2026-12-01', billingDay: 5, monthlyFee: 0 });
  });

  it('creates no subscription for an inactive account, and bills it when it is enabled', async () => {
    const { customer, pkg } = await customerAndPackage();
    const r = await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id, status: 'inactive' });
    expect(r.subscription).toBeNull();
    await t.ok('pppoe.enable', { id: r.account.id });
    expect(count('SELECT count(*) AS n FROM subscriptions WHERE pppoe_account_id = ?', r.account.id)).toBe(1);
    // Enabling again (or disable + enable) does not bill twice.
    await t.ok('pppoe.disable', { id: r.account.id });
    await t.ok('pppoe.enable', { id: r.account.id });
    expect(count('SELECT count(*) AS n FROM subscriptions')).toBe(1);
  });

  it('links a subscription made before the account instead of billing twice', async () => {
    const { customer, pkg } = await customerAndPackage();
    const sub = await t.ok('subscriptions.create', { customerId: customer.id, internetPackageId: pkg.id });
    const r = await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id });
    expect(r.subscription).toMatchObject({ id: sub.id, pppoeAccountId: r.account.id });
    expect(count('SELECT count(*) AS n FROM subscriptions')).toBe(1);
  });

  it('refuses a second active subscription for the same account (the old "account, then subscription" habit would bill twice)', async () => {
    const { customer, pkg } = await customerAndPackage();
    const r = await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id });
    const again = await t.call('subscriptions.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      pppoeAccountId: r.account.id,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'pppoeAccountId' }] } });
    if (!again.ok) expect(again.error.message).toContain(`subscription #${r.subscription!.id}`);
    // Editing the account's own subscription is fine; a paused (inactive) second one is allowed.
    await t.ok('subscriptions.update', { id: r.subscription!.id, notes: 'diskon tetangga' });
    await t.ok('subscriptions.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      pppoeAccountId: r.account.id,
      status: 'inactive',
    });
    expect(count("SELECT count(*) AS n FROM subscriptions WHERE status = 'active'")).toBe(1);
  });

  it('deletes an account created by mistake with its never-invoiced subscription, but not one with invoices', async () => {
    const { customer, pkg } = await customerAndPackage();
    const a = await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id });
    await t.ok('pppoe.delete', { id: a.account.id });
    expect(count('SELECT count(*) AS n FROM subscriptions')).toBe(0);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'subscription.delete'")).toBe(1);
    const b = await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id, username: 'budi2' });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(await t.call('pppoe.delete', { id: b.account.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});

describe('changing the package changes the subscription', () => {
  it('moves it to the new package at its price from the next invoice; the issued one keeps its amount', async () => {
    const { customer, pkg } = await customerAndPackage('active', 150_000);
    const big = await t.ok('packages.create', {
      name: 'Home 20M',
      bandwidthUp: 4000,
      bandwidthDown: 20000,
      price: 250_000,
      billingCycle: 'monthly',
    });
    const r = await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const preview = await t.ok('pppoe.billingPreview', { internetPackageId: big.id, accountId: r.account.id });
    expect(preview.billing).toMatchObject({
      mode: 'change',
      subscriptionId: r.subscription!.id,
      fee: 250_000,
      firstInvoice: { period: '2026-12', amount: 250_000, invoiceDate: '2026-12-24' },
    });
    await t.ok('pppoe.update', { id: r.account.id, internetPackageId: big.id });
    const sub = await t.ok('subscriptions.get', { id: r.subscription!.id });
    expect(sub).toMatchObject({ internetPackageId: big.id, monthlyFee: 250_000, billingDay: 24 });
    const audit = db()
      .prepare("SELECT after FROM audit_log WHERE action = 'subscription.update' ORDER BY id DESC LIMIT 1")
      .get() as { after: string };
    expect(JSON.parse(audit.after)).toMatchObject({ internetPackageId: big.id, monthlyFee: 250_000 });
    expect(db().prepare('SELECT amount FROM invoices').all()).toEqual([{ amount: 150_000 }]);
    travelTo(t, '2026-12-02T03:00:00.000Z');
    const dec = await t.ok('billing.generateInvoices', { period: '2026-12' });
    expect(dec.invoices.map((i) => i.amount)).toEqual([250_000]);
  });
});

describe('active accounts that nobody bills', () => {
  it('are listed for the dashboard and billed in one audited click', async () => {
    const { customer, pkg } = await customerAndPackage();
    const other = await t.ok('customers.create', { name: 'Siti', status: 'inactive' });
    const a1 = legacyAccount(customer.id, pkg.id, 'budi');
    legacyAccount(customer.id, pkg.id, 'budi-off', 'inactive');
    legacyAccount(other.id, pkg.id, 'siti'); // an inactive customer is not billed by the run either
    const billed = await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id, username: 'b3' });
    const before = await t.ok('subscriptions.unbilled', {});
    expect(before.count).toBe(1);
    expect(before.items).toMatchObject([
      { accountId: a1, username: 'budi', customerName: 'Budi Santoso', price: 150_000 },
    ]);
    expect(billed.subscription).not.toBeNull();

    const fix = await t.ok('subscriptions.billUnbilled', {});
    expect(fix).toEqual({ created: 1, linked: 0 });
    expect(await t.ok('subscriptions.unbilled', {})).toEqual({ count: 0, items: [] });
    expect(await t.ok('subscriptions.billUnbilled', {})).toEqual({ created: 0, linked: 0 });
    const audit = db()
      .prepare("SELECT after FROM audit_log WHERE action = 'subscription.bill_unbilled' ORDER BY id")
      .all() as { after: string }[];
    expect(JSON.parse(audit[0]!.after)).toEqual({ accounts: [a1], created: 1, linked: 0 });
    expect(count('SELECT count(*) AS n FROM subscriptions WHERE pppoe_account_id = ?', a1)).toBe(1);
  });

  it('only a role that may write subscriptions can run the fix', async () => {
    const { signInAs } = await import('../security/helpers');
    const { token } = await signInAs(t, 'staff');
    expect((await t.call('subscriptions.unbilled', {}, token)).ok).toBe(true);
    expect(await t.call('subscriptions.billUnbilled', {}, token)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('a suspended customer', () => {
  it.each(['suspended', 'inactive'] as const)(
    'gets no active account without an override with a reason (%s)',
    async (status) => {
      const { customer, pkg } = await customerAndPackage(status);
      const refused = await t.call('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'overrideReason' }] } });
      if (!refused.ok) expect(refused.error.message).toContain(`is ${status}`);
      expect(count('SELECT count(*) AS n FROM pppoe_accounts')).toBe(0);
      expect(count('SELECT count(*) AS n FROM audit_log WHERE action = ?', 'pppoe.create')).toBe(0);
      // An inactive account needs no override: it gives no access.
      const off = await t.ok('pppoe.create', {
        customerId: customer.id,
        internetPackageId: pkg.id,
        status: 'inactive',
        username: 'budi-off',
      });
      expect(await t.call('pppoe.enable', { id: off.account.id })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', issues: [{ path: 'overrideReason' }] },
      });
      const ok = await t.ok('pppoe.create', {
        customerId: customer.id,
        internetPackageId: pkg.id,
        overrideReason: 'Sudah bayar tunggakan di lapangan',
      });
      expect(ok.account.status).toBe('active');
      const audit = db()
        .prepare("SELECT after, reason FROM audit_log WHERE action = 'pppoe.create' AND entity_id = ?")
        .get(String(ok.account.id)) as { after: string; reason: string };
      expect(audit.reason).toBe('Sudah bayar tunggakan di lapangan');
      expect(JSON.parse(audit.after).override).toEqual({ customerStatus: status });
      await t.ok('pppoe.enable', { id: off.account.id, overrideReason: 'Teknisi sudah cek' });
      const enable = db()
        .prepare("SELECT reason FROM audit_log WHERE action = 'pppoe.enable' AND entity_id = ?")
        .get(String(off.account.id)) as { reason: string };
      expect(enable.reason).toBe('Teknisi sudah cek');
      const preview = await t.ok('pppoe.billingPreview', { internetPackageId: pkg.id, customerId: customer.id });
      expect(preview.customerStatus).toBe(status);
    },
  );
});
