import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payLinkFor, payLinkUrl } from '../../../src-main/core/portal/pay';
import { setPortalStatus } from '../../../src-main/core/portal/status';
import { createPortalHost } from '../../../src-main/host/http/portal-server';
import type { PortalChannel, PortalInputOf, PortalOutputOf } from '../../../src-shared/contract/portal';
import type { ApiResult } from '../../../src-shared/result';
import { gatewayWorld, type GatewayWorld } from '../gateway-payments/setup';
import { request } from './fixtures';

/*
 * Paying online from the portal against the local Tripay simulator: the signed-in customer and a pay
 * link (no password) create an attempt through the desk's own service, see its QR / VA, and once the
 * simulator says paid, "I have paid" credits it and the receipt opens. Another customer, another
 * invoice's link or a wrong method reach nothing and write nothing.
 */
let w: GatewayWorld;
let port: number;
let close: () => Promise<void>;
let cookieA: string;
let cookieB: string;
const codes: string[] = [];

async function call<C extends PortalChannel>(
  channel: C,
  input: PortalInputOf<C>,
  cookie?: string,
): Promise<{ status: number; body: ApiResult<PortalOutputOf<C>> }> {
  const r = await request(port, 'POST', `/api/${channel}`, {
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(input),
  });
  return { status: r.status, body: JSON.parse(r.body) };
}
async function ok<C extends PortalChannel>(channel: C, input: PortalInputOf<C>, cookie?: string) {
  const r = await call(channel, input, cookie);
  if (!r.body.ok) throw new Error(`${channel}: ${JSON.stringify(r.body)}`);
  return r.body.value;
}
const count = (sql: string) => (w.t.app.ctx.sqlite.prepare(sql).get() as { n: number }).n;
const invoiceOf = (customerId: number) =>
  (
    w.t.app.ctx.sqlite.prepare('SELECT id FROM invoices WHERE customer_id = ? ORDER BY id LIMIT 1').get(customerId) as {
      id: number;
    }
  ).id;

async function signIn(code: string, password: string) {
  const r = await request(port, 'POST', '/api/portal.login', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: code, password }),
  });
  return String(r.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
}

beforeAll(async () => {
  w = await gatewayWorld('tripay');
  const host = createPortalHost({ app: w.t.app, host: '127.0.0.1', port: 0 });
  port = (await host.listen()).port;
  close = () => host.close();
  const cookies = [];
  for (const c of w.customers) {
    const { password } = await w.t.ok('customers.resetPortalPassword', { customerId: c.id });
    const code = (await w.t.ok('customers.get', { id: c.id })).customerCode;
    codes.push(code);
    cookies.push(await signIn(code, password));
  }
  [cookieA, cookieB] = cookies as [string, string];
});
afterAll(async () => {
  await close();
  await w.close();
});

describe('pay online from the portal', () => {
  it('the signed-in customer picks QRIS, sees the QR, pays at the gateway; "I have paid" credits it and the receipt opens', async () => {
    const bill = await ok('portal.pay.bill', {}, cookieA);
    expect(bill.outstanding).toBe(250_000);
    expect(bill.methods).toEqual([
      { provider: 'tripay', method: 'QRIS' },
      { provider: 'tripay', method: 'BRIVA' },
    ]);
    expect(bill.attempt).toBeNull();

    const tx = await ok('portal.pay.create', { provider: 'tripay', method: 'QRIS' }, cookieA);
    expect(tx.state).toBe('pending');
    expect(tx.qrString).toBeTruthy();
    expect(tx.amount).toBe(250_000);
    const audit = w.t.app.ctx.sqlite
      .prepare(`SELECT username, source FROM audit_log WHERE action = 'gateway.payment.create' ORDER BY id DESC`)
      .get() as { username: string; source: string };
    expect(audit.username).toBe(`customer:${codes[0]}`);
    // A reload shows the waiting attempt instead of asking for a new one.
    expect((await ok('portal.pay.bill', {}, cookieA)).attempt?.id).toBe(tx.id);

    expect((await call('portal.pay.receipt', { id: tx.id }, cookieA)).status).toBe(409);
    w.fake.markPaid(tx.reference);
    const paid = await ok('portal.pay.check', { id: tx.id }, cookieA);
    expect(paid.state).toBe('credited');
    expect(paid.paymentNumber).toBeTruthy();
    expect((await ok('portal.pay.status', { id: tx.id }, cookieA)).state).toBe('credited');
    const receipt = await ok('portal.pay.receipt', { id: tx.id }, cookieA);
    expect(Buffer.from(receipt.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect((await ok('portal.pay.bill', {}, cookieA)).outstanding).toBe(0);
  });

  it('another customer reaches none of it: status, check, receipt and create for A answer "not found"', async () => {
    const [tx] = w.t.app.ctx.sqlite
      .prepare('SELECT id FROM gateway_transactions WHERE customer_id = ?')
      .all(w.customers[0]!.id) as { id: number }[];
    for (const ch of ['portal.pay.status', 'portal.pay.check', 'portal.pay.receipt'] as const) {
      const r = await call(ch, { id: tx!.id }, cookieB);
      expect(r.status, ch).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain(codes[0]!);
    }
    const before = count('SELECT count(*) AS n FROM gateway_transactions');
    const r = await call(
      'portal.pay.create',
      { invoiceId: invoiceOf(w.customers[0]!.id), provider: 'tripay', method: 'QRIS' },
      cookieB,
    );
    expect(r.status).toBe(404);
    expect(count('SELECT count(*) AS n FROM gateway_transactions')).toBe(before);
  });

  it('a method the gateway does not offer, or no session and no link: refused, nothing written', async () => {
    const before = { tx: count('SELECT count(*) AS n FROM gateway_transactions'), sent: w.fake.transactions().length };
    const bad = await call('portal.pay.create', { provider: 'tripay', method: 'OVO' }, cookieB);
    expect(bad.status).toBe(400);
    expect(!bad.body.ok && bad.body.error.issues?.[0]?.path).toBe('method');
    expect((await call('portal.pay.create', { provider: 'tripay', method: 'QRIS' })).status).toBe(401);
    expect((await call('portal.pay.bill', {})).status).toBe(401);
    expect(count('SELECT count(*) AS n FROM gateway_transactions')).toBe(before.tx);
    expect(w.fake.transactions()).toHaveLength(before.sent);
  });

  it('a pay link opens one invoice without a password, pays it by VA, and reaches nothing else', async () => {
    const invoiceB = invoiceOf(w.customers[1]!.id);
    const token = payLinkFor(w.t.app.ctx, invoiceB);
    expect(payLinkFor(w.t.app.ctx, invoiceB)).toBe(token); // stable: the same link in every reminder
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(payLinkUrl(w.t.app.ctx, invoiceB)).toBeNull(); // the portal is not announced: no address to give
    setPortalStatus(w.t.app.ctx, { url: 'http://192.168.88.10:8080/', error: null });
    expect(payLinkUrl(w.t.app.ctx, invoiceB)).toBe(`http://192.168.88.10:8080/bayar/${token}`);

    const bill = await ok('portal.pay.bill', { token });
    expect(bill.customerName).toBe('Pelanggan 2');
    expect(bill.invoices).toHaveLength(1);
    expect(bill.outstanding).toBe(250_000);
    const tx = await ok('portal.pay.create', { token, provider: 'tripay', method: 'BRIVA' });
    expect(tx.vaNumber).toBeTruthy();
    expect(tx.invoices).toHaveLength(1);
    expect((await ok('portal.pay.status', { token, id: tx.id })).state).toBe('pending');

    // The link reaches only attempts for its own invoice: A's attempt is "not found".
    const [txA] = w.t.app.ctx.sqlite
      .prepare('SELECT id FROM gateway_transactions WHERE customer_id = ?')
      .all(w.customers[0]!.id) as { id: number }[];
    expect((await call('portal.pay.status', { token, id: txA!.id })).status).toBe(404);
    expect((await call('portal.pay.receipt', { token, id: txA!.id })).status).toBe(404);

    // An unknown token, a malformed one.
    expect((await call('portal.pay.bill', { token: 'A'.repeat(22) })).status).toBe(404);
    const bad = await call('portal.pay.bill', { token: 'x y' });
    expect(bad.status).toBe(400);
    expect(!bad.body.ok && bad.body.error.message).toContain('Pay link is not valid');
  });
});
