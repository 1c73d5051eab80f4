import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../src-shared/contract';
import { testApp, type TestApp } from '../../helpers/app';
import { checkInvariants } from '../billing/invariants';
import { auditRows, ledgerSum, seedReseller } from './fixtures';

/*
 * Issue 17: a top-up at the office and a bill the reseller pays from a phone are sent again with the same
 * client request id when the answer was lost: the balance moves once and the repeat answers as the first.
 */
let t: TestApp;
afterEach(() => t?.close());

const ID = 'a9c1f4d2-6b7e-4f80-9d3c-2e5a7b8c9d01';
const count = (sql: string) => (t.app.ctx.sqlite.prepare(sql).get() as { n: number }).n;

describe('resellers.topup with a client request id', () => {
  it('sent twice: one movement, the balance credited once; other content with the id is refused', async () => {
    t = await testApp();
    const s = await seedReseller(t);
    const input: InputOf<'resellers.topup'> = {
      resellerId: s.reseller.id,
      amount: 300_000,
      method: 'cash',
      clientRequestId: ID,
    };
    const first = await t.ok('resellers.topup', input);
    const again = await t.ok('resellers.topup', input);
    expect(again).toEqual({ ...first, replayed: true });
    expect(ledgerSum(t, s.reseller.id)).toBe(300_000);
    expect(auditRows(t, 'reseller.topup')).toHaveLength(1);
    const other = await t.call('resellers.topup', { ...input, amount: 200_000 });
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ledgerSum(t, s.reseller.id)).toBe(300_000);
    // 10 at once: still one.
    const many = await Promise.all(
      Array.from({ length: 10 }, () => t.call('resellers.topup', { ...input, clientRequestId: `${ID}-x` })),
    );
    expect(many.every((r) => r.ok)).toBe(true);
    expect(ledgerSum(t, s.reseller.id)).toBe(600_000);
    expect(auditRows(t, 'reseller.topup')).toHaveLength(2);
  });
});

describe('reseller.pay with a client request id (the reseller’s phone)', () => {
  it('sent twice: one payment, one debit, the repeat answers as the first; the office’s id does not collide', async () => {
    t = await testApp();
    const s = await seedReseller(t);
    await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 600_000, method: 'cash' });
    const inv = s.invoiceOf(s.own[0]!.id);
    const first = await t.ok('reseller.pay', { invoiceId: inv.id, clientRequestId: ID }, s.token);
    expect(first).toMatchObject({ billAmount: 250_000, debit: 250_000, balance: 350_000 });
    expect(first.replayed).toBeUndefined();
    const again = await t.ok('reseller.pay', { invoiceId: inv.id, clientRequestId: ID }, s.token);
    expect(again).toEqual({ ...first, replayed: true });
    expect(ledgerSum(t, s.reseller.id)).toBe(350_000);
    expect(count("SELECT count(*) AS n FROM payments WHERE method = 'reseller'")).toBe(1);
    expect(auditRows(t, 'reseller.payment')).toHaveLength(1);

    // Another bill with the same id: a different request, refused, nothing debited.
    const second = s.invoiceOf(s.own[1]!.id);
    const other = await t.call('reseller.pay', { invoiceId: second.id, clientRequestId: ID }, s.token);
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ledgerSum(t, s.reseller.id)).toBe(350_000);

    // The office's admin happens to send the same id for a payment of their own: scoped per user, it is taken.
    const desk = await t.ok('payments.create', {
      customerId: s.nobody.id,
      amount: 50_000,
      method: 'bank_transfer',
      referenceNumber: 'TRF',
      clientRequestId: ID,
    });
    expect(desk.replayed).toBeUndefined();
    expect(desk.customerId).toBe(s.nobody.id);
    checkInvariants(t.app.ctx);
  });
});
