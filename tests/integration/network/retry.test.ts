import { afterEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../src-main/core/network/engine';
import { poolConnector } from '../../../src-main/core/network/pool-connector';
import { setConnector } from '../../../src-main/core/network/router-access';
import { RouterConnection } from '../../../src-main/routeros/connection';
import { ManualTimers } from '../../routeros-sim/manual-timers';
import { RouterSim } from '../../routeros-sim/simulator';
import { testApp, type TestApp } from '../../helpers/app';
import { customerAndPackage } from '../../unit/network/net-helpers';

/*
 * "Coba sekarang" against the simulator, with production settings (retry floor 1 s, pool backoff
 * 1 s → 30 s, worker backoff 2 s → 30 s, connect timeout 10 s) on one manual clock: pool, connections
 * and worker. Time moves only when the test advances it, so "within 3 s" and "within 35 s" are exact.
 */

type Outage = 'refusing' | 'silent';

interface Rig {
  t: TestApp;
  sim: RouterSim;
  timers: ManualTimers;
  engine: SyncEngine;
  connector: ReturnType<typeof poolConnector>;
  routerId: number;
  /**
   * Connection attempts started while the router was silent and the logins it received from them (and
   * will never answer); attempts still open, in all and of those.
   */
  seen: { attempts: number; logins: number; open: number; openSilent: number };
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.engine.stop();
    await r.connector.close();
    await r.sim.stop();
    r.t.close();
  }
});

async function rig(): Promise<Rig> {
  const t = await testApp();
  const sim = await new RouterSim().start();
  const timers = new ManualTimers();
  const seen = { attempts: 0, logins: 0, open: 0, openSilent: 0 };
  const connector = poolConnector(t.app.ctx, {
    timers,
    connect: (target, opts) => {
      const silent = sim.faults.silent;
      if (silent) seen.attempts++;
      seen.open++;
      if (silent) seen.openSilent++;
      const settle = () => {
        seen.open--;
        if (silent) seen.openSilent--;
      };
      const p = RouterConnection.open(target, opts);
      p.then(settle, settle);
      return p;
    },
  });
  setConnector(t.app.ctx, connector);
  const engine = new SyncEngine(t.app.ctx, { timers }).start();
  sim.on('command', (c: { command: string }) => void (sim.faults.silent && c.command === '/login' && seen.logins++));
  const target = sim.target();
  const router = await t.ok('routers.create', {
    name: 'Kantor',
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
  });
  const r: Rig = { t, sim, timers, engine, connector, routerId: router.id, seen };
  rigs.push(r);
  await customerAndPackage(t); // the package profile is queued
  await until(r, () => sim.profiles().some((p) => p.name === 'Home-10M'));
  return r;
}

/**
 * Nothing moves without the clock: the worker is idle (or waiting for a silent router's answer, which
 * only the clock can end) and no connection attempt is half done.
 */
function settled(r: Rig): boolean {
  const { seen } = r;
  // Every open attempt has sent its login to the silent router, which never answers: only a timeout ends it.
  const waitingForSilence = seen.open > 0 && seen.open === seen.openSilent && seen.logins >= seen.attempts;
  return (!r.engine.status(r.routerId).running && !r.connector.connecting(r.routerId)) || waitingForSilence;
}

/** Moves the clock to the next timer (keepalive, backoff, timeout) and lets the I/O it starts finish. */
async function tick(r: Rig) {
  const at = r.timers.nextAt;
  if (at === undefined) throw new Error('no timer is waiting');
  r.timers.advance(Math.max(0, at - r.timers.now()));
  // What the timers started runs on promises: let it run (not a wait for time) before judging.
  await new Promise((resolve) => setImmediate(resolve));
  await expect.poll(() => settled(r)).toBe(true);
}

/** Advances time timer by timer until `done` holds; returns how much virtual time that took. */
async function until(r: Rig, done: () => boolean, limitMs = 60_000): Promise<number> {
  const start = r.timers.now();
  await expect.poll(() => settled(r)).toBe(true);
  while (!done()) {
    if (r.timers.now() - start > limitMs) throw new Error(`not done within ${limitMs} ms of virtual time`);
    await tick(r);
  }
  return r.timers.now() - start;
}

function lastRun(r: Rig) {
  return r.engine.status(r.routerId).last;
}

/** Router down, an account created meanwhile, then `attempts` failed attempts of the worker. */
async function outage(r: Rig, kind: Outage, attempts = 4) {
  if (kind === 'refusing') await r.sim.stop();
  else {
    r.sim.faults.silent = true;
    r.sim.dropConnections();
  }
  await expect.poll(async () => (await r.t.ok('routers.get', { id: r.routerId })).state).toBe('offline');
  const c = await r.t.ok('customers.create', { name: 'Siti Aminah' });
  const pkg = (await r.t.ok('packages.list', {})).items[0]!;
  await r.t.ok('pppoe.create', { customerId: c.id, internetPackageId: pkg.id, routerId: r.routerId });
  let failures = 0;
  let seenRun = lastRun(r);
  await until(
    r,
    () => {
      const now = lastRun(r);
      if (now !== seenRun && now?.connectionError) failures++;
      seenRun = now;
      return failures >= attempts;
    },
    600_000,
  );
  expect((await r.t.ok('sync.status', {})).routers[0]).toMatchObject({ state: 'offline', pending: 1 });
}

/** The router answers again; for a silent one, the worker is left mid-attempt on a socket that never will. */
async function routerBack(r: Rig, kind: Outage) {
  if (kind === 'refusing') return r.sim.start();
  // The next attempt starts and hangs on the silent router, then the router recovers.
  const logins = r.seen.logins;
  await until(r, () => r.seen.logins > logins && r.engine.status(r.routerId).running);
  r.sim.faults.silent = false;
}

describe('"Coba sekarang" really tries now', () => {
  for (const kind of ['refusing', 'silent'] as const) {
    it(`${kind} router: after a long outage, retry applies the change at once (no clock needed)`, async () => {
      const r = await rig();
      await outage(r, kind);
      await routerBack(r, kind);
      const before = r.timers.now();
      const res = await r.t.ok('sync.retry', { routerId: r.routerId });
      expect(res.outcomes).toEqual([
        { routerId: r.routerId, name: 'Kantor', applied: 1, failed: 0, pending: 0, error: null },
      ]);
      expect(r.sim.secret('siti.aminah')).toBeDefined();
      expect(r.timers.now() - before).toBeLessThanOrEqual(3_000); // in fact 0: no timer had to fire
      expect((await r.t.ok('routers.get', { id: r.routerId })).state).toBe('online');
    });

    it(`${kind} router: without the button, the change is applied within 35 s of the router answering`, async () => {
      const r = await rig();
      await outage(r, kind, 6); // long enough for the backoff to reach its cap
      await routerBack(r, kind);
      const took = await until(r, () => r.sim.secret('siti.aminah') !== undefined);
      expect(took).toBeLessThanOrEqual(35_000);
    });
  }

  it('a retry while the router is still down answers with the reason in a sentence', async () => {
    const r = await rig();
    await outage(r, 'refusing', 2);
    const res = await r.t.ok('sync.retry', { routerId: r.routerId });
    expect(res.outcomes[0]).toMatchObject({ applied: 0, pending: 1 });
    expect(res.outcomes[0]!.error).toMatch(/^Router unreachable: connection refused/);
    const status = (await r.t.ok('sync.status', {})).routers[0]!;
    expect(status.lastRun).toMatchObject({ applied: 0, error: res.outcomes[0]!.error });
    // The backoff starts again from its first step after a retry.
    expect(Date.parse(status.nextRetryAt!) - r.t.clock.now().getTime()).toBe(2_000);
  });

  for (const kind of ['refusing', 'silent'] as const) {
    it(`${kind} router: 20 retries pressed together make one attempt and apply nothing twice`, async () => {
      const r = await rig();
      await outage(r, kind);
      await routerBack(r, kind);
      const connections = r.sim.stats.connections;
      const adds = r.sim.stats.byCommand['/ppp/secret/add'] ?? 0;
      const all = await Promise.all(Array.from({ length: 20 }, () => r.t.ok('sync.retry', { routerId: r.routerId })));
      expect(r.sim.stats.connections - connections).toBe(1);
      expect((r.sim.stats.byCommand['/ppp/secret/add'] ?? 0) - adds).toBe(1);
      expect(r.sim.secrets().filter((s) => s.name === 'siti.aminah')).toHaveLength(1);
      // Every caller learns the outcome of the attempt it shared.
      for (const res of all) expect(res.outcomes[0]).toMatchObject({ applied: 1, pending: 0, error: null });
      expect((await r.t.ok('sync.status', {})).routers[0]).toMatchObject({ pending: 0, failed: 0 });
    });
  }
});

describe('the other places that use the router connection try afresh too', () => {
  for (const kind of ['refusing', 'silent'] as const) {
    it(`${kind} router back: sessions, differences and import answer at once, not with the cached failure`, async () => {
      const r = await rig();
      await outage(r, kind, 2);
      await routerBack(r, kind);
      const before = r.timers.now();
      expect((await r.t.ok('sessions.list', { routerId: r.routerId })).items).toEqual([]);
      // A refusing router: the worker waits out its backoff. A silent one: the worker was waiting on the
      // stuck attempt, moved to the fresh one and has sent the change meanwhile.
      expect((await r.t.ok('routers.drift', { routerId: r.routerId })).items.map((i) => i.key)).toEqual(
        kind === 'refusing' ? ['missing:siti.aminah'] : [],
      );
      const preview = (await r.t.ok('routers.import', { routerId: r.routerId })).preview;
      expect(preview.secrets.map((x) => [x.name, x.conflict])).toEqual(
        kind === 'refusing' ? [] : [['siti.aminah', 'username']],
      );
      expect(r.timers.now()).toBe(before);
    });
  }

  it('a successful Test of the saved router sends the waiting changes at once', async () => {
    const r = await rig();
    await outage(r, 'refusing', 3);
    await r.sim.start();
    expect(await r.t.ok('routers.test', { id: r.routerId })).toMatchObject({ ok: true });
    // The worker was woken through a timer due now (the Test may run inside other work): no waiting.
    const took = await until(r, () => r.sim.secret('siti.aminah') !== undefined);
    expect(took).toBe(0);
  });
});
