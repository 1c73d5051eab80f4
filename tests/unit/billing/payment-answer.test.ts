import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPayment } from '../../../src-main/core/billing/payments';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBilling } from './fixtures';

/*
 * Issue 14: payments.create answers with the payment it wrote built from what it wrote and read, instead of
 * reading it back inside its write transaction. The answer must be exactly what payments.get reads back,
 * for every kind of payment: partial with change, a chosen invoice, over (to the deposit), from the deposit,
 * deposit and money on one invoice, a top-up with nothing open, a transfer with notes, and without a cashier.
 */
let t: TestApp;
let customers: { id: number }[];
beforeEach(async () => {
  t = await testApp();
  ({ customers } = await seedBilling(t, { customers: 5, startDate: '2026-09-01' }));
  for (const period of ['2026-10', '2026-11']) await t.ok('billing.generateInvoices', { period });
});
afterEach(() => t.close());

async function same(input: Parameters<typeof t.ok<'payments.create'>>[1]) {
  const { restoredAccounts, replayed, ...answer } = await t.ok('payments.create', input);
  expect(restoredAccounts).toBe(0);
  expect(replayed).toBeUndefined();
  expect(answer).toEqual(await t.ok('payments.get', { id: answer.id }));
  return answer;
}

const openOf = (customerId: number) =>
  t.app.ctx.sqlite
    .prepare(
      "SELECT id, amount - paid_amount AS owed FROM invoices WHERE customer_id = ? AND status IN ('unpaid', 'partial') ORDER BY due_date, id",
    )
    .all(customerId) as { id: number; owed: number }[];

describe('the answer of payments.create', () => {
  it('is what payments.get reads back, for every kind of payment', async () => {
    const [a, b, c, d, e] = customers.map((x) => x.id) as [number, number, number, number, number];
    const part = await same({ customerId: a, amount: 40_000, method: 'cash', tendered: 50_000 });
    expect(part.change).toBe(10_000);
    const newest = openOf(b).at(-1)!;
    const chosen = await same({ customerId: b, amount: 30_000, method: 'cash', invoiceId: newest.id });
    expect(chosen.invoiceNumber).not.toBeNull();
    const all = openOf(c).reduce((s, i) => s + i.owed, 0);
    const over = await same({
      customerId: c,
      amount: all + 70_000,
      method: 'bank_transfer',
      referenceNumber: 'TF-9',
      notes: 'lebih bayar',
      confirmLarge: true,
    });
    expect(over.toDeposit).toBe(70_000);
    expect(over.allocations.length).toBe(2);
    // Customer d: a deposit first, then paid from it, then deposit and cash on the same invoice.
    await t.ok('billing.generateInvoices', { period: '2026-12' });
    const top = openOf(d).reduce((s, i) => s + i.owed, 0);
    await same({ customerId: d, amount: top - 1, method: 'e_wallet', referenceNumber: 'EW-3', confirmLarge: true });
    await same({ customerId: c, amount: 50_000, method: 'deposit' });
    await same({ customerId: c, amount: 300_000, method: 'cash', useDeposit: true });
    const both = await same({ customerId: d, amount: 10_000, method: 'cash', useDeposit: true });
    expect(both.allocations.map((x) => x.source)).toEqual(['payment']);
    // A customer with nothing open: all of it to the deposit.
    for (const i of openOf(e)) await t.ok('invoices.void', { id: i.id, reason: 'uji' });
    const topup = await same({ customerId: e, amount: 25_000, method: 'cash' });
    expect(topup.allocations).toEqual([]);
    expect(topup.customerDeposit).toBe(25_000);
  });

  it('lists deposit and money on one invoice each with what the invoice owes after both', async () => {
    const [a] = customers.map((x) => x.id) as [number];
    for (const i of openOf(a)) await t.ok('invoices.void', { id: i.id, reason: 'uji' });
    await t.ok('payments.create', { customerId: a, amount: 100_000, method: 'cash' });
    await t.ok('billing.generateInvoices', { period: '2026-12' });
    const owed = openOf(a)[0]!.owed;
    expect(owed).toBeGreaterThan(100_000);
    const p = await same({ customerId: a, amount: owed - 10_000, method: 'cash', useDeposit: true, tendered: owed });
    expect(p.allocations.map((x) => [x.source, x.invoiceOutstanding])).toEqual([
      ['deposit', 0],
      ['payment', 0],
    ]);
  });

  it('names no cashier when the app itself takes it', async () => {
    const call = { app: t.app.ctx, session: null, transport: 'internal' as const };
    const { restoredAccounts, ...answer } = createPayment(call, {
      customerId: customers[0]!.id,
      amount: 20_000,
      method: 'bank_transfer',
      referenceNumber: 'SYS-1',
    });
    expect(restoredAccounts).toBe(0);
    expect(answer.receivedByName).toBeNull();
    expect(answer).toEqual(await t.ok('payments.get', { id: answer.id }));
  });
});
