/**
 * "Never more than the deposit", with two processes (two SQLite connections) refunding the same deposit
 * at the same moment: each refund reads the deposit inside an IMMEDIATE transaction, so one waits for the
 * other's commit and sees the lower balance. Exactly as many refunds pass as the deposit covers. (The app
 * runs one process per data folder; this checks the database rule itself, two writers or not.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, expect, it } from 'vitest';
import { createApp } from '../../../src-main/app';
import { silentLogger } from '../../../src-main/logging/logger';
import { FakeClock, MIGRATIONS, testApp, testKeyStore } from '../../helpers/app';
import { checkInvariants } from './invariants';
import { startRaceChild } from './race/child';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const WORKER = path.join(ROOT, 'node_modules', '.cache', 'pppoe-desk-refund-race', 'worker.mjs');

beforeAll(async () => {
  await build({
    entryPoints: [path.join(ROOT, 'tests/unit/billing/race/refund-worker.ts')],
    outfile: WORKER,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
}, 60_000);

const start = (args: Record<string, unknown>) => startRaceChild([WORKER, JSON.stringify(args)]);

it('two processes refunding one deposit at once never pay out more than it', async () => {
  // Real time: the children run on the system clock (refund dates, the shift they pay out of).
  const t = await testApp({ clock: new FakeClock(Date.now()) });
  const dataDir = t.dataDir;
  try {
    const c = await t.ok('customers.create', { name: 'Rini Susanti' });
    await t.ok('shifts.open', { openingCash: 1_000_000 });
    await t.ok('payments.create', { customerId: c.id, amount: 250_000, method: 'bank_transfer', referenceNumber: 'T' });

    const userId = (t.app.ctx.sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: number })
      .id;
    const dbFile = t.app.ctx.dbFile;
    t.app.close();
    const key = t.app.ctx.encryption?.key.toString('hex') ?? null;
    const common = { dbFile, key, userId, customerId: c.id, attempts: 12, amount: 20_000 };
    const a = start({ ...common, method: 'cash' });
    const b = start({ ...common, method: 'bank_transfer' });
    await Promise.all([a.ready, b.ready]);
    a.go();
    b.go();
    const lines = [...(await a.done), ...(await b.done)];

    // 250,000 covers 12 refunds of 20,000; the other 12 attempts are refused by name, none fails otherwise.
    expect(lines.filter((l) => l.startsWith('OK'))).toHaveLength(12);
    for (const l of lines.filter((x) => !x.startsWith('OK')))
      expect(l).toBe('NO BAD_INPUT The deposit is only Rp 10.000');

    const app = createApp({
      dataDir,
      migrationsFolder: MIGRATIONS,
      logger: silentLogger,
      appVersion: '0.0.0-test',
      ...testKeyStore(dataDir),
    });
    try {
      const row = app.ctx.sqlite.prepare('SELECT deposit FROM customers WHERE id = ?').get(c.id) as { deposit: number };
      expect(row.deposit).toBe(10_000);
      checkInvariants(app.ctx);
    } finally {
      app.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
