import { pollRouter } from '../../src-main/core/network/sessions';
import { poolConnector } from '../../src-main/core/network/pool-connector';
import { routerClient, setConnector } from '../../src-main/core/network/router-access';
import { sampleUsage } from '../../src-main/core/network/usage';
import { routerAccountRefs } from '../../src-main/data/network/traffic.repository';
import { RouterSim } from '../routeros-sim/simulator';
import { testApp } from '../helpers/app';
import { benchRouterAndPackage, seedCustomersWithAccounts } from './router-world';
import { percentile, timeAsync, type BenchSuite } from './harness';

const SESSIONS = 5000;
const SAMPLES = 5;
const LATENCY_MS = 2;
const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const usageSuite: BenchSuite = {
  id: 'usage',
  title: `Usage sampling: ${SESSIONS.toLocaleString('en')} active PPPoE sessions on one router`,
  notes: [
    `One sample = one \`/interface/print ?type=pppoe-in\` (all ${SESSIONS} session interfaces with their byte counters) from the RouterOS simulator (${LATENCY_MS} ms per reply, real TCP on 127.0.0.1),`,
    `then one SQLite transaction: each session compared with its stored counters and every account with traffic added to its daily total (usage_daily) and its counters (usage_counters) saved.`,
    `Every session moves bytes between samples, so each sample writes ${SESSIONS} daily totals; the first sample (only baselines) is measured separately.`,
    `"Poll round" = what the background poller does per router per minute: resource + identity + /ppp/active + the usage sample.`,
    'At `--scale` that many sessions on the one router (one per customer).',
  ].join(' '),
  scalable: true,
  async run(scale) {
    const N = scale ?? SESSIONS;
    const sim = await new RouterSim({ identity: 'bench' }).start();
    sim.faults.latencyMs = LATENCY_MS;
    const t = await testApp();
    const { ctx } = t.app;
    const connector = poolConnector(ctx);
    setConnector(ctx, connector);
    try {
      const { router, pkg } = await benchRouterAndPackage(t, sim);
      // Set-up (not measured): N customers with accounts on the router, every one of them online.
      seedCustomersWithAccounts(ctx.sqlite, {
        n: N,
        routerId: router.id,
        packageId: pkg.id,
        profileName: pkg.profileName,
        username: (i) => `user${String(i).padStart(4, '0')}`,
        passwordEnc: () => 'x',
      });
      sim.seedSecrets(N);
      for (let i = 1; i <= N; i++) sim.connectUser(`user${String(i).padStart(4, '0')}`);
      const accounts = new Map(routerAccountRefs(ctx.sqlite, router.id).map((a) => [a.username.toLowerCase(), a]));
      const client = await routerClient(ctx, router.id);
      const traffic = () => {
        for (const s of sim.state.active.values()) {
          s.rxBytes += 1_000_000;
          s.txBytes += 8_000_000;
        }
      };

      const first = await timeAsync(() => sampleUsage(ctx, router.id, client, accounts, null));
      const times: number[] = [];
      let counted = 0;
      for (let i = 0; i < SAMPLES; i++) {
        traffic();
        t.clock.advance(60_000);
        const s = await timeAsync(() => sampleUsage(ctx, router.id, client, accounts, null));
        times.push(s.ms);
        counted = s.value.counted;
      }
      traffic();
      t.clock.advance(60_000);
      const round = await timeAsync(() => pollRouter(ctx, router.id));
      const worst = Math.max(...times);
      return [
        {
          name: `first sample of ${N} sessions (baselines)`,
          value: `${fmtS(first.ms)} (${first.value.sessions} interfaces read)`,
          target: '≤ 2 s',
          pass: first.ms <= 2000 && first.value.sessions === N,
          kind: 'batch',
        },
        {
          name: `usage sample of ${N} sessions, ${SAMPLES} samples: median / worst`,
          value: `${fmtS(percentile(times, 50))} / ${fmtS(worst)} (${counted} daily totals written per sample)`,
          target: '≤ 2 s per router per sample',
          pass: worst <= 2000 && counted === N,
          kind: 'batch',
        },
        {
          name: `poll round (health + /ppp/active + usage) of ${N} sessions`,
          value: fmtS(round.ms),
          kind: 'batch',
        },
      ];
    } finally {
      await connector.close();
      await sim.stop();
      t.close();
    }
  },
};
