import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src-main/app';
import { silentLogger } from '../../../src-main/logging/logger';
import type { InputOf } from '../../../src-shared/contract';
import { MIGRATIONS, testApp, testKeyStore, type TestApp } from '../../helpers/app';
import { signInAs } from '../security/helpers';
import { seedBilling } from './fixtures';
import { checkInvariants } from './invariants';

/*
 * Issue 17: a client request id on money writes. A seat whose answer was lost on a dropped office link
 * sends the payment again with the same id: the office returns the first payment (flagged `replayed`)
 * instead of taking a second one. The id is claimed in the payment's own transaction (client_requests).
 */
let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t?.close());

const db = () => t.app.ctx.sqlite;
const count = (sql: string) => (db().prepare(sql).get() as { n: number }).n;
const payments = () => count('SELECT count(*) AS n FROM payments');
const paymentAudits = () => count("SELECT count(*) AS n FROM audit_log WHERE action = 'payment.create'");
const ID = '3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13';

/** A customer with a 250.000 November invoice; the admin's shift is open. */
async function billedCustomer() {
  const { customers } = await seedBilling(t, { customers: 1 });
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  return customers[0]!;
}

const cash = (customerId: number, extra: Partial<InputOf<'payments.create'>> = {}): InputOf<'payments.create'> => ({
  customerId,
  amount: 100_000,
  method: 'cash',
  tendered: 100_000,
  clientRequestId: ID,
  ...extra,
});

describe('payments.create with a client request id', () => {
  it('sent twice: one payment, the repeat answers with the first (replayed), no second audit row', async () => {
    const c = await billedCustomer();
    const first = await t.ok('payments.create', cash(c.id));
    expect(first.replayed).toBeUndefined();
    const again = await t.ok('payments.create', cash(c.id));
    expect(again).toMatchObject({ id: first.id, paymentNumber: first.paymentNumber, amount: 100_000, replayed: true });
    expect(again.allocations).toEqual(first.allocations);
    expect(payments()).toBe(1);
    expect(paymentAudits()).toBe(1);
    const invoice = (await t.ok('invoices.list', { customerId: c.id })).items[0]!;
    expect(invoice).toMatchObject({ paidAmount: 100_000, status: 'partial' });
    const shift = (await t.ok('shifts.current', {}))!;
    expect(shift.expectedCash).toBe(200_000); // 100.000 opening + one payment
    expect(db().prepare('SELECT channel, entity, entity_id AS entityId FROM client_requests').all()).toEqual([
      { channel: 'payments.create', entity: 'payment', entityId: first.id },
    ]);
    checkInvariants(t.app.ctx);
  });

  it('without an id each send is a payment of its own (what a lost answer cost before)', async () => {
    const c = await billedCustomer();
    const { clientRequestId: _none, ...plain } = cash(c.id);
    await t.ok('payments.create', plain);
    await t.ok('payments.create', plain);
    expect(payments()).toBe(2);
  });

  it('10 sends of one request at once: one payment, every answer names it', async () => {
    const c = await billedCustomer();
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.call('payments.create', cash(c.id))));
    const values = answers.map((a) => {
      if (!a.ok) throw new Error(a.error.message);
      return a.value;
    });
    expect(new Set(values.map((v) => v.id)).size).toBe(1);
    expect(values.filter((v) => !v.replayed)).toHaveLength(1);
    expect(payments()).toBe(1);
    expect(paymentAudits()).toBe(1);
    checkInvariants(t.app.ctx);
  });

  it('the same id with other content is refused (CONFLICT) and writes nothing', async () => {
    const c = await billedCustomer();
    await t.ok('payments.create', cash(c.id));
    const audits = count('SELECT count(*) AS n FROM audit_log');
    for (const changed of [
      cash(c.id, { amount: 150_000, tendered: 150_000 }),
      cash(c.id, { notes: 'lain' }),
      cash(c.id, { method: 'bank_transfer', tendered: undefined, referenceNumber: 'TRF-1' }),
    ]) {
      const r = await t.call('payments.create', changed);
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      if (!r.ok) expect(r.error.message).toMatch(/already used for a different request/);
    }
    // Another money channel with the same id is another request too.
    const refund = await t.call('refunds.create', {
      customerId: c.id,
      amount: 10_000,
      method: 'bank_transfer',
      referenceNumber: 'R1',
      reason: 'salah input',
      clientRequestId: ID,
    });
    expect(refund).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(payments()).toBe(1);
    expect(count('SELECT count(*) AS n FROM deposit_refunds')).toBe(0);
    expect(count('SELECT count(*) AS n FROM audit_log')).toBe(audits);
  });

  it('ids are per user: the same id from another cashier is that cashier’s own payment', async () => {
    const c = await billedCustomer();
    const staff = await signInAs(t, 'staff', 'kasir2');
    const mine = await t.ok(
      'payments.create',
      cash(c.id, { method: 'bank_transfer', tendered: undefined, referenceNumber: 'A' }),
    );
    const theirs = await t.ok(
      'payments.create',
      cash(c.id, { method: 'bank_transfer', tendered: undefined, referenceNumber: 'A' }),
      staff.token,
    );
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.replayed).toBeUndefined();
    expect(theirs.receivedByName).toBe('User staff');
    // Each one's repeat still finds their own payment.
    const mineAgain = await t.ok(
      'payments.create',
      cash(c.id, { method: 'bank_transfer', tendered: undefined, referenceNumber: 'A' }),
    );
    expect(mineAgain).toMatchObject({ id: mine.id, replayed: true });
    expect(payments()).toBe(2);
  });

  it('a request refused by the office wrote nothing, its id neither: sent again once the shift is open, it runs', async () => {
    const { customers } = await seedBilling(t, { customers: 1, openShift: false });
    const c = customers[0]!;
    const refused = await t.call('payments.create', cash(c.id));
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: /Open a cash shift/ } });
    expect(count('SELECT count(*) AS n FROM client_requests')).toBe(0);
    await t.ok('shifts.open', { openingCash: 0 });
    const taken = await t.ok('payments.create', cash(c.id));
    expect(taken.replayed).toBeUndefined();
    expect(await t.ok('payments.create', cash(c.id))).toMatchObject({ id: taken.id, replayed: true });
    expect(payments()).toBe(1);
  });

  it('a repeat after the app restarted (new AppContext on the same data dir) still returns the first payment', async () => {
    const c = await billedCustomer();
    const first = await t.ok('payments.create', cash(c.id));
    t.app.close();
    const app = createApp({
      dataDir: t.dataDir,
      migrationsFolder: MIGRATIONS,
      clock: t.clock,
      logger: silentLogger,
      appVersion: '0.0.0-test',
      ...testKeyStore(t.dataDir),
    });
    try {
      // The seat's session survives the restart (stored in the database), like a real seat's.
      const r = await app.call('payments.create', cash(c.id), { transport: 'http', token: t.token });
      expect(r).toMatchObject({ ok: true, value: { id: first.id, replayed: true } });
      expect((app.ctx.sqlite.prepare('SELECT count(*) AS n FROM payments').get() as { n: number }).n).toBe(1);
    } finally {
      app.close();
      fs.rmSync(t.dataDir, { recursive: true, force: true });
      fs.rmSync(`${t.dataDir}-keys`, { recursive: true, force: true });
      t = undefined as unknown as TestApp;
    }
  });

  it.each([
    ['too short', 'abc'],
    ['too long', 'a'.repeat(65)],
    ['a space', '3f2b8c1e 9d4a 4e7b 8a61 0c5d2e9f7a13'],
    ['a quote', "3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a1'"],
    ['not text', 1234567890123456],
  ])('a bad id (%s) is refused on its field with nothing written', async (_what, bad) => {
    const c = await billedCustomer();
    const audits = count('SELECT count(*) AS n FROM audit_log');
    const r = await t.call('payments.create', cash(c.id, { clientRequestId: bad as string }));
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!r.ok) expect(r.error.issues?.map((i) => i.path)).toEqual(['clientRequestId']);
    expect(payments()).toBe(0);
    expect(count('SELECT count(*) AS n FROM audit_log')).toBe(audits);
  });

  it('an API key (no sign-in to scope the id to) is pointed to its Idempotency-Key, nothing written', async () => {
    const c = await billedCustomer();
    const r = await t.app.call(
      'payments.create',
      cash(c.id, { method: 'bank_transfer', tendered: undefined, referenceNumber: 'K' }),
      {
        transport: 'http',
        apiKey: { keyId: 1, name: 'Sistem lain', scopes: ['payments:write'], ratePerMinute: 60 },
      },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'clientRequestId' }] } });
    expect(payments()).toBe(0);
  });

  it('the database itself refuses a second row for one user and id, and any change or removal', async () => {
    const c = await billedCustomer();
    await t.ok('payments.create', cash(c.id));
    expect(() =>
      db()
        .prepare(
          `INSERT INTO client_requests(user_id, request_id, channel, content_hash, entity, entity_id, answer, at)
           SELECT user_id, request_id, channel, content_hash, entity, entity_id, answer, at FROM client_requests`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    // Part of the money's history: never changed, never removed.
    expect(() => db().prepare("UPDATE client_requests SET content_hash = 'x'").run()).toThrow(/append-only/);
    expect(() => db().prepare('DELETE FROM client_requests').run()).toThrow(/append-only/);
  });
});

describe('refunds.create with a client request id', () => {
  it('sent twice: one refund, the deposit paid out once; other content with the id is refused', async () => {
    const c = await t.ok('customers.create', { name: 'Rini Susanti' });
    await t.ok('shifts.open', { openingCash: 500_000 });
    await t.ok('payments.create', {
      customerId: c.id,
      amount: 200_000,
      method: 'bank_transfer',
      referenceNumber: 'T1',
    });
    const input: InputOf<'refunds.create'> = {
      customerId: c.id,
      amount: 150_000,
      method: 'cash',
      reason: 'Berhenti langganan',
      clientRequestId: ID,
    };
    const first = await t.ok('refunds.create', input);
    const again = await t.ok('refunds.create', input);
    expect(again).toMatchObject({
      id: first.id,
      refundNumber: first.refundNumber,
      replayed: true,
      customerDeposit: 50_000,
    });
    expect(count('SELECT count(*) AS n FROM deposit_refunds')).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'refund.create'")).toBe(1);
    const other = await t.call('refunds.create', { ...input, amount: 50_000 });
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await t.ok('shifts.current', {}))!.expectedCash).toBe(350_000);
    checkInvariants(t.app.ctx);
  });
});
