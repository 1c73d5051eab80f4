import { afterEach, describe, expect, it } from 'vitest';
import { poolConnector } from '../../../src-main/core/network/pool-connector';
import { setConnector } from '../../../src-main/core/network/router-access';
import { pollRouter } from '../../../src-main/core/network/sessions';
import { RouterSim } from '../../routeros-sim/simulator';
import { FakeClock, testApp } from '../../helpers/app';
import { customerAndPackage } from '../../unit/network/net-helpers';

/*
 * Usage sampling against the simulator (6.49 and 7.18): one /interface/print per router per sample,
 * daily totals in the ISP's zone, correct across a session restart, a router reboot and an app restart.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const GB = 1_000_000_000;

async function rig(version: string, start = '2026-11-24T03:00:00Z') {
  const t = await testApp({ clock: new FakeClock(Date.parse(start)) });
  const sim = await new RouterSim({ version }).start();
  // The router has been up for ten days (the app's clock is fake; the simulator's uptime is real time).
  sim.state.bootedAt = Date.now() - 10 * 86_400_000;
  const connector = poolConnector(t.app.ctx, { retryFloorMs: 0, backoffInitialMs: 10, backoffMaxMs: 50 });
  setConnector(t.app.ctx, connector);
  cleanups.push(
    () => t.close(),
    () => sim.stop(),
    () => connector.close(),
  );
  const target = sim.target();
  const router = await t.ok('routers.create', {
    name: 'Kantor',
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
  });
  const accounts: Record<string, number> = {};
  for (const name of ['budi', 'sari']) {
    const { customer, pkg } = await customerAndPackage(t, name === 'budi' ? 'Budi' : 'Sari');
    const { account } = await t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: router.id,
      username: name,
    });
    accounts[name] = account.id;
    sim.addSecret({ name, password: 'x' });
  }
  const sample = async () => {
    const before = sim.stats.byCommand['/interface/print'] ?? 0;
    expect(await pollRouter(t.app.ctx, router.id)).toBe(true);
    expect(sim.stats.byCommand['/interface/print']).toBe(before + 1); // one query per router per sample
  };
  /** After a reboot the pooled connection is gone: the poller finds the router again on a later round. */
  const reconnect = () => expect.poll(() => pollRouter(t.app.ctx, router.id)).toBe(true);
  const usage = (name: string, days = 3) => t.ok('sessions.usage', { accountId: accounts[name]!, days });
  return { t, sim, sample, reconnect, usage, accounts };
}

describe.each(['6.49.10', '7.18.2'])('usage sampling on RouterOS %s', (version) => {
  it('adds deltas per session, across a session restart and a router reboot, with the current speed', async () => {
    const { t, sim, sample, reconnect, usage, accounts } = await rig(version);
    sim.connectUser('budi');
    sim.addBytes('budi', 5 * GB, 9 * GB); // before the app knew the session: a baseline, not today's use
    await sample();
    expect((await usage('budi')).days.at(-1)).toEqual({ day: '2026-11-24', bytesIn: 0, bytesOut: 0 });

    t.clock.advance(60_000);
    sim.addBytes('budi', 1_000_000, 7_500_000);
    await sample();
    let u = await usage('budi');
    expect(u.days.at(-1)).toEqual({ day: '2026-11-24', bytesIn: 7_500_000, bytesOut: 1_000_000 });
    expect(u.current).toMatchObject({ bpsIn: 1_000_000, bpsOut: 133_333 });

    // Session restart: a new interface whose counters start from zero.
    sim.disconnectUser('budi');
    sim.connectUser('budi');
    sim.addBytes('budi', 200, 3000);
    t.clock.advance(60_000);
    await sample();
    u = await usage('budi');
    expect(u.days.at(-1)).toMatchObject({ bytesIn: 7_503_000, bytesOut: 1_000_200 });

    // Router reboot: no sessions (speed 0) until they dial in again.
    await sim.reboot();
    t.clock.advance(60_000);
    await reconnect();
    expect((await usage('budi')).current).toMatchObject({ bpsIn: 0, bpsOut: 0 });
    // Even if the router hands out the same interface id with a larger counter, the uptime tells the reboot.
    const again = sim.connectUser('budi');
    const prev = t.app.ctx.sqlite.prepare('SELECT iface_id AS id FROM usage_counters').get() as { id: string };
    again.ifaceId = prev.id;
    sim.addBytes('budi', 400, 9000);
    t.clock.advance(60_000);
    await sample();
    u = await usage('budi');
    expect(u.days.at(-1)).toMatchObject({ bytesIn: 7_512_000, bytesOut: 1_000_600 });
    expect(u.months).toEqual([{ month: '2026-11', bytesIn: 7_512_000, bytesOut: 1_000_600 }]);
    expect(await t.ok('pppoe.get', { id: accounts.budi! })).toMatchObject({ bytesIn: 7_512_000, bytesOut: 1_000_600 });
    expect((await usage('sari')).days.every((d) => d.bytesIn === 0)).toBe(true);
  });

  it("files bytes under the ISP's business day (WIB midnight is 17:00 UTC) and survives an app restart", async () => {
    const { t, sim, sample, usage } = await rig(version, '2026-11-24T16:58:00Z');
    sim.connectUser('sari');
    await sample();
    t.clock.advance(60_000);
    sim.addBytes('sari', 10, 100);
    await sample();
    // Counters are stored, not held in memory: after an app restart the next sample continues from them.
    t.clock.advance(90_000); // 17:00:30 UTC = 00:00:30 WIB on the 25th
    sim.addBytes('sari', 20, 200);
    await sample();
    const u = await usage('sari');
    expect(u.days.slice(-2)).toEqual([
      { day: '2026-11-24', bytesIn: 100, bytesOut: 10 },
      { day: '2026-11-25', bytesIn: 200, bytesOut: 20 },
    ]);
    const report = await t.ok('reports.bandwidth', { from: '2026-11-24', to: '2026-11-25', groupBy: 'day' });
    expect(report.series).toEqual([
      { key: '2026-11-24', bytesIn: 100, bytesOut: 10 },
      { key: '2026-11-25', bytesIn: 200, bytesOut: 20 },
    ]);
  });

  it('ignores counters it cannot read and refuses bad input', async () => {
    const { t, sim, sample, usage, accounts } = await rig(version);
    const s = sim.connectUser('budi');
    await sample();
    s.rxBytes = Number.NaN; // the router sends `rx-byte=NaN`
    t.clock.advance(60_000);
    await sample();
    expect((await usage('budi')).days.at(-1)).toMatchObject({ bytesIn: 0, bytesOut: 0 });
    for (const days of [0, 367, 1.5]) {
      const r = await t.call('sessions.usage', { accountId: accounts.budi!, days });
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await t.call('sessions.usage', { accountId: 999_999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
