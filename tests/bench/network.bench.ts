import { driftCheck } from '../../src-main/core/network/drift';
import { SyncEngine } from '../../src-main/core/network/engine';
import { poolConnector } from '../../src-main/core/network/pool-connector';
import { syncAccount } from '../../src-main/core/network/queue';
import { setConnector } from '../../src-main/core/network/router-access';
import { RouterConnection } from '../../src-main/routeros/connection';
import { RouterSim } from '../routeros-sim/simulator';
import { testApp } from '../helpers/app';
import { benchRouterAndPackage, seedCustomersWithAccounts } from './router-world';
import { timeAsync, type BenchSuite } from './harness';

const N = 5000;
/** The naive runs are slow by nature: measured on this many accounts (BENCH_NAIVE_N) and scaled to N (stated in the output). */
const NAIVE_N = Number(process.env.BENCH_NAIVE_N ?? 250);
const LATENCY_MS = 2;

const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const networkSuite: BenchSuite = {
  id: 'network',
  title: `RouterOS sync: ${N.toLocaleString('en')} accounts, ${LATENCY_MS} ms simulated round trip`,
  notes: [
    `The RouterOS simulator (tests/routeros-sim) answers every command after ${LATENCY_MS} ms over real TCP on 127.0.0.1.`,
    `"Full sync" = the sync worker applying ${N} queued secret upserts (plus the package profile) from SQLite to an empty router: one pooled connection, one print to learn existing ids, then adds pipelined (64 in flight).`,
    `"Drift check" = routers.drift's work: one print of all secrets with their fields + comparison with the app's ${N} accounts (passwords decrypted).`,
    `Naive = what cron-loop tools do: a new connection + login and one sequential command per account. Measured on ${NAIVE_N} accounts and multiplied by ${N / NAIVE_N} (extrapolated, marked as such).`,
  ].join(' '),
  async run() {
    const sim = await new RouterSim({ identity: 'bench' }).start();
    sim.faults.latencyMs = LATENCY_MS;
    const t = await testApp();
    const { ctx } = t.app;
    const connector = poolConnector(ctx);
    setConnector(ctx, connector);
    const engine = new SyncEngine(ctx, {
      timers: { setTimeout: () => null, clearTimeout: () => undefined, now: () => 0 },
    });
    try {
      const { router, pkg } = await benchRouterAndPackage(t, sim);
      // Set-up (not measured): N customers and accounts, each with its queued upsert, as the services write them.
      seedCustomersWithAccounts(ctx.sqlite, {
        n: N,
        routerId: router.id,
        packageId: pkg.id,
        profileName: pkg.profileName,
        username: (i) => `user${i}`,
        passwordEnc: (i) => ctx.secrets.encrypt(`Pw-${i}-xyz`),
        onAccount: (id) => syncAccount(ctx, id),
      });

      const sync = await timeAsync(() => engine.runOnce(router.id));
      const onRouter = sim.secrets().length;
      const call = { app: ctx, session: null, transport: 'internal' as const };
      const drift = await timeAsync(() => driftCheck(call, router.id));

      // Naive sync: connect + login + add, one account after another.
      const naiveTarget = { ...sim.target() };
      const naiveSync = await timeAsync(async () => {
        for (let i = 1; i <= NAIVE_N; i++) {
          const conn = await RouterConnection.open(naiveTarget);
          await conn.run('/ppp/secret/add', { name: `naive${i}`, password: 'x', profile: 'default', service: 'pppoe' });
          await conn.close();
        }
      });
      // Naive drift: connect + login + print one secret, one account after another.
      const naiveDrift = await timeAsync(async () => {
        for (let i = 1; i <= NAIVE_N; i++) {
          const conn = await RouterConnection.open(naiveTarget);
          await conn.run('/ppp/secret/print', {}, { queries: [`?name=user${i}`] });
          await conn.close();
        }
      });
      const naiveSyncN = (naiveSync.ms * N) / NAIVE_N;
      const naiveDriftN = (naiveDrift.ms * N) / NAIVE_N;
      return [
        {
          name: `full sync of ${N} new accounts`,
          value: `${fmtS(sync.ms)} (${onRouter} secrets on the router, ${sync.value.applied} ops applied)`,
          target: '≤ 5 s',
          pass: sync.ms <= 5000 && onRouter === N,
        },
        {
          name: `drift check of ${N} accounts`,
          value: `${fmtS(drift.ms)} (${drift.value.items.length} differences)`,
          target: '≤ 5 s',
          pass: drift.ms <= 5000 && drift.value.items.length === 0,
        },
        {
          name: `naive sync (new connection + 1 command per account)`,
          value: `${fmtS(naiveSync.ms)} for ${NAIVE_N} → ${fmtS(naiveSyncN)} for ${N} (extrapolated ×${N / NAIVE_N})`,
        },
        {
          name: 'sync speed-up vs naive',
          value: `${(naiveSyncN / sync.ms).toFixed(1)}×`,
          target: '≥ 10×',
          pass: naiveSyncN / sync.ms >= 10,
        },
        {
          name: `naive drift (new connection + 1 print per account)`,
          value: `${fmtS(naiveDrift.ms)} for ${NAIVE_N} → ${fmtS(naiveDriftN)} for ${N} (extrapolated ×${N / NAIVE_N})`,
        },
        {
          name: 'drift speed-up vs naive',
          value: `${(naiveDriftN / drift.ms).toFixed(1)}×`,
          target: '≥ 10×',
          pass: naiveDriftN / drift.ms >= 10,
        },
      ];
    } finally {
      engine.stop();
      await connector.close();
      await sim.stop();
      t.close();
    }
  },
};
