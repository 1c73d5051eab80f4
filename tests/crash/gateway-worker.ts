/**
 * Child process of tests/crash/gateway-kill.test.ts: the app on the parent's data folder (encrypted when
 * the suite is) with its portal host, the address an ISP publishes for the gateways' callbacks, on
 * 127.0.0.1. It receives the fake provider's signed callbacks through the real HTTP path (signature,
 * status confirmed with the provider, credit through the group commit, 200 after the COMMIT) until the
 * parent kills it. Lines on stdout: `LISTEN <port>`; `BATCH jobs=<n> credits=<n>` before each group
 * commit's COMMIT; `KILLPOINT …` where the plan stops it (see kill-point.ts).
 */
import { CREDIT_QUEUE_OPTIONS } from '../../src-main/core/gateway-payments/credit-queue';
import type { GroupCommitOptions } from '../../src-main/core/gateway-payments/group-commit';
import { GATEWAY_HTTP_OPTIONS } from '../../src-main/core/gateway-payments/gateways';
import { createPortalHost } from '../../src-main/host/http/portal-server';
import type { GatewayHttpOptions } from '../../src-main/integrations/payments';
import { holdForKill, openCrashApp, say, type GatewayKill } from './kill-point';

interface Args {
  dataDir: string;
  migrations: string;
  keyDir?: string;
  clockAt: string;
  /** Jobs per transaction (the app's default is 200). */
  maxBatch: number;
  kill: GatewayKill | null;
}
const args = JSON.parse(process.argv[2]!) as Args;

async function main() {
  const app = openCrashApp(args);
  // The provider is local: no rate limit to wait on, and a status read held by the test's gathering of
  // requests (gateway-kill.test.ts) is not timed out.
  const http: GatewayHttpOptions = {
    timeoutMs: 60_000,
    maxAttempts: 2,
    backoff: { baseMs: 5, maxMs: 20, factor: 2 },
    ratePerSecond: 1_000_000,
    burst: 1_000_000,
  };
  app.ctx.services[GATEWAY_HTTP_OPTIONS] = http;

  // Credit rows written this run, and in the batch being written.
  let credits = 0;
  let inBatch = 0;
  const kill = args.kill;
  let afterCommitArmed = false;
  // A credit row is the claim on the money (gateway_credits, unique per provider + reference): a TEMP
  // trigger on it calls back into this process inside the batch's transaction. The app is not changed.
  app.ctx.sqlite.function('kill_point_credit', () => {
    credits++;
    inBatch++;
    if (kill?.at === 'credit' && credits >= kill.credit && inBatch >= 2)
      holdForKill(`credit ${credits}: credit ${inBatch} of its batch, before the COMMIT`);
    return null;
  });
  app.ctx.sqlite.exec(
    'CREATE TEMP TRIGGER kill_point_credit AFTER INSERT ON main.gateway_credits BEGIN SELECT kill_point_credit(); END',
  );
  const queue: GroupCommitOptions = {
    maxBatch: args.maxBatch,
    // Observes (never throws): called in the batch's transaction after its last job, before the COMMIT.
    beforeCommit: (jobs) => {
      say(`BATCH jobs=${jobs} credits=${inBatch}`);
      const batchCredits = inBatch;
      inBatch = 0;
      if (kill?.at === 'commit' && credits >= kill.credit)
        holdForKill(`commit: batch of ${jobs} jobs, ${batchCredits} credits written, before the COMMIT`);
      if (kill?.at === 'after-commit' && credits >= kill.credit && !afterCommitArmed) {
        afterCommitArmed = true;
        // A nextTick queued here runs once the drain returns: after the COMMIT and the settling of the
        // batch's promises, before any continuation (the HTTP answers) runs.
        process.nextTick(() =>
          holdForKill(`after-commit: batch of ${jobs} jobs, ${batchCredits} credits committed, none answered`),
        );
      }
    },
  };
  app.ctx.services[CREDIT_QUEUE_OPTIONS] = queue;

  const host = createPortalHost({ app, host: '127.0.0.1', port: 0 });
  const { port } = await host.listen();
  process.on('SIGTERM', () => {
    void host.close().then(() => {
      app.close();
      say('CLOSED');
      process.exit(0);
    });
  });
  say(`LISTEN ${port}`);
}

main().catch((err) => {
  say(`FATAL ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`.replace(/\n/g, ' | '));
  process.exit(3);
});
