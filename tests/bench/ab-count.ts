/**
 * `npx tsx tests/bench/ab-count.ts --old <tree> [--new <tree>] [--rounds N]`: what the two figures of
 * the data-layer A/B that were slower in wall time (cold start of an existing database, drift check of
 * 5,000 accounts) actually do in each tree, counted rather than timed: the SQL statements and files
 * opened at the start, the statements, router connections and router commands of one drift check; and
 * their CPU time (user + system), which a busy machine moves far less than wall time, beside their wall
 * time as medians of many runs (the suites time each once). Each side runs in its own process with that
 * tree's tsx and code (like ab.ts), old and new taking turns.
 * `--side <tree>` runs one side and prints one JSON line (used by the driver).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentile } from './harness';

interface Side {
  openStatements: string[];
  openCpuFirst: number;
  openCpuMedian: number;
  /** Wall time of the same opens: CPU plus the lock file's fsync (lockDataDir's commit), the disk's share. */
  openWallFirst: number;
  openWallMedian: number;
  driftStatements: string[];
  router: { connections: number; logins: number; commands: number };
  driftCpuFirst: number;
  driftCpuMedian: number;
  /**
   * Wall time of the drift checks in ms at µs resolution: network.bench prints its single first check
   * in seconds with two decimals (10 ms steps), too coarse for a 5 % question about ~150 ms.
   */
  driftWallFirst: number;
  driftWallMedian: number;
  /** The check's two halves, CPU median of 9: reading the router (client + in-process simulator) and comparing. */
  readCpuMedian: number;
  compareCpuMedian: number;
}

const cpuMs = async (fn: () => unknown): Promise<number> => (await timed(fn)).cpu;

/** CPU (user + system) and wall time of one call, in ms. */
async function timed(fn: () => unknown): Promise<{ cpu: number; wall: number }> {
  const start = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const u = process.cpuUsage(start);
  return { cpu: (u.user + u.system) / 1000, wall };
}

/** Records what the tree's better-sqlite3 is asked to run while `on` is set. */
function recorder(root: string) {
  type Fn = (...a: unknown[]) => unknown;
  const Database = createRequire(path.join(root, 'package.json'))('better-sqlite3') as { prototype: object };
  const log: string[] = [];
  const rec = { on: false, log };
  const wrap = (proto: Record<string, Fn>, names: string[], what: (self: unknown, a: unknown[]) => string) => {
    for (const m of names) {
      const orig = proto[m]!;
      proto[m] = function (this: unknown, ...a: unknown[]) {
        if (rec.on) log.push(`${m} ${what(this, a).replace(/\s+/g, ' ').trim().slice(0, 90)}`);
        return orig.apply(this, a);
      };
    }
  };
  wrap(Database.prototype as Record<string, Fn>, ['exec', 'pragma'], (_, a) => String(a[0]));
  return { rec, wrap };
}

async function side(root: string): Promise<Side> {
  const load = (p: string) => import(pathToFileURL(path.join(root, p)).href);
  const { rec, wrap } = recorder(root);
  const { testApp, tempDir, MIGRATIONS } = await load('tests/helpers/app.ts');
  const { createApp } = await load('src-main/app.ts');
  const logger = fs.existsSync(path.join(root, 'src-main/logging/logger.ts'))
    ? 'src-main/logging/logger.ts'
    : 'src-main/core/logger.ts';
  const { silentLogger } = await load(logger);
  const open = () => createApp({ dataDir: dir, migrationsFolder: MIGRATIONS, logger: silentLogger });
  // As platform.bench: a fresh database (open + migrate), closed, then opened again and timed.
  const dir: string = tempDir();
  const first = open();
  // Statements are counted by their execution on the tree's own Statement class.
  wrap(Object.getPrototypeOf(first.ctx.sqlite.prepare('SELECT 1')), ['run', 'get', 'all', 'iterate'], (s, a) =>
    String((s as { source: string }).source ?? a[0]),
  );
  first.close();
  // The second open of the process, as platform.bench's "cold start, existing database".
  let app: Loose;
  const { cpu: openCpuFirst, wall: openWallFirst } = await timed(() => (app = open()));
  app.close();
  const openFile = fs.openSync;
  const files: string[] = [];
  Object.assign(fs, {
    openSync: (...a: Parameters<typeof fs.openSync>) => {
      if (rec.on) files.push(String(a[0]));
      return openFile(...a);
    },
  });
  rec.on = true;
  app = open();
  rec.on = false;
  app.close();
  const openStatements = [...rec.log.splice(0), ...files.map((f) => `fs.openSync ${path.basename(f)}`)];
  const reopen: number[] = [];
  const reopenWall: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t = await timed(() => (app = open()));
    reopen.push(t.cpu);
    reopenWall.push(t.wall);
    app.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const drift = await driftSide(load, testApp, rec);
  return {
    openStatements,
    openCpuFirst,
    openCpuMedian: percentile(reopen, 50),
    openWallFirst,
    openWallMedian: percentile(reopenWall, 50),
    ...drift,
  };
}

/** Modules of another checkout: typed by that tree, not this one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the other tree's exports have that tree's types
type Loose = any;
type Load = (p: string) => Promise<Loose>;

/** network.bench's set-up (5,000 accounts synced to the simulator at 2 ms round trip), then driftCheck. */
async function driftSide(load: Load, testApp: () => Promise<Loose>, rec: { on: boolean; log: string[] }) {
  const { driftCheck } = await load('src-main/core/network/drift.ts');
  const { compare } = await load('src-main/core/network/drift-compare.ts');
  const { readRouter } = await load('src-main/core/network/import.ts');
  const { SyncEngine } = await load('src-main/core/network/engine.ts');
  const { poolConnector } = await load('src-main/core/network/pool-connector.ts');
  const { syncAccount } = await load('src-main/core/network/queue.ts');
  const { setConnector } = await load('src-main/core/network/router-access.ts');
  const { RouterSim } = await load('tests/routeros-sim/simulator.ts');
  const sim = await new RouterSim({ identity: 'bench' }).start();
  sim.faults.latencyMs = 2;
  const t = await testApp();
  const { ctx } = t.app;
  setConnector(ctx, poolConnector(ctx));
  const engine = new SyncEngine(ctx, {
    timers: { setTimeout: () => null, clearTimeout: () => undefined, now: () => 0 },
  });
  const { host, port, username, password } = sim.target();
  const router = await t.ok('routers.create', { name: 'Bench', host, port, username, password });
  const pkg = await t.ok('packages.create', {
    name: 'Home 10M',
    bandwidthUp: 2000,
    bandwidthDown: 10000,
    price: 150_000,
    billingCycle: 'monthly',
  });
  const insC = ctx.sqlite.prepare("INSERT INTO customers(customer_code, name, join_date) VALUES (?, ?, '2026-01-01')");
  const insA = ctx.sqlite.prepare(
    `INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, profile_name)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  ctx.sqlite.transaction(() => {
    for (let i = 1; i <= 5000; i++) {
      const c = Number(insC.run(`CUST${String(i).padStart(5, '0')}`, `Pelanggan ${i}`).lastInsertRowid);
      const a = insA.run(c, pkg.id, router.id, `user${i}`, ctx.secrets.encrypt(`Pw-${i}-xyz`), pkg.profileName);
      syncAccount(ctx, Number(a.lastInsertRowid));
    }
  })();
  await engine.runOnce(router.id);
  const call = { app: ctx, session: null, transport: 'internal' as const };
  const before = { ...sim.stats };
  rec.on = true;
  const { cpu: driftCpuFirst, wall: driftWallFirst } = await timed(() => driftCheck(call, router.id));
  rec.on = false;
  // The idle checkpoint timer may fire inside the window in either tree: not the drift check's work.
  const driftStatements = rec.log.splice(0).filter((s) => !s.includes('wal_checkpoint'));
  const routerUse = {
    connections: sim.stats.connections - before.connections,
    logins: sim.stats.logins - before.logins,
    commands: sim.stats.commands - before.commands,
  };
  const again: number[] = [];
  const againWall: number[] = [];
  const reads: number[] = [];
  const compares: number[] = [];
  for (let i = 0; i < 9; i++) {
    const x = await timed(() => driftCheck(call, router.id));
    again.push(x.cpu);
    againWall.push(x.wall);
    let snap: unknown;
    reads.push(await cpuMs(async () => (snap = await readRouter(call, router.id))));
    compares.push(await cpuMs(() => compare(ctx, router.id, snap)));
  }
  engine.stop();
  t.close();
  await sim.stop();
  return {
    driftStatements,
    router: routerUse,
    driftCpuFirst,
    driftCpuMedian: percentile(again, 50),
    driftWallFirst,
    driftWallMedian: percentile(againWall, 50),
    readCpuMedian: percentile(reads, 50),
    compareCpuMedian: percentile(compares, 50),
  };
}

function runSide(tree: string): Side {
  const res = spawnSync(path.join(tree, 'node_modules/.bin/tsx'), [import.meta.filename, '--side', tree], {
    cwd: tree,
    encoding: 'utf8',
    env: { ...process.env, PPPOE_TEST_PLAIN: '1' },
    maxBuffer: 16 * 2 ** 20,
  });
  const line = res.stdout.split('\n').find((l) => l.startsWith('AB-COUNT '));
  if (res.status !== 0 || !line) throw new Error(`${tree} failed (${res.status}):\n${res.stderr}`);
  return JSON.parse(line.slice('AB-COUNT '.length)) as Side;
}

const fmt = (xs: number[]) => `${percentile(xs, 50).toFixed(2)} ms (${xs.map((x) => x.toFixed(1)).join(', ')})`;

async function main() {
  const argv = process.argv.slice(2);
  const at = (flag: string) => {
    const i = argv.indexOf(flag);
    return i < 0 ? undefined : argv[i + 1];
  };
  const one = at('--side');
  if (one) {
    console.log(`AB-COUNT ${JSON.stringify(await side(path.resolve(one)))}`);
    return;
  }
  const old = at('--old');
  if (!old) throw new Error('usage: ab-count.ts --old <tree> [--new <tree>] [--rounds N]');
  const trees = { old: path.resolve(old), new: path.resolve(at('--new') ?? path.join(import.meta.dirname, '../..')) };
  const rounds = Number(at('--rounds') ?? 3);
  const got: Record<'old' | 'new', Side[]> = { old: [], new: [] };
  for (let r = 0; r < rounds; r++)
    for (const s of r % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) got[s].push(runSide(trees[s]));
  for (const s of ['old', 'new'] as const) {
    const xs = got[s];
    const last = xs[xs.length - 1]!;
    console.log(`\n## ${s} = ${trees[s]}`);
    console.log(
      `open of an existing database: ${last.openStatements.length} calls\n  ${last.openStatements.join('\n  ')}`,
    );
    console.log(`  CPU of the second open in a process (as platform.bench): ${fmt(xs.map((x) => x.openCpuFirst))}`);
    console.log(`  CPU of a reopen, median of 40: ${fmt(xs.map((x) => x.openCpuMedian))}`);
    console.log(
      `  wall of the second open / of a reopen: ${fmt(xs.map((x) => x.openWallFirst))} / ${fmt(xs.map((x) => x.openWallMedian))}`,
    );
    console.log(`drift check: ${last.driftStatements.length} statements\n  ${last.driftStatements.join('\n  ')}`);
    console.log(`  router: ${JSON.stringify(last.router)}`);
    console.log(`  CPU of the first drift check: ${fmt(xs.map((x) => x.driftCpuFirst))}`);
    console.log(`  CPU of a drift check, median of 9: ${fmt(xs.map((x) => x.driftCpuMedian))}`);
    console.log(
      `  wall of the first drift check / median of 9: ${fmt(xs.map((x) => x.driftWallFirst))} / ${fmt(xs.map((x) => x.driftWallMedian))}`,
    );
    console.log(
      `  CPU of readRouter / compare, median of 9: ${fmt(xs.map((x) => x.readCpuMedian))} / ${fmt(xs.map((x) => x.compareCpuMedian))}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
