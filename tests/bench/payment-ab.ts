/**
 * `npx tsx tests/bench/payment-ab.ts --old <tree> [--new <tree>] [--payments N] [--plain]`: what one desk
 * payments.create costs in an old checkout and in this tree, in ONE process, the two apps taking turns
 * payment by payment (old/new, then new/old), so a busy machine slows both alike. portal-load's world:
 * 5,000 customers, 12 monthly invoices each, the last open for two in three; cash of Rp 50.000 (every fifth
 * Rp 150.000) through dispatch, as the bench's desk sends it. Per payment and side: the SQL statements
 * run, CPU (user + system) of the whole call, of its write transaction before COMMIT and of the COMMIT,
 * and the WAL bytes its commit wrote (a reader holds the WAL so no checkpoint resets it). Encrypted unless
 * --plain. The old tree needs its node_modules (a symlink to this tree's will do).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentile } from './harness';

/** Modules of another checkout: typed by that tree, not this one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the other tree's exports have that tree's types
type Loose = any;

const CUSTOMERS = 5_000;

interface Tally {
  statements: number;
  cpu: number[];
  txCpu: number;
  commitCpu: number;
  walBytes: number;
}

type Cpu = NodeJS.CpuUsage;
const micros = (u: Cpu) => u.user + u.system;

/** One tree's app, seeded as portal-load seeds it, with a shift open and a reader holding its WAL. */
async function side(root: string) {
  const load = (p: string): Promise<Loose> => import(pathToFileURL(path.join(root, p)).href);
  const { testApp, openTestDb } = await load('tests/helpers/app.ts');
  const { seedPortalWorld } = await load('tests/bench/portal-seed.ts');
  const t: Loose = await testApp();
  const db = t.app.ctx.sqlite;
  seedPortalWorld(db, {
    customers: CUSTOMERS,
    months: 12,
    firstYear: 2025,
    open: (m: number, c: number) => m === 11 && c % 3 !== 0,
  });
  db.pragma('optimize');
  await t.ok('shifts.open', { openingCash: 0 });
  // Warm the statements, then start the WAL from empty.
  for (let i = 0; i < 30; i++) await t.ok('payments.create', { customerId: 1 + i, amount: 10_000, method: 'cash' });
  db.pragma('wal_checkpoint(TRUNCATE)');
  const reader = openTestDb(t.app, undefined, { readonly: true });
  reader.prepare('BEGIN').run();
  reader.prepare('SELECT count(*) FROM customers').get();
  const wal = `${t.app.ctx.dbFile}-wal`;
  const tally: Tally = { statements: 0, cpu: [], txCpu: 0, commitCpu: 0, walBytes: 0 };
  return {
    root,
    db,
    tally,
    async pay(i: number) {
      const before = fs.statSync(wal).size;
      const customerId = 1 + ((i * 7919 + 11) % CUSTOMERS);
      const start = process.cpuUsage();
      await t.ok('payments.create', { customerId, amount: i % 5 === 4 ? 150_000 : 50_000, method: 'cash' });
      tally.cpu.push(micros(process.cpuUsage(start)));
      tally.walBytes += fs.statSync(wal).size - before;
    },
    close() {
      reader.prepare('COMMIT').run();
      reader.close();
      t.close();
    },
  };
}

/** Counts and times the statements of the side that is paying (both trees may share one better-sqlite3). */
function instrument(db: Loose, current: () => Tally | null) {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  let txStart: Cpu | null = null;
  for (const m of ['run', 'get', 'all', 'iterate']) {
    const orig = proto[m]!;
    proto[m] = function (this: { source: string }, ...a: unknown[]) {
      const tally = current();
      if (!tally) return orig.apply(this, a);
      tally.statements++;
      if (this.source.startsWith('BEGIN')) txStart = process.cpuUsage();
      if (!this.source.startsWith('COMMIT') || !txStart) return orig.apply(this, a);
      tally.txCpu += micros(process.cpuUsage(txStart));
      txStart = null;
      const c = process.cpuUsage();
      try {
        return orig.apply(this, a);
      } finally {
        tally.commitCpu += micros(process.cpuUsage(c));
      }
    };
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const at = (flag: string) => {
    const i = argv.indexOf(flag);
    return i < 0 ? undefined : argv[i + 1];
  };
  const old = at('--old');
  if (!old) throw new Error('usage: payment-ab.ts --old <tree> [--new <tree>] [--payments N] [--plain]');
  if (argv.includes('--plain')) process.env.PPPOE_TEST_PLAIN = '1';
  const n = Number(at('--payments') ?? 300);
  const sides = {
    old: await side(path.resolve(old)),
    new: await side(path.resolve(at('--new') ?? path.join(import.meta.dirname, '../..'))),
  };
  let paying: Tally | null = null;
  // Both trees' better-sqlite3 may be one module (node_modules symlinked): instrument each prototype once.
  const protos = new Set<unknown>();
  for (const s of Object.values(sides)) {
    const proto = Object.getPrototypeOf(s.db.prepare('SELECT 1'));
    if (protos.has(proto)) continue;
    protos.add(proto);
    instrument(s.db, () => paying);
  }
  for (let i = 0; i < n; i++) {
    for (const k of i % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) {
      paying = sides[k].tally;
      await sides[k].pay(i);
      paying = null;
    }
  }
  const row = (k: 'old' | 'new') => {
    const s = sides[k].tally;
    return {
      tree: sides[k].root,
      statements: s.statements / n,
      cpuMeanUs: Math.round(s.cpu.reduce((a, b) => a + b, 0) / n),
      cpuP50Us: percentile(s.cpu, 50),
      cpuP90Us: percentile(s.cpu, 90),
      txCpuBeforeCommitUs: Math.round(s.txCpu / n),
      commitCpuUs: Math.round(s.commitCpu / n),
      walBytes: Math.round(s.walBytes / n),
    };
  };
  const r = { old: row('old'), new: row('new') };
  console.log(`${n} payments each, ${process.env.PPPOE_TEST_PLAIN === '1' ? 'plain' : 'encrypted'}, taking turns:`);
  console.table(r);
  const ratio = (f: keyof ReturnType<typeof row>) => ((r.new[f] as number) / (r.old[f] as number)).toFixed(3);
  console.log(
    `new ÷ old: statements ${ratio('statements')}, CPU mean ${ratio('cpuMeanUs')}, p50 ${ratio('cpuP50Us')}, ` +
      `in the transaction before COMMIT ${ratio('txCpuBeforeCommitUs')}, COMMIT ${ratio('commitCpuUs')}, WAL bytes ${ratio('walBytes')}`,
  );
  console.log(`PAYMENT-AB ${JSON.stringify(r)}`);
  for (const s of Object.values(sides)) s.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
