import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBilling, travelTo } from './fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await testApp(); // clock: 2026-11-24 10:00 WIB
});
afterEach(() => t.close());

describe('payments.list filters', () => {
  it('by customer, method, status, business date and text (number, customer, reference); the total counts live payments only', async () => {
    const { customers } = await seedBilling(t, { customers: 2 });
    const [a, b] = [customers[0]!, customers[1]!];
    const cash = await t.ok('payments.create', {
      customerId: a.id,
      amount: 100_000,
      method: 'cash',
      tendered: 100_000,
    });
    const transfer = await t.ok('payments.create', {
      customerId: b.id,
      amount: 250_000,
      method: 'bank_transfer',
      referenceNumber: 'TRF-ABC-77',
    });
    travelTo(t, '2026-11-25T03:00:00.000Z');
    const later = await t.ok('payments.create', { customerId: a.id, amount: 50_000, method: 'cash', tendered: 50_000 });
    await t.ok('payments.void', { id: later.id, reason: 'salah input' });

    const numbers = async (input: Record<string, unknown>) =>
      (await t.ok('payments.list', input)).items.map((p) => p.paymentNumber);

    expect(await numbers({})).toEqual([later.paymentNumber, transfer.paymentNumber, cash.paymentNumber]);
    expect(await numbers({ customerId: a.id })).toEqual([later.paymentNumber, cash.paymentNumber]);
    expect(await numbers({ method: 'bank_transfer' })).toEqual([transfer.paymentNumber]);
    expect(await numbers({ status: 'void' })).toEqual([later.paymentNumber]);
    expect(await numbers({ from: '2026-11-25', to: '2026-11-25' })).toEqual([later.paymentNumber]);
    expect(await numbers({ search: 'abc-77' })).toEqual([transfer.paymentNumber]);
    expect(await numbers({ search: 'Pelanggan 2' })).toEqual([transfer.paymentNumber]);
    expect(await numbers({ search: cash.paymentNumber })).toEqual([cash.paymentNumber]);
    // `%` and `_` typed by a user match literally.
    expect(await numbers({ search: '%' })).toEqual([]);

    const all = await t.ok('payments.list', {});
    expect(all).toMatchObject({ total: 3, totalAmount: 350_000 });
  });
});
