import { afterEach, describe, expect, it } from 'vitest';
import { shareOf, splitPayment } from '../../../src-main/core/resellers/rules';
import { testApp, type TestApp } from '../../helpers/app';
import { checkInvariants } from '../billing/invariants';
import { addAccount, travelTo } from '../billing/fixtures';
import { auditRows, ledgerSum, seedReseller } from './fixtures';

let t: TestApp;
afterEach(() => t?.close());

/** A fresh app with a seeded reseller (see seedReseller) and, when given, their rule for the seeded package. */
async function setUp(
  rule?: { kind: 'discount' | 'commission'; mode: 'percent' | 'flat'; value: number },
  opts?: Parameters<typeof seedReseller>[1],
) {
  t = await testApp();
  const s = await seedReseller(t, opts);
  if (rule) await t.ok('resellers.setRule', { resellerId: s.reseller.id, internetPackageId: s.pkg.id, ...rule });
  return s;
}

describe('share rules (integer rupiah, percent rounded down, flat capped at the amount)', () => {
  it.each([
    [{ kind: 'discount', mode: 'percent', value: 1000 } as const, 250_000, 25_000],
    [{ kind: 'discount', mode: 'percent', value: 1250 } as const, 166_666, 20_833], // 20833.25 → 20833
    [{ kind: 'commission', mode: 'percent', value: 333 } as const, 99_999, 3_329], // 3329.96 → 3329
    [{ kind: 'commission', mode: 'flat', value: 15_000 } as const, 250_000, 15_000],
    [{ kind: 'discount', mode: 'flat', value: 15_000 } as const, 10_000, 10_000],
    [{ kind: 'discount', mode: 'percent', value: 10_000 } as const, 7, 7],
    [undefined, 250_000, 0],
  ])('%j of %i is %i', (rule, amount, share) => {
    expect(shareOf(rule, amount)).toBe(share);
    expect(Number.isInteger(shareOf(rule, amount))).toBe(true);
  });

  it('a discount lowers the debit; a commission pays the full bill and credits the share', () => {
    expect(splitPayment({ kind: 'discount', mode: 'percent', value: 1000 }, 250_000)).toEqual({
      share: 25_000,
      debit: 225_000,
      commission: 0,
    });
    expect(splitPayment({ kind: 'commission', mode: 'flat', value: 20_000 }, 250_000)).toEqual({
      share: 20_000,
      debit: 250_000,
      commission: 20_000,
    });
  });
});

describe('reseller ledger', () => {
  it('top-up, bill payment with a discount, and their audit rows; the balance is the ledger sum', async () => {
    const s = await setUp({ kind: 'discount', mode: 'percent', value: 1000 });
    const top = await t.ok('resellers.topup', {
      resellerId: s.reseller.id,
      amount: 300_000,
      method: 'cash',
      note: 'setoran',
    });
    expect(top).toMatchObject({
      balance: 300_000,
      movement: { kind: 'topup', amount: 300_000, method: 'cash', username: 'admin' },
    });

    const inv = s.invoiceOf(s.own[0]!.id);
    const paid = await t.ok('reseller.pay', { invoiceId: inv.id }, s.token);
    expect(paid).toMatchObject({ billAmount: 250_000, debit: 225_000, commission: 0, balance: 75_000 });
    expect((await t.ok('invoices.get', { id: inv.id })).status).toBe('paid');
    const payments = await t.ok('payments.list', { customerId: s.own[0]!.id });
    expect(payments.items[0]).toMatchObject({ method: 'reseller', amount: 250_000, referenceNumber: s.reseller.code });

    const ledger = await t.ok('resellers.ledger', { resellerId: s.reseller.id });
    expect(ledger.balance).toBe(75_000);
    expect(ledgerSum(t, s.reseller.id)).toBe(75_000);
    expect(ledger.items.map((m) => [m.kind, m.amount, m.username])).toEqual([
      ['payment', -225_000, 'mitra1'],
      ['topup', 300_000, 'admin'],
    ]);
    expect(ledger.items[0]).toMatchObject({ billAmount: 250_000, share: 25_000, invoiceNumber: inv.invoiceNumber });

    const [topAudit] = auditRows(t, 'reseller.topup');
    expect(topAudit).toMatchObject({ username: 'admin', entity_id: String(s.reseller.id) });
    expect(JSON.parse(topAudit!.after!)).toMatchObject({ balance: 300_000, amount: 300_000, method: 'cash' });
    const [payAudit] = auditRows(t, 'reseller.payment');
    expect(payAudit!.username).toBe('mitra1');
    expect(JSON.parse(payAudit!.before!)).toEqual({ balance: 300_000 });
    expect(JSON.parse(payAudit!.after!)).toMatchObject({ balance: 75_000, debit: 225_000, billAmount: 250_000 });
    expect(auditRows(t, 'payment.create').at(-1)!.username).toBe('mitra1');
    checkInvariants(t.app.ctx);
  });

  it('a commission rule: full bill debited, commission credited as its own movement', async () => {
    const s = await setUp({ kind: 'commission', mode: 'flat', value: 20_000 });
    expect((await t.ok('resellers.get', { id: s.reseller.id })).rules[0]).toMatchObject({ shareAtPrice: 20_000 });
    await t.ok('resellers.topup', {
      resellerId: s.reseller.id,
      amount: 250_000,
      method: 'bank_transfer',
      referenceNumber: 'TRF-1',
    });
    const paid = await t.ok('reseller.pay', { invoiceId: s.invoiceOf(s.own[0]!.id).id }, s.token);
    expect(paid).toMatchObject({ debit: 250_000, commission: 20_000, balance: 20_000 });
    expect(ledgerSum(t, s.reseller.id)).toBe(20_000);
  });

  it('refuses a payment the balance does not cover and writes nothing', async () => {
    const s = await setUp();
    await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 249_999, method: 'cash' });
    const audits = auditRows(t, 'payment.create').length;
    const r = await t.call('reseller.pay', { invoiceId: s.invoiceOf(s.own[0]!.id).id }, s.token);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ledgerSum(t, s.reseller.id)).toBe(249_999);
    expect(auditRows(t, 'payment.create').length).toBe(audits);
    expect((await t.ok('invoices.get', { id: s.invoiceOf(s.own[0]!.id).id })).status).not.toBe('paid');
  });

  it('voids: a bill payment (customer payment voided, invoice open again, balance back), a top-up, never twice', async () => {
    const s = await setUp({ kind: 'commission', mode: 'percent', value: 500 });
    await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 400_000, method: 'cash' });
    const inv = s.invoiceOf(s.own[0]!.id);
    await t.ok('reseller.pay', { invoiceId: inv.id }, s.token);
    expect(ledgerSum(t, s.reseller.id)).toBe(400_000 - 250_000 + 12_500);
    const ledger = await t.ok('resellers.ledger', { resellerId: s.reseller.id });
    const payment = ledger.items.find((m) => m.kind === 'payment')!;

    // The desk cannot void it around the ledger.
    const desk = await t.call('payments.void', { id: payment.paymentId!, reason: 'salah' });
    expect(desk).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const v = await t.ok('resellers.void', { id: payment.id, reason: 'pelanggan bayar di kantor' });
    expect(v.balance).toBe(400_000);
    expect(v.reversals.map((m) => m.amount)).toEqual([250_000, -12_500]);
    expect(ledgerSum(t, s.reseller.id)).toBe(400_000);
    expect((await t.ok('invoices.get', { id: inv.id })).status).not.toBe('paid');
    expect((await t.ok('payments.get', { id: payment.paymentId! })).status).toBe('void');
    const again = await t.call('resellers.void', { id: payment.id, reason: 'lagi' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(auditRows(t, 'reseller.void')[0]).toMatchObject({ reason: 'pelanggan bayar di kantor', username: 'admin' });

    // A top-up that has been spent cannot be taken back; one that has not can.
    await t.ok('reseller.pay', { invoiceId: inv.id }, s.token);
    const topup = (await t.ok('resellers.ledger', { resellerId: s.reseller.id })).items.find(
      (m) => m.kind === 'topup',
    )!;
    expect(await t.call('resellers.void', { id: topup.id, reason: 'salah ketik' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const small = await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 5_000, method: 'cash' });
    const before = ledgerSum(t, s.reseller.id);
    expect((await t.ok('resellers.void', { id: small.movement.id, reason: 'salah ketik' })).balance).toBe(
      before - 5_000,
    );
    checkInvariants(t.app.ctx);
  });

  it('the database keeps the ledger append-only and never below zero, whoever writes', async () => {
    const s = await setUp();
    await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 1_000, method: 'cash' });
    const db = t.app.ctx.sqlite;
    expect(() => db.prepare('UPDATE reseller_ledger SET amount = 999999').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM reseller_ledger').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO reseller_ledger(reseller_id, kind, amount, business_date, at) VALUES (?, 'payment', -1001, '2026-11-24', 'x')`,
        )
        .run(s.reseller.id),
    ).toThrow(/below zero/);
    expect(ledgerSum(t, s.reseller.id)).toBe(1_000);
  });

  it('paying an isolated customer restores the account through the billing restore path and the sync queue', async () => {
    const s = await setUp();
    const acc = addAccount(t, s.own[0]!.id, s.pkg.id, 'mitra-pel-1');
    travelTo(t, '2026-12-10T03:00:00.000Z');
    expect((await t.ok('billing.runAutomation', {})).isolated).toBeGreaterThanOrEqual(1);
    const status = () =>
      (t.app.ctx.sqlite.prepare('SELECT status FROM pppoe_accounts WHERE id = ?').get(acc) as { status: string })
        .status;
    expect(status()).toBe('suspended');
    await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 500_000, method: 'cash' });
    // The December invoice is not issued in this test: the November one is the only arrear.
    const r = await t.ok('reseller.pay', { invoiceId: s.invoiceOf(s.own[0]!.id).id }, s.token);
    expect(r.restoredAccounts).toBe(1);
    expect(status()).toBe('active');
    const log = await t.ok('automation.log', { action: 'restore' });
    expect(log.items[0]).toMatchObject({ accountId: acc });
  });

  it('the monthly statement totals equal the ledger', async () => {
    const s = await setUp({ kind: 'commission', mode: 'percent', value: 750 }, { customers: 3 });
    await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 800_000, method: 'cash' });
    for (const c of s.own) await t.ok('reseller.pay', { invoiceId: s.invoiceOf(c.id).id }, s.token);
    const first = (await t.ok('resellers.ledger', { resellerId: s.reseller.id })).items.find(
      (m) => m.kind === 'payment',
    )!;
    await t.ok('resellers.void', { id: first.id, reason: 'dobel' });
    travelTo(t, '2026-12-02T03:00:00.000Z');
    await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 100_000, method: 'cash' });

    const nov = await t.ok('resellers.statement', { resellerId: s.reseller.id, month: '2026-11' });
    const rows = t.app.ctx.sqlite
      .prepare(`SELECT kind, amount FROM reseller_ledger WHERE reseller_id = ? AND business_date LIKE '2026-11-%'`)
      .all(s.reseller.id) as { kind: string; amount: number }[];
    const sum = (k: string) => rows.filter((r) => r.kind === k).reduce((a, r) => a + r.amount, 0);
    expect(nov).toMatchObject({
      opening: 0,
      topups: sum('topup'),
      payments: sum('payment'),
      commissions: sum('commission'),
      reversals: sum('reversal'),
      billsPaid: 3,
      billAmount: 750_000,
    });
    expect(nov.closing).toBe(nov.opening + nov.topups + nov.payments + nov.commissions + nov.reversals);
    expect(nov.closing).toBe(800_000 - 500_000 + 2 * 18_750);
    const dec = await t.ok('resellers.statement', { resellerId: s.reseller.id, month: '2026-12' });
    expect(dec.opening).toBe(nov.closing);
    expect(dec.closing).toBe(ledgerSum(t, s.reseller.id));
    // The reseller's own statement is the same figures.
    expect(await t.ok('reseller.statement', { month: '2026-11' }, s.token)).toEqual(nov);
    const xlsx = await t.ok('reseller.statementFile', { month: '2026-11', format: 'xlsx' }, s.token);
    expect(Buffer.from(xlsx.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const pdf = await t.ok('resellers.statementFile', { resellerId: s.reseller.id, month: '2026-11', format: 'pdf' });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
