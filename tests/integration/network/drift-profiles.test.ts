import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerAndPackage, netTest, type NetTest } from '../../unit/network/net-helpers';

let n: NetTest;
beforeEach(async () => {
  n = await netTest();
});
afterEach(async () => {
  await n.close();
});

/** The technician reset the router (it drops its connections as it reboots); the app reconnects. */
async function reset() {
  const before = n.sim.stats.connections;
  n.sim.resetConfiguration();
  await expect
    .poll(async () => n.sim.stats.connections > before && (await n.t.ok('routers.get', { id: n.routerId })).state)
    .toBe('online');
}

const keys = async () => (await n.t.ok('routers.drift', { routerId: n.routerId })).items.map((i) => i.key).sort();

/** Two accounts on the router (one isolated by profile), everything synced. */
async function synced() {
  const { customer, pkg } = await customerAndPackage(n.t);
  const a = await n.t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id, routerId: n.routerId });
  const c2 = await n.t.ok('customers.create', { name: 'Dewi Lestari' });
  const b = await n.t.ok('pppoe.create', { customerId: c2.id, internetPackageId: pkg.id, routerId: n.routerId });
  const { isolateAccount } = await import('../../../src-main/core/network/isolir');
  const call = { app: n.t.app.ctx, session: null, transport: 'internal' as const };
  n.t.app.ctx.sqlite.transaction(() => isolateAccount(call, b.account.id, 'profile'))();
  await n.engine.runOnce(n.routerId);
  expect(await keys()).toEqual([]);
  return { pkg, a: a.account, b: b.account };
}

describe('drift after a router reset: profiles first, then secrets', () => {
  it('finds the missing profiles and the secrets that cannot exist without them; "fix all" restores both in order', async () => {
    await synced();
    await reset();
    expect(await keys()).toEqual([
      'noProfile:budi.santoso',
      'noProfile:dewi.lestari',
      'profileMissing:home-10m',
      'profileMissing:isolir',
    ]);
    const dry = await n.t.ok('routers.repair', { routerId: n.routerId, all: 'push', dryRun: true });
    // One ordered plan: the profiles, then the secrets.
    expect(dry.changes.map((c) => `${c.subject}:${c.key}`)).toEqual([
      'profile:profileMissing:home-10m',
      'profile:profileMissing:isolir',
      'secret:noProfile:budi.santoso',
      'secret:noProfile:dewi.lestari',
    ]);
    const seen: string[] = [];
    n.sim.on('command', (e: { command: string; attrs: Record<string, string> }) => {
      if (/\/(add|set)$/.test(e.command)) seen.push(`${e.command}:${e.attrs.name ?? e.attrs['.id']}`);
    });
    const res = await n.t.ok('routers.repair', { routerId: n.routerId, all: 'push' });
    expect(res.queued).toBe(4);
    const run = await n.engine.runOnce(n.routerId);
    expect(run).toMatchObject({ failed: 0, connectionError: null });
    expect(seen.indexOf('/ppp/profile/add:Home-10M')).toBeLessThan(seen.indexOf('/ppp/secret/add:budi.santoso'));
    expect(seen.indexOf('/ppp/profile/add:ISOLIR')).toBeLessThan(seen.indexOf('/ppp/secret/add:dewi.lestari'));
    expect(n.sim.profiles().find((p) => p.name === 'Home-10M')).toMatchObject({ 'rate-limit': '2M/10M' });
    expect(n.sim.secret('dewi.lestari')).toMatchObject({ profile: 'ISOLIR' });
    expect(await keys()).toEqual([]);
  });

  it('a change pushed to a reset router fails with a clear reason, the router words kept', async () => {
    const { a } = await synced();
    await reset();
    await n.t.ok('pppoe.update', { id: a.id, password: 'Baru-12345' });
    const r = await n.engine.runOnce(n.routerId);
    expect(r.failed).toBe(1);
    expect((await n.t.ok('pppoe.get', { id: a.id })).syncError).toBe(
      'Profile Home-10M is not on the router: repair its profiles first (Routers → Differences) (router said: input does not match any value of profile)',
    );
  });
});

describe('drift of package profiles', () => {
  it('a changed rate-limit or pool is a difference; push sets the router, adopt sets the package', async () => {
    const { pkg } = await synced();
    const profiles = n.sim.state.menu('/ppp/profile');
    profiles.set({ numbers: 'Home-10M', 'rate-limit': '3M/15M 6M/30M 2M/12M 8/8 8', 'remote-address': 'pool-baru' });
    const d = await n.t.ok('routers.drift', { routerId: n.routerId });
    expect(d.items).toEqual([
      expect.objectContaining({
        key: 'rateLimit:home-10m',
        subject: 'profile',
        packageId: pkg.id,
        app: '2M/10M',
        router: '3M/15M 6M/30M 2M/12M 8/8 8',
      }),
      expect.objectContaining({ key: 'pool:home-10m', app: null, router: 'pool-baru' }),
    ]);
    expect(d).toMatchObject({ profilesInApp: 2, profilesOnRouter: 4 });
    // Adopt the speed: the package follows the router (the router keeps its burst settings).
    await n.t.ok('routers.repair', {
      routerId: n.routerId,
      items: [{ key: 'rateLimit:home-10m', direction: 'adopt' }],
    });
    expect(await n.t.ok('packages.get', { id: pkg.id })).toMatchObject({ bandwidthUp: 3000, bandwidthDown: 15000 });
    // Push the pool: the router follows the app (no pool: unset).
    await n.t.ok('routers.repair', { routerId: n.routerId, items: [{ key: 'pool:home-10m', direction: 'push' }] });
    await n.engine.runOnce(n.routerId);
    expect(n.sim.profiles().find((p) => p.name === 'Home-10M')).not.toHaveProperty('remote-address');
    expect(await keys()).toEqual([]);
  });

  it("the ISP's own isolir profile is compared for presence only", async () => {
    await synced();
    n.sim.state.menu('/ppp/profile').set({ numbers: 'ISOLIR', 'rate-limit': '64k/64k' });
    expect(await keys()).toEqual([]);
  });
});
