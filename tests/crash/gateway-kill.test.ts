/**
 * Money from a gateway is credited exactly once and never lost, also when the PC dies in the middle of
 * a group commit (issue 15). The child (gateway-worker.ts) runs the app with its portal host and
 * receives the fake Tripay's signed callbacks through the real HTTP path; it is SIGKILLed inside a
 * batch's transaction, right before a COMMIT, right after one (nothing answered yet), or when the n-th
 * 200 has reached the provider. The provider (this process) sends every callback not answered 200 again
 * to the restarted worker, as a gateway retries, and repeats some it saw answered. After every kill the
 * database file is checked: integrity, the ledger's invariants, every callback answered 200 has its
 * credit committed, nothing is credited twice; at the end every paid transaction is credited exactly
 * once and every balance is what it must be.
 *
 * Batches: the fake holds each status read until all of the round's callbacks have asked, then answers
 * them together, so the confirmed credits reach the group commit at once and batches fill up (to
 * MAX_BATCH, smaller than the app's 200 so that a round has several batch boundaries to die at).
 * Kill points come from a seeded PRNG: CRASH_SEED replays a run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_HTTP_OPTIONS } from '../../src-main/core/gateway-payments/gateways';
import { openDatabaseFile } from '../../src-main/db/encryption/cipher';
import { TripayFake, type FakeRequest } from '../fakes/gateways';
import { fakeGatewaySettings } from '../fakes/gateways/app-settings';
import { rng } from '../helpers/seeded-random';
import { FakeClock, MIGRATIONS, readTestKey, TEST_ENCRYPTED, testApp } from '../helpers/app';
import { seedBilling } from '../unit/billing/fixtures';
import type { GatewayKill } from './kill-point';
import { ledgerProblems, startWorker, type WorkerRun } from './kill-kit';
import { bundleCrashWorker, crashWorkerPath } from './worker-bundle';

const WORKER = crashWorkerPath('gateway-worker');
const SEED = Number(process.env.CRASH_SEED ?? 20261206);
const CUSTOMERS = 150;
const MAX_BATCH = 16;
const KINDS = ['credit', 'commit', 'after-commit', 'answered'] as const;
/** Kills in one run (the kinds in turn); CRASH_KILLS raises it. */
const KILLS = Number(process.env.CRASH_KILLS ?? 6);
const START = '2026-11-24T03:00:00.000Z';

type Plan = GatewayKill | { at: 'answered'; answers: number };
interface Tx {
  merchantRef: string;
  amount: number;
}

beforeAll(async () => {
  await bundleCrashWorker('gateway-worker');
});

/** One open November bill per customer, each with a QRIS attempt the customer has paid at the fake. */
async function world() {
  const clock = new FakeClock(Date.parse(START));
  const t = await testApp({ clock });
  const fake = await new TripayFake({ now: () => clock.now().getTime() }).start();
  // The fake is local: no rate limit (the limiter refills on the app's clock, which a test does not move).
  t.app.ctx.services[GATEWAY_HTTP_OPTIONS] = { timeoutMs: 10_000, ratePerSecond: 1_000_000, burst: 1_000_000 };
  await t.ok(
    'gateways.save',
    fakeGatewaySettings('tripay', fake, ['QRIS', 'BRIVA'], { ratePerSecond: 100, callbacksEnabled: true }),
  );
  const { customers } = await seedBilling(t, { customers: CUSTOMERS, openShift: false });
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  const txs: Tx[] = [];
  for (const customer of customers) {
    const tx = await t.ok('gatewayPayments.create', { customerId: customer.id, provider: 'tripay', method: 'QRIS' });
    fake.markPaid(tx.merchantRef);
    txs.push({ merchantRef: tx.merchantRef, amount: tx.amount });
  }
  // The worker opens the folder now (one process at a time holds it).
  t.app.close();
  return { dataDir: t.dataDir, fake, txs };
}

/** Holds the fake's status reads until `count` have arrived, then answers them together. */
function gather(fake: TripayFake, count: number) {
  const held: (() => void)[] = [];
  const release = () => {
    fake.hold = undefined;
    held.splice(0).forEach((go) => go());
  };
  fake.hold = (req: FakeRequest) => {
    if (req.path !== 'transaction/detail') return;
    return new Promise<void>((go) => {
      held.push(go);
      if (held.length >= count) release();
    });
  };
  return release;
}

/** The database file after a kill, checked as the next start would open it. Returns how many are credited. */
function check(dataDir: string, answered: Set<string>, txs: Tx[]): number {
  const db = openDatabaseFile(path.join(dataDir, 'pppoe-desk.sqlite'), { key: readTestKey(dataDir) });
  try {
    const n = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    for (const [name, rows] of Object.entries(ledgerProblems(db))) expect(rows, name).toEqual([]);
    const asked = new Map(txs.map((t) => [t.merchantRef, t.amount]));
    const credits = db
      .prepare(
        `SELECT c.merchant_ref AS ref, c.outcome, p.amount, p.status, p.method, t.credit_state AS state
         FROM gateway_credits c LEFT JOIN payments p ON p.id = c.payment_id
         LEFT JOIN gateway_transactions t ON t.id = c.transaction_id`,
      )
      .all() as { ref: string; outcome: string; amount: number; status: string; method: string; state: string }[];
    const credited = new Set(credits.map((c) => c.ref));
    expect(credited.size, 'one credit per reference').toBe(credits.length);
    for (const c of credits)
      expect(c).toEqual({
        ref: c.ref,
        outcome: 'invoices',
        amount: asked.get(c.ref),
        status: 'live',
        method: 'gateway/tripay',
        state: 'credited',
      });
    // The provider stops sending a callback once it got its 200: that money must be in the ledger.
    expect(
      [...answered].filter((ref) => !credited.has(ref)),
      'answered 200 but not credited',
    ).toEqual([]);
    expect(n(`SELECT count(*) FROM payments WHERE method LIKE 'gateway/%'`)).toBe(credits.length);
    expect(n(`SELECT count(*) FROM audit_log WHERE action = 'gateway.credit'`)).toBe(credits.length);
    expect(n(`SELECT count(*) FROM gateway_transactions WHERE credit_state != 'none'`)).toBe(credits.length);
    expect(n('SELECT count(*) FROM payment_reviews')).toBe(0);
    expect(n('SELECT count(*) FROM customers WHERE deposit != 0')).toBe(0);
    // The bills of an attempt are paid in full exactly when it is credited, and not at all otherwise.
    const bills = db
      .prepare(
        `SELECT t.merchant_ref AS ref, sum(i.amount) AS amount, sum(i.paid_amount) AS paid FROM gateway_transactions t
         JOIN gateway_transaction_invoices g ON g.transaction_id = t.id JOIN invoices i ON i.id = g.invoice_id
         GROUP BY t.id`,
      )
      .all() as { ref: string; amount: number; paid: number }[];
    expect(bills).toHaveLength(txs.length);
    for (const b of bills) expect(b.paid, b.ref).toBe(credited.has(b.ref) ? b.amount : 0);
    return credits.length;
  } finally {
    db.close();
  }
}

function planFor(kind: (typeof KINDS)[number], rand: () => number, uncredited: number, sends: number): Plan {
  // A kill inside or around a batch needs credits still to come; late in the run it becomes an answer kill.
  if (kind === 'answered' || uncredited < 2 * MAX_BATCH)
    return { at: 'answered', answers: 1 + Math.floor(rand() * Math.min(30, sends)) };
  return { at: kind, credit: 1 + Math.floor(rand() * Math.min(40, uncredited - MAX_BATCH)) };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** One round: the provider sends `refs` at once to a fresh worker; returns the answers' statuses (0: no answer). */
async function round(run: WorkerRun, fake: TripayFake, refs: string[], answered: Set<string>, plan: Plan | null) {
  const port = Number((await run.waitFor((l) => l.startsWith('LISTEN '))).split(' ')[1]);
  const url = `http://127.0.0.1:${port}/callback/tripay`;
  const release = gather(fake, refs.length);
  void run.exited.then(release);
  let oks = 0;
  return Promise.all(
    refs.map((ref) =>
      fake.sendCallback(ref, url).then(
        (r) => {
          if (r.status === 200) {
            answered.add(ref);
            if (plan?.at === 'answered' && ++oks === plan.answers) run.kill();
          }
          return r.status;
        },
        () => 0,
      ),
    ),
  );
}

describe('gateway callbacks, SIGKILL in the middle of a group commit', () => {
  // The timeout guards against a hang, not a limit on the work: each worker start costs ~1.5 s of CPU, and
  // several minutes of wall time when every core is busy (load 27 on 2 cores: ~2 minutes).
  it(`${KILLS} kills (seed ${SEED}): every paid transaction credited once, nothing answered 200 is lost`, async () => {
    const t0 = Date.now();
    const { dataDir, fake, txs } = await world();
    const setupMs = Date.now() - t0;
    const rand = rng(SEED);
    const answered = new Set<string>();
    const args = {
      dataDir,
      migrations: MIGRATIONS,
      clockAt: new Date(Date.parse(START) + 5 * 60_000).toISOString(),
      maxBatch: MAX_BATCH,
      ...(TEST_ENCRYPTED ? { keyDir: `${dataDir}-keys` } : {}),
    };
    const log: string[] = [];
    let largestBatch = 0;
    try {
      let credited = check(dataDir, answered, txs);
      for (let k = 0; k < KILLS + 3; k++) {
        const pending = txs.map((t) => t.merchantRef).filter((r) => !answered.has(r));
        const last = k >= KILLS;
        if (last && pending.length === 0) break;
        // A gateway also repeats callbacks it saw answered.
        const refs = shuffle([...pending, ...[...answered].filter(() => rand() < 0.1)], rand);
        const plan = last ? null : planFor(KINDS[k % KINDS.length]!, rand, txs.length - credited, refs.length);
        const run = startWorker(WORKER, { ...args, kill: plan && plan.at !== 'answered' ? plan : null });
        run.onLine((l) => {
          const m = /^BATCH jobs=(\d+)/.exec(l);
          if (m) largestBatch = Math.max(largestBatch, Number(m[1]));
        });
        const statuses = await round(run, fake, refs, answered, plan);
        if (!plan) run.stop();
        const exit = await run.exited;
        if (plan) {
          expect(exit.signal, `kill ${k} (${JSON.stringify(plan)}): ${exit.stderr}`).toBe('SIGKILL');
          if (plan.at !== 'answered') expect(exit.killPoint, `kill ${k} reached its point`).not.toBeNull();
        } else expect(exit.code, exit.stderr).toBe(0);
        credited = check(dataDir, answered, txs);
        const oks = statuses.filter((s) => s === 200).length;
        log.push(
          `${Date.now() - t0} ms ${plan ? `kill ${k} ${plan.at}` : 'final'}: ${refs.length} sent, ${oks} answered 200` +
            `${exit.killPoint ? ` | killed at ${exit.killPoint}` : ''} | ${credited} credited`,
        );
      }
      expect(answered.size).toBe(txs.length);
      expect(credited).toBe(txs.length);
      // The kills did land inside batches of more than one job.
      expect(largestBatch).toBeGreaterThan(1);
      if (process.env.CRASH_DEBUG) console.log(`setup ${setupMs} ms\n${log.join('\n')}`);
      console.log(
        `gateway crash test: ${KILLS} kills, ${txs.length} transactions, largest batch ${largestBatch}; ${log.filter((l) => l.includes('killed at')).length} kills at a planned point`,
      );
    } finally {
      await fake.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    }
  }, 600_000);
});
