import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBilling, travelTo } from './fixtures';
import { checkInvariants } from './invariants';

let t: TestApp;
afterEach(() => t?.close());

describe('numbering under concurrency', () => {
  it('interleaved payments.create calls through dispatch get unique, gapless numbers per business day', async () => {
    t = await testApp();
    const { customers } = await seedBilling(t, { customers: 5 });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const methods = ['cash', 'bank_transfer', 'e_wallet', 'credit_card'] as const;
    // 80 calls in flight at once, some of them refused (bad reference, void-twice style conflicts are elsewhere).
    const results = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        t.call('payments.create', {
          customerId: customers[i % 5]!.id,
          amount: 10_000 + i * 1000,
          method: methods[i % 4]!,
          referenceNumber: i % 7 === 3 ? undefined : `R${i}`,
        }),
      ),
    );
    const ok = results.filter((r) => r.ok).map((r) => (r as { value: { paymentNumber: string } }).value.paymentNumber);
    const refused = results.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThan(0); // the non-cash ones without a reference
    expect(new Set(ok).size).toBe(ok.length);
    expect(ok.sort()).toEqual(ok.map((_, i) => `PAY-20261124-${String(i + 1).padStart(4, '0')}`));
    // 23:30 WIB on the 24th is still the 24th; 00:10 WIB is the 25th and starts again at 0001.
    travelTo(t, '2026-11-24T16:30:00.000Z');
    const late = await t.ok('payments.create', { customerId: customers[0]!.id, amount: 1000, method: 'cash' });
    expect(late.paymentNumber).toBe(`PAY-20261124-${String(ok.length + 1).padStart(4, '0')}`);
    travelTo(t, '2026-11-24T17:10:00.000Z');
    const next = await t.ok('payments.create', { customerId: customers[0]!.id, amount: 1000, method: 'cash' });
    expect(next).toMatchObject({ paymentNumber: 'PAY-20261125-0001', paymentDate: '2026-11-25' });
    checkInvariants(t.app.ctx);
  });

  it('invoice numbers follow the configured prefix and restart each month', async () => {
    t = await testApp();
    await seedBilling(t, { customers: 3 });
    await t.ok('settings.update', { invoicePrefix: 'TGH', paymentPrefix: 'BYR' });
    const nov = await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(nov.invoices.map((i) => i.invoiceNumber)).toEqual([
      'TGH-202611-00001',
      'TGH-202611-00002',
      'TGH-202611-00003',
    ]);
    const dec = await t.ok('billing.generateInvoices', { period: '2026-12' });
    expect(dec.invoices.map((i) => i.invoiceNumber)).toEqual([
      'TGH-202612-00001',
      'TGH-202612-00002',
      'TGH-202612-00003',
    ]);
    const manual = await t.ok('invoices.create', {
      customerId: nov.invoices[0]!.customerId,
      amount: 50_000,
      description: 'Biaya pasang',
    });
    expect(manual.invoiceNumber).toBe('TGH-202611-00004');
    const p = await t.ok('payments.create', {
      customerId: manual.customerId,
      amount: 50_000,
      method: 'cash',
      invoiceId: manual.id,
    });
    expect(p.paymentNumber).toBe('BYR-20261124-0001');
    checkInvariants(t.app.ctx);
  });
});
