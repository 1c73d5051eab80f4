import { afterEach, describe, expect, it } from 'vitest';
import { transferAmountFor } from '../../../src-main/core/reconciliation/transfer-codes';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBilling } from '../billing/fixtures';

let t: TestApp;
afterEach(() => t?.close());

async function world(customers: number, kodeUnikMax = 999) {
  t = await testApp();
  await t.ok('settings.update', {
    kodeUnikEnabled: true,
    kodeUnikMax,
    bankAccounts: [{ bank: 'BCA', number: '1234567890', holder: 'PT Net' }],
  });
  const seeded = await seedBilling(t, { customers, price: 150_000 });
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  const ids = (t.app.ctx.sqlite.prepare(`SELECT id FROM invoices ORDER BY id`).all() as { id: number }[]).map(
    (r) => r.id,
  );
  return { ...seeded, ids };
}

const activeRows = () =>
  t.app.ctx.sqlite
    .prepare(`SELECT invoice_id AS invoiceId, payable, code, active FROM transfer_codes WHERE active = 1`)
    .all() as {
    invoiceId: number;
    payable: number;
    code: number;
  }[];

describe('kode unik on bills', () => {
  it('gives every open bill its own payable amount, shown on the invoice document, stable on a second read', async () => {
    const { ids } = await world(30);
    const seen = new Set<number>();
    for (const id of ids) {
      const doc = await t.ok('invoices.document', { id });
      const tr = doc.transfer!;
      expect(tr.base).toBe(150_000);
      expect(tr.code).toBeGreaterThanOrEqual(1);
      expect(tr.code).toBeLessThanOrEqual(999);
      expect(tr.payable).toBe(150_000 + tr.code);
      expect(tr.sentence).toContain(`kode unik ${tr.code}`);
      expect(tr.banks).toEqual(['BCA 1234567890 a.n. PT Net']);
      expect(seen.has(tr.payable)).toBe(false);
      seen.add(tr.payable);
      expect((await t.ok('invoices.document', { id })).transfer!.payable).toBe(tr.payable);
    }
    expect(activeRows()).toHaveLength(30);
    const audits = t.app.ctx.sqlite
      .prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'invoice.transfer_code'`)
      .get() as { n: number };
    expect(audits.n).toBe(30);
  });

  it('the unique index refuses a second open bill with the same payable amount', async () => {
    const { ids } = await world(2);
    const a = transferAmountFor(t.app.ctx, ids[0]!)!;
    expect(() =>
      t.app.ctx.sqlite
        .prepare(`INSERT INTO transfer_codes(invoice_id, base_amount, code, payable, active) VALUES (?, ?, ?, ?, 1)`)
        .run(ids[1], a.base, a.code, a.payable),
    ).toThrow(/UNIQUE/);
  });

  it('never shares an amount: beyond the range a bill gets no code', async () => {
    const { ids } = await world(12, 9);
    const got = ids.map((id) => transferAmountFor(t.app.ctx, id));
    const given = got.filter((g) => g !== null);
    expect(given).toHaveLength(9);
    expect(new Set(given.map((g) => g!.payable)).size).toBe(9);
    expect(got.filter((g) => g === null)).toHaveLength(3);
  });

  it('a paid bill gives its code back (trigger) and the amount stays reserved for a while', async () => {
    const { ids, customers } = await world(2);
    const first = transferAmountFor(t.app.ctx, ids[0]!)!;
    await t.ok('payments.create', { customerId: customers[0]!.id, amount: 150_000, method: 'cash' });
    expect(activeRows().map((r) => r.invoiceId)).not.toContain(ids[0]);
    expect(transferAmountFor(t.app.ctx, ids[0]!)).toBeNull();
    const second = transferAmountFor(t.app.ctx, ids[1]!)!;
    expect(second.payable).not.toBe(first.payable);
  });

  it('a partial payment moves the code to the new balance', async () => {
    const { ids, customers } = await world(1);
    const before = transferAmountFor(t.app.ctx, ids[0]!)!;
    await t.ok('payments.create', { customerId: customers[0]!.id, amount: 50_000, method: 'cash' });
    const after = transferAmountFor(t.app.ctx, ids[0]!)!;
    expect(after.base).toBe(100_000);
    expect(after.payable).toBe(100_000 + after.code);
    expect(activeRows()).toHaveLength(1);
    expect(before.base).toBe(150_000);
  });

  it('off in Settings: no code, nothing written', async () => {
    const { ids } = await world(1);
    await t.ok('settings.update', { kodeUnikEnabled: false });
    const doc = await t.ok('invoices.document', { id: ids[0]! });
    expect(doc.transfer).toBeNull();
    expect(activeRows()).toHaveLength(0);
  });
});
