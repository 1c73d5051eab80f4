import { afterEach, describe, expect, it } from 'vitest';
import { handleGatewayCallback } from '../../../src-main/core/gateway-payments/callback';
import { pollOnce } from '../../../src-main/core/gateway-payments/poller';
import { FAKE_PROVIDERS } from '../../fakes/gateways';
import { gatewayWorld, ledgerCounts, qrisOf, type GatewayWorld } from './setup';

let w: GatewayWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const MIN = 60_000;

async function openInvoices(world: GatewayWorld, customerId: number) {
  return (await world.t.ok('invoices.list', { customerId })).items.filter(
    (i) => i.status === 'unpaid' || i.status === 'partial',
  );
}

describe.each(FAKE_PROVIDERS)('%s: create, poll to paid, callback paid', (provider) => {
  it('creates a QRIS payment for all open invoices, the poller credits it once, the invoice turns paid', async () => {
    w = await gatewayWorld(provider);
    const customer = w.customers[0]!;
    const [inv] = await openInvoices(w, customer.id);
    const tx = await w.t.ok('gatewayPayments.create', { customerId: customer.id, provider, method: qrisOf(provider) });
    expect(tx).toMatchObject({ state: 'pending', amount: inv!.amount, customerId: customer.id });
    expect(tx.invoices.map((i) => i.invoiceId)).toEqual([inv!.id]);
    expect(tx.qrString ?? tx.checkoutUrl ?? tx.vaNumber).toBeTruthy();
    expect(w.fake.transactions()).toHaveLength(1);

    // Not paid yet: a cycle asks and leaves it pending.
    w.t.clock.advance(2 * MIN);
    expect(await pollOnce(w.t.app.ctx)).toMatchObject({ checked: 1, credited: 0, errors: 0 });

    w.fake.markPaid(tx.merchantRef);
    w.t.clock.advance(3 * MIN);
    expect(await pollOnce(w.t.app.ctx)).toMatchObject({ checked: 1, credited: 1 });
    const after = await w.t.ok('gatewayPayments.get', { id: tx.id });
    expect(after).toMatchObject({ state: 'credited', paidAmount: inv!.amount });
    expect((await w.t.ok('invoices.get', { id: inv!.id })).status).toBe('paid');
    const payment = await w.t.ok('payments.get', { id: after.paymentId! });
    expect(payment).toMatchObject({ method: `gateway/${provider}`, amount: inv!.amount, allocated: inv!.amount });

    // Nothing left to poll; a callback for the same money credits nothing more.
    w.t.clock.advance(60 * MIN);
    expect(await pollOnce(w.t.app.ctx)).toMatchObject({ due: 0 });
    const cb = w.fake.buildCallback(tx.merchantRef, 'valid');
    const r = await handleGatewayCallback(w.t.app.ctx, provider, { rawBody: cb.body, headers: cb.headers });
    expect(r.outcome).toBe('duplicate');
    expect(ledgerCounts(w)).toMatchObject({ payments: 1, credits: 1, reviews: 0 });
  });

  it('a valid callback confirms with the provider and credits; its replay credits nothing', async () => {
    w = await gatewayWorld(provider);
    const customer = w.customers[0]!;
    const tx = await w.t.ok('gatewayPayments.create', { customerId: customer.id, provider, method: qrisOf(provider) });
    w.fake.markPaid(tx.merchantRef);
    const cb = w.fake.buildCallback(tx.merchantRef, 'valid');
    const first = await handleGatewayCallback(w.t.app.ctx, provider, { rawBody: cb.body, headers: cb.headers });
    expect(first.outcome).toBe('credited');
    expect(first.ack.status).toBe(200);
    const replay = await handleGatewayCallback(w.t.app.ctx, provider, { rawBody: cb.body, headers: cb.headers });
    expect(replay.outcome).toBe('duplicate');
    expect(replay.ack.status).toBe(200);
    expect(ledgerCounts(w)).toMatchObject({ payments: 1, credits: 1 });
    expect((await w.t.ok('gatewayPayments.get', { id: tx.id })).state).toBe('credited');
  });

  it('a callback with a bad signature is refused and writes nothing', async () => {
    w = await gatewayWorld(provider);
    const tx = await w.t.ok('gatewayPayments.create', {
      customerId: w.customers[0]!.id,
      provider,
      method: qrisOf(provider),
    });
    w.fake.markPaid(tx.merchantRef);
    const before = ledgerCounts(w);
    const row = w.t.app.ctx.sqlite.prepare('SELECT * FROM gateway_transactions').get();
    const cb = w.fake.buildCallback(tx.merchantRef, 'bad-signature');
    const r = await handleGatewayCallback(w.t.app.ctx, provider, { rawBody: cb.body, headers: cb.headers });
    expect(r.outcome).toBe('rejected');
    expect(r.ack.status).toBeGreaterThanOrEqual(400);
    expect(ledgerCounts(w)).toEqual(before);
    expect(w.t.app.ctx.sqlite.prepare('SELECT * FROM gateway_transactions').get()).toEqual(row);
  });
});

describe('money that does not fit goes to the review list or the deposit, never lost or doubled', () => {
  it('an amount other than asked waits for review; staff sends it to the deposit (audited)', async () => {
    // Xendit's status answer carries what was paid (Tripay's closed payment cannot be paid otherwise).
    w = await gatewayWorld('xendit');
    const customer = w.customers[0]!;
    const tx = await w.t.ok('gatewayPayments.create', { customerId: customer.id, provider: 'xendit', method: 'QRIS' });
    w.fake.markPaid(tx.merchantRef, { amount: tx.amount - 1_000 });
    w.t.clock.advance(2 * MIN);
    await pollOnce(w.t.app.ctx);
    expect((await w.t.ok('gatewayPayments.get', { id: tx.id })).state).toBe('review');
    const [review] = await w.t.ok('paymentReviews.list', { status: 'open' });
    expect(review).toMatchObject({ reason: 'amount_mismatch', amount: tx.amount - 1_000, customerId: customer.id });
    expect((await w.t.ok('invoices.get', { id: tx.invoices[0]!.invoiceId })).status).toBe('unpaid');
    const resolved = await w.t.ok('paymentReviews.resolve', {
      id: review!.id,
      to: 'deposit',
      customerId: customer.id,
      reason: 'pelanggan bayar kurang, simpan di deposit',
    });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'deposit' });
    expect((await w.t.ok('customers.get', { id: customer.id })).deposit).toBe(tx.amount - 1_000);
    const audit = await w.t.ok('audit.list', { entity: 'payment_review' });
    expect(audit.items.map((a) => a.action)).toEqual(
      expect.arrayContaining(['gateway.review', 'payment_review.resolve']),
    );
    // Polling again changes nothing.
    w.t.clock.advance(60 * MIN);
    await pollOnce(w.t.app.ctx);
    expect(ledgerCounts(w)).toMatchObject({ payments: 1, credits: 1, reviews: 1 });
  });

  it('paid for a bill already paid at the desk: the money goes to the deposit', async () => {
    w = await gatewayWorld('midtrans');
    const customer = w.customers[0]!;
    const tx = await w.t.ok('gatewayPayments.create', {
      customerId: customer.id,
      provider: 'midtrans',
      method: 'qris',
    });
    await w.t.ok('payments.create', { customerId: customer.id, amount: tx.amount, method: 'cash' });
    w.fake.markPaid(tx.merchantRef);
    w.t.clock.advance(2 * MIN);
    await pollOnce(w.t.app.ctx);
    expect((await w.t.ok('gatewayPayments.get', { id: tx.id })).state).toBe('deposit');
    expect((await w.t.ok('customers.get', { id: customer.id })).deposit).toBe(tx.amount);
  });

  it('paid after the attempt was cancelled: credited once, to the deposit', async () => {
    w = await gatewayWorld('xendit');
    const customer = w.customers[0]!;
    const tx = await w.t.ok('gatewayPayments.create', { customerId: customer.id, provider: 'xendit', method: 'QRIS' });
    await w.t.ok('gatewayPayments.cancel', { id: tx.id, reason: 'salah metode' });
    w.fake.markPaid(tx.merchantRef);
    w.t.clock.advance(2 * MIN);
    await pollOnce(w.t.app.ctx);
    expect((await w.t.ok('gatewayPayments.get', { id: tx.id })).state).toBe('deposit');
    expect((await w.t.ok('customers.get', { id: customer.id })).deposit).toBe(tx.amount);
    expect(ledgerCounts(w)).toMatchObject({ payments: 1, credits: 1 });
  });

  it('a paid callback for a reference we never created goes to the review list', async () => {
    w = await gatewayWorld('tripay');
    const { gatewayFor } = await import('../../../src-main/core/gateway-payments/gateways');
    const gateway = gatewayFor(w.t.app.ctx, 'tripay');
    await gateway.createPayment({
      merchantRef: 'ASING-0001',
      amount: 99_000,
      method: 'QRIS',
      expiresAt: w.t.clock.now().getTime() + 3_600_000,
      customer: { name: 'Tak dikenal' },
      description: 'bukan dari kami',
    });
    w.fake.markPaid('ASING-0001');
    const cb = w.fake.buildCallback('ASING-0001', 'valid');
    const r = await handleGatewayCallback(w.t.app.ctx, 'tripay', { rawBody: cb.body, headers: cb.headers });
    expect(r.outcome).toBe('review');
    const replay = await handleGatewayCallback(w.t.app.ctx, 'tripay', { rawBody: cb.body, headers: cb.headers });
    expect(replay.outcome).toBe('duplicate');
    const [review] = await w.t.ok('paymentReviews.list', { status: 'open' });
    expect(review).toMatchObject({ reason: 'unknown_reference', reference: 'ASING-0001', amount: 99_000 });
    expect(ledgerCounts(w)).toMatchObject({ payments: 0, credits: 1, reviews: 1 });
  });
});
