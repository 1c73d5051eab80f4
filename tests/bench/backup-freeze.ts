/**
 * Where the desk freezes during a backup (issue: backups.create stalls customers.create at scale).
 *
 *   npx tsx tests/bench/backup-freeze.ts <scale> <mode> [template-dir]
 *
 * Seeds `scale` customers with 12 months of ledger once into a template data folder (kept between runs),
 * copies it to a fresh folder per run, then runs the backup while a loop keeps calling customers.create.
 * mode:
 *   phases        the steps of writeBackup replayed here one by one, each timed (what runs at each slow call)
 *   phases-noauto the same with wal_autocheckpoint = 0 on the writer during the backup (hypothesis 1 A/B)
 *   phases-flush  the same with the copy flushed in bounded steps while it is written (the fix; `phases`
 *                 writes it with one flush at its end, as before)
 *   phases-hold   the same with holdWalCheckpoints around the snapshot (the worker copies the pinned WAL)
 *   phases-hold-flush  both
 *   api           the real backups.create (before / after a fix)
 * Prints one JSON line: each slow call (> 50 ms) with the phase it fell in and the WAL size around it,
 * event-loop gaps > 50 ms with their phase, the phase durations and the WAL's peak size.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../src-main/app';
import { createFirstAdmin } from '../../src-main/core/auth';
import { fileKeyStore } from '../../src-main/core/crypto/key-file';
import { appendKeyRecord } from '../../src-main/core/crypto/backup-trailer';
import { databaseBytes } from '../../src-main/data/backups.repository';
import { snapshotDatabase, toRollbackJournal } from '../../src-main/db/encryption/snapshot';
import { modulePath } from '../../src-main/db/integrity-check';
import { fsyncFile } from '../../src-main/core/backups/durable';
import { verifyDatabaseFile } from '../../src-main/core/backups/verify';
import { silentLogger } from '../../src-main/logging/logger';
import { seedCustomers } from './platform.bench';
import { seedLedger } from './ledger-seed';
import { MIGRATIONS } from '../helpers/app';

const scale = Number(process.argv[2] ?? 200_000);
const mode = process.argv[3] ?? 'phases';
const tpl = process.argv[4] ?? `/tmp/bf-template-${scale}`;
const PASSWORD = 'Rahasia-Kantor-1';

const open = (dataDir: string) =>
  createApp({
    dataDir,
    migrationsFolder: MIGRATIONS,
    logger: silentLogger,
    appVersion: '0.0.0-test',
    keyStore: fileKeyStore({ dir: `${dataDir}-keys`, dataDir }),
  });

async function template() {
  if (fs.existsSync(path.join(tpl, 'done'))) return;
  fs.rmSync(tpl, { recursive: true, force: true });
  fs.rmSync(`${tpl}-keys`, { recursive: true, force: true });
  fs.mkdirSync(tpl);
  const app = open(tpl);
  await createFirstAdmin(
    { app: app.ctx, session: null, transport: 'internal' },
    { username: 'admin', fullName: 'Admin', password: PASSWORD },
  );
  seedCustomers(app.ctx.sqlite, scale);
  seedLedger(app.ctx.sqlite, scale, 12);
  app.close();
  fs.writeFileSync(path.join(tpl, 'done'), '');
}

async function main() {
  const t0 = performance.now();
  await template();
  const seedMs = performance.now() - t0;
  const dir = `/tmp/bf-run-${process.pid}`;
  fs.rmSync(dir, { recursive: true, force: true });
  execFileSync('cp', ['-a', tpl, dir]);
  execFileSync('cp', ['-a', `${tpl}-keys`, `${dir}-keys`]);
  execFileSync('sync'); // the copy's own writeback must not be measured
  const app = open(dir);
  const ctx = app.ctx;
  const wal = `${ctx.dbFile}-wal`;
  const walMb = () => {
    try {
      return +(fs.statSync(wal).size / 1048576).toFixed(1);
    } catch {
      return 0;
    }
  };
  // wal-index header (the -shm file, never encrypted): frames in the WAL and how many are in the database.
  const shm = fs.openSync(`${ctx.dbFile}-shm`, 'r');
  const frames = () => {
    const b = Buffer.alloc(100);
    fs.readSync(shm, b, 0, 100, 0);
    return { mx: b.readUInt32LE(16), backfill: b.readUInt32LE(96) };
  };
  const login = (await app.call('auth.login', { username: 'admin', password: PASSWORD }, { transport: 'http' })) as {
    ok: boolean;
    value: { token: string };
  };
  const caller = { transport: 'http' as const, token: login.value.token };
  let phase = 'before';
  const start = performance.now();
  const at = () => +(performance.now() - start).toFixed(0);
  const phases: { phase: string; at: number; ms?: number }[] = [];
  const step = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    phase = name;
    const s = performance.now();
    const rec: { phase: string; at: number; ms?: number; walMb?: number } = { phase: name, at: at() };
    phases.push(rec);
    try {
      return await fn();
    } finally {
      rec.ms = +(performance.now() - s).toFixed(0);
      rec.walMb = walMb();
    }
  };
  // Event-loop gaps: a 10 ms timer that fires late says the main thread was held.
  const gaps: { at: number; ms: number; phase: string }[] = [];
  let last = performance.now();
  const lag = setInterval(() => {
    const now = performance.now();
    if (now - last > 60) gaps.push({ at: at(), ms: +(now - last - 10).toFixed(0), phase });
    last = now;
  }, 10);
  // Disk: dirty page cache (MB) and MB written to the disk per 500 ms, per phase (Linux only).
  const disk: { at: number; phase: string; dirtyMb: number; writtenMb: number }[] = [];
  const sectors = () => {
    try {
      const line = fs
        .readFileSync('/proc/diskstats', 'utf8')
        .split('\n')
        .find((l) => / vda /.test(l));
      return line ? Number(line.trim().split(/\s+/)[9]) : 0;
    } catch {
      return 0;
    }
  };
  let lastSectors = sectors();
  const diskPoll = setInterval(() => {
    const dirty = /Dirty:\s+(\d+)/.exec(fs.readFileSync('/proc/meminfo', 'utf8'));
    const now = sectors();
    disk.push({
      at: at(),
      phase,
      dirtyMb: Math.round(Number(dirty?.[1] ?? 0) / 1024),
      writtenMb: Math.round(((now - lastSectors) * 512) / 1048576),
    });
    lastSectors = now;
  }, 500);
  let writing = true;
  let calls = 0;
  let peakWal = 0;
  const slow: { at: number; ms: number; phase: string; walBefore: number; walAfter: number; f0: string; f1: string }[] =
    [];
  let peakFrames = 0;
  const lat: number[] = [];
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      const before = walMb();
      const fr0 = frames();
      const p0 = phase;
      const s = performance.now();
      const r = await app.call('customers.create', { name: `Selama backup ${i}` }, caller);
      const took = performance.now() - s;
      if (!r.ok) throw new Error(JSON.stringify(r));
      const after = walMb();
      const fr1 = frames();
      peakFrames = Math.max(peakFrames, fr1.mx);
      peakWal = Math.max(peakWal, after);
      lat.push(took);
      calls++;
      if (took > 50 || fr1.backfill !== fr0.backfill || fr1.mx < fr0.mx)
        slow.push({
          at: at(),
          ms: +took.toFixed(0),
          phase: p0 === phase ? p0 : `${p0}->${phase}`,
          walBefore: before,
          walAfter: after,
          f0: `${fr0.backfill}/${fr0.mx}`,
          f1: `${fr1.backfill}/${fr1.mx}`,
        });
      await new Promise((r2) => setImmediate(r2));
    }
  })();
  await new Promise((r) => setTimeout(r, 1000));
  const b0 = performance.now();
  if (mode === 'idle') {
    await step('idle', () => new Promise((r) => setTimeout(r, 30_000)));
  } else if (mode === 'api') {
    await step('backups.create', () => app.call('backups.create', {}, caller));
  } else {
    if (mode === 'phases-noauto') ctx.sqlite.pragma('wal_autocheckpoint = 0');
    const tmp = path.join(dir, 'backups', '.copy.partial');
    fs.mkdirSync(path.dirname(tmp), { recursive: true });
    const key = ctx.encryption?.key ?? null;
    // Imported only here: the script also runs against a tree without it (the baseline of an A/B).
    const release = mode.includes('hold')
      ? (await import('../../src-main/db/checkpoints')).holdWalCheckpoints(ctx)
      : async () => undefined;
    await step('snapshot', () =>
      snapshotDatabase(ctx.dbFile, tmp, {
        key,
        modulePath: modulePath(),
        expectedBytes: databaseBytes(ctx.sqlite),
        flushBytes: mode.includes('flush') ? undefined : 0,
      }),
    );
    await step('walCatchUp', release);
    await step('toRollbackJournal', () => toRollbackJournal(tmp, { key }));
    if (ctx.encryption) await step('appendKeyRecord', () => appendKeyRecord(tmp, ctx.encryption!.keyring));
    await step('verify', () => verifyDatabaseFile(tmp, ctx.migrationsFolder, undefined, key));
    await step('fsync', () => fsyncFile(tmp));
    await step('rename', () => fs.renameSync(tmp, `${tmp}.sqlite`));
    if (mode === 'phases-noauto') ctx.sqlite.pragma('wal_autocheckpoint = 10000');
  }
  const backupMs = performance.now() - b0;
  await step('after', () => new Promise((r) => setTimeout(r, 6000))); // one checkpoint timer tick after
  writing = false;
  await writer;
  clearInterval(lag);
  clearInterval(diskPoll);
  app.close();
  const bytes = fs.statSync(path.join(dir, 'pppoe-desk.sqlite')).size;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}-keys`, { recursive: true, force: true });
  const sorted = [...lat].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      scale,
      mode,
      seedMs: Math.round(seedMs),
      dbMb: Math.round(bytes / 1048576),
      backupMs: Math.round(backupMs),
      calls,
      p95: +sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1),
      max: +sorted[sorted.length - 1]!.toFixed(1),
      maxGap: Math.max(0, ...gaps.map((g) => g.ms)),
      peakWalMb: peakWal,
      peakFrames,
      phases,
      slow: slow
        .filter((c) => c.ms > 50)
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 12),
      // Calls in which the WAL was copied into the database (or restarted): a checkpoint ran in or during them.
      checkpointing: slow.filter((c) => Number(c.f1.split('/')[0]) > Number(c.f0.split('/')[0])).slice(0, 40),
      disk,
      gaps: gaps.sort((a, b) => b.ms - a.ms).slice(0, 12),
    }),
  );
}

void main();
