import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isolateAccount } from '../../../src-main/core/network/isolir';
import { isolirPageFor } from '../../../src-main/core/isolir/page';
import { poolConnector } from '../../../src-main/core/network/pool-connector';
import { setConnector } from '../../../src-main/core/network/router-access';
import { RouterSim } from '../../routeros-sim/simulator';
import { testApp } from '../../helpers/app';
import { customerAndPackage } from '../../unit/network/net-helpers';

/*
 * The isolir page by source address: a stand-in for the portal's HTTP server (it mounts isolirPageFor
 * exactly as the portal does), clients bound to 127.0.0.2… and the simulator reporting PPP sessions
 * with those addresses.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig() {
  const t = await testApp();
  const sim = await new RouterSim().start();
  const connector = poolConnector(t.app.ctx, { retryFloorMs: 0, backoffInitialMs: 10, backoffMaxMs: 50 });
  setConnector(t.app.ctx, connector);
  const target = sim.target();
  const router = await t.ok('routers.create', {
    name: 'Kantor',
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
  });
  await t.ok('settings.update', {
    ispPhone: '0812-3456-7890',
    bankAccounts: [{ bank: 'BCA', number: '123 456 7890', holder: 'PT Net <Desa>' }],
  });
  const server = http.createServer((req, res) => {
    void isolirPageFor(t.app.ctx, req.socket.remoteAddress ?? '').then((page) => {
      if (!page) return res.writeHead(404).end('portal');
      res.writeHead(page.status, page.headers).end(page.html);
    });
  });
  await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
  cleanups.push(
    () => t.close(),
    () => sim.stop(),
    () => connector.close(),
    () => new Promise<void>((r) => server.close(() => r())),
  );
  const port = (server.address() as AddressInfo).port;
  /** A plain-HTTP request from `from` (a loopback address standing for the customer's PPPoE address). */
  const get = (from: string, path = '/generate_204') =>
    new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path, localAddress: from }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
    });
  const account = async (name: string, customerName: string) => {
    const { customer, pkg } = await customerAndPackage(t, customerName);
    const { account } = await t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: router.id,
      username: name,
    });
    sim.addSecret({ name, password: 'x' });
    return { customerId: customer.id, accountId: account.id };
  };
  return { t, sim, get, account };
}

describe('isolir page by source address', () => {
  it('shows name, amount due and how to pay to an isolated customer, nothing to a paid one', async () => {
    const { t, sim, get, account } = await rig();
    const budi = await account('budi', 'Budi <b>Santoso</b>');
    await account('sari', 'Sari');
    await t.ok('invoices.create', { customerId: budi.customerId, amount: 175_000, description: 'Internet November' });
    t.app.ctx.sqlite.transaction(() =>
      isolateAccount({ app: t.app.ctx, session: null, transport: 'internal' }, budi.accountId, 'profile'),
    )();
    sim.connectUser('budi', { address: '127.0.0.2' });
    sim.connectUser('sari', { address: '127.0.0.3' });

    const page = await get('127.0.0.2');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Budi &lt;b&gt;Santoso&lt;/b&gt;'); // escaped, never markup
    expect(page.body).toContain('Rp 175.000');
    expect(page.body).toContain('BCA');
    expect(page.body).toContain('123 456 7890');
    expect(page.body).toContain('PT Net &lt;Desa&gt;');
    expect(page.body).toContain('layanan aktif kembali secara otomatis');
    expect(page.body).toContain('the service comes back automatically');
    expect(page.body).not.toContain('<script');

    expect((await get('127.0.0.3')).status).toBe(404); // paid customer: the portal's own page
    expect((await get('127.0.0.4')).status).toBe(404); // nobody's session
  });

  it('says so once paid: before the restore and while the session still holds an isolir address', async () => {
    const { t, sim, get, account } = await rig();
    const budi = await account('budi', 'Budi');
    const inv = await t.ok('invoices.create', { customerId: budi.customerId, amount: 100_000, description: 'Nov' });
    const call = { app: t.app.ctx, session: null, transport: 'internal' as const };
    t.app.ctx.sqlite.transaction(() => isolateAccount(call, budi.accountId, 'profile'))();
    sim.connectUser('budi', { address: '127.0.0.2' });
    expect((await get('127.0.0.2')).body).toContain('Rp 100.000');

    // Paid (the invoice is settled) but the automation has not restored the account yet.
    t.app.ctx.sqlite.prepare("UPDATE invoices SET paid_amount = amount, status = 'paid' WHERE id = ?").run(inv.id);
    const pending = await get('127.0.0.2');
    expect(pending.body).toContain('Pembayaran sudah diterima');
    expect(pending.body).toContain('aktif kembali dalam beberapa saat');
    expect(pending.body).not.toContain('Rp 100.000');

    // Restored, but this session still has an address from the isolir pool (not yet reconnected).
    t.app.ctx.sqlite.prepare("UPDATE pppoe_accounts SET status = 'active' WHERE id = ?").run(budi.accountId);
    await t.ok('settings.update', { isolirPoolRanges: '127.0.0.2-127.0.0.9' });
    const restored = await get('127.0.0.2');
    expect(restored.body).toContain('layanan sudah aktif kembali');
    await t.ok('settings.update', { isolirPoolRanges: '172.30.0.2-172.30.3.254' });
    expect((await get('127.0.0.2')).status).toBe(404);
  });

  it('caches the router sessions and asks again on a miss, at most once per gap', async () => {
    const { t, sim, get, account } = await rig();
    const budi = await account('budi', 'Budi');
    await account('sari', 'Sari');
    await t.ok('invoices.create', { customerId: budi.customerId, amount: 50_000, description: 'Nov' });
    t.app.ctx.sqlite.transaction(() =>
      isolateAccount({ app: t.app.ctx, session: null, transport: 'internal' }, budi.accountId, 'profile'),
    )();
    sim.connectUser('budi', { address: '127.0.0.2' });
    const asked = () => sim.stats.byCommand['/ppp/active/print'] ?? 0;
    await get('127.0.0.2');
    await get('127.0.0.2');
    expect(asked()).toBe(1); // the second request was served from the cache

    // A miss right after a refresh does not hammer the router; once the gap has passed it asks again.
    expect((await get('127.0.0.5')).status).toBe(404);
    expect(asked()).toBe(1);
    sim.disconnectUser('budi');
    sim.connectUser('budi', { address: '127.0.0.5' });
    t.clock.advance(2_000);
    expect((await get('127.0.0.5')).status).toBe(200);
    expect(asked()).toBe(2);
    // The old address now belongs to nobody; after MAX_AGE the cache is not trusted any more.
    t.clock.advance(31_000);
    expect((await get('127.0.0.2')).status).toBe(404);
    expect(asked()).toBe(3);
  });

  it('an unreachable router or a nonsense address gives no page and no crash', async () => {
    const { t, sim, get } = await rig();
    await sim.stop();
    expect((await get('127.0.0.2')).status).toBe(404);
    expect(await isolirPageFor(t.app.ctx, '')).toBeNull();
    expect(await isolirPageFor(t.app.ctx, 'not an address')).toBeNull();
  });
});
