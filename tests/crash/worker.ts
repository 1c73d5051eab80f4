/**
 * Child process for the crash-safety test (tests/crash/kill.test.ts). It opens the app with createApp
 * directly (no HTTP host, no build: the test bundles this file with esbuild once and runs it with
 * node), then performs business actions in a seeded random order until the parent SIGKILLs it.
 * After each action whose call returned ok it writes one line `OK <kind> <json>` to stdout with a
 * synchronous write, so the parent knows exactly what the user would have seen confirmed on screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../src-main/app';
import { fileKeyStore } from '../../src-main/core/crypto/key-file';
import { createFirstAdmin, userCount } from '../../src-main/core/auth';
import { silentLogger } from '../../src-main/logging/logger';
import { startNetworkWork } from '../../src-main/core/network/background';
import { rng } from '../helpers/seeded-random';

interface Args {
  dataDir: string;
  migrations: string;
  seed: number;
  simPort: number;
  /** Folder of the database key file (the suite runs encrypted); absent: a plain database. */
  keyDir?: string;
}
const args = JSON.parse(process.argv[2]!) as Args;

const rand = rng(args.seed);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
const say = (line: string) => fs.writeSync(1, `${line}\n`);

const PASSWORD = 'Rahasia-Kantor-1';

async function main() {
  const app = createApp({
    dataDir: args.dataDir,
    migrationsFolder: args.migrations,
    logger: silentLogger,
    appVersion: '0.0.0-crash',
    ...(args.keyDir ? { keyStore: fileKeyStore({ dir: args.keyDir, dataDir: args.dataDir }) } : {}),
  });
  const internal = { app: app.ctx, session: null, transport: 'internal' as const };
  // The session token is kept between runs (password hashing is the slowest part of a start).
  const tokenFile = path.join(args.dataDir, 'crash-test-token');
  if (userCount(app.ctx) === 0) {
    const first = await createFirstAdmin(internal, { username: 'admin', fullName: 'Admin', password: PASSWORD });
    fs.writeFileSync(tokenFile, first.token);
  }
  let token = fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8') : '';
  if (!(await app.call('auth.me', {}, { transport: 'http', token })).ok) {
    const login = await app.call('auth.login', { username: 'admin', password: PASSWORD }, { transport: 'http' });
    if (!login.ok) throw new Error(JSON.stringify(login.error));
    token = (login.value as { token: string }).token;
    fs.writeFileSync(tokenFile, token);
  }
  const call = async (channel: string, input: unknown) => {
    const r = await app.call(channel, input, { transport: 'http', token });
    return r;
  };
  const must = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const q = <T>(sql: string, ...p: unknown[]) => app.ctx.sqlite.prepare(sql).all(...p) as T[];

  // Setup that a previous run may have done already (idempotent).
  if (q('SELECT id FROM internet_packages').length === 0) {
    for (const [i, price] of [99_000, 150_000, 250_000].entries()) {
      await must('packages.create', {
        name: `Paket ${i + 1}`,
        bandwidthUp: 1024,
        bandwidthDown: 2048,
        price,
        billingCycle: 'monthly',
        features: [],
      });
    }
  }
  if (q('SELECT id FROM routers').length === 0) {
    await must('routers.create', {
      name: 'Sim',
      host: '127.0.0.1',
      port: args.simPort,
      username: 'admin',
      password: 'rahasia',
    });
  }
  if (q("SELECT id FROM shifts WHERE status = 'open'").length === 0) await must('shifts.open', { openingCash: 0 });
  const stopNetwork = startNetworkWork(app.ctx, { pollMs: 3_600_000, backoffBaseMs: 50, backoffMaxMs: 200 });
  void stopNetwork;
  say('READY');

  const routerId = q<{ id: number }>('SELECT id FROM routers')[0]!.id;
  const packages = q<{ id: number }>('SELECT id FROM internet_packages').map((p) => p.id);
  for (let n = 0; ; n++) {
    const r = rand();
    if (r < 0.3) {
      const c = await must<{ id: number; customerCode: string }>('customers.create', {
        name: `Pelanggan ${args.seed}-${n}`,
      });
      const pkg = pick(packages);
      // The account comes with its subscription (same transaction); without an account, a subscription alone.
      const billing = { startDate: '2026-01-05', billingDay: 5 };
      const acc = await call('pppoe.create', { customerId: c.id, internetPackageId: pkg, routerId, billing });
      const accountId = acc.ok ? (acc.value as { account: { id: number } }).account.id : null;
      if (accountId === null)
        await must('subscriptions.create', { customerId: c.id, internetPackageId: pkg, ...billing });
      say(`OK customer ${JSON.stringify({ id: c.id, code: c.customerCode, accountId })}`);
    } else if (r < 0.5) {
      const period = `2026-${String(1 + Math.floor(rand() * 11)).padStart(2, '0')}`;
      const run = await must<{ created: number }>('billing.generateInvoices', { period });
      say(`OK run ${JSON.stringify({ period, created: run.created })}`);
    } else if (r < 0.85) {
      const open = q<{ id: number; customerId: number; due: number }>(
        "SELECT id, customer_id AS customerId, amount - paid_amount AS due FROM invoices WHERE status IN ('unpaid','partial','overdue') ORDER BY id DESC LIMIT 20",
      );
      if (open.length === 0) continue;
      const inv = pick(open);
      // Sometimes partial, sometimes more than due (overpayment goes to the deposit).
      const amount = Math.max(1000, Math.round((inv.due * pick([0.5, 1, 1, 1.3])) / 1000) * 1000);
      const p = await call('payments.create', {
        customerId: inv.customerId,
        invoiceId: inv.id,
        amount,
        method: 'cash',
        tendered: amount,
        confirmLarge: true,
      });
      if (p.ok) {
        const v = p.value as { id: number; paymentNumber: string };
        say(`OK payment ${JSON.stringify({ id: v.id, number: v.paymentNumber, amount })}`);
      }
    } else {
      const accs = q<{ id: number; status: string }>(
        "SELECT id, status FROM pppoe_accounts WHERE status IN ('active','inactive') ORDER BY id DESC LIMIT 20",
      );
      if (accs.length === 0) continue;
      const a = pick(accs);
      const r2 = await call(a.status === 'active' ? 'pppoe.disable' : 'pppoe.enable', { id: a.id });
      if (r2.ok) say(`OK pppoe ${JSON.stringify({ id: a.id, to: a.status === 'active' ? 'disabled' : 'enabled' })}`);
    }
    // Let the sync engine's socket I/O run between actions, as it would between clicks.
    await new Promise((res) => setImmediate(res));
    if (n % 4 === 0) await new Promise((res) => setTimeout(res, 1));
  }
}

main().catch((err) => {
  say(`FATAL ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`.replace(/\n/g, ' | '));
  process.exit(3);
});
