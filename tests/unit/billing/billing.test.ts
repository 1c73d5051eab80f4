import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { addAccount, seedBilling, travelTo } from './fixtures';
import { checkInvariants } from './invariants';

let t: TestApp;
beforeEach(async () => {
  t = await testApp(); // clock: 2026-11-24 10:00 WIB
});
afterEach(() => t.close());

const err = async (
  p: Promise<{ ok: boolean; error?: { code: string; message: string; issues?: { path: string }[] } }>,
) => {
  const r = await p;
  expect(r.ok).toBe(false);
  return r.error!;
};

describe('subscriptions', () => {
  it('defaults the fee to the package price and requires a note for an override', async () => {
    const { pkg, customers, subs } = await seedBilling(t, { customers: 1 });
    expect(subs[0]).toMatchObject({
      monthlyFee: 250_000,
      billingDay: 1,
      status: 'active',
      autoRenew: true,
      packageName: pkg.name,
    });
    const e = await err(
      t.call('subscriptions.create', { customerId: customers[0]!.id, internetPackageId: pkg.id, monthlyFee: 200_000 }),
    );
    expect(e.code).toBe('BAD_INPUT');
    expect(e.issues?.[0]?.path).toBe('feeNote');
    const ok = await t.ok('subscriptions.create', {
      customerId: customers[0]!.id,
      internetPackageId: pkg.id,
      monthlyFee: 200_000,
      feeNote: 'Diskon RT',
    });
    expect(ok.monthlyFee).toBe(200_000);
    const bad = await err(
      t.call('subscriptions.create', { customerId: customers[0]!.id, internetPackageId: pkg.id, billingDay: 29 }),
    );
    expect(bad.issues?.[0]?.path).toBe('billingDay');
    const upd = await t.ok('subscriptions.update', { id: ok.id, status: 'suspended' });
    expect(upd.status).toBe('suspended');
    expect((await t.ok('subscriptions.list', { customerId: customers[0]!.id })).total).toBe(2);
    // A package change brings the new package's price (the override note no longer applies).
    const big = await t.ok('packages.create', {
      name: 'Paket Business 20 Mbps',
      bandwidthUp: 10240,
      bandwidthDown: 20480,
      price: 500_000,
      billingCycle: 'monthly',
    });
    const moved = await t.ok('subscriptions.update', { id: subs[0]!.id, internetPackageId: big.id });
    expect(moved).toMatchObject({ monthlyFee: 500_000, packageName: 'Paket Business 20 Mbps' });
    const audit = t.app.ctx.sqlite
      .prepare(
        "SELECT before, after FROM audit_log WHERE action = 'subscription.update' AND entity_id = ? ORDER BY id DESC",
      )
      .get(String(subs[0]!.id)) as { before: string; after: string };
    expect(JSON.parse(audit.after)).toMatchObject({ monthlyFee: 500_000 });
    expect(JSON.parse(audit.before)).toMatchObject({ monthlyFee: 250_000 });
    const endBeforeStart = await err(t.call('subscriptions.update', { id: subs[0]!.id, endDate: '2020-01-01' }));
    expect(endBeforeStart.issues?.[0]?.path).toBe('endDate');
  });

  it('dates invoices on the billing day and prints the service period on the document', async () => {
    await seedBilling(t, { customers: 1, startDate: '2026-11-15', billingDay: 15 });
    const dec = await t.ok('billing.generateInvoices', { period: '2026-12' });
    expect(dec.invoices[0]).toMatchObject({
      invoiceDate: '2026-12-15',
      dueDate: '2026-12-25',
      invoiceNumber: 'INV-202612-00001',
    });
    const inv = (await t.ok('invoices.list', {})).items[0]!;
    const doc = await t.ok('invoices.document', { id: inv.id });
    expect(doc.servicePeriod).toEqual({ from: '2026-12-15', to: '2027-01-14' });
    expect(doc.customer.name).toBe('Pelanggan 1');
  });
});

describe('invoice run', () => {
  it('previews, issues once, and re-runs create nothing', async () => {
    const { pkg } = await seedBilling(t, { customers: 3 });
    const preview = await t.ok('billing.generateInvoices', { period: '2026-11', dryRun: true });
    expect(preview).toMatchObject({ created: 3, skipped: 0, totalAmount: 750_000, dryRun: true });
    expect(preview.invoices[0]).toMatchObject({
      invoiceNumber: null,
      description: 'Internet Paket Home 10 Mbps — November 2026',
    });
    expect((await t.ok('invoices.list', {})).total).toBe(0);
    const run = await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(run.created).toBe(3);
    expect(run.invoices.map((i) => i.invoiceNumber)).toEqual([
      'INV-202611-00001',
      'INV-202611-00002',
      'INV-202611-00003',
    ]);
    // Issued today (the period started earlier), due after settings.dueDays (10).
    expect(run.invoices[0]).toMatchObject({ invoiceDate: '2026-11-24', dueDate: '2026-12-04' });
    const again = await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(again).toMatchObject({ created: 0, skipped: 3 });
    const [a, b] = await Promise.all([
      t.ok('billing.generateInvoices', { period: '2026-10' }),
      t.ok('billing.generateInvoices', { period: '2026-10' }),
    ]);
    expect(a.created + b.created).toBe(3);
    // The database itself refuses a second invoice for the same subscription and period.
    expect(() =>
      t.app.ctx.sqlite
        .prepare(
          `INSERT INTO invoices(invoice_number, customer_id, subscription_id, period, invoice_date, due_date, amount)
           SELECT 'DUP-1', customer_id, subscription_id, period, invoice_date, due_date, amount FROM invoices LIMIT 1`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    // An inactive customer (service stopped) is not billed, whatever the subscription says.
    const inactive = await t.ok('customers.create', { name: 'Berhenti', status: 'inactive' });
    await t.ok('subscriptions.create', { customerId: inactive.id, internetPackageId: pkg.id, startDate: '2026-10-01' });
    expect((await t.ok('billing.generateInvoices', { period: '2026-11', dryRun: true })).created).toBe(0);
    checkInvariants(t.app.ctx);
  });

  it('handles quarterly cycles, pro-rating and billing days', async () => {
    const pkg = await t.ok('packages.create', {
      name: 'Paket Q',
      bandwidthUp: 1024,
      bandwidthDown: 2048,
      price: 300_000,
      billingCycle: 'quarterly',
    });
    const c = await t.ok('customers.create', { name: 'Q' });
    await t.ok('subscriptions.create', {
      customerId: c.id,
      internetPackageId: pkg.id,
      startDate: '2026-09-01',
      billingDay: 1,
    });
    const c2 = await t.ok('customers.create', { name: 'Prorata' });
    const monthly = await t.ok('packages.create', {
      name: 'Paket M',
      bandwidthUp: 1024,
      bandwidthDown: 2048,
      price: 300_000,
      billingCycle: 'monthly',
    });
    await t.ok('subscriptions.create', {
      customerId: c2.id,
      internetPackageId: monthly.id,
      startDate: '2026-11-16',
      billingDay: 1,
      prorateFirst: true,
    });
    const oct = await t.ok('billing.generateInvoices', { period: '2026-10', dryRun: true });
    expect(oct.created).toBe(0); // quarterly: Sep, Dec, ...
    const sep = await t.ok('billing.generateInvoices', { period: '2026-09', dryRun: true });
    expect(sep.invoices[0]?.description).toBe('Internet Paket Q — September 2026 s/d November 2026');
    const nov = await t.ok('billing.generateInvoices', { period: '2026-11', dryRun: true });
    // 16..30 November = 15 of 30 days.
    expect(nov.invoices).toEqual([
      expect.objectContaining({
        amount: 150_000,
        prorated: true,
        description: 'Internet Paket M — November 2026 (prorata 15 hari)',
      }),
    ]);
    const dec = await t.ok('billing.generateInvoices', { period: '2026-12', dryRun: true });
    expect(dec.invoices.map((i) => i.amount).sort()).toEqual([300_000, 300_000]);
    expect(dec.invoices[0]).toMatchObject({ invoiceDate: '2026-12-01', dueDate: '2026-12-11' });
    const tooFar = await err(t.call('billing.generateInvoices', { period: '2027-02' }));
    expect(tooFar.issues?.[0]?.path).toBe('period');
  });
});

describe('payments', () => {
  it('takes a partial payment, then the rest with change, and overpayment goes to the deposit', async () => {
    const { customers } = await seedBilling(t, { customers: 1 });
    const cust = customers[0]!;
    const run = await t.ok('billing.generateInvoices', { period: '2026-11' });
    const inv = (await t.ok('invoices.list', { customerId: cust.id })).items[0]!;
    const p1 = await t.ok('payments.create', {
      customerId: cust.id,
      amount: 100_000,
      method: 'cash',
      invoiceId: inv.id,
      tendered: 100_000,
    });
    expect(p1.paymentNumber).toBe('PAY-20261124-0001');
    expect(p1.allocations).toEqual([
      expect.objectContaining({ invoiceNumber: run.invoices[0]!.invoiceNumber, amount: 100_000, source: 'payment' }),
    ]);
    expect((await t.ok('invoices.get', { id: inv.id })).status).toBe('partial');
    const p2 = await t.ok('payments.create', {
      customerId: cust.id,
      amount: 200_000,
      method: 'cash',
      tendered: 200_000,
    });
    expect(p2).toMatchObject({
      paymentNumber: 'PAY-20261124-0002',
      allocated: 150_000,
      toDeposit: 50_000,
      customerDeposit: 50_000,
      change: 0,
    });
    expect((await t.ok('invoices.get', { id: inv.id })).status).toBe('paid');
    const receipt = await t.ok('payments.receipt', { id: p2.id, markPrinted: true });
    expect(receipt).toMatchObject({
      copy: false,
      receiptPrints: 1,
      cashierName: 'Admin',
      paidAtLocal: '2026-11-24 10:00',
    });
    const reprint = await t.ok('payments.receipt', { id: p2.id, markPrinted: true });
    expect(reprint.copy).toBe(true);
    checkInvariants(t.app.ctx);
  });

  it('refuses bad input and writes nothing', async () => {
    const { customers } = await seedBilling(t, { customers: 1 });
    const cust = customers[0]!;
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const inv = (await t.ok('invoices.list', {})).items[0]!;
    const before = t.app.ctx.sqlite
      .prepare('SELECT (SELECT count(*) FROM payments) p, (SELECT count(*) FROM audit_log) a')
      .get();
    for (const amount of [0, -5, 10.5]) {
      expect((await err(t.call('payments.create', { customerId: cust.id, amount, method: 'cash' }))).code).toBe(
        'BAD_INPUT',
      );
    }
    const noRef = await err(t.call('payments.create', { customerId: cust.id, amount: 1000, method: 'bank_transfer' }));
    expect(noRef.issues?.[0]?.path).toBe('referenceNumber');
    const large = await err(t.call('payments.create', { customerId: cust.id, amount: 6_000_000, method: 'cash' }));
    expect(large.issues?.[0]?.path).toBe('confirmLarge');
    const tooLittle = await err(
      t.call('payments.create', { customerId: cust.id, amount: 1000, method: 'cash', tendered: 500 }),
    );
    expect(tooLittle.issues?.[0]?.path).toBe('tendered');
    const fromEmptyDeposit = await err(
      t.call('payments.create', { customerId: cust.id, amount: 1000, method: 'deposit' }),
    );
    expect(fromEmptyDeposit.code).toBe('BAD_INPUT');
    await t.ok('invoices.void', { id: inv.id, reason: 'salah paket' });
    const payVoid = await err(
      t.call('payments.create', { customerId: cust.id, amount: 1000, method: 'cash', invoiceId: inv.id }),
    );
    expect(payVoid.code).toBe('CONFLICT');
    const voidTwice = await err(t.call('invoices.void', { id: inv.id, reason: 'lagi' }));
    expect(voidTwice.code).toBe('CONFLICT');
    const after = t.app.ctx.sqlite
      .prepare('SELECT (SELECT count(*) FROM payments) p, (SELECT count(*) FROM audit_log) a')
      .get() as { p: number; a: number };
    expect(after.p).toBe((before as { p: number }).p);
    checkInvariants(t.app.ctx);
  });

  it('needs an open shift for cash, voids reverse everything, a paid invoice cannot be voided', async () => {
    const { customers } = await seedBilling(t, { customers: 1, openShift: false });
    const cust = customers[0]!;
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const inv = (await t.ok('invoices.list', {})).items[0]!;
    expect((await err(t.call('payments.create', { customerId: cust.id, amount: 300_000, method: 'cash' }))).code).toBe(
      'CONFLICT',
    );
    const p = await t.ok('payments.create', {
      customerId: cust.id,
      amount: 300_000,
      method: 'bank_transfer',
      referenceNumber: 'TRF-1',
    });
    expect(p).toMatchObject({ shiftId: null, toDeposit: 50_000 });
    expect((await err(t.call('invoices.void', { id: inv.id, reason: 'x' }))).code).toBe('CONFLICT');
    // Spend part of the deposit elsewhere, then voiding the payment that created it is refused.
    await t.ok('invoices.create', { customerId: cust.id, amount: 40_000, description: 'Biaya pasang' });
    const dep = await t.ok('payments.create', { customerId: cust.id, amount: 40_000, method: 'deposit' });
    expect(dep).toMatchObject({ amount: 0, fromDeposit: 40_000, customerDeposit: 10_000 });
    expect((await err(t.call('payments.void', { id: p.id, reason: 'salah' }))).code).toBe('CONFLICT');
    await t.ok('payments.void', { id: dep.id, reason: 'salah' });
    const voided = await t.ok('payments.void', { id: p.id, reason: 'salah transfer' });
    expect(voided).toMatchObject({ status: 'void', customerDeposit: 0 });
    expect((await t.ok('invoices.get', { id: inv.id })).status).toBe('unpaid');
    expect((await err(t.call('payments.void', { id: p.id, reason: 'lagi' }))).code).toBe('CONFLICT');
    checkInvariants(t.app.ctx);
  });
});

describe('shifts', () => {
  it('reports expected cash by method, counted and variance', async () => {
    const { customers } = await seedBilling(t, { customers: 2 });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    await t.ok('payments.create', { customerId: customers[0]!.id, amount: 250_000, method: 'cash', tendered: 300_000 });
    await t.ok('payments.create', {
      customerId: customers[1]!.id,
      amount: 250_000,
      method: 'e_wallet',
      referenceNumber: 'DANA-9',
    });
    const cur = await t.ok('shifts.current', {});
    expect(cur).toMatchObject({
      openingCash: 100_000,
      expectedCash: 350_000,
      paymentsCount: 2,
      totalReceived: 500_000,
    });
    expect((await err(t.call('shifts.open', { openingCash: 0 }))).code).toBe('CONFLICT');
    const report = await t.ok('shifts.close', { countedCash: 340_000 });
    expect(report).toMatchObject({
      expectedCash: 350_000,
      countedCash: 340_000,
      variance: -10_000,
      cashReceived: 250_000,
    });
    expect(report.byMethod).toEqual([
      { method: 'cash', count: 1, amount: 250_000 },
      { method: 'e_wallet', count: 1, amount: 250_000 },
    ]);
    expect(report.payments).toHaveLength(2);
    expect(await t.ok('shifts.current', {})).toBeNull();
    expect((await t.ok('shifts.list', {})).items[0]).toMatchObject({ status: 'closed', variance: -10_000 });
    // 00:30 WIB on the 25th is 17:30 UTC on the 24th: the shift belongs to the 25th.
    travelTo(t, '2026-11-24T17:30:00.000Z');
    const night = await t.ok('shifts.open', { openingCash: 0 });
    expect((await t.ok('shifts.list', { from: '2026-11-25', to: '2026-11-25' })).items.map((x) => x.id)).toEqual([
      night.id,
    ]);
    expect((await t.ok('shifts.list', { from: '2026-11-24', to: '2026-11-24' })).items.map((x) => x.id)).not.toContain(
      night.id,
    );
  });
});

describe('cash desk lookup', () => {
  it('finds by name, code, phone, PPPoE username and invoice number with open invoices and deposit', async () => {
    const { customers, pkg } = await seedBilling(t, { customers: 3 });
    addAccount(t, customers[1]!.id, pkg.id, 'budi-rt05');
    const run = await t.ok('billing.generateInvoices', { period: '2026-11' });
    const byName = await t.ok('cashdesk.lookup', { query: 'pelanggan 2' });
    expect(byName.customers.map((c) => c.id)).toEqual([customers[1]!.id]);
    expect(byName.customers[0]).toMatchObject({ pppoeUsernames: ['budi-rt05'], totalOutstanding: 250_000, deposit: 0 });
    expect((await t.ok('cashdesk.lookup', { query: 'BUDI-RT' })).customers[0]?.id).toBe(customers[1]!.id);
    expect((await t.ok('cashdesk.lookup', { query: customers[2]!.customerCode })).customers[0]?.id).toBe(
      customers[2]!.id,
    );
    expect((await t.ok('cashdesk.lookup', { query: run.invoices[0]!.invoiceNumber! })).customers[0]?.id).toBe(
      customers[0]!.id,
    );
    expect((await t.ok('cashdesk.lookup', { query: '08120000000' })).customers).toHaveLength(3);
    expect((await err(t.call('cashdesk.lookup', { query: '' }))).code).toBe('BAD_INPUT');
  });
});

describe('automation', () => {
  it('isolates after the grace period, restores at once when paid, expires and renews', async () => {
    const { customers, pkg, subs } = await seedBilling(t, { customers: 3 });
    const acc0 = addAccount(t, customers[0]!.id, pkg.id, 'satu');
    const acc1 = addAccount(t, customers[1]!.id, pkg.id, 'dua');
    addAccount(t, customers[2]!.id, pkg.id, 'tiga', '2026-11-30');
    await t.ok('customers.update', { id: customers[1]!.id, neverIsolate: true });
    await t.ok('subscriptions.update', { id: subs[2]!.id, endDate: '2026-11-30', autoRenew: true });
    await t.ok('billing.generateInvoices', { period: '2026-11' }); // due 2026-12-04
    const status = (id: number) =>
      (t.app.ctx.sqlite.prepare('SELECT status FROM pppoe_accounts WHERE id = ?').get(id) as { status: string }).status;
    // Due + grace (3 days) = 12-07; on 12-07 nothing happens yet, on 12-08 customer 0 is isolated.
    travelTo(t, '2026-12-07T03:00:00.000Z');
    expect(await t.ok('billing.runAutomation', {})).toMatchObject({ isolated: 0, expired: 1, renewed: 1 });
    travelTo(t, '2026-12-08T03:00:00.000Z');
    const r = await t.ok('billing.runAutomation', {});
    expect(r).toMatchObject({ isolated: 1, expired: 0, renewed: 0 });
    expect(status(acc0)).toBe('suspended');
    expect(status(acc1)).toBe('active'); // never isolate
    expect((await t.ok('billing.runAutomation', {})).isolated).toBe(0); // idempotent
    const alerts = await t.ok('billing.alerts', {});
    expect(alerts.overdueCount).toBe(3);
    expect(alerts.overdue[0]).toMatchObject({ daysOverdue: 4, isolationDue: true, status: 'overdue' });
    await t.ok('shifts.open', { openingCash: 0 }).catch(() => undefined);
    const pay = await t.ok('payments.create', { customerId: customers[0]!.id, amount: 250_000, method: 'cash' });
    expect(pay.restoredAccounts).toBe(1);
    expect(status(acc0)).toBe('active');
    const log = await t.ok('automation.log', { customerId: customers[0]!.id });
    expect(log.items.map((l) => l.action)).toEqual(['restore', 'isolate']);
    expect((await t.ok('subscriptions.get', { id: subs[2]!.id })).endDate).toBe('2026-12-30');
    checkInvariants(t.app.ctx);
  });
});
