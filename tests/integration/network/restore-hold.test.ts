import { afterEach, describe, expect, it } from 'vitest';
import { startNetworkWork } from '../../../src-main/core/network/background';
import type { SyncEngine } from '../../../src-main/core/network/engine';
import { poolConnector } from '../../../src-main/core/network/pool-connector';
import { SYNC_ENGINE } from '../../../src-main/core/network/queue';
import { setConnector } from '../../../src-main/core/network/router-access';
import { startBackground } from '../../../src-main/host/background';
import { RouterSim } from '../../routeros-sim/simulator';
import { openTestDb, testApp, type TestApp } from '../../helpers/app';
import { customerAndPackage } from '../../unit/network/net-helpers';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** The app as it runs: background work (the sync worker on real timers) against the simulator. */
async function running(): Promise<{ t: TestApp; sim: RouterSim; routerId: number }> {
  const t = await testApp();
  const sim = await new RouterSim().start();
  const connector = poolConnector(t.app.ctx);
  setConnector(t.app.ctx, connector);
  const work = startBackground(t.app, [(app) => startNetworkWork(app.ctx, { pollMs: 3_600_000 })]);
  cleanups.push(
    () => t.close(),
    () => sim.stop(),
    () => connector.close(),
    () => work.stop(),
  );
  const target = sim.target();
  const r = await t.ok('routers.create', {
    name: 'Kantor',
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
  });
  return { t, sim, routerId: r.id };
}

const engineOf = (t: TestApp) => t.app.ctx.services[SYNC_ENGINE] as SyncEngine | undefined;

describe('restore while a router sync step is in flight', () => {
  it('stops the worker first, holds the restored queue, checks the differences, pushes only when the owner says so', async () => {
    const { t, sim, routerId } = await running();
    const { customer, pkg } = await customerAndPackage(t, 'Andi Wijaya');
    const { account: andi } = await t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId,
    });
    await expect.poll(() => sim.secret('andi.wijaya')?.disabled).toBe('false');

    // The backup is taken while "disable Andi" waits for the router.
    await sim.stop();
    await t.ok('pppoe.disable', { id: andi.id });
    const backup = await t.ok('backups.create', {});
    await sim.start();
    // (the secret set to disabled, and the kick of a live session)
    expect((await t.ok('sync.retry', { routerId })).outcomes[0]).toMatchObject({ applied: 2, error: null });
    // Later Andi pays and is enabled again: the router has him enabled.
    await t.ok('pppoe.enable', { id: andi.id });
    await expect.poll(() => sim.secret('andi.wijaya')?.disabled).toBe('false');

    // A new account's secret is being added when the owner restores the backup.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    sim.inject(
      (cmd, attrs) => cmd === '/ppp/secret/add' && attrs.name === 'citra.lestari',
      { kind: 'gate', open: gate },
      1,
    );
    const sent = sim.waitForCommand('/ppp/secret/add');
    const c = await t.ok('customers.create', { name: 'Citra Lestari' });
    await t.ok('pppoe.create', { customerId: c.id, internetPackageId: pkg.id, routerId });
    await sent;
    let restored = false;
    const restoring = t.ok('backups.restore', { file: backup.file }).finally(() => (restored = true));
    // The worker is stopped first; the restore waits for the step in flight instead of swapping under it.
    await expect.poll(() => engineOf(t)).toBeUndefined();
    expect(restored).toBe(false);
    release();
    const summary = await restoring;
    expect(summary.routersHeld).toBe(1);

    // The step's outcome went into the data it belongs to (the pre-restore backup), not the restored one.
    const pre = openTestDb(t.app, summary.preRestoreBackup, { readonly: true });
    cleanups.push(() => pre.close());
    expect(
      pre.prepare("SELECT status FROM sync_ops WHERE kind = 'secret.upsert' AND payload LIKE '%citra.lestari%'").get(),
    ).toEqual({ status: 'done' });
    expect(sim.secret('citra.lestari')).toBeDefined();

    // Restored: Andi disabled in the app, that change queued again — but held, not pushed.
    expect((await t.ok('pppoe.get', { id: andi.id })).status).toBe('inactive');
    const run = await engineOf(t)!.runOnce(routerId);
    expect(run).toMatchObject({ applied: 0, connectionError: null });
    expect(sim.secret('andi.wijaya')!.disabled).toBe('false');
    // The difference check ran by itself and is shown with the hold.
    await expect.poll(async () => (await t.ok('sync.status', {})).routers[0]!.hold?.drift?.differences).toBe(2);
    const status = (await t.ok('sync.status', {})).routers[0]!;
    expect(status).toMatchObject({ pending: 2, hold: { reason: 'restore', drift: { error: null } } });
    expect((await t.ok('routers.drift', { routerId })).items.map((i) => i.key).sort()).toEqual([
      'disabled:andi.wijaya',
      'extra:citra.lestari',
    ]);

    // The owner chooses: send the restored queue ("Lanjutkan sinkron"). The hold ends, audited.
    const res = await t.ok('sync.retry', { routerId });
    expect(res.outcomes[0]).toMatchObject({ applied: 2, pending: 0, error: null });
    expect(sim.secret('andi.wijaya')!.disabled).toBe('true');
    expect((await t.ok('sync.status', {})).routers[0]!.hold).toBeNull();
    const audit = await t.ok('audit.list', { action: 'sync.resume' });
    expect(audit.items).toHaveLength(1);
  });

  it('a restore that gives up before the swap starts the background work again', async () => {
    const { t } = await running();
    await t.app.ctx.prepareDatabaseReplace();
    expect(engineOf(t)).toBeUndefined();
    t.app.ctx.cancelDatabaseReplace();
    expect(engineOf(t)).toBeDefined();
  });
});
