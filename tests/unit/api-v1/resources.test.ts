import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES } from '../../../src-shared/api-scopes';
import { apiHarness, type ApiHarness } from './helpers';

let h: ApiHarness;
let key: string;
let customerId: number;
let invoiceId: number;

beforeAll(async () => {
  h = await apiHarness();
  key = (await h.makeKey({ name: 'all', scopes: [...API_SCOPES] })).secret;
  for (const name of ['Agus', 'Bambang', 'Citra', 'Dedi', 'Eka']) await h.t.ok('customers.create', { name });
  const c = await h.t.ok('customers.create', { name: 'Fajar Nugroho', status: 'inactive' });
  customerId = c.id;
  invoiceId = (await h.t.ok('invoices.create', { customerId, amount: 150_000, description: 'Biaya pasang' })).id;
  await h.t.ok('packages.create', {
    name: 'Paket 10 Mbps',
    bandwidthUp: 5120,
    bandwidthDown: 10240,
    price: 150_000,
    billingCycle: 'monthly',
  });
});
afterAll(() => h.close());

const get = (path: string, headers: Record<string, string> = {}) => h.request('GET', path, { key, headers });

describe('reads', () => {
  it('lists with filters and page pagination, gets one, answers unknown ids with 404', async () => {
    const page1 = (await get('/api/v1/customers?pageSize=2&page=1&sort.field=name&sort.dir=asc')).json();
    expect(page1).toMatchObject({ total: 6, page: 1, pageSize: 2 });
    expect(page1.items.map((c: { name: string }) => c.name)).toEqual(['Agus', 'Bambang']);
    const page3 = (await get('/api/v1/customers?pageSize=2&page=3&sort.field=name')).json();
    expect(page3.items.map((c: { name: string }) => c.name)).toEqual(['Eka', 'Fajar Nugroho']);
    const inactive = (await get('/api/v1/customers?status=inactive')).json();
    expect(inactive.items.map((c: { id: number }) => c.id)).toEqual([customerId]);
    const one = await get(`/api/v1/customers/${customerId}`);
    expect(one.status).toBe(200);
    expect(one.json()).toMatchObject({ id: customerId, name: 'Fajar Nugroho' });
    expect((await get('/api/v1/customers/999999')).status).toBe(404);
    expect((await get('/api/v1/packages')).json().items[0]).toMatchObject({ name: 'Paket 10 Mbps', price: 150_000 });
    expect((await get(`/api/v1/invoices?customerId=${customerId}`)).json().items[0]).toMatchObject({ id: invoiceId });
    expect((await get(`/api/v1/invoices/${invoiceId}`)).json()).toMatchObject({ amount: 150_000 });
    expect((await get('/api/v1/accounts')).json()).toMatchObject({ total: 0 });
  });

  it('unknown filters and bad values are refused naming the field, in Indonesian or English', async () => {
    const unknown = await get('/api/v1/customers?colour=red');
    expect(unknown.status).toBe(400);
    expect(unknown.json().error.issues[0].path).toBe('');
    const bad = await get('/api/v1/customers?pageSize=9999');
    expect(bad.status).toBe(400);
    expect(bad.json().error).toMatchObject({ issues: [{ path: 'pageSize', message: 'Maksimal 500' }] });
    const en = await get('/api/v1/customers?pageSize=9999', { 'Accept-Language': 'en-US,en;q=0.9' });
    expect(en.json().error).toMatchObject({ message: 'pageSize: At most 500', issues: [{ path: 'pageSize' }] });
    const id = await get('/api/v1/invoices?customerId=abc');
    expect(id.json().error.issues[0]).toMatchObject({ path: 'customerId' });
    expect((await h.request('DELETE', '/api/v1/customers', { key })).status).toBe(405);
  });
});

describe('writes', () => {
  const post = (path: string, body: unknown, idem: string, extra: Record<string, string> = {}) =>
    h.request('POST', path, { key, body, headers: { 'Idempotency-Key': idem, ...extra } });

  it('records a payment through the cash desk service (allocation, number, audit by key name)', async () => {
    const res = await post(
      '/api/v1/payments',
      { customerId, amount: 150_000, method: 'bank_transfer', referenceNumber: 'TRF-9' },
      'pay-1',
    );
    expect(res.status, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ customerId, amount: 150_000, allocated: 150_000, receivedBy: null, shiftId: null });
    expect(p.paymentNumber).toMatch(/\d/);
    expect((await h.t.ok('invoices.get', { id: invoiceId })).status).toBe('paid');
  });

  it('the same validation as the UI: unknown fields, bad values and rules name the field', async () => {
    const extra = await post('/api/v1/payments', { customerId, amount: 1000, method: 'cash', discount: 5 }, 'pay-x');
    expect(extra.status).toBe(400);
    const noRef = await post('/api/v1/payments', { customerId, amount: 1000, method: 'bank_transfer' }, 'pay-y', {
      'Accept-Language': 'en',
    });
    expect(noRef.status).toBe(400);
    expect(JSON.stringify(noRef.json().error)).toContain('referenceNumber');
    const amount = await post('/api/v1/payments', { customerId, amount: -5, method: 'cash' }, 'pay-z');
    expect(amount.json().error.issues[0].path).toBe('amount');
    const customer = await post('/api/v1/customers', { name: '' }, 'c-empty');
    expect(customer.json().error.issues[0]).toMatchObject({ path: 'name', message: 'Nama wajib diisi' });
  });

  it('bodies over 64 KB get 413; other content types 415; broken JSON 400', async () => {
    const big = await h.request('POST', '/api/v1/customers', {
      key,
      rawBody: JSON.stringify({ name: 'x', notes: 'a'.repeat(70_000) }),
      headers: { 'Idempotency-Key': 'big' },
    });
    expect(big.status).toBe(413);
    const text = await h.request('POST', '/api/v1/customers', {
      key,
      rawBody: 'name=x',
      headers: { 'Idempotency-Key': 'form', 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);
    const broken = await h.request('POST', '/api/v1/customers', {
      key,
      rawBody: '{"name":',
      headers: { 'Idempotency-Key': 'b' },
    });
    expect(broken.status).toBe(400);
    const missing = await h.request('POST', '/api/v1/customers', { key, body: { name: 'Gita' } });
    expect(missing.status).toBe(400);
    expect(missing.json().error.message).toMatch(/Idempotency-Key/);
  });
});

describe('OpenAPI and docs', () => {
  it('serves an OpenAPI 3.1 document generated from the contract, and a page from it', async () => {
    const doc = (await h.request('GET', '/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const pay = doc.paths['/payments'].post;
    expect(pay.requestBody.content['application/json'].schema.required).toEqual(['customerId', 'amount', 'method']);
    expect(pay.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(pay.security).toEqual([{ apiKey: ['payments:write'] }]);
    expect(doc.paths['/customers'].get.parameters.map((p: { name: string }) => p.name)).toContain('sort.field');
    expect(
      doc.paths['/invoices/{id}'].get.responses['200'].content['application/json'].schema.properties,
    ).toHaveProperty('amount');
    const page = await h.request('GET', '/api/v1/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('/api/v1/payments');
    expect(page.body).not.toMatch(/<script|https?:\/\/(?!json-schema)/);
  });
});
