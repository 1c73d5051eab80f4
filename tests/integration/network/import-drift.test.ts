import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerAndPackage, netTest, type NetTest } from '../../unit/network/net-helpers';

let n: NetTest;
beforeEach(async () => {
  n = await netTest();
});
afterEach(async () => {
  await n.close();
});

describe('routers.test', () => {
  it('reports identity, version and uptime, or the clear reason', async () => {
    const ok = await n.t.ok('routers.test', { id: n.routerId });
    expect(ok).toMatchObject({ ok: true, identity: 'Kantor-RB', reason: null });
    expect(ok.version).toMatch(/^7\.19/);
    expect(ok.uptime).toMatch(/s$/);
    const bad = await n.t.ok('routers.test', { id: n.routerId, password: 'salah' });
    expect(bad).toMatchObject({ ok: false, reason: 'auth' });
    expect(bad.message).toMatch(/password/i);
    const target = n.sim.target();
    await n.sim.stop();
    const down = await n.t.ok('routers.test', {
      host: '127.0.0.1',
      port: target.port,
      username: 'admin',
      password: 'x',
    });
    expect(down.ok).toBe(false);
    expect(['refused', 'unreachable']).toContain(down.reason);
  });
});

describe('import', () => {
  beforeEach(() => {
    n.sim.addProfile({ name: 'paket-5M', 'rate-limit': '1M/5M 2M/10M 768k/4M 8/8 8' });
    n.sim.addProfile({ name: 'paket-20M', 'rate-limit': '5M/20M', 'remote-address': 'pool-pelanggan' });
    n.sim.addProfile({ name: 'ISOLIR', 'rate-limit': '128k/128k' });
    n.sim.addSecret({ name: 'andi', password: 'a1', profile: 'paket-5M', comment: 'PLG0007 Andi Wijaya' });
    n.sim.addSecret({
      name: 'bunga',
      password: 'b2',
      profile: 'paket-20M',
      comment: 'Bunga Citra',
      'remote-address': '10.20.0.5',
      disabled: 'yes',
    });
    n.sim.addSecret({ name: 'cahyo', password: 'c3', profile: 'paket-5M' });
    n.sim.addSecret({ name: 'vpn-kantor', password: 'v', profile: 'default', service: 'l2tp' });
  });

  it('previews profiles as packages and secrets as customers + accounts, flagging conflicts', async () => {
    const { customer, pkg } = await customerAndPackage(n.t, 'Cahyo Lama');
    await n.t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id, username: 'cahyo' });
    const { preview, applied } = await n.t.ok('routers.import', { routerId: n.routerId });
    expect(applied).toBeNull();
    const byName = Object.fromEntries(preview.profiles.map((p) => [p.name, p]));
    expect(byName['paket-5M']).toMatchObject({
      upKbps: 1000,
      downKbps: 5000,
      burst: '2M/10M 768k/4M 8/8 8',
      proposal: 'create',
      secrets: 2,
    });
    expect(byName['paket-20M']).toMatchObject({
      upKbps: 5000,
      downKbps: 20000,
      remoteAddress: 'pool-pelanggan',
      proposal: 'create',
    });
    expect(byName.ISOLIR).toBeUndefined();
    expect(preview.secrets.map((s) => s.name)).toEqual(['andi', 'bunga', 'cahyo']); // the l2tp secret is not PPPoE
    const s = Object.fromEntries(preview.secrets.map((x) => [x.name, x]));
    expect(s.andi).toMatchObject({ customerCode: 'PLG0007', conflict: null });
    expect(s.bunga).toMatchObject({ disabled: true, remoteAddress: '10.20.0.5', customerCode: null });
    expect(s.cahyo!.conflict).toBe('username');
    const all = await n.t.ok('routers.import', { routerId: n.routerId, anyService: true });
    expect(all.preview.secrets.map((x) => x.name)).toContain('vpn-kantor');
  });

  it('applies only what was accepted, in one transaction, without pushing profiles back', async () => {
    const res = await n.t.ok('routers.import', {
      routerId: n.routerId,
      apply: {
        profiles: [
          { name: 'paket-5M', packageName: 'Hemat 5M', price: 100_000 },
          { name: 'paket-20M', packageName: 'Kencang 20M', price: 250_000 },
        ],
        secrets: ['andi', 'bunga'],
      },
    });
    expect(res.applied).toMatchObject({ packages: 2, customers: 2, accounts: 2, skipped: [] });
    const accounts = (await n.t.ok('pppoe.list', {})).items;
    const andi = accounts.find((a) => a.username === 'andi')!;
    const bunga = accounts.find((a) => a.username === 'bunga')!;
    expect(andi).toMatchObject({
      customerCode: 'PLG0007',
      packageName: 'Hemat 5M',
      status: 'active',
      routerId: n.routerId,
    });
    expect(bunga).toMatchObject({ customerName: 'Bunga Citra', status: 'inactive', staticIp: '10.20.0.5' });
    // The active account is billed from now on (at its package's price); the disabled one is not.
    const subs = (await n.t.ok('subscriptions.list', {})).items.filter(
      (x) => x.pppoeAccountId === andi.id || x.pppoeAccountId === bunga.id,
    );
    expect(subs.map((x) => [x.pppoeAccountId, x.packageName, x.monthlyFee, x.status])).toEqual([
      [andi.id, 'Hemat 5M', 100_000, 'active'],
    ]);
    expect(await n.t.ok('pppoe.revealPassword', { id: andi.id })).toEqual({ password: 'a1' });
    const pkgs = (await n.t.ok('packages.list', {})).items;
    expect(pkgs.find((p) => p.name === 'Kencang 20M')).toMatchObject({
      ipPool: 'pool-pelanggan',
      bandwidthDown: 20000,
      profileName: 'paket-20M',
    });
    await n.engine.runOnce(n.routerId);
    // The burst settings imported from the router are still there.
    expect(n.sim.profiles().find((p) => p.name === 'paket-5M')!['rate-limit']).toBe('1M/5M 2M/10M 768k/4M 8/8 8');
    // bunga's comment now carries her new customer code.
    expect(n.sim.secret('bunga')!.comment).toBe(bunga.customerCode);
    const drift = await n.t.ok('routers.drift', { routerId: n.routerId });
    expect(drift.items.map((i) => i.key)).toEqual(['extra:cahyo']);
  });

  it('refuses an apply that names a profile the router does not have, writing nothing', async () => {
    const r = await n.t.call('routers.import', {
      routerId: n.routerId,
      apply: { profiles: [{ name: 'nope', packageName: 'X', price: 1 }], secrets: ['andi'] },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((await n.t.ok('pppoe.list', {})).total).toBe(0);
    expect((await n.t.ok('packages.list', {})).total).toBe(0);
  });
});

describe('import: who the new customers are', () => {
  beforeEach(() => {
    n.sim.addProfile({ name: 'paket-5M', 'rate-limit': '1M/5M' });
    for (const [name, comment] of [
      ['dedi', 'preexisting'],
      ['eka', 'preexisting'],
      ['rina', 'PLG0009 Rina Marlina'],
      ['toko.sinar', '0812-3456-7890'],
      ['wawan', 'C7'],
      ['yuli', ''],
    ])
      n.sim.addSecret({ name: name!, password: 'x', profile: 'paket-5M', comment: comment! });
  });
  const apply = (customers?: { secret: string; name: string; phone?: string | null }[]) =>
    n.t.call('routers.import', {
      routerId: n.routerId,
      apply: {
        profiles: [{ name: 'paket-5M', packageName: 'Hemat 5M', price: 100_000 }],
        secrets: ['dedi', 'eka', 'rina', 'toko.sinar', 'wawan', 'yuli'],
        ...(customers ? { customers } : {}),
      },
    });

  it('names come from the comment, else the username; a comment on many secrets or only a code names nobody', async () => {
    const { preview } = await n.t.ok('routers.import', { routerId: n.routerId });
    expect(preview.secrets.map((x) => [x.name, x.proposedName, x.proposedPhone, x.customerCode])).toEqual([
      ['dedi', 'dedi', null, null],
      ['eka', 'eka', null, null],
      ['rina', 'Rina Marlina', null, 'PLG0009'],
      ['toko.sinar', 'toko.sinar', '0812-3456-7890', null],
      ['wawan', 'wawan', null, 'C7'],
      ['yuli', 'yuli', null, null],
    ]);
    const r = await apply();
    expect(r.ok).toBe(true);
    const names = (await n.t.ok('customers.list', { pageSize: 100 })).items.map((c) => [c.name, c.phone]).sort();
    expect(names).toEqual([
      ['Rina Marlina', null],
      ['dedi', null],
      ['eka', null],
      ['toko.sinar', '0812-3456-7890'],
      ['wawan', null],
      ['yuli', null],
    ]);
  });

  it('the names and phones typed in the wizard are saved, checked like the customer form', async () => {
    const bad = await apply([
      { secret: 'dedi', name: 'Dedi Kurniawan', phone: 'abc-telp' },
      { secret: 'eka', name: '   ' },
    ]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const issues = !bad.ok ? bad.error.issues : [];
    expect(issues).toEqual(
      expect.arrayContaining([
        // The customer form's own phone rule and message.
        { path: 'apply.customers.0.phone', message: expect.stringMatching(/^Phone must be/) },
        { path: 'apply.customers.1.name', message: 'Name is required' },
      ]),
    );
    expect((await n.t.ok('customers.list', {})).total).toBe(0); // nothing written
    const ok = await apply([
      { secret: 'dedi', name: 'Dedi Kurniawan', phone: '0812 1111 2222' },
      { secret: 'eka', name: 'Eka Putri' },
    ]);
    expect(ok.ok).toBe(true);
    const dedi = (await n.t.ok('pppoe.list', { search: 'dedi' })).items[0]!;
    expect(dedi).toMatchObject({ customerName: 'Dedi Kurniawan' });
    expect((await n.t.ok('customers.get', { id: dedi.customerId })).phone).toBe('0812 1111 2222');
    expect((await n.t.ok('pppoe.list', { search: 'eka' })).items[0]).toMatchObject({ customerName: 'Eka Putri' });
  });
});

describe('drift', () => {
  async function synced() {
    const { customer, pkg } = await customerAndPackage(n.t);
    const a = await n.t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
      password: 'Rahasia-1',
      staticIp: '10.1.1.1',
    });
    const c2 = await n.t.ok('customers.create', { name: 'Dewi Lestari' });
    const b = await n.t.ok('pppoe.create', {
      customerId: c2.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
      password: 'Rahasia-2',
    });
    const c3 = await n.t.ok('customers.create', { name: 'Eko Prasetyo' });
    const c = await n.t.ok('pppoe.create', { customerId: c3.id, internetPackageId: pkg.id, routerId: n.routerId });
    await n.engine.runOnce(n.routerId);
    return { a: a.account, b: b.account, c: c.account };
  }

  it('finds every kind of difference and a dry run changes nothing', async () => {
    const { c } = await synced();
    expect((await n.t.ok('routers.drift', { routerId: n.routerId })).items).toEqual([]);
    const set = (name: string, v: Record<string, string>) =>
      n.sim.state.menu('/ppp/secret').set({ numbers: name, ...v });
    n.sim.addProfile({ name: 'lain' });
    set('budi.santoso', { profile: 'lain', 'remote-address': '10.1.1.2', password: 'diganti' });
    set('dewi.lestari', { disabled: 'yes' });
    n.sim.state.menu('/ppp/secret').remove({ numbers: 'eko.prasetyo' });
    n.sim.addSecret({ name: 'tamu', password: 'x', profile: 'default' });
    const d = await n.t.ok('routers.drift', { routerId: n.routerId });
    expect(d.items.map((i) => i.key).sort()).toEqual(
      [
        'disabled:dewi.lestari',
        'extra:tamu',
        'missing:eko.prasetyo',
        'password:budi.santoso',
        'profile:budi.santoso',
        'staticIp:budi.santoso',
      ].sort(),
    );
    expect(d.items.find((i) => i.kind === 'missing')!.accountId).toBe(c.id);
    const dry = await n.t.ok('routers.repair', { routerId: n.routerId, all: 'push', dryRun: true });
    expect(dry.changes).toHaveLength(6);
    expect(dry.queued).toBe(0);
    expect((await n.t.ok('sync.status', {})).routers[0]!.pending).toBe(0);
  });

  it('push app → router fixes the router; adopt router → app fixes the app', async () => {
    const { a, b } = await synced();
    const set = (name: string, v: Record<string, string>) =>
      n.sim.state.menu('/ppp/secret').set({ numbers: name, ...v });
    set('budi.santoso', { password: 'diganti', 'remote-address': '10.1.1.9' });
    set('dewi.lestari', { disabled: 'yes' });
    n.sim.addSecret({ name: 'tamu', password: 'x', profile: 'Home-10M', comment: 'Tamu Hotel' });
    const res = await n.t.ok('routers.repair', {
      routerId: n.routerId,
      items: [
        { key: 'password:budi.santoso', direction: 'adopt' },
        { key: 'staticIp:budi.santoso', direction: 'push' },
        { key: 'disabled:dewi.lestari', direction: 'adopt' },
        { key: 'extra:tamu', direction: 'adopt' },
      ],
    });
    expect(res.changes.map((x) => x.description)).toContain('import secret tamu as a new account');
    expect(await n.t.ok('pppoe.revealPassword', { id: a.id })).toEqual({ password: 'diganti' });
    expect((await n.t.ok('pppoe.get', { id: b.id })).status).toBe('inactive');
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secret('budi.santoso')).toMatchObject({ 'remote-address': '10.1.1.1', password: 'diganti' });
    expect((await n.t.ok('pppoe.list', { search: 'tamu' })).items[0]).toMatchObject({ customerName: 'Tamu Hotel' });
    expect((await n.t.ok('routers.drift', { routerId: n.routerId })).items).toEqual([]);
    // push of an extra removes it from the router
    n.sim.addSecret({ name: 'liar', password: 'x' });
    await n.t.ok('routers.repair', { routerId: n.routerId, items: [{ key: 'extra:liar', direction: 'push' }] });
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secret('liar')).toBeUndefined();
    const stale = await n.t.call('routers.repair', {
      routerId: n.routerId,
      items: [{ key: 'extra:liar', direction: 'push' }],
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('sessions', () => {
  it('lists who is online with their account, keeps lastLogin/lastIp, kicks, and samples live traffic', async () => {
    const { customer, pkg } = await customerAndPackage(n.t);
    const { account } = await n.t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
    });
    await n.engine.runOnce(n.routerId);
    n.sim.connectUser('budi.santoso', {
      address: '10.10.5.5',
      callerId: 'AA:BB:CC:00:11:22',
      rxBps: 1_500_000,
      txBps: 8_000_000,
    });
    const list = await n.t.ok('sessions.list', { routerId: n.routerId });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      name: 'budi.santoso',
      address: '10.10.5.5',
      callerId: 'AA:BB:CC:00:11:22',
      accountId: account.id,
      customerName: 'Budi Santoso',
    });
    const acc = await n.t.ok('pppoe.get', { id: account.id });
    expect(acc).toMatchObject({ online: true, lastIp: '10.10.5.5' });
    expect(acc.lastLogin).not.toBeNull();
    expect((await n.t.ok('pppoe.list', { online: true })).total).toBe(1);
    expect(await n.t.ok('sessions.traffic', { accountId: account.id })).toMatchObject({
      online: true,
      rxBps: 1_500_000,
      txBps: 8_000_000,
    });
    expect(await n.t.ok('sessions.kick', { routerId: n.routerId, name: 'budi.santoso' })).toEqual({ kicked: true });
    expect(n.sim.activeSessions()).toHaveLength(0);
    expect((await n.t.ok('pppoe.get', { id: account.id })).online).toBe(false);
    expect(await n.t.ok('sessions.traffic', { accountId: account.id })).toMatchObject({ online: false, rxBps: 0 });
    expect(await n.t.ok('sessions.kick', { routerId: n.routerId, name: 'budi.santoso' })).toEqual({ kicked: false });
  });

  it("samples the PPPoE interfaces' byte counters into daily usage and handles a new session", async () => {
    const { pollRouter } = await import('../../../src-main/core/network/sessions');
    const { customer, pkg } = await customerAndPackage(n.t);
    const { account } = await n.t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
    });
    await n.engine.runOnce(n.routerId);
    n.sim.connectUser('budi.santoso');
    n.sim.addBytes('budi.santoso', 1000, 5000);
    expect(await pollRouter(n.t.app.ctx, n.routerId)).toBe(true); // baseline
    n.sim.addBytes('budi.santoso', 2000, 4000);
    await pollRouter(n.t.app.ctx, n.routerId);
    n.sim.disconnectUser('budi.santoso');
    n.sim.connectUser('budi.santoso'); // new session: counters restarted
    n.sim.addBytes('budi.santoso', 500, 700);
    await pollRouter(n.t.app.ctx, n.routerId);
    const acc = await n.t.ok('pppoe.get', { id: account.id });
    expect(acc).toMatchObject({ bytesIn: 4000 + 700, bytesOut: 2000 + 500 });
    const usage = await n.t.ok('sessions.usage', { accountId: account.id });
    expect(usage.days.at(-1)).toEqual({ day: '2026-11-24', bytesIn: 4700, bytesOut: 2500 });
    await n.sim.stop();
    expect(await pollRouter(n.t.app.ctx, n.routerId)).toBe(false);
    expect((await n.t.ok('routers.get', { id: n.routerId })).state).toBe('offline');
    expect((await n.t.ok('pppoe.get', { id: account.id })).online).toBeNull();
  });
});

describe('router failures never crash a channel', () => {
  it('unreachable router: clear errors, offline state pushed once as router.status', async () => {
    const events: { name: string; payload: Record<string, unknown> }[] = [];
    n.t.app.ctx.events.subscribe((e) => events.push(e));
    const { pollRouter } = await import('../../../src-main/core/network/sessions');
    expect(await pollRouter(n.t.app.ctx, n.routerId)).toBe(true);
    await n.sim.stop();
    for (const ch of ['sessions.list', 'routers.drift'] as const) {
      const r = await n.t.call(ch, { routerId: n.routerId });
      expect(r).toMatchObject({ ok: false, error: { code: 'ROUTER_UNREACHABLE' } });
    }
    expect(await n.t.call('routers.import', { routerId: n.routerId })).toMatchObject({
      ok: false,
      error: { code: 'ROUTER_UNREACHABLE' },
    });
    await pollRouter(n.t.app.ctx, n.routerId);
    const status = events.filter((e) => e.name === 'router.status').map((e) => e.payload.state);
    expect(status).toEqual(['online', 'offline']);
    await n.sim.start();
    await pollRouter(n.t.app.ctx, n.routerId);
    expect(events.filter((e) => e.name === 'router.status').map((e) => e.payload.state)).toEqual([
      'online',
      'offline',
      'online',
    ]);
  });

  it('staff may look but not change routers, accounts or sessions', async () => {
    const { signInAs } = await import('../../unit/security/helpers');
    const staff = await signInAs(n.t, 'staff');
    expect((await n.t.call('pppoe.list', {}, staff.token)).ok).toBe(true);
    expect((await n.t.call('sessions.list', { routerId: n.routerId }, staff.token)).ok).toBe(true);
    expect((await n.t.ok('sessions.routers', {}, staff.token)).items.map((r) => r.name)).toEqual(['Kantor']);
    for (const [ch, input] of [
      ['routers.list', {}],
      ['sessions.kick', { routerId: n.routerId, name: 'x' }],
      ['pppoe.create', { customerId: 1, internetPackageId: 1 }],
      ['routers.repair', { routerId: n.routerId, all: 'push' }],
      ['sync.retry', { routerId: n.routerId }],
    ] as const) {
      expect(await n.t.call(ch, input as never, staff.token)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });
});

describe('drift adopt of a missing secret', () => {
  it('unlinks the account and drops what was queued for it', async () => {
    n.sim.addProfile({ name: 'Home-10M', 'rate-limit': '2M/10M' });
    n.sim.addProfile({ name: 'ISOLIR' });
    const { customer, pkg } = await customerAndPackage(n.t);
    const { account } = await n.t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
    });
    // Not synced yet: the router does not have it.
    const d = await n.t.ok('routers.drift', { routerId: n.routerId });
    expect(d.items.map((i) => i.key)).toEqual(['missing:budi.santoso']);
    await n.t.ok('routers.repair', {
      routerId: n.routerId,
      items: [{ key: 'missing:budi.santoso', direction: 'adopt' }],
    });
    expect((await n.t.ok('pppoe.get', { id: account.id })).routerId).toBeNull();
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secret('budi.santoso')).toBeUndefined();
  });
});
