/**
 * One process per data folder, proved with real processes: the second is refused before it serves or
 * starts background work, a SIGKILLed holder's lock is free at once, a stale holder note naming a live
 * PID (PID reuse) changes nothing, and starters racing for a folder get exactly one winner.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, DB_FILE } from '../../../src-main/app';
import { silentLogger } from '../../../src-main/logging/logger';
import { DataDirLockedError, LOCK_FILE, LOCK_INFO_FILE } from '../../../src-main/data/data-dir-lock';
import { MIGRATIONS, tempDir } from '../../helpers/app';

const ROOT = path.resolve(__dirname, '../../..');
const WORKER = path.join(ROOT, 'node_modules', '.cache', 'pppoe-desk-lock', 'lock-worker.mjs');

interface Started {
  child: ChildProcess;
  /** Resolves with the PID once the worker holds the folder, or with the exit code and stderr when it gave up. */
  outcome: Promise<{ ready: number } | { code: number | null; stderr: string }>;
}

const children: ChildProcess[] = [];

function start(dataDir: string, kind = 'browser host'): Started {
  const child = spawn(process.execPath, [WORKER, JSON.stringify({ dataDir, migrations: MIGRATIONS, kind })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const outcome = new Promise<{ ready: number } | { code: number | null; stderr: string }>((resolve) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^READY (\d+)$/.exec(line);
      if (m) resolve({ ready: Number(m[1]) });
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  });
  return { child, outcome };
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

const heldBy = (dataDir: string) =>
  JSON.parse(
    (
      new Database(path.join(dataDir, DB_FILE), { readonly: true })
        .prepare("SELECT value FROM settings WHERE key = 'ispName'")
        .get() as { value: string }
    ).value,
  ) as string;

beforeAll(async () => {
  await build({
    entryPoints: [path.join(ROOT, 'tests/unit/host/lock-worker.ts')],
    outfile: WORKER,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
});
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await exited(c);
  }
});
afterAll(() => fs.rmSync(path.dirname(WORKER), { recursive: true, force: true }));

// Real processes: generous on a loaded machine (the stress run starts them beside two CPU hogs).
describe('one process per data folder', { timeout: 90_000 }, () => {
  it('a second process exits non-zero with a clear message naming the holder; the first keeps working', async () => {
    const dataDir = tempDir();
    const first = start(dataDir, 'browser host');
    const got = await first.outcome;
    expect(got).toEqual({ ready: first.child.pid });

    const second = start(dataDir, 'desktop app');
    const refused = await second.outcome;
    expect(refused).toMatchObject({ code: 1 });
    const msg = (refused as { stderr: string }).stderr;
    expect(msg).toContain(`PPPoE Desk is already running on the data folder ${dataDir}`);
    expect(msg).toContain(`browser host, process ${first.child.pid}`);
    // The refused process never reached the database: the last write is the first one's.
    expect(heldBy(dataDir)).toBe(`held by ${first.child.pid}`);

    // A clean stop frees the folder for the next one.
    first.child.kill('SIGTERM');
    await exited(first.child);
    expect(first.child.exitCode).toBe(0);
    expect(fs.existsSync(path.join(dataDir, LOCK_INFO_FILE))).toBe(false);
    const third = start(dataDir, 'desktop app');
    expect(await third.outcome).toEqual({ ready: third.child.pid });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a SIGKILLed holder leaves no stale lock: the next process takes over at once', async () => {
    const dataDir = tempDir();
    const first = start(dataDir);
    await first.outcome;
    first.child.kill('SIGKILL');
    await exited(first.child);
    // Its note is still there (nothing ran on the way out) and the lock file is never deleted.
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_INFO_FILE), 'utf8'))).toMatchObject({
      pid: first.child.pid,
    });
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
    const next = start(dataDir);
    expect(await next.outcome).toEqual({ ready: next.child.pid });
    expect(heldBy(dataDir)).toBe(`held by ${next.child.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a stale note naming a live process (PID reuse) does not block, and is not what decides', async () => {
    const dataDir = tempDir();
    const first = start(dataDir);
    await first.outcome;
    first.child.kill('SIGKILL');
    await exited(first.child);
    // The dead holder's PID now belongs to a live process (this test runner).
    fs.writeFileSync(
      path.join(dataDir, LOCK_INFO_FILE),
      JSON.stringify({ pid: process.pid, kind: 'desktop app', startedAt: '2026-11-24T03:00:00Z', hostname: 'x' }),
    );
    const next = start(dataDir);
    expect(await next.outcome).toEqual({ ready: next.child.pid });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starters racing for a fresh folder, then for a killed holder’s folder: exactly one wins each time', async () => {
    const dataDir = tempDir();
    for (let round = 0; round < 2; round++) {
      const racers = Array.from({ length: 4 }, () => start(dataDir));
      const outcomes = await Promise.all(racers.map((r) => r.outcome));
      const winners = outcomes.filter((o) => 'ready' in o);
      expect(winners, JSON.stringify(outcomes)).toHaveLength(1);
      for (const o of outcomes.filter((x) => !('ready' in x)))
        expect(o).toMatchObject({ code: 1, stderr: expect.stringContaining('already running') });
      const winner = racers.find((r) => r.child.pid === (winners[0] as { ready: number }).ready)!;
      winner.child.kill('SIGKILL');
      await exited(winner.child);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('in one process too: a second createApp on the folder is refused until the first closes', () => {
    const dataDir = tempDir();
    const a = createApp({ dataDir, migrationsFolder: MIGRATIONS, logger: silentLogger, holder: 'browser host' });
    expect(() => createApp({ dataDir, migrationsFolder: MIGRATIONS, logger: silentLogger })).toThrow(
      DataDirLockedError,
    );
    a.close();
    const b = createApp({ dataDir, migrationsFolder: MIGRATIONS, logger: silentLogger });
    b.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
