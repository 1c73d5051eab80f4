/** What differs per provider: Midtrans Snap/idempotency, Tripay fees, Xendit lookups, Duitku forms. */
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError, MidtransGateway } from '../../../src-main/integrations/payments';
import { type TripayFake } from '../../fakes/gateways';
import { paymentInput, startReceiver, startSubject, type Subject } from './harness';

let s: Subject | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

async function failure(p: Promise<unknown>): Promise<GatewayError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GatewayError);
  return e as GatewayError;
}

describe('Midtrans', () => {
  it('Snap gives a checkout link; the order is pending until a method is chosen, expired after expiry', async () => {
    s = await startSubject('midtrans');
    const input = paymentInput(s, { method: 'snap', expiresAt: s.clock.now() + 3600_000 });
    const p = await s.gateway.createPayment(input);
    expect(p.instructions.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/snap\//);
    const q = { merchantRef: input.merchantRef, providerRef: p.providerRef, expiresAt: input.expiresAt };
    expect(await s.gateway.getStatus(q)).toMatchObject({ status: 'pending', rawStatus: 'not_found' });
    s.fake.markPaid(input.merchantRef);
    expect(await s.gateway.getStatus(q)).toMatchObject({ status: 'paid', rawStatus: 'settlement', method: 'qris' });

    const unpaid = paymentInput(s, { method: 'snap', expiresAt: s.clock.now() + 3600_000 });
    await s.gateway.createPayment(unpaid);
    s.clock.advance(2 * 3600_000);
    expect((await s.gateway.getStatus({ merchantRef: unpaid.merchantRef, expiresAt: unpaid.expiresAt })).status).toBe(
      'expired',
    );
  });

  it('a Snap create whose answer is lost is not retried (Snap refuses a reused order_id): it surfaces ambiguous', async () => {
    s = await startSubject('midtrans');
    const input = paymentInput(s, { method: 'snap' });
    s.fake.failNext('timeout-after-processing');
    const e = await failure(s.gateway.createPayment(input));
    expect(e).toMatchObject({ kind: 'timeout', ambiguous: true });
    expect(s.fake.callsTo('snap/v1/transactions')).toBe(1);
  });

  it('Core retries reuse one Idempotency-Key, so a lost answer never charges twice', async () => {
    s = await startSubject('midtrans');
    const input = paymentInput(s, { method: 'qris' });
    s.fake.failNext('timeout-after-processing');
    const p = await s.gateway.createPayment(input);
    expect(s.fake.callsTo('v2/charge')).toBe(2);
    expect(s.fake.transactions()).toHaveLength(1);
    expect(p).toMatchObject({ recovered: false, status: 'pending' });
    expect(p.instructions.qrString).toBeTruthy();
    expect(p.instructions.qrImageUrl).toMatch(/qr-code$/);
  });

  it('after the idempotency window, a repeated create reads the existing order back (406 → status)', async () => {
    s = await startSubject('midtrans');
    const input = paymentInput(s);
    const first = await s.gateway.createPayment(input);
    s.clock.advance(6 * 60_000);
    const again = await s.gateway.createPayment({ ...input, expiresAt: s.clock.now() + 3600_000 });
    expect(again).toMatchObject({ recovered: true, providerRef: first.providerRef, amount: 150_000 });
    expect(again.instructions.vaNumber).toBe(first.instructions.vaNumber);
    const other = await failure(
      s.gateway.createPayment({ ...input, amount: 99_000, expiresAt: s.clock.now() + 3600_000 }),
    );
    expect(other).toMatchObject({ kind: 'rejected', status: 406 });
  });

  it('asks again after 202 (same key still in progress) and sends the callback URL as X-Override-Notification', async () => {
    const seen: Array<Record<string, string>> = [];
    const charged = {
      status_code: '201',
      transaction_id: 'tx-1',
      order_id: 'INV-202611-00009-1',
      gross_amount: '150000.00',
      transaction_status: 'pending',
      va_numbers: [{ bank: 'bri', va_number: '988800001' }],
    };
    const gw = new MidtransGateway({
      serverKey: 'SB-Mid-server-x',
      mode: 'sandbox',
      coreBaseUrl: 'http://127.0.0.1:9',
      http: {
        random: () => 0,
        fetch: async (_url, init) => {
          seen.push(init!.headers as Record<string, string>);
          return seen.length === 1
            ? new Response('{"status_code":"202"}', { status: 202 })
            : new Response(JSON.stringify(charged));
        },
      },
    });
    const p = await gw.createPayment({
      merchantRef: 'INV-202611-00009-1',
      amount: 150_000,
      method: 'bri_va',
      expiresAt: Date.now() + 3600_000,
      customer: { name: 'Budi' },
      description: 'Internet',
      callbackUrl: 'https://relay.example.id/midtrans',
    });
    expect(p.instructions).toMatchObject({ vaNumber: '988800001', bank: 'bri' });
    expect(seen).toHaveLength(2);
    for (const h of seen)
      expect(h).toMatchObject({
        'idempotency-key': 'charge-INV-202611-00009-1',
        'x-override-notification': 'https://relay.example.id/midtrans',
      });
  });

  it('treats an error status_code inside an HTTP 200 answer as an error (like the official SDK), except 407', async () => {
    const gw = new MidtransGateway({
      serverKey: 'SB-Mid-server-x',
      mode: 'sandbox',
      coreBaseUrl: 'http://127.0.0.1:9',
      http: {
        fetch: async () =>
          new Response('{"status_code":"500","status_message":"Sorry, we encountered internal server error"}'),
        maxAttempts: 1,
      },
    });
    const e = await failure(gw.getStatus({ merchantRef: 'INV-1' }));
    expect(e).toMatchObject({ kind: 'server', status: 500 });
  });
});

describe('Tripay', () => {
  it('with the fee charged to the customer, the order amount excludes it and the total includes it', async () => {
    s = await startSubject('tripay');
    (s.fake as TripayFake).feeToCustomer = true;
    const receiver = await startReceiver();
    try {
      const input = paymentInput(s);
      const p = await s.gateway.createPayment(input);
      expect(p.amount).toBe(150_000);
      expect(p.fees).toEqual({ merchant: 0, customer: 1750 });
      s.fake.markPaid(input.merchantRef);
      await s.fake.sendCallback(input.merchantRef, receiver.url);
      const event = s.gateway.verifyCallback(receiver.last());
      expect(event).toMatchObject({ amount: 150_000, paidAmount: 151_750, status: 'paid' });
    } finally {
      await receiver.close();
    }
  });

  it('refuses a callback for another event or with the signature of another body', async () => {
    s = await startSubject('tripay');
    const input = paymentInput(s);
    await s.gateway.createPayment(input);
    s.fake.markPaid(input.merchantRef);
    const cb = s.fake.buildCallback(input.merchantRef);
    const other = { ...cb.headers, 'x-callback-event': 'payout_status' };
    expect(
      (await failure(Promise.resolve().then(() => s!.gateway.verifyCallback({ rawBody: cb.body, headers: other }))))
        .kind,
    ).toBe('parse');
    const tampered = cb.body.replace('"PAID"', '"PAID" ');
    expect(() => s!.gateway.verifyCallback({ rawBody: tampered, headers: cb.headers })).toThrow(GatewayError);
    expect(s.gateway.verifyCallback({ rawBody: cb.body, headers: cb.headers }).status).toBe('paid');
  });

  it('lists channels with their fees from the provider', async () => {
    s = await startSubject('tripay');
    const qris = (await s.gateway.listChannels()).find((c) => c.code === 'QRIS')!;
    expect(qris).toMatchObject({ source: 'provider', active: true, fee: { merchant: { flat: 750, percent: 0.7 } } });
    expect(qris.minAmount).toBe(10_000);
  });
});

describe('Xendit', () => {
  it('finds an invoice by external_id when the invoice id is not known (crash between create and save)', async () => {
    s = await startSubject('xendit');
    const input = paymentInput(s, { method: 'any' });
    const p = await s.gateway.createPayment(input);
    s.fake.markPaid(input.merchantRef);
    expect(await s.gateway.getStatus({ merchantRef: input.merchantRef })).toMatchObject({
      providerRef: p.providerRef,
      status: 'paid',
      paidAmount: 150_000,
    });
    expect((await failure(s.gateway.getStatus({ merchantRef: 'INV-NONE-1' }))).kind).toBe('not_found');
  });

  it('a create whose answer was lost is found by external_id, not created again', async () => {
    s = await startSubject('xendit');
    const input = paymentInput(s);
    s.fake.failNext('timeout-after-processing');
    const p = await s.gateway.createPayment(input);
    expect(p.recovered).toBe(true);
    expect(p.instructions.checkoutUrl).toContain('/web/invoices/');
    expect(s.fake.callsTo('v2/invoices')).toBe(2); // one create, one lookup
    expect(s.fake.transactions()).toHaveLength(1);
  });
});

describe('Duitku', () => {
  it('reads the form-urlencoded callback; the same fields as JSON are refused', async () => {
    s = await startSubject('duitku');
    const input = paymentInput(s);
    await s.gateway.createPayment(input);
    s.fake.markPaid(input.merchantRef);
    const cb = s.fake.buildCallback(input.merchantRef);
    expect(cb.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const event = s.gateway.verifyCallback({ rawBody: cb.body, headers: cb.headers });
    expect(event).toMatchObject({ status: 'paid', rawStatus: '00', method: 'BR', amount: 150_000 });
    const asJson = JSON.stringify(Object.fromEntries(new URLSearchParams(cb.body)));
    expect(() => s!.gateway.verifyCallback({ rawBody: asJson, headers: {} })).toThrow(/signed fields are missing/);
  });

  it('a create whose answer was lost is recovered through transactionStatus (no VA number to show)', async () => {
    s = await startSubject('duitku');
    const input = paymentInput(s);
    s.fake.failNext('timeout-after-processing');
    const p = await s.gateway.createPayment(input);
    expect(p).toMatchObject({ recovered: true, status: 'pending', instructions: {} });
    expect(s.fake.transactions()).toHaveLength(1);
  });

  it('lists channels with the total fee for the amount asked', async () => {
    s = await startSubject('duitku');
    const channels = await s.gateway.listChannels({ amount: 200_000 });
    expect(channels.find((c) => c.code === 'SP')).toMatchObject({ totalFee: 1400, source: 'provider' });
  });
});
