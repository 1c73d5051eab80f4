import http from 'node:http';
import { createPortalHost } from '../../../src-main/host/http/portal-server';
import type { PortalChannel, PortalInputOf, PortalOutputOf } from '../../../src-shared/contract/portal';
import type { ApiResult } from '../../../src-shared/result';
import { testApp, type TestApp } from '../../helpers/app';
import { addAccount, seedBilling } from '../billing/fixtures';

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request to a port (no fetch): full control over headers, cookies and the client's own address. */
export function request(
  port: number,
  method: string,
  rawPath: string,
  opts: { headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: rawPath, headers: opts.headers, agent: false, localAddress: opts.from },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface PortalWorld {
  t: TestApp;
  port: number;
  close(): Promise<void>;
  /** Customers A and B: ids, codes, PPPoE usernames and the portal passwords the desk gave them. */
  a: { id: number; code: string; username: string; password: string };
  b: { id: number; code: string; username: string; password: string };
  /** POST /api/<channel> on the portal port; `cookie` is the portal session cookie. */
  post(
    channel: string,
    body: unknown,
    opts?: { cookie?: string; headers?: Record<string, string>; from?: string },
  ): Promise<Res>;
  /** Signs in and returns the cookie (name=value). */
  signIn(login: string, password: string, from?: string): Promise<string>;
  /** Calls a portal channel through the portal host and parses the answer. */
  call<C extends PortalChannel>(
    channel: C,
    input: PortalInputOf<C>,
    cookie: string,
  ): Promise<ApiResult<PortalOutputOf<C>>>;
}

/** An app with two billed customers (A, B), each with a PPPoE account, invoices, a payment and a portal password. */
export async function portalWorld(): Promise<PortalWorld> {
  const t = await testApp();
  const { pkg, customers } = await seedBilling(t, { customers: 2 });
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  const ca = customers[0]!;
  const cb = customers[1]!;
  addAccount(t, ca.id, pkg.id, 'budi.rt01');
  addAccount(t, cb.id, pkg.id, 'sari.rt02');
  await t.ok('payments.create', { customerId: ca.id, amount: 100_000, method: 'cash' });
  await t.ok('payments.create', { customerId: cb.id, amount: 50_000, method: 'cash' });
  const pa = (await t.ok('customers.resetPortalPassword', { customerId: ca.id })).password;
  const pb = (await t.ok('customers.resetPortalPassword', { customerId: cb.id })).password;
  const host = createPortalHost({ app: t.app, host: '127.0.0.1', port: 0 });
  const { port } = await host.listen();
  const post: PortalWorld['post'] = (channel, body, opts = {}) =>
    request(port, 'POST', `/api/${channel}`, {
      headers: {
        'Content-Type': 'application/json',
        ...(opts.cookie ? { Cookie: opts.cookie } : {}),
        ...opts.headers,
      },
      body: body === undefined ? '' : JSON.stringify(body),
      from: opts.from,
    });
  const signIn = async (login: string, password: string, from?: string) => {
    const r = await post('portal.login', { login, password }, { from });
    if (r.status !== 200) throw new Error(`sign-in failed: ${r.body}`);
    const set = String(r.headers['set-cookie']?.[0] ?? '');
    return set.split(';')[0] ?? '';
  };
  return {
    t,
    port,
    a: { id: ca.id, code: ca.customerCode, username: 'budi.rt01', password: pa },
    b: { id: cb.id, code: cb.customerCode, username: 'sari.rt02', password: pb },
    post,
    signIn,
    async call(channel, input, cookie) {
      const r = await post(channel, input, { cookie });
      return JSON.parse(r.body);
    },
    async close() {
      await host.close();
      t.close();
    },
  };
}
