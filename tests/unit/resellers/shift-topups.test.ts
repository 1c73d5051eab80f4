/**
 * A reseller's top-up taken in cash at the desk is drawer money: it belongs to the cashier's open shift
 * (its own line at close, in the expected cash), is refused without an open shift exactly as a cash
 * payment is, and a reversal drops it from the shift the way a void drops a cash payment. A transfer is
 * listed in the shift but is not counted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { inspectPdf } from '../documents/pdfText';
import { checkInvariants } from '../billing/invariants';
import { auditRows, ledgerSum, seedReseller } from './fixtures';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedReseller>>;
beforeEach(async () => {
  t = await testApp();
  // The admin's shift is open with Rp 100.000 of opening cash (seedBilling).
  s = await seedReseller(t, { customers: 1 });
});
afterEach(() => t.close());

const topUp = (amount: number, method: 'cash' | 'bank_transfer' = 'cash') =>
  t.call('resellers.topup', {
    resellerId: s.reseller.id,
    amount,
    method,
    ...(method === 'bank_transfer' ? { referenceNumber: `TRF-${amount}` } : {}),
  });

describe("reseller top-ups in the cashier's shift", () => {
  it('a cash top-up is expected in the drawer and shown on its own line; a transfer is not counted', async () => {
    expect((await topUp(300_000)).ok).toBe(true);
    expect((await topUp(200_000, 'bank_transfer')).ok).toBe(true);
    const cur = (await t.ok('shifts.current', {}))!;
    expect(cur).toMatchObject({ openingCash: 100_000, cashTopUps: 300_000, expectedCash: 400_000 });

    const report = await t.ok('shifts.close', { countedCash: 400_000 });
    expect(report).toMatchObject({ cashTopUps: 300_000, expectedCash: 400_000, countedCash: 400_000, variance: 0 });
    expect(report.topUps.map((m) => [m.resellerCode, m.method, m.amount, m.reversed])).toEqual([
      [s.reseller.code, 'cash', 300_000, false],
      [s.reseller.code, 'bank_transfer', 200_000, false],
    ]);
    expect(JSON.parse(auditRows(t, 'reseller.topup')[0]!.after!)).toMatchObject({ shiftId: cur.id });

    const pdf = await t.ok('documents.shiftReport', { shiftId: cur.id });
    const text = inspectPdf(Buffer.from(pdf.base64, 'base64')).text.replace(/\s+/g, ' ');
    expect(text).toContain('Isi saldo mitra (tunai) Rp 300.000');
    expect(text).toContain('Kas seharusnya Rp 400.000');
    expect(text).toContain(`${s.reseller.code} Mitra Sukamaju`);
  });

  it('a cash top-up without an open shift is refused like a cash payment, and writes nothing', async () => {
    await t.ok('shifts.close', { countedCash: 100_000 });
    const payment = await t.call('payments.create', { customerId: s.own[0]!.id, amount: 10_000, method: 'cash' });
    const audits = auditRows(t, 'reseller.topup').length;
    const r = await topUp(50_000);
    expect(payment).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(r).toEqual(payment);
    expect(ledgerSum(t, s.reseller.id)).toBe(0);
    expect(auditRows(t, 'reseller.topup')).toHaveLength(audits);
    // A transfer needs no drawer.
    expect(await topUp(50_000, 'bank_transfer')).toMatchObject({ ok: true, value: { balance: 50_000 } });
  });

  it('a reversal drops a cash top-up from the shift exactly as a void drops a cash payment', async () => {
    const pay = await t.ok('payments.create', { customerId: s.own[0]!.id, amount: 250_000, method: 'cash' });
    const top = await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 70_000, method: 'cash' });
    const later = await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 30_000, method: 'cash' });
    expect((await t.ok('shifts.current', {}))!.expectedCash).toBe(100_000 + 250_000 + 100_000);

    // While the shift is open: both leave the expected cash at once.
    await t.ok('payments.void', { id: pay.id, reason: 'salah pelanggan' });
    await t.ok('resellers.void', { id: top.movement.id, reason: 'salah ketik' });
    const open = (await t.ok('shifts.current', {}))!;
    expect(open).toMatchObject({ cashTopUps: 30_000, expectedCash: 130_000 });
    const report = await t.ok('shifts.close', { countedCash: 130_000 });
    expect(report.variance).toBe(0);
    expect(report.voidedPayments.map((p) => p.id)).toEqual([pay.id]);
    expect(report.topUps.map((m) => [m.id, m.reversed])).toEqual([
      [top.movement.id, true],
      [later.movement.id, false],
    ]);

    // After close the expected cash is frozen for both: a later reversal is not taken out of a counted drawer.
    await t.ok('resellers.void', { id: later.movement.id, reason: 'batal' });
    const closed = await t.ok('shifts.report', { id: open.id });
    expect(closed).toMatchObject({ expectedCash: 130_000, countedCash: 130_000, variance: 0, cashTopUps: 0 });
    expect(ledgerSum(t, s.reseller.id)).toBe(0);
    checkInvariants(t.app.ctx);
  });

  it('cash topped up is in the drawer a cash refund may pay out of', async () => {
    await t.ok('payments.create', {
      customerId: s.own[0]!.id,
      amount: 400_000,
      method: 'bank_transfer',
      referenceNumber: 'TRF-DEP',
    });
    // Rp 150.000 of the transfer went to the deposit; the drawer holds the 100.000 opening cash.
    const refund = { customerId: s.own[0]!.id, amount: 110_000, method: 'cash', reason: 'Berhenti' } as const;
    expect(await t.call('refunds.create', refund)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 20_000, method: 'cash' });
    expect((await t.call('refunds.create', refund)).ok).toBe(true);
    expect((await t.ok('shifts.current', {}))!.expectedCash).toBe(10_000);
  });
});
