/**
 * The sync worker's scheduling (core/network/apply.ts): one lane per account, at most `concurrency`
 * accounts in flight, each account's operations in queue order, and a profile operation as a barrier in
 * both directions (what was queued before it has finished, what was queued after it has not started).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../src-main/core/network/engine';
import type { SimCommandEvent } from '../../routeros-sim/simulator';
import { customerAndPackage, manualTimers, netTest, type NetTest } from '../../unit/network/net-helpers';

let n: NetTest;
beforeEach(async () => {
  n = await netTest({ latencyMs: 1 });
});
afterEach(async () => {
  await n.close();
});

describe('sync worker lanes', () => {
  it('runs each account in queue order with more accounts than the window; a later profile change waits for them', async () => {
    const { pkg } = await customerAndPackage(n.t, 'Pelanggan Satu');
    await n.engine.runOnce(n.routerId); // the package's profile is on the router
    const names: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = await n.t.ok('customers.create', { name: `Pelanggan ${String.fromCharCode(97 + i)}` });
      const { account } = await n.t.ok('pppoe.create', {
        customerId: c.id,
        internetPackageId: pkg.id,
        routerId: n.routerId,
        password: `Rahasia-${i}x`,
      });
      // Queued: the secret (disabled, superseding the create's upsert), then the kick of its session.
      await n.t.ok('pppoe.disable', { id: account.id });
      names.push(account.username);
    }
    await n.t.ok('packages.update', { id: pkg.id, bandwidthDown: 20000 });

    const seen: string[] = [];
    n.sim.on('command', (e: SimCommandEvent) => {
      const name = e.attrs.name ?? e.queries.find((q) => q.startsWith('?name='))?.slice(6) ?? '';
      seen.push(`${e.command} ${name}`);
    });
    const engine = new SyncEngine(n.t.app.ctx, { timers: manualTimers(), concurrency: 4 });
    const r = await engine.runOnce(n.routerId);
    expect(r).toMatchObject({ failed: 0, connectionError: null });

    for (const name of names) {
      const add = seen.indexOf(`/ppp/secret/add ${name}`);
      const kick = seen.indexOf(`/ppp/active/print ${name}`);
      expect(add).toBeGreaterThanOrEqual(0);
      expect(kick).toBeGreaterThan(add);
      expect(n.sim.secret(name)!.disabled).toBe('true');
    }
    // The profile's new rate limit was queued after every kick: it goes after them.
    const lastKick = Math.max(...names.map((name) => seen.indexOf(`/ppp/active/print ${name}`)));
    const profileSet = seen.findIndex((s) => s.startsWith('/ppp/profile/set'));
    expect(profileSet).toBeGreaterThan(lastKick);
    expect(n.sim.profiles().find((p) => p.name === pkg.profileName)!['rate-limit']).toBe('2M/20M');
    await engine.stop();
  });
});
