import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { signInAs } from '../security/helpers';
import { checkInvariants } from './invariants';

/*
 * Issue 12 §4 "A departing customer's deposit cannot be paid out": a refund pays the deposit back in
 * cash from the open shift's drawer or by transfer with a reference; reason required; never more than
 * the deposit; audited; in the shift's expected cash; voidable, never deleted.
 */
let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const db = () => t.app.ctx.sqlite;

/** A customer with `deposit` on the deposit (a payment with no invoice to pay) and the admin's shift open. */
async function customerWithDeposit(deposit = 200_000, openingCash = 500_000) {
  const c = await t.ok('customers.create', { name: 'Rini Susanti', phone: '081234567805' });
  await t.ok('shifts.open', { openingCash });
  await t.ok('payments.create', { customerId: c.id, amount: deposit, method: 'bank_transfer', referenceNumber: 'T1' });
  return c;
}

describe('deposit refunds', () => {
  it('pays cash out of the open drawer: deposit, ledger, audit, shift figures (Seen: impossible before)', async () => {
    const c = await customerWithDeposit(200_000, 500_000);
    const r = await t.ok('refunds.create', {
      customerId: c.id,
      amount: 150_000,
      method: 'cash',
      reason: 'Berhenti langganan, pindah rumah',
    });
    expect(r).toMatchObject({
      refundNumber: 'RFD-20261124-0001',
      amount: 150_000,
      method: 'cash',
      refundDate: '2026-11-24',
      refundedByName: 'Admin',
      status: 'live',
      customerDeposit: 50_000,
    });
    expect(r.shiftId).not.toBeNull();
    expect(
      db().prepare('SELECT kind, amount, refund_id AS refundId FROM deposit_ledger WHERE refund_id IS NOT NULL').all(),
    ).toEqual([{ kind: 'refund', amount: -150_000, refundId: r.id }]);
    const audits = db()
      .prepare(
        "SELECT action, reason FROM audit_log WHERE action IN ('refund.create', 'customer.deposit') ORDER BY id DESC LIMIT 2",
      )
      .all();
    expect(audits).toEqual(
      expect.arrayContaining([
        { action: 'refund.create', reason: 'Berhenti langganan, pindah rumah' },
        { action: 'customer.deposit', reason: 'Berhenti langganan, pindah rumah' },
      ]),
    );
    // The drawer: 500,000 opening − 150,000 paid out (the transfer payment is not drawer money).
    const shift = (await t.ok('shifts.current', {}))!;
    expect(shift).toMatchObject({ expectedCash: 350_000, cashRefunded: 150_000, refundsCount: 1 });
    const report = await t.ok('shifts.close', { countedCash: 350_000 });
    expect(report).toMatchObject({ cashRefunded: 150_000, expectedCash: 350_000, variance: 0 });
    expect(report.refunds.map((x) => x.refundNumber)).toEqual(['RFD-20261124-0001']);
    checkInvariants(t.app.ctx);
  });

  it('never pays out more than the deposit, or more cash than the drawer holds; nothing is written on refusal', async () => {
    const c = await customerWithDeposit(200_000, 100_000);
    const before = JSON.stringify(db().prepare('SELECT * FROM deposit_ledger').all());
    const tooMuch = await t.call('refunds.create', {
      customerId: c.id,
      amount: 200_001,
      method: 'bank_transfer',
      referenceNumber: 'X',
      reason: 'r',
    });
    expect(tooMuch).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'amount', message: 'The deposit is only Rp 200.000' }] },
    });
    const drawer = await t.call('refunds.create', { customerId: c.id, amount: 150_000, method: 'cash', reason: 'r' });
    expect(drawer).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'amount', message: 'The cash drawer holds only Rp 100.000' }] },
    });
    const noRef = await t.call('refunds.create', {
      customerId: c.id,
      amount: 1_000,
      method: 'bank_transfer',
      reason: 'r',
    });
    expect(noRef).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'referenceNumber' }] } });
    const noReason = await t.call('refunds.create', { customerId: c.id, amount: 1_000, method: 'cash', reason: '  ' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'reason' }] } });
    for (const amount of [0, -5_000, 1500.5])
      expect(await t.call('refunds.create', { customerId: c.id, amount, method: 'cash', reason: 'r' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });
    await t.ok('shifts.close', { countedCash: 100_000 });
    const noShift = await t.call('refunds.create', { customerId: c.id, amount: 1_000, method: 'cash', reason: 'r' });
    expect(noShift).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Open a cash shift before paying out cash' },
    });
    expect(JSON.stringify(db().prepare('SELECT * FROM deposit_ledger').all())).toBe(before);
    expect(db().prepare('SELECT count(*) AS n FROM deposit_refunds').get()).toEqual({ n: 0 });
    // A transfer needs no drawer.
    const ok = await t.ok('refunds.create', {
      customerId: c.id,
      amount: 200_000,
      method: 'bank_transfer',
      referenceNumber: 'BCA 7781',
      reason: 'r',
    });
    expect(ok.customerDeposit).toBe(0);
    expect(
      await t.call('refunds.create', {
        customerId: c.id,
        amount: 1,
        method: 'bank_transfer',
        referenceNumber: 'X',
        reason: 'r',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'amount', message: 'The deposit is only Rp 0' }] },
    });
    checkInvariants(t.app.ctx);
  });

  it('the database itself refuses an over-refund, whoever writes it', async () => {
    const c = await customerWithDeposit(50_000);
    const insert = () =>
      db()
        .prepare(
          `INSERT INTO deposit_refunds(refund_number, customer_id, amount, method, refund_date, refunded_at, reason)
           VALUES ('X-1', ?, 50001, 'cash', '2026-11-24', '2026-11-24T03:00:00Z', 'r')`,
        )
        .run(c.id);
    expect(insert).toThrow(/at most the deposit/);
  });

  it('parallel refunds of one deposit: exactly as many pass as the deposit covers', async () => {
    const c = await customerWithDeposit(250_000);
    const rs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.call('refunds.create', {
          customerId: c.id,
          amount: 30_000,
          method: 'bank_transfer',
          referenceNumber: `T${i}`,
          reason: 'r',
        }),
      ),
    );
    expect(rs.filter((r) => r.ok)).toHaveLength(8);
    for (const r of rs.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((await t.ok('customers.get', { id: c.id })).deposit).toBe(10_000);
    checkInvariants(t.app.ctx);
  });

  it('a void gives the deposit and the drawer back, with a reason, and keeps the row', async () => {
    const c = await customerWithDeposit(200_000, 300_000);
    const r = await t.ok('refunds.create', {
      customerId: c.id,
      amount: 120_000,
      method: 'cash',
      reason: 'Salah hitung',
    });
    expect((await t.ok('shifts.current', {}))!.expectedCash).toBe(180_000);
    const v = await t.ok('refunds.void', { id: r.id, reason: 'Pelanggan batal pindah' });
    expect(v).toMatchObject({
      status: 'void',
      voidReason: 'Pelanggan batal pindah',
      voidedByName: 'Admin',
      customerDeposit: 200_000,
    });
    expect((await t.ok('shifts.current', {}))!.expectedCash).toBe(300_000);
    expect(await t.call('refunds.void', { id: r.id, reason: 'lagi' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(db().prepare('SELECT count(*) AS n FROM deposit_refunds').get()).toEqual({ n: 1 });
    expect(
      db()
        .prepare(
          "SELECT count(*) AS n FROM audit_log WHERE action = 'refund.void' AND reason = 'Pelanggan batal pindah'",
        )
        .get(),
    ).toEqual({ n: 1 });
    const list = await t.ok('refunds.list', { customerId: c.id });
    expect(list).toMatchObject({ total: 1, totalAmount: 0 });
    checkInvariants(t.app.ctx);
  });

  it('a cashier pays a refund from their own drawer but cannot void it', async () => {
    const c = await customerWithDeposit(100_000);
    const { token } = await signInAs(t, 'staff');
    await t.ok('shifts.open', { openingCash: 50_000 }, token);
    const r = await t.ok(
      'refunds.create',
      { customerId: c.id, amount: 40_000, method: 'cash', reason: 'Berhenti' },
      token,
    );
    expect(r.refundedByName).toBe('User staff');
    expect((await t.ok('shifts.current', {}, token))!.expectedCash).toBe(10_000);
    expect(await t.call('refunds.void', { id: r.id, reason: 'x' }, token)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('prints a receipt like a payment: original, then copies, each print audited', async () => {
    const c = await customerWithDeposit(200_000);
    const r = await t.ok('refunds.create', { customerId: c.id, amount: 80_000, method: 'cash', reason: 'Berhenti' });
    const first = await t.ok('documents.refundReceipt', { refundId: r.id });
    expect(first).toMatchObject({ copy: false, prints: 1, filename: 'refund-RFD-20261124-0001.pdf', printed: false });
    const again = await t.ok('documents.refundReceipt', { refundId: r.id, width: 80 });
    expect(again).toMatchObject({ copy: true, prints: 2 });
    const data = await t.ok('refunds.receipt', { id: r.id });
    expect(data).toMatchObject({ depositBefore: 200_000, depositAfter: 120_000, refundedAtLocal: '2026-11-24 10:00' });
    expect(
      db()
        .prepare("SELECT action FROM audit_log WHERE entity = 'refund' AND action LIKE 'refund.receipt%' ORDER BY id")
        .all(),
    ).toEqual([{ action: 'refund.receipt_print' }, { action: 'refund.receipt_reprint' }]);
  });
});
