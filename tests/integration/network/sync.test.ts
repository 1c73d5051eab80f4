import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../src-main/core/network/engine';
import { customerAndPackage, manualTimers, netTest, type NetTest } from '../../unit/network/net-helpers';
import { ops } from '../../unit/network/seed';

let n: NetTest;
beforeEach(async () => {
  n = await netTest();
});
afterEach(async () => {
  await n.close();
});

async function accounts(count: number, prefix = 'Pelanggan') {
  const { pkg } = await customerAndPackage(n.t, `${prefix} Satu`);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = await n.t.ok('customers.create', { name: `${prefix} ${String.fromCharCode(97 + i)}` });
    const { account } = await n.t.ok('pppoe.create', {
      customerId: c.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
      password: `Rahasia-${i}x`,
    });
    ids.push(account.id);
  }
  return { pkg, ids };
}

describe('sync engine against the simulator', () => {
  it('creates profiles and secrets with every field, then changes, disables and removes them', async () => {
    const { customer, pkg } = await customerAndPackage(n.t);
    const { account } = await n.t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
      staticIp: '10.10.0.9',
      password: 'Rahasia-99',
    });
    const r = await n.engine.runOnce(n.routerId);
    expect(r).toEqual({ applied: 3, failed: 0, connectionError: null });
    expect(n.sim.profiles().find((p) => p.name === 'Home-10M')).toMatchObject({ 'rate-limit': '2M/10M' });
    // The router had no isolir profile: a basic one is created (never overwritten later).
    expect(n.sim.profiles().find((p) => p.name === 'ISOLIR')).toMatchObject({
      'rate-limit': '256k/256k',
      'address-list': 'ISOLIR',
    });
    expect(n.sim.secret('budi.santoso')).toMatchObject({
      password: 'Rahasia-99',
      profile: 'Home-10M',
      service: 'pppoe',
      'remote-address': '10.10.0.9',
      comment: customer.customerCode,
      disabled: 'false',
    });
    expect((await n.t.ok('pppoe.get', { id: account.id })).syncState).toBe('synced');
    expect((await n.t.ok('routers.get', { id: n.routerId })).state).toBe('online');

    n.sim.connectUser('budi.santoso');
    await n.t.ok('pppoe.disable', { id: account.id });
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secret('budi.santoso')!.disabled).toBe('true');
    expect(n.sim.activeSessions()).toHaveLength(0); // disabling kicked the live session

    await n.t.ok('pppoe.update', { id: account.id, username: 'budi.baru', staticIp: null });
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secret('budi.santoso')).toBeUndefined();
    expect(n.sim.secret('budi.baru')).toMatchObject({ disabled: 'true' });
    // Cleared with `unset` (the strict simulator refuses an empty IP, as some RouterOS versions do).
    expect(n.sim.secret('budi.baru')).not.toHaveProperty('remote-address');
    // Later changes of an account without a static IP need no unset: nothing is set.
    await n.t.ok('pppoe.enable', { id: account.id });
    expect((await n.engine.runOnce(n.routerId)).failed).toBe(0);
    expect(n.sim.secret('budi.baru')).toMatchObject({ disabled: 'false' });

    await n.t.ok('pppoe.delete', { id: account.id });
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secrets()).toHaveLength(0);
    expect(ops(n.t.app.ctx, n.routerId).filter((o) => o.status === 'pending' || o.status === 'failed')).toHaveLength(0);
  });

  it('a router secret of the same name the app did not create is never overwritten: the create fails, naming it', async () => {
    n.sim.addProfile({ name: 'Home-10M' });
    n.sim.addSecret({ name: 'budi.santoso', password: 'punya-teknisi', profile: 'default', comment: 'Pak Budi lama' });
    const { customer, pkg } = await customerAndPackage(n.t);
    const { account } = await n.t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
      password: 'Rahasia-1',
    });
    const r = await n.engine.runOnce(n.routerId);
    expect(r.failed).toBe(1);
    // The technician's secret is as it was: password, profile, comment.
    expect(n.sim.secret('budi.santoso')).toMatchObject({
      password: 'punya-teknisi',
      profile: 'default',
      comment: 'Pak Budi lama',
    });
    const acc = await n.t.ok('pppoe.get', { id: account.id });
    expect(acc.syncState).toBe('failed');
    expect(acc.syncError).toBe(
      'The router already has a secret named budi.santoso that this app did not create; its password was not changed. Take it into the app (Routers → Differences) or choose another username',
    );
    // Not retried by itself, and a retry does not overwrite it either.
    expect(n.timers.pending.filter((p) => p.ms > 0)).toHaveLength(0);
    await n.t.ok('sync.retry', { routerId: n.routerId });
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secret('budi.santoso')!.password).toBe('punya-teknisi');
    // The differences offer to take it into the app (or, by the owner's choice, to overwrite it).
    const d = await n.t.ok('routers.drift', { routerId: n.routerId });
    expect(d.items).toEqual([
      expect.objectContaining({
        key: 'unowned:budi.santoso',
        accountId: account.id,
        app: 'Home-10M',
        router: 'default',
      }),
    ]);
    // "Push all" never overwrites it: that is decided row by row.
    expect((await n.t.ok('routers.repair', { routerId: n.routerId, all: 'push', dryRun: true })).changes).toEqual([]);
    await n.t.ok('routers.repair', {
      routerId: n.routerId,
      items: [{ key: 'unowned:budi.santoso', direction: 'adopt' }],
    });
    expect(await n.t.ok('pppoe.revealPassword', { id: account.id })).toEqual({ password: 'punya-teknisi' });
    await n.engine.runOnce(n.routerId);
    // Now it is the account's: the comment carries the customer code, the password stayed the router's.
    expect(n.sim.secret('budi.santoso')).toMatchObject({ password: 'punya-teknisi', comment: customer.customerCode });
    expect((await n.t.ok('pppoe.get', { id: account.id })).syncState).toBe('synced');
  });

  it("the app's own secret is taken over (a reply lost on the way), a missing one removes fine", async () => {
    n.sim.addProfile({ name: 'Home-10M' });
    const { customer, pkg } = await customerAndPackage(n.t);
    // Written by the app before the connection broke: it carries the customer code.
    n.sim.addSecret({ name: 'budi.santoso', password: 'old', profile: 'default', comment: customer.customerCode });
    const { account } = await n.t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
      password: 'Rahasia-1',
    });
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secrets()).toHaveLength(1);
    expect(n.sim.secret('budi.santoso')).toMatchObject({ password: 'Rahasia-1', profile: 'Home-10M' });
    n.sim.state.menu('/ppp/secret').items.clear(); // someone removed it by hand
    await n.t.ok('pppoe.delete', { id: account.id });
    const r = await n.engine.runOnce(n.routerId);
    expect(r.failed).toBe(0);
  });

  it('router down: nothing is lost; back up: the queue drains in order', async () => {
    await n.sim.stop();
    const { ids } = await accounts(3);
    await n.t.ok('pppoe.disable', { id: ids[0]! });
    const down = await n.engine.runOnce(n.routerId);
    expect(down.connectionError).toBeTruthy();
    expect(down.applied).toBe(0);
    expect((await n.t.ok('routers.get', { id: n.routerId })).state).toBe('offline');
    const status = (await n.t.ok('sync.status', {})).routers[0]!;
    expect(status.pending).toBeGreaterThanOrEqual(5);
    expect(status.nextRetryAt).not.toBeNull();
    // The backoff timer is armed (1 s base); a wake during backoff does not hammer the router.
    expect(n.timers.pending.map((p) => p.ms)).toContain(1000);
    n.engine.wake(n.routerId);
    expect(n.timers.pending).toHaveLength(1);

    await n.sim.start();
    const seen: string[] = [];
    n.sim.on('command', (e: { command: string; attrs: Record<string, string> }) => {
      if (/secret\/(add|set)$/.test(e.command))
        seen.push(`${e.command.split('/').pop()}:${e.attrs.name}:${e.attrs.disabled}`);
    });
    const up = await n.engine.runOnce(n.routerId);
    expect(up.connectionError).toBeNull();
    expect(
      n.sim
        .secrets()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['pelanggan.a', 'pelanggan.b', 'pelanggan.c']);
    expect(n.sim.secret('pelanggan.a')!.disabled).toBe('true');
    // The superseded first upsert of pelanggan.a was dropped: one add with the final state.
    expect(seen.filter((s) => s.includes('pelanggan.a'))).toEqual(['add:pelanggan.a:yes']);
    expect((await n.t.ok('routers.get', { id: n.routerId })).state).toBe('online');
    expect((await n.t.ok('sync.status', {})).routers[0]).toMatchObject({ pending: 0, failed: 0 });
  });

  it('a !trap fails that operation only, with the router message; other accounts keep syncing', async () => {
    const { ids } = await accounts(3);
    n.sim.inject((cmd, attrs) => cmd === '/ppp/secret/add' && attrs.name === 'pelanggan.b', {
      kind: 'trap',
      message: 'invalid value for argument remote-address',
    });
    const r = await n.engine.runOnce(n.routerId);
    expect(r).toMatchObject({ applied: 4, failed: 1 });
    expect(
      n.sim
        .secrets()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['pelanggan.a', 'pelanggan.c']);
    const failed = await n.t.ok('sync.ops', { status: 'failed' });
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({
      lastError: 'The router refused: invalid value for argument remote-address',
      entityId: ids[1],
    });
    // Permanent refusal: no retry is scheduled.
    expect(n.timers.pending.filter((p) => p.ms > 0)).toHaveLength(0);
    n.sim.clearFaults();
    await n.t.ok('sync.retry', { ids: [failed.items[0]!.id] });
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secret('pelanggan.b')).toBeDefined();
  });

  it('a transient !trap is retried with backoff', async () => {
    await accounts(1);
    const clear = n.sim.inject('/ppp/secret/add', { kind: 'trap', message: 'router busy, try again later' }, 1);
    const r = await n.engine.runOnce(n.routerId);
    expect(r).toMatchObject({ failed: 0 });
    const pending = (await n.t.ok('sync.ops', { status: 'pending' })).items;
    expect(pending[0]).toMatchObject({ attempts: 1, lastError: 'The router refused: router busy, try again later' });
    expect(pending[0]!.nextAttemptAt).toBe(new Date(n.t.clock.now().getTime() + 1000).toISOString());
    clear();
    n.t.clock.advance(1000);
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secret('pelanggan.a')).toBeDefined();
  });

  it('the connection dropping mid-queue leaves the rest pending; a restarted app resumes it', async () => {
    await accounts(4);
    n.sim.inject((cmd, attrs) => cmd === '/ppp/secret/add' && attrs.name === 'pelanggan.c', { kind: 'drop' }, 1);
    const r = await n.engine.runOnce(n.routerId);
    expect(r.connectionError).toBeTruthy();
    const left = (await n.t.ok('sync.status', {})).routers[0]!.pending;
    expect(left).toBeGreaterThan(0);
    // "Restart": the old engine is gone, a new one starts from what SQLite holds.
    n.engine.stop();
    const timers = manualTimers();
    const fresh = new SyncEngine(n.t.app.ctx, { timers }).start();
    expect(timers.pending).toHaveLength(1); // start() scheduled the router with pending work
    const again = await fresh.runOnce(n.routerId);
    expect(again.connectionError).toBeNull();
    expect(
      n.sim
        .secrets()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['pelanggan.a', 'pelanggan.b', 'pelanggan.c', 'pelanggan.d']);
    fresh.stop();
  });

  it('isolir by profile and restore reach the router, static IP kept, session kicked each time', async () => {
    n.sim.addProfile({ name: 'ISOLIR', 'rate-limit': '128k/128k', 'address-list': 'TELAT-BAYAR' });
    const { customer, pkg } = await customerAndPackage(n.t);
    const { account } = await n.t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
      staticIp: '10.10.0.7',
    });
    await n.engine.runOnce(n.routerId);
    n.sim.connectUser('budi.santoso');
    const { isolateAccount, restoreAccount } = await import('../../../src-main/core/network/isolir');
    const call = { app: n.t.app.ctx, session: null, transport: 'internal' as const };
    n.t.app.ctx.sqlite.transaction(() => isolateAccount(call, account.id, 'profile'))();
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secret('budi.santoso')).toMatchObject({
      profile: 'ISOLIR',
      'remote-address': '10.10.0.7',
      disabled: 'false',
    });
    // The ISP's own isolir profile was left as it was.
    expect(n.sim.profiles().find((p) => p.name === 'ISOLIR')).toMatchObject({
      'rate-limit': '128k/128k',
      'address-list': 'TELAT-BAYAR',
    });
    expect(n.sim.activeSessions()).toHaveLength(0);
    n.sim.connectUser('budi.santoso');
    n.t.app.ctx.sqlite.transaction(() => restoreAccount(call, account.id))();
    await n.engine.runOnce(n.routerId);
    expect(n.sim.secret('budi.santoso')).toMatchObject({ profile: 'Home-10M' });
    expect(n.sim.activeSessions()).toHaveLength(0);
  });
});
