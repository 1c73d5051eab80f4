/**
 * Encrypting an existing plain database in place, killed (SIGKILL) at random points: afterwards the
 * data folder must always hold either the old plain database or the new encrypted one, fully readable
 * (integrity_check and every row), never neither; and the next start completes the encryption.
 * The child (encrypt-worker.ts) prints each phase; the kill lands in a random phase after a random delay.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { fileKeyStore } from '../../src-main/core/crypto/key-file';
import { readKeyring } from '../../src-main/core/crypto/keyring';
import { silentLogger } from '../../src-main/logging/logger';
import { fileKind, openDatabaseFile } from '../../src-main/db/encryption/cipher';
import { MIGRATIONS, tempDir } from '../helpers/app';
import { rng } from '../helpers/seeded-random';
import { bundleCrashWorker, crashWorkerPath } from './worker-bundle';

const WORKER = crashWorkerPath('encrypt-worker');
const SEED = Number(process.env.CRASH_SEED ?? 20261206);
const KILLS = Number(process.env.CRASH_KILLS ?? 21);
// 'done' comes after the swap: those kills must find the encrypted database.
const PHASES = ['START', 'prepare', 'copy', 'encrypt', 'verify', 'swap', 'done'];

/** Spawns the worker and kills it `delayMs` after it printed `phase` (or lets it finish). */
function runAndKill(dataDir: string, keyDir: string, phase: string, delayMs: number) {
  return new Promise<{ killed: boolean; lines: string[] }>((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify({ dataDir, keyDir, migrations: MIGRATIONS })], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buf = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        if (line === (phase === 'START' ? 'START' : `PHASE ${phase}`)) {
          if (delayMs === 0) child.kill('SIGKILL');
          else setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, lines });
      else if (code === 0) resolve({ killed: false, lines });
      else reject(new Error(`worker failed (${code}): ${err}`));
    });
  });
}

const ROWS = 12_000;

/** A plain database with enough rows that each phase takes a while (the kill lands inside it). */
function plainTemplate(dir: string): string {
  const dataDir = path.join(dir, 'template');
  const app = createApp({ dataDir, migrationsFolder: MIGRATIONS, logger: silentLogger });
  const ins = app.ctx.sqlite.prepare(
    "INSERT INTO audit_log(at, username, action, entity, after) VALUES ('2026-01-01T00:00:00Z', 'seed', 'pad', 'pad', ?)",
  );
  app.ctx.sqlite.transaction(() => {
    for (let i = 0; i < ROWS; i++) ins.run(`Pelanggan ${i} 0812${String(i).padStart(8, '0')} ${'x'.repeat(150)}`);
  })();
  app.close();
  return dataDir;
}

/** Fully readable: integrity ok and every row there. Returns which database the folder holds. */
function readable(dataDir: string, keyDir: string): 'plain' | 'encrypted' {
  const file = path.join(dataDir, 'pppoe-desk.sqlite');
  const kind = fileKind(file);
  expect(['plain', 'encrypted']).toContain(kind);
  let key: Buffer | null = null;
  if (kind === 'encrypted') {
    const ring = readKeyring(dataDir);
    expect(ring, 'an encrypted database always has its key record').not.toBeNull();
    key = fileKeyStore({ dir: keyDir, dataDir }).load(ring!.keyId);
    expect(key, 'and its key').not.toBeNull();
  }
  const db = openDatabaseFile(file, { key, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'pad'").pluck().get()).toBe(ROWS);
  } finally {
    db.close();
  }
  return kind as 'plain' | 'encrypted';
}

beforeAll(async () => {
  await bundleCrashWorker('encrypt-worker');
});

describe('encrypting a plain database in place survives SIGKILL', () => {
  it(`${KILLS} kills at random points (seed ${SEED}): old plain or new encrypted, never neither`, async () => {
    const root = tempDir('pppoe-encrypt-crash-');
    const rand = rng(SEED);
    const seen = { plain: 0, encrypted: 0, phases: new Set<string>() };
    try {
      const template = plainTemplate(root);
      for (let k = 0; k < KILLS; k++) {
        const dataDir = path.join(root, `run-${k}`);
        const keyDir = path.join(root, `keys-${k}`);
        fs.cpSync(template, dataDir, { recursive: true });
        const phase = PHASES[k % PHASES.length]!;
        const delayMs = rand() < 0.3 ? 0 : Math.floor(rand() * 25);
        const { killed } = await runAndKill(dataDir, keyDir, phase, delayMs);
        seen.phases.add(phase);
        const kind = readable(dataDir, keyDir);
        seen[kind]++;
        if (phase === 'done') expect(kind).toBe('encrypted');
        if (process.env.CRASH_DEBUG) console.log(`kill ${k}: ${phase} +${delayMs} ms → ${killed ? kind : 'finished'}`);
        // The next start completes the encryption and keeps every row.
        createApp({
          dataDir,
          migrationsFolder: MIGRATIONS,
          logger: silentLogger,
          keyStore: fileKeyStore({ dir: keyDir, dataDir }),
        }).close();
        expect(readable(dataDir, keyDir)).toBe('encrypted');
        expect(fs.existsSync(path.join(dataDir, 'pppoe-desk.sqlite.encrypting'))).toBe(false);
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(keyDir, { recursive: true, force: true });
      }
      console.log(
        `encryption crash test: ${KILLS} kills, ${seen.plain} found the plain database, ${seen.encrypted} the encrypted one`,
      );
      // Both outcomes happened: the kills really landed before and after the swap.
      expect(seen.plain).toBeGreaterThan(0);
      expect(seen.encrypted).toBeGreaterThan(0);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 300_000);
});
