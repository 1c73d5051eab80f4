import { poolConnector } from '../../../src-main/core/network/pool-connector';
import { setConnector } from '../../../src-main/core/network/router-access';
import { SyncEngine, type Timers } from '../../../src-main/core/network/engine';
import { RouterSim } from '../../routeros-sim/simulator';
import { testApp, type TestApp } from '../../helpers/app';

/** Timers that never fire on their own (and a clock that stands still): tests drive the worker with runOnce(). */
export const manualTimers = (): Timers & { pending: { fn: () => void; ms: number }[] } => {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    pending,
    now: () => 0,
    setTimeout(fn, ms) {
      const h = { fn, ms };
      pending.push(h);
      return h;
    },
    clearTimeout(h) {
      const i = pending.indexOf(h as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
};

export interface NetTest {
  t: TestApp;
  sim: RouterSim;
  routerId: number;
  engine: SyncEngine;
  timers: ReturnType<typeof manualTimers>;
  close(): Promise<void>;
}

/** App + RouterOS simulator on 127.0.0.1 + a router record pointing at it + a sync engine driven by hand. */
export async function netTest(opts: { latencyMs?: number; isolir?: string } = {}): Promise<NetTest> {
  const t = await testApp();
  const sim = await new RouterSim({ identity: 'Kantor-RB' }).start();
  sim.faults.latencyMs = opts.latencyMs ?? 0;
  const connector = poolConnector(t.app.ctx, { retryFloorMs: 0, backoffInitialMs: 10, backoffMaxMs: 50 });
  setConnector(t.app.ctx, connector);
  const timers = manualTimers();
  const engine = new SyncEngine(t.app.ctx, { timers, backoffBaseMs: 1000 }).start();
  const target = sim.target();
  const r = await t.ok('routers.create', {
    name: 'Kantor',
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
    isolirProfile: opts.isolir ?? 'ISOLIR',
  });
  return {
    t,
    sim,
    routerId: r.id,
    engine,
    timers,
    async close() {
      engine.stop();
      await connector.close();
      await sim.stop();
      t.close();
    },
  };
}

/** Customer + package through the real services. */
export async function customerAndPackage(
  t: TestApp,
  name = 'Budi Santoso',
  pkg = { name: 'Home 10M', up: 2000, down: 10000 },
) {
  const c = await t.ok('customers.create', { name });
  const existing = (await t.ok('packages.list', { search: pkg.name })).items.find((p) => p.name === pkg.name);
  const p =
    existing ??
    (await t.ok('packages.create', {
      name: pkg.name,
      bandwidthUp: pkg.up,
      bandwidthDown: pkg.down,
      price: 150_000,
      billingCycle: 'monthly',
    }));
  return { customer: c, pkg: p };
}
