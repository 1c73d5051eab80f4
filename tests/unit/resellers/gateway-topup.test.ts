/**
 * A reseller tops up their balance online (issue 18): the attempt is made at the gateway's local fake with
 * the reseller as the payer, and the money enters the reseller's ledger exactly once whichever path reports
 * it (poll, callback, their replays); an amount other than asked waits on the review list like a customer's
 * (the office resolves it into the balance); bad input writes nothing; another reseller sees none of it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { handleGatewayCallback } from '../../../src-main/core/gateway-payments/callback';
import { pollOnce } from '../../../src-main/core/gateway-payments/poller';
import { FAKE_PROVIDERS } from '../../fakes/gateways';
import { gatewayWorld, qrisOf, type GatewayWorld } from '../gateway-payments/setup';
import { auditRows, ledgerSum, RESELLER_PASSWORD } from './fixtures';

let w: GatewayWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const MIN = 60_000;

async function signedInReseller(world: GatewayWorld, username = 'mitra1', name = 'Mitra Sukamaju') {
  const reseller = await world.t.ok('resellers.create', { name, phone: '0812 3456 7890' });
  await world.t.ok('resellers.setLogin', { id: reseller.id, username, password: RESELLER_PASSWORD });
  const { token } = await world.t.ok('auth.login', { username, password: RESELLER_PASSWORD }, '');
  return { reseller, token };
}

function counts(world: GatewayWorld) {
  const db = world.t.app.ctx.sqlite;
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    attempts: n('SELECT COUNT(*) AS n FROM gateway_transactions'),
    ledger: n('SELECT COUNT(*) AS n FROM reseller_ledger'),
    credits: n('SELECT COUNT(*) AS n FROM gateway_credits'),
    reviews: n('SELECT COUNT(*) AS n FROM payment_reviews'),
    payments: n('SELECT COUNT(*) AS n FROM payments'),
  };
}

describe.each(FAKE_PROVIDERS)('%s: a reseller tops up', (provider) => {
  it('creates the attempt with the reseller as payer; the poller credits the balance once', async () => {
    w = await gatewayWorld(provider);
    const { reseller, token } = await signedInReseller(w);
    const offer = await w.t.ok('reseller.topups', {}, token);
    expect(offer.methods).toContainEqual({ provider, method: qrisOf(provider) });

    const tx = await w.t.ok('reseller.topupCreate', { amount: 150_000, provider, method: qrisOf(provider) }, token);
    expect(tx).toMatchObject({ state: 'pending', amount: 150_000, provider });
    expect(tx.qrString ?? tx.checkoutUrl ?? tx.vaNumber).toBeTruthy();
    expect(w.fake.transactions()).toHaveLength(1);
    const row = w.t.app.ctx.sqlite
      .prepare('SELECT customer_id AS c, reseller_id AS r FROM gateway_transactions WHERE id = ?')
      .get(tx.id);
    expect(row).toEqual({ c: null, r: reseller.id });
    const [created] = auditRows(w.t, 'gateway.payment.create');
    expect(created).toMatchObject({ username: 'mitra1', entity_id: String(tx.id) });

    w.t.clock.advance(2 * MIN);
    expect(await pollOnce(w.t.app.ctx)).toMatchObject({ checked: 1, credited: 0 });
    w.fake.markPaid(tx.reference);
    w.t.clock.advance(3 * MIN);
    expect(await pollOnce(w.t.app.ctx)).toMatchObject({ checked: 1, credited: 1 });
    expect((await w.t.ok('reseller.topup', { id: tx.id }, token)).state).toBe('credited');
    expect((await w.t.ok('reseller.me', {}, token)).balance).toBe(150_000);

    // The office (whose sign-in idles out below) sees it in the reseller's ledger and in the gateway transactions list.
    const ledger = await w.t.ok('resellers.ledger', { resellerId: reseller.id });
    expect(ledger.items[0]).toMatchObject({
      kind: 'topup',
      amount: 150_000,
      method: 'gateway',
      referenceNumber: tx.reference,
    });
    const list = await w.t.ok('gatewayPayments.list', { search: reseller.code });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: tx.id,
      state: 'credited',
      resellerId: reseller.id,
      customerId: null,
      customerCode: reseller.code,
      customerName: reseller.name,
    });
    const [credit] = auditRows(w.t, 'reseller.topup');
    expect(JSON.parse(credit!.after!)).toMatchObject({ balance: 150_000, method: 'gateway', reference: tx.reference });
    // Nothing left to poll; the callback for the same money credits nothing more.
    w.t.clock.advance(60 * MIN);
    expect(await pollOnce(w.t.app.ctx)).toMatchObject({ due: 0 });
    const cb = w.fake.buildCallback(tx.reference, 'valid');
    const r = await handleGatewayCallback(w.t.app.ctx, provider, { rawBody: cb.body, headers: cb.headers });
    expect(r.outcome).toBe('duplicate');
    expect(ledgerSum(w.t, reseller.id)).toBe(150_000);
    expect(counts(w)).toMatchObject({ ledger: 1, credits: 1, reviews: 0, payments: 0 });
  });

  it('a valid callback credits the balance; its replay and the next poll credit nothing', async () => {
    w = await gatewayWorld(provider);
    const { reseller, token } = await signedInReseller(w);
    const tx = await w.t.ok('reseller.topupCreate', { amount: 75_000, provider, method: qrisOf(provider) }, token);
    w.fake.markPaid(tx.reference);
    const cb = w.fake.buildCallback(tx.reference, 'valid');
    const first = await handleGatewayCallback(w.t.app.ctx, provider, { rawBody: cb.body, headers: cb.headers });
    expect(first).toMatchObject({ outcome: 'credited', ack: { status: 200 } });
    const replay = await handleGatewayCallback(w.t.app.ctx, provider, { rawBody: cb.body, headers: cb.headers });
    expect(replay).toMatchObject({ outcome: 'duplicate', ack: { status: 200 } });
    w.t.clock.advance(60 * MIN);
    await pollOnce(w.t.app.ctx);
    expect(ledgerSum(w.t, reseller.id)).toBe(75_000);
    expect(counts(w)).toMatchObject({ ledger: 1, credits: 1 });
    const [credit] = auditRows(w.t, 'reseller.topup');
    expect(credit!.source).toContain(`callback:${provider}`);
  });
});

describe('what does not fit: expiry, a wrong amount, bad input', () => {
  it('an attempt that expires unpaid adds nothing', async () => {
    w = await gatewayWorld('tripay');
    const { reseller, token } = await signedInReseller(w);
    const tx = await w.t.ok('reseller.topupCreate', { amount: 50_000, provider: 'tripay', method: 'QRIS' }, token);
    w.fake.markExpired(tx.reference);
    w.t.clock.advance(2 * MIN);
    await pollOnce(w.t.app.ctx);
    expect((await w.t.ok('reseller.topup', { id: tx.id }, token)).state).toBe('expired');
    expect(ledgerSum(w.t, reseller.id)).toBe(0);
    expect(counts(w)).toMatchObject({ ledger: 0, credits: 0 });
  });

  it('money that still arrives after the attempt expired goes to the balance once, with a note', async () => {
    w = await gatewayWorld('tripay');
    const { reseller, token } = await signedInReseller(w);
    const tx = await w.t.ok('reseller.topupCreate', { amount: 40_000, provider: 'tripay', method: 'QRIS' }, token);
    w.fake.markExpired(tx.reference);
    w.t.clock.advance(2 * MIN);
    await pollOnce(w.t.app.ctx);
    expect((await w.t.ok('reseller.topup', { id: tx.id }, token)).state).toBe('expired');
    w.fake.markPaid(tx.reference);
    const cb = w.fake.buildCallback(tx.reference, 'valid');
    const r = await handleGatewayCallback(w.t.app.ctx, 'tripay', { rawBody: cb.body, headers: cb.headers });
    expect(r.outcome).toBe('credited');
    expect(
      (await handleGatewayCallback(w.t.app.ctx, 'tripay', { rawBody: cb.body, headers: cb.headers })).outcome,
    ).toBe('duplicate');
    expect(ledgerSum(w.t, reseller.id)).toBe(40_000);
    const [credit] = auditRows(w.t, 'reseller.topup');
    expect(credit!.reason).toBe('paid after the attempt was expired');
  });

  it('an amount other than asked waits on the review list; the office sends it to the balance once', async () => {
    // As for a customer's bill (gateway-payments/flow.test): Xendit's answer says what was paid.
    w = await gatewayWorld('xendit');
    const { reseller, token } = await signedInReseller(w);
    const tx = await w.t.ok('reseller.topupCreate', { amount: 100_000, provider: 'xendit', method: 'QRIS' }, token);
    w.fake.markPaid(tx.reference, { amount: 90_000 });
    w.t.clock.advance(2 * MIN);
    await pollOnce(w.t.app.ctx);
    expect((await w.t.ok('reseller.topup', { id: tx.id }, token)).state).toBe('review');
    expect(ledgerSum(w.t, reseller.id)).toBe(0);
    const [review] = await w.t.ok('paymentReviews.list', { status: 'open' });
    expect(review).toMatchObject({
      reason: 'amount_mismatch',
      amount: 90_000,
      customerId: null,
      resellerId: reseller.id,
      resellerName: reseller.name,
    });

    const resolved = await w.t.ok('paymentReviews.resolve', { id: review!.id, to: 'reseller', reason: 'kurang bayar' });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'reseller' });
    expect(ledgerSum(w.t, reseller.id)).toBe(90_000);
    const again = await w.t.call('paymentReviews.resolve', { id: review!.id, to: 'reseller', reason: 'lagi' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    w.t.clock.advance(60 * MIN);
    await pollOnce(w.t.app.ctx);
    expect(ledgerSum(w.t, reseller.id)).toBe(90_000);
    expect(counts(w)).toMatchObject({ ledger: 1, credits: 1, reviews: 1, payments: 0 });
  });

  it('a customer review cannot be sent to a reseller balance', async () => {
    w = await gatewayWorld('xendit');
    const customer = w.customers[0]!;
    const tx = await w.t.ok('gatewayPayments.create', { customerId: customer.id, provider: 'xendit', method: 'QRIS' });
    w.fake.markPaid(tx.merchantRef, { amount: tx.amount - 1_000 });
    w.t.clock.advance(2 * MIN);
    await pollOnce(w.t.app.ctx);
    const [review] = await w.t.ok('paymentReviews.list', { status: 'open' });
    const r = await w.t.call('paymentReviews.resolve', { id: review!.id, to: 'reseller', reason: 'salah' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'to' }] } });
    const noCustomer = await w.t.call('paymentReviews.resolve', { id: review!.id, to: 'deposit', reason: 'x' });
    expect(noCustomer).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'customerId' }] } });
  });

  it('refuses an amount out of bounds, a fraction, a method not on offer — naming the field, writing nothing', async () => {
    w = await gatewayWorld('tripay');
    const { token } = await signedInReseller(w);
    const before = counts(w);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ amount: 5_000 }, 'amount', 'Top-up amount must be at least Rp 10.000'],
      [{ amount: 20_000_000 }, 'amount', 'Top-up amount must be at most Rp 10.000.000'],
      [{ amount: 10_500.5 }, 'amount', 'Must be a whole number of rupiah'],
      [{ method: 'OVO' }, 'method', 'This payment method is not offered'],
      [{ provider: 'duitku', method: 'SP' }, 'method', 'This payment method is not offered'],
      [{ provider: 'paypal' }, 'provider', 'Must be tripay, midtrans, xendit or duitku'],
      [{ resellerId: 1 }, '', ''],
    ];
    for (const [change, path, message] of cases) {
      const input = { amount: 50_000, provider: 'tripay', method: 'QRIS', ...change };
      const r = await w.t.call('reseller.topupCreate', input as never, token);
      expect(r.ok, JSON.stringify(change)).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('BAD_INPUT');
      if (path) expect(r.error.issues).toContainEqual(expect.objectContaining({ path, message }));
    }
    expect(counts(w)).toEqual(before);
    expect(w.fake.transactions()).toHaveLength(0);
  });

  it('at most five top-ups wait at once', async () => {
    w = await gatewayWorld('tripay');
    const { token } = await signedInReseller(w);
    for (let i = 0; i < 5; i++)
      await w.t.ok('reseller.topupCreate', { amount: 20_000, provider: 'tripay', method: 'QRIS' }, token);
    const sixth = await w.t.call('reseller.topupCreate', { amount: 20_000, provider: 'tripay', method: 'QRIS' }, token);
    expect(sixth).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(w.fake.transactions()).toHaveLength(5);
  });
});

describe('my top-ups are mine', () => {
  it('another reseller can neither see nor poll my top-up, nor a customer payment', async () => {
    w = await gatewayWorld('tripay');
    const mine = await signedInReseller(w);
    const other = await signedInReseller(w, 'mitra2', 'Mitra Lain');
    const tx = await w.t.ok('reseller.topupCreate', { amount: 30_000, provider: 'tripay', method: 'QRIS' }, mine.token);
    const customerTx = await w.t.ok('gatewayPayments.create', {
      customerId: w.customers[0]!.id,
      provider: 'tripay',
      method: 'QRIS',
    });
    w.fake.markPaid(tx.reference);
    const asked = w.fake.requests.length;
    for (const id of [tx.id, customerTx.id, 999_999]) {
      expect(await w.t.call('reseller.topup', { id }, other.token)).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect(await w.t.call('reseller.topupCheck', { id }, other.token)).toMatchObject({
        error: { code: 'NOT_FOUND' },
      });
    }
    expect(await w.t.call('reseller.topup', { id: customerTx.id }, mine.token)).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect((await w.t.ok('reseller.topups', {}, other.token)).items).toEqual([]);
    // Nothing was asked of the gateway, nothing credited.
    expect(w.fake.requests.length).toBe(asked);
    expect(ledgerSum(w.t, mine.reseller.id)).toBe(0);

    // My own "check now" asks the gateway and credits my balance.
    expect((await w.t.ok('reseller.topupCheck', { id: tx.id }, mine.token)).state).toBe('credited');
    expect(ledgerSum(w.t, mine.reseller.id)).toBe(30_000);
    expect(ledgerSum(w.t, other.reseller.id)).toBe(0);
  });
});

describe('the database keeps one payer and one credit', () => {
  it('refuses an attempt with no payer or two, and a second ledger row for one gateway reference', async () => {
    w = await gatewayWorld('tripay');
    const { reseller } = await signedInReseller(w);
    const db = w.t.app.ctx.sqlite;
    const insert = (ref: string, customerId: number | null, resellerId: number | null) =>
      db
        .prepare(
          `INSERT INTO gateway_transactions(merchant_ref, provider, customer_id, reseller_id, amount, method, expires_at, created_at, updated_at)
           VALUES (?, 'tripay', ?, ?, 10000, 'QRIS', 'x', 'x', 'x')`,
        )
        .run(ref, customerId, resellerId);
    expect(() => insert('A', null, null)).toThrow(/CHECK/);
    expect(() => insert('B', w!.customers[0]!.id, reseller.id)).toThrow(/CHECK/);
    const topup = () =>
      db
        .prepare(
          `INSERT INTO reseller_ledger(reseller_id, kind, amount, method, reference_number, business_date, at)
           VALUES (?, 'topup', 10000, 'gateway', 'PD-1', '2026-11-01', 'x')`,
        )
        .run(reseller.id);
    topup();
    expect(topup).toThrow(/UNIQUE/);
  });
});
