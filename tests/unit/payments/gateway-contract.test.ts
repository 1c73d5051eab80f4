/**
 * The same scenarios for every adapter, over real HTTP against its fake provider on 127.0.0.1:
 * create, poll to paid, callback paid/bad signature/replay/amount mismatch, expiry, timeouts and 500s
 * retried then surfaced, creates that cannot double, a wrong key refused once, secrets never logged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src-main/integrations/payments';
import { FAKE_PROVIDERS, type FakeProvider } from '../../fakes/gateways';
import { METHODS, paymentInput, secretsOf, startReceiver, startSubject, type Subject } from './harness';

const WRONG_KEY: Record<FakeProvider, Record<string, string>> = {
  tripay: { apiKey: 'DEV-wrongApiKey' },
  midtrans: { serverKey: 'SB-Mid-server-wrong' },
  xendit: { secretKey: 'xnd_development_wrong' },
  duitku: { apiKey: 'WRONGWRONGWRONGWRONG' },
};

async function rejection(p: Promise<unknown>): Promise<GatewayError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GatewayError);
  return e as GatewayError;
}

describe.each(FAKE_PROVIDERS)('%s adapter against its fake provider', (provider) => {
  let s: Subject;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeEach(async () => {
    s = await startSubject(provider);
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await s.stop();
  });

  it('creates a payment the provider accepts (its signature/auth checks pass) and shows how to pay', async () => {
    const input = paymentInput(s);
    const p = await s.gateway.createPayment(input);
    expect(p).toMatchObject({ provider, merchantRef: input.merchantRef, amount: 150_000, status: 'pending' });
    expect(p.providerRef).toBeTruthy();
    expect(p.recovered).toBe(false);
    const shown = p.instructions.vaNumber ?? p.instructions.checkoutUrl;
    expect(shown).toBeTruthy();
    expect(s.fake.transactions()).toHaveLength(1);
  });

  it('creates a QRIS payment', async () => {
    const p = await s.gateway.createPayment(paymentInput(s, { method: METHODS[provider].qris }));
    expect(p.instructions.qrString ?? p.instructions.qrImageUrl ?? p.instructions.checkoutUrl).toBeTruthy();
  });

  it('polls a pending payment until the provider says paid', async () => {
    const input = paymentInput(s);
    const p = await s.gateway.createPayment(input);
    const query = { merchantRef: input.merchantRef, providerRef: p.providerRef, expiresAt: input.expiresAt };
    expect((await s.gateway.getStatus(query)).status).toBe('pending');
    s.fake.markPaid(input.merchantRef);
    const paid = await s.gateway.getStatus(query);
    expect(paid).toMatchObject({ status: 'paid', merchantRef: input.merchantRef, amount: 150_000 });
    expect(paid.rawStatus).toBeTruthy();
    expect(await s.gateway.findByMerchantRef(input.merchantRef)).toMatchObject({ status: 'paid' });
    expect(await s.gateway.findByMerchantRef('INV-NEVER-MADE-1')).toBeNull();
  });

  it('verifies a paid callback from the raw bytes and headers it arrived with', async () => {
    const input = paymentInput(s);
    await s.gateway.createPayment(input);
    s.fake.markPaid(input.merchantRef);
    expect((await s.fake.sendCallback(input.merchantRef, receiver.url)).status).toBe(200);
    const event = s.gateway.verifyCallback(receiver.last());
    expect(event).toMatchObject({ provider, merchantRef: input.merchantRef, status: 'paid', amount: 150_000 });
    expect(event.eventKey).toContain(provider);
    expect(event.ack.status).toBe(200);
  });

  it('rejects a callback with a bad signature or token', async () => {
    const input = paymentInput(s);
    await s.gateway.createPayment(input);
    s.fake.markPaid(input.merchantRef);
    await s.fake.sendCallback(input.merchantRef, receiver.url, 'bad-signature');
    const e = await rejection(Promise.resolve().then(() => s.gateway.verifyCallback(receiver.last())));
    expect(e.kind).toBe('signature');
  });

  it('parses a replayed callback identically, with the same event key', async () => {
    const input = paymentInput(s);
    await s.gateway.createPayment(input);
    s.fake.markPaid(input.merchantRef);
    await s.fake.sendCallback(input.merchantRef, receiver.url);
    await s.fake.replayLastCallback();
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received.map((r) => s.gateway.verifyCallback(r));
    expect(second).toEqual(first);
    expect(second!.eventKey).toBe(first!.eventKey);
    expect(first!.providerRef ?? first!.merchantRef).toBeTruthy();
  });

  it('shows an amount different from what was asked (validly signed)', async () => {
    const input = paymentInput(s);
    await s.gateway.createPayment(input);
    s.fake.markPaid(input.merchantRef);
    await s.fake.sendCallback(input.merchantRef, receiver.url, 'amount-mismatch');
    const event = s.gateway.verifyCallback(receiver.last());
    expect(event.amount).toBe(149_000);
    expect(event.amount).not.toBe(input.amount);
  });

  it('reports an unpaid payment as expired after its expiry', async () => {
    const input = paymentInput(s, { expiresAt: s.clock.now() + 60 * 60_000 });
    const p = await s.gateway.createPayment(input);
    s.clock.advance(61 * 60_000);
    const st = await s.gateway.getStatus({
      merchantRef: input.merchantRef,
      providerRef: p.providerRef,
      expiresAt: input.expiresAt,
    });
    expect(st.status).toBe('expired');
  });

  it('retries a status read that times out or gets 500, then surfaces the failure without crashing', async () => {
    // Its own adapter with one retry and a 1 s timeout: each held request costs one real second.
    const t = await startSubject(provider, { timeoutMs: 1000, maxAttempts: 2 });
    try {
      const input = paymentInput(t);
      const p = await t.gateway.createPayment(input);
      const query = { merchantRef: input.merchantRef, providerRef: p.providerRef };
      let before = t.fake.requests.length;
      t.fake.failNext('timeout', 1);
      expect((await t.gateway.getStatus(query)).status).toBe('pending');
      expect(t.fake.requests.length - before).toBe(2);
      t.fake.failNext('500', 1);
      expect((await t.gateway.getStatus(query)).status).toBe('pending');

      before = t.fake.requests.length;
      t.fake.failNext('timeout', 2);
      expect(await rejection(t.gateway.getStatus(query))).toMatchObject({ kind: 'timeout', retryable: true, provider });
      expect(t.fake.requests.length - before).toBe(2);
      t.fake.failNext('500', 2);
      expect((await rejection(t.gateway.getStatus(query))).kind).toBe('server');
      expect((await t.gateway.getStatus(query)).status).toBe('pending'); // and it recovers
    } finally {
      await t.stop();
    }
  });

  it('never creates twice when the provider processed a create but the answer was lost', async () => {
    const input = paymentInput(s);
    s.fake.failNext('timeout-after-processing', 1);
    const p = await s.gateway.createPayment(input);
    expect(p.merchantRef).toBe(input.merchantRef);
    expect(s.fake.transactions()).toHaveLength(1);

    const second = paymentInput(s);
    s.fake.failNext('500-after-processing', 1);
    await s.gateway.createPayment(second);
    expect(s.fake.transactions()).toHaveLength(2);
  });

  it('creates once after a 500 that the provider did not process', async () => {
    const input = paymentInput(s);
    s.fake.failNext('500', 1);
    const p = await s.gateway.createPayment(input);
    expect(p.providerRef).toBeTruthy();
    expect(s.fake.transactions()).toHaveLength(1);
  });

  it('refuses a wrong key at once (no retry) and keeps every secret out of errors and logs', async () => {
    const wrong = await startSubject(provider, {}, WRONG_KEY[provider]);
    try {
      const e = await rejection(wrong.gateway.getStatus({ merchantRef: 'INV-X-1', providerRef: 'REF-X' }));
      expect(['auth', 'rejected']).toContain(e.kind);
      expect(wrong.fake.requests).toHaveLength(1);
    } finally {
      await wrong.stop();
    }
    const input = paymentInput(s);
    const p = await s.gateway.createPayment(input);
    s.fake.failNext('500', 3);
    const err = await rejection(s.gateway.getStatus({ merchantRef: input.merchantRef, providerRef: p.providerRef }));
    expect(s.logs.length).toBeGreaterThan(0);
    const text = [...s.logs, err.message, err.providerMessage ?? '', JSON.stringify(err)].join('\n');
    for (const secret of secretsOf(s.fake)) expect(text).not.toContain(secret);
  });

  it('lists payment channels', async () => {
    const channels = await s.gateway.listChannels({ amount: 150_000 });
    expect(channels.length).toBeGreaterThan(0);
    expect(channels.map((c) => c.code)).toContain(METHODS[provider].va);
  });

  it('refuses bad input before sending anything', async () => {
    const e = await rejection(s.gateway.createPayment(paymentInput(s, { amount: 1500.5 })));
    expect(e.kind).toBe('invalid_input');
    expect((await rejection(s.gateway.createPayment(paymentInput(s, { merchantRef: 'INV 1/2' })))).kind).toBe(
      'invalid_input',
    );
    expect(s.fake.requests).toHaveLength(0);
  });
});
