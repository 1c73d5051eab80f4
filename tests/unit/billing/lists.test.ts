import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { addAccount, seedBilling, travelTo } from './fixtures';
import { checkInvariants } from './invariants';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

async function staffToken(): Promise<string> {
  await t.ok('users.create', {
    username: 'kasir1',
    fullName: 'Siti Kasir',
    role: 'staff',
    password: 'Kopi-Susu-Manis-9',
    mustChangePassword: false,
  });
  const r = await t.ok('auth.login', { username: 'kasir1', password: 'Kopi-Susu-Manis-9' });
  return (r as { token: string }).token;
}

describe('invoice lists, documents and alerts', () => {
  it('filters by shown status, period, customer and open-only, with totals', async () => {
    const { customers } = await seedBilling(t, { customers: 3 });
    await t.ok('billing.generateInvoices', { period: '2026-10' });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    await t.ok('payments.create', { customerId: customers[0]!.id, amount: 100_000, method: 'cash' });
    travelTo(t, '2026-12-05T03:00:00.000Z'); // both periods are past due (due 12-04)
    const overdue = await t.ok('invoices.list', { status: 'overdue' });
    expect(overdue.total).toBe(6);
    expect(overdue.items.every((i) => i.status === 'overdue')).toBe(true);
    expect(overdue.totalOutstanding).toBe(6 * 250_000 - 100_000);
    expect((await t.ok('invoices.list', { status: 'unpaid' })).total).toBe(0);
    expect((await t.ok('invoices.list', { period: '2026-10', customerId: customers[0]!.id })).items[0]).toMatchObject({
      paidAmount: 100_000,
      outstanding: 150_000,
      status: 'overdue',
    });
    expect((await t.ok('invoices.list', { openOnly: true })).total).toBe(6);
    expect((await t.ok('invoices.list', { search: customers[2]!.customerCode })).total).toBe(2);
    const doc = await t.ok('invoices.document', { id: overdue.items[0]!.id });
    expect(doc.lines).toHaveLength(1);
    expect(doc.servicePeriod).not.toBeNull();
    expect(doc.isp.name).toBeTruthy();
  });

  it('lists accounts expiring within settings.expiryAlertDays', async () => {
    const { customers, pkg } = await seedBilling(t, { customers: 2 });
    addAccount(t, customers[0]!.id, pkg.id, 'habis-segera', '2026-11-28');
    addAccount(t, customers[1]!.id, pkg.id, 'masih-lama', '2027-01-30');
    const a = await t.ok('billing.alerts', {});
    expect(a.expiring).toEqual([expect.objectContaining({ username: 'habis-segera', daysLeft: 4 })]);
    expect(a.overdueCount).toBe(0);
  });
});

describe('deposit', () => {
  it('tops up with no open invoice, pays the next invoice from the deposit, and useDeposit combines both', async () => {
    const { customers } = await seedBilling(t, { customers: 1 });
    const id = customers[0]!.id;
    const top = await t.ok('payments.create', { customerId: id, amount: 100_000, method: 'cash' });
    expect(top).toMatchObject({ toDeposit: 100_000, allocated: 0, customerDeposit: 100_000 });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const mixed = await t.ok('payments.create', {
      customerId: id,
      amount: 150_000,
      method: 'e_wallet',
      referenceNumber: 'OVO-1',
      useDeposit: true,
    });
    expect(mixed).toMatchObject({ fromDeposit: 100_000, allocated: 150_000, toDeposit: 0, customerDeposit: 0 });
    expect(mixed.allocations.map((a) => [a.source, a.amount])).toEqual([
      ['deposit', 100_000],
      ['payment', 150_000],
    ]);
    await t.ok('payments.void', { id: mixed.id, reason: 'salah' });
    expect((await t.ok('cashdesk.lookup', { customerId: id })).customers[0]).toMatchObject({
      deposit: 100_000,
      totalOutstanding: 250_000,
    });
    checkInvariants(t.app.ctx);
  });
});

describe('roles', () => {
  it('a cashier takes payments in their own shift but cannot void or see other shifts', async () => {
    const { customers } = await seedBilling(t, { customers: 1 });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const kasir = await staffToken();
    expect(
      (await t.call('payments.create', { customerId: customers[0]!.id, amount: 1000, method: 'cash' }, kasir)).ok,
    ).toBe(false); // no shift yet
    const shift = await t.ok('shifts.open', { openingCash: 50_000 }, kasir);
    const p = await t.ok('payments.create', { customerId: customers[0]!.id, amount: 250_000, method: 'cash' }, kasir);
    expect(p).toMatchObject({ shiftId: shift.id, receivedByName: 'Siti Kasir' });
    const v = await t.call('payments.void', { id: p.id, reason: 'x' }, kasir);
    expect(v).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const adminShift = (await t.ok('shifts.current', {}))!;
    expect(await t.call('shifts.report', { id: adminShift.id }, kasir)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await t.ok('shifts.list', {}, kasir)).items.map((s) => s.id)).toEqual([shift.id]);
    expect((await t.ok('shifts.list', {})).total).toBe(2); // a manager/admin sees all
    const receipt = await t.ok('payments.receipt', { id: p.id }, kasir);
    expect(receipt).toMatchObject({ cashierName: 'Siti Kasir', copy: false, remainingOutstanding: 0 });
  });
});

describe('automation restores on the next tick when the arrears disappear otherwise', () => {
  it('restores after the overdue invoice is voided and after never-isolate is set', async () => {
    const { customers, pkg } = await seedBilling(t, { customers: 2 });
    const a0 = addAccount(t, customers[0]!.id, pkg.id, 'a0');
    const a1 = addAccount(t, customers[1]!.id, pkg.id, 'a1');
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    travelTo(t, '2026-12-10T03:00:00.000Z');
    expect((await t.ok('billing.runAutomation', {})).isolated).toBe(2);
    const status = (id: number) =>
      (t.app.ctx.sqlite.prepare('SELECT status FROM pppoe_accounts WHERE id = ?').get(id) as { status: string }).status;
    const inv0 = (await t.ok('invoices.list', { customerId: customers[0]!.id })).items[0]!;
    await t.ok('invoices.void', { id: inv0.id, reason: 'gangguan jaringan sebulan' });
    expect(status(a0)).toBe('active'); // restored inside the void's transaction
    await t.ok('customers.update', { id: customers[1]!.id, neverIsolate: true });
    expect(status(a1)).toBe('suspended');
    expect((await t.ok('billing.runAutomation', {})).restored).toBe(1);
    expect(status(a1)).toBe('active');
    // A technician's own suspension is never lifted by billing.
    t.app.ctx.sqlite.prepare("UPDATE pppoe_accounts SET status = 'suspended' WHERE id = ?").run(a0);
    expect((await t.ok('billing.runAutomation', {})).restored).toBe(0);
    expect(status(a0)).toBe('suspended');
  });

  it('restores a customer whose overdue bill was settled outside the app, not one still partly unpaid', async () => {
    const { customers, pkg } = await seedBilling(t, { customers: 2 });
    const a0 = addAccount(t, customers[0]!.id, pkg.id, 'b0');
    const a1 = addAccount(t, customers[1]!.id, pkg.id, 'b1');
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    travelTo(t, '2026-12-10T03:00:00.000Z');
    expect((await t.ok('billing.runAutomation', {})).isolated).toBe(2);
    const db = t.app.ctx.sqlite;
    // Written straight into the table: no payment path ran, so only the next tick can restore.
    db.prepare("UPDATE invoices SET paid_amount = amount, status = 'paid' WHERE customer_id = ?").run(customers[0]!.id);
    db.prepare("UPDATE invoices SET paid_amount = 1, status = 'partial' WHERE customer_id = ?").run(customers[1]!.id);
    const status = (id: number) =>
      (db.prepare('SELECT status FROM pppoe_accounts WHERE id = ?').get(id) as { status: string }).status;
    expect((await t.ok('billing.runAutomation', {})).restored).toBe(1);
    expect([status(a0), status(a1)]).toEqual(['active', 'suspended']);
  });
});

describe('automation at scale', () => {
  it('isolates a large overdue list in batches, each customer once', async () => {
    const { pkg } = await seedBilling(t, { customers: 1 });
    const db = t.app.ctx.sqlite;
    db.transaction(() => {
      for (let i = 0; i < 1_050; i++) {
        const c = db
          .prepare(
            "INSERT INTO customers(customer_code, name, status, join_date) VALUES (?, ?, 'active', '2026-01-01')",
          )
          .run(`X${i}`, `Massal ${i}`);
        const cid = Number(c.lastInsertRowid);
        db.prepare(
          `INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount) VALUES (?, ?, '2026-10', '2026-10-01', '2026-10-11', 100000)`,
        ).run(`OLD-${i}`, cid);
        addAccount(t, cid, pkg.id, `massal${i}`);
      }
    })();
    const r = await t.ok('billing.runAutomation', {});
    expect(r).toMatchObject({ isolated: 1_050, errors: [] });
    expect(
      (db.prepare("SELECT count(*) AS n FROM pppoe_accounts WHERE status = 'suspended'").get() as { n: number }).n,
    ).toBe(1_050);
    expect((await t.ok('billing.runAutomation', {})).isolated).toBe(0);
  });
});
