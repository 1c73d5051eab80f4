import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reserveIdempotency } from '../../../src-main/data/api/idempotency.repository';
import { FakeClock } from '../../helpers/app';
import { apiHarness, type ApiHarness } from './helpers';

let h: ApiHarness;
const clock = new FakeClock();

beforeAll(async () => {
  h = await apiHarness({ clock });
});
afterAll(() => h.close());

describe('rate limits', () => {
  it('a key gets its own requests per minute, then 429 with Retry-After and RateLimit-* headers', async () => {
    const { secret } = await h.makeKey({ name: 'slow', ratePerMinute: 3 });
    const first = await h.request('GET', '/api/v1/customers', { key: secret });
    expect(first.headers).toMatchObject({
      'ratelimit-limit': '3',
      'ratelimit-remaining': '2',
      'ratelimit-reset': '60',
    });
    await h.request('GET', '/api/v1/customers', { key: secret });
    clock.advance(15_000);
    expect((await h.request('GET', '/api/v1/customers', { key: secret })).headers['ratelimit-remaining']).toBe('0');
    const refused = await h.request('GET', '/api/v1/customers', { key: secret, headers: { 'Accept-Language': 'en' } });
    expect(refused.status).toBe(429);
    expect(refused.headers).toMatchObject({ 'retry-after': '45', 'ratelimit-limit': '3', 'ratelimit-remaining': '0' });
    expect(refused.json().error).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many requests for this API key: wait 45 seconds',
    });
    // Another key is not affected; the next minute the key may call again.
    const other = await h.makeKey({ name: 'other' });
    expect((await h.request('GET', '/api/v1/customers', { key: other.secret })).status).toBe(200);
    clock.advance(45_000);
    expect((await h.request('GET', '/api/v1/customers', { key: secret })).status).toBe(200);
  });

  it('one address is limited whatever key it uses; other addresses are not', async () => {
    h.t.app.ctx.services.apiAddressRatePerMinute = 4;
    try {
      clock.advance(60_000);
      const keys = await Promise.all(['a1', 'a2', 'a3', 'a4', 'a5'].map((name) => h.makeKey({ name })));
      for (const k of keys.slice(0, 4))
        expect((await h.request('GET', '/api/v1/customers', { key: k.secret, from: '127.0.0.2' })).status).toBe(200);
      const refused = await h.request('GET', '/api/v1/customers', { key: keys[4]!.secret, from: '127.0.0.2' });
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.json().error.message).toBe('Terlalu banyak permintaan dari alamat ini: tunggu 60 detik');
      expect((await h.request('GET', '/api/v1/customers', { key: keys[4]!.secret, from: '127.0.0.3' })).status).toBe(
        200,
      );
    } finally {
      delete h.t.app.ctx.services.apiAddressRatePerMinute;
    }
  });
});

describe('Idempotency-Key', () => {
  it('the same POST sent 10 times at once records one payment; all get the same answer', async () => {
    const { secret } = await h.makeKey({ name: 'payer', scopes: ['payments:write', 'payments:read'] });
    const customer = await h.t.ok('customers.create', { name: 'Hendra' });
    const body = { customerId: customer.id, amount: 75_000, method: 'e_wallet', referenceNumber: 'OVO-77' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        h.request('POST', '/api/v1/payments', { key: secret, body, headers: { 'Idempotency-Key': 'order-77' } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    const ids = new Set(answers.map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    const payments = await h.t.ok('payments.list', { customerId: customer.id });
    expect(payments.total).toBe(1);

    // Stored in SQLite, not in memory: a reopened database still answers with the first payment.
    h.t.app.ctx.reopenDatabase();
    const again = await h.request('POST', '/api/v1/payments', {
      key: secret,
      body,
      headers: { 'Idempotency-Key': 'order-77' },
    });
    expect(again.status).toBe(201);
    expect(again.json().id).toBe([...ids][0]);
    expect((await h.t.ok('payments.list', { customerId: customer.id })).total).toBe(1);

    // Same key, another body: refused, nothing written.
    const other = await h.request('POST', '/api/v1/payments', {
      key: secret,
      body: { ...body, amount: 80_000 },
      headers: { 'Idempotency-Key': 'order-77', 'Accept-Language': 'en' },
    });
    expect(other.status).toBe(409);
    expect(other.json().error.message).toBe('This Idempotency-Key was already used with a different request');
    expect((await h.t.ok('payments.list', { customerId: customer.id })).total).toBe(1);

    // A claim a crash left unfinished is reported, never run a second time.
    const keyId = (await h.t.ok('apiKeys.list', {})).items.find((k) => k.name === 'payer')!.id;
    reserveIdempotency(h.t.app.ctx.sqlite, {
      apiKeyId: keyId,
      key: 'order-78',
      route: 'POST /payments',
      bodyHash: 'whatever',
      at: clock.now().toISOString(),
    });
    const crashed = await h.request('POST', '/api/v1/payments', {
      key: secret,
      body,
      headers: { 'Idempotency-Key': 'order-78' },
    });
    expect(crashed.status).toBe(409);
    expect((await h.t.ok('payments.list', { customerId: customer.id })).total).toBe(1);
  });

  it('a rejected body is stored too (same answer again), and keys are per API key', async () => {
    const a = await h.makeKey({ name: 'writer a', scopes: ['customers:write'] });
    const b = await h.makeKey({ name: 'writer b', scopes: ['customers:write'] });
    const bad = await h.request('POST', '/api/v1/customers', {
      key: a.secret,
      body: { name: '' },
      headers: { 'Idempotency-Key': 'c1' },
    });
    const badAgain = await h.request('POST', '/api/v1/customers', {
      key: a.secret,
      body: { name: '' },
      headers: { 'Idempotency-Key': 'c1' },
    });
    expect([bad.status, badAgain.status]).toEqual([400, 400]);
    expect(badAgain.json()).toEqual(bad.json());
    const fromB = await h.request('POST', '/api/v1/customers', {
      key: b.secret,
      body: { name: 'Indah' },
      headers: { 'Idempotency-Key': 'c1' },
    });
    expect(fromB.status).toBe(201);
  });
});
