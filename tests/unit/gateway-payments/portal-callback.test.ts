import { afterEach, describe, expect, it } from 'vitest';
import { createPortalHost } from '../../../src-main/host/http/portal-server';
import { FAKE_PROVIDERS } from '../../fakes/gateways';
import { gatewayWorld, ledgerCounts, qrisOf, type GatewayWorld } from './setup';

let w: GatewayWorld | undefined;
let host: ReturnType<typeof createPortalHost> | undefined;
afterEach(async () => {
  await host?.close();
  await w?.close();
  host = w = undefined;
});

/** The world's gateway with callbacks on, and the portal host on 127.0.0.1 (the address an ISP publishes). */
async function portalReceiver(provider: (typeof FAKE_PROVIDERS)[number], callbacks = true) {
  w = await gatewayWorld(provider);
  w.t.app.ctx.sqlite
    .prepare('UPDATE gateway_settings SET callbacks_enabled = ? WHERE provider = ?')
    .run(callbacks ? 1 : 0, provider);
  host = createPortalHost({ app: w.t.app, host: '127.0.0.1', port: 0 });
  const { port } = await host.listen();
  return `http://127.0.0.1:${port}/callback/${provider}`;
}

describe.each(FAKE_PROVIDERS)('%s: callback on the portal address', (provider) => {
  it('a signed callback is verified, confirmed and credited once; the replay credits nothing', async () => {
    const url = await portalReceiver(provider);
    const tx = await w!.t.ok('gatewayPayments.create', {
      customerId: w!.customers[0]!.id,
      provider,
      method: qrisOf(provider),
    });
    w!.fake.markPaid(tx.merchantRef);
    const first = await w!.fake.sendCallback(tx.merchantRef, url);
    expect(first.status).toBe(200);
    expect((await w!.t.ok('gatewayPayments.get', { id: tx.id })).state).toBe('credited');
    const replay = await w!.fake.replayLastCallback();
    expect(replay.status).toBe(200);
    expect(ledgerCounts(w!)).toMatchObject({ payments: 1, credits: 1, reviews: 0 });
  });

  it('a bad signature is refused (401) and writes nothing', async () => {
    const url = await portalReceiver(provider);
    const tx = await w!.t.ok('gatewayPayments.create', {
      customerId: w!.customers[0]!.id,
      provider,
      method: qrisOf(provider),
    });
    w!.fake.markPaid(tx.merchantRef);
    const before = ledgerCounts(w!);
    const r = await w!.fake.sendCallback(tx.merchantRef, url, 'bad-signature');
    expect(r.status).toBe(401);
    expect(ledgerCounts(w!)).toEqual(before);
    expect((await w!.t.ok('gatewayPayments.get', { id: tx.id })).state).toBe('pending');
  });
});

describe('the portal callback receiver', () => {
  it('answers 404 and writes nothing while the gateway does not accept callbacks', async () => {
    const url = await portalReceiver('tripay', false);
    const tx = await w!.t.ok('gatewayPayments.create', {
      customerId: w!.customers[0]!.id,
      provider: 'tripay',
      method: qrisOf('tripay'),
    });
    w!.fake.markPaid(tx.merchantRef);
    const before = ledgerCounts(w!);
    expect((await w!.fake.sendCallback(tx.merchantRef, url)).status).toBe(404);
    expect(ledgerCounts(w!)).toEqual(before);
  });

  it('refuses other methods and unknown providers', async () => {
    const url = await portalReceiver('tripay');
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(url.replace('/tripay', '/paypal'), { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
