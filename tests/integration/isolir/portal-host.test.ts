import { afterEach, describe, expect, it } from 'vitest';
import { GATEWAY_CREDENTIALS } from '../../../src-shared/contract/gateway-payments';
import { isolateAccount } from '../../../src-main/core/network/isolir';
import { poolConnector } from '../../../src-main/core/network/pool-connector';
import { setConnector } from '../../../src-main/core/network/router-access';
import { createPortalHost } from '../../../src-main/host/http/portal-server';
import { isolirPageHandler } from '../../../src-main/host/portal-runner';
import { TripayFake } from '../../fakes/gateways';
import { RouterSim } from '../../routeros-sim/simulator';
import { testApp } from '../../helpers/app';
import { customerAndPackage } from '../../unit/network/net-helpers';
import { request } from '../../unit/portal/fixtures';

/*
 * The isolir page as the portal host mounts it: a request the router redirected (Host: some other site)
 * from an isolated customer's address gets the isolir page with a link to the pay page on the portal's
 * own address; a visit to the portal's own address from the same customer gets the portal app.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(gateway: boolean) {
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
  const fake = await new TripayFake().start();
  cleanups.push(
    () => t.close(),
    () => sim.stop(),
    () => connector.close(),
    () => fake.stop(),
  );
  if (gateway) {
    const c: Record<string, string> = fake.credentials();
    await t.ok('gateways.save', {
      provider: 'tripay',
      enabled: true,
      mode: 'sandbox',
      methods: ['QRIS'],
      feePayer: 'isp',
      baseUrl: fake.baseUrl,
      ratePerSecond: 5,
      alertAfterMinutes: 30,
      expiryHours: 24,
      callbacksEnabled: false,
      credentials: Object.fromEntries(GATEWAY_CREDENTIALS.tripay.map((k) => [k, c[k]!])),
    });
  }
  const { customer, pkg } = await customerAndPackage(t, 'Budi');
  const { account } = await t.ok('pppoe.create', {
    customerId: customer.id,
    internetPackageId: pkg.id,
    routerId: router.id,
    username: 'budi',
  });
  sim.addSecret({ name: 'budi', password: 'x' });
  await t.ok('invoices.create', { customerId: customer.id, amount: 175_000, description: 'Internet November' });
  t.app.ctx.sqlite.transaction(() =>
    isolateAccount({ app: t.app.ctx, session: null, transport: 'internal' }, account.id, 'profile'),
  )();
  sim.connectUser('budi', { address: '127.0.0.2' });
  const host = createPortalHost({ app: t.app, host: '127.0.0.1', port: 0, pageHandlers: [isolirPageHandler(t.app)] });
  const { port } = await host.listen();
  cleanups.push(() => host.close());
  const get = (path: string, hostHeader: string) =>
    request(port, 'GET', path, { headers: { Host: hostHeader }, from: '127.0.0.2' });
  return { t, port, get };
}

describe('isolir page on the portal host', () => {
  it('a redirected request gets the isolir page with a pay link to the portal; the portal address itself is not replaced', async () => {
    const { t, port, get } = await rig(true);
    const page = await get('/generate_204', 'connectivitycheck.gstatic.com');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Rp 175.000');
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/bayar\/[A-Za-z0-9_-]{22})"/.exec(page.body)?.[1];
    expect(link).toBeTruthy();
    expect(link!.startsWith(`http://127.0.0.1:${port}/bayar/`)).toBe(true);
    // The link's token opens that invoice's bill.
    const token = link!.split('/').pop()!;
    const bill = await request(port, 'POST', '/api/portal.pay.bill', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
      from: '127.0.0.2',
    });
    expect(JSON.parse(bill.body).value.outstanding).toBe(175_000);

    // Visits to the portal itself (by the address the connection arrived on) reach the portal app.
    const direct = await get(`/bayar/${token}`, `127.0.0.1:${port}`);
    expect(direct.body).not.toContain('Rp 175.000');
    await t.ok('settings.update', { isolirPortalAddress: '192.168.88.10', isolirPortalPort: port });
    expect((await get('/', `192.168.88.10:${port}`)).body).not.toContain('Rp 175.000');
    expect((await get('/', 'example.com')).body).toContain('Rp 175.000');
  });

  it('without a payment gateway the page has no pay link, only the other ways to pay', async () => {
    const { get } = await rig(false);
    const page = await get('/', 'example.com');
    expect(page.body).toContain('Rp 175.000');
    expect(page.body).not.toContain('/bayar/');
  });
});
