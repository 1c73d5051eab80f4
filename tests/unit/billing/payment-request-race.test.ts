/**
 * Issue 17, "concurrent repeats give one payment" with two processes (two SQLite connections) sending the
 * same client request ids at the same moment: the id is claimed inside the payment's IMMEDIATE
 * transaction, so one process takes each payment and the other, waiting on the write lock, finds the
 * claim and answers with that payment. (The app runs one process per data folder; this checks that the
 * database rule holds even with two writers.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createApp } from '../../../src-main/app';
import { silentLogger } from '../../../src-main/logging/logger';
import { FakeClock, MIGRATIONS, testApp, testKeyStore } from '../../helpers/app';
import { checkInvariants } from './invariants';
import { startRaceChild } from './race/child';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const WORKER = path.join(ROOT, 'tests/unit/billing/race/payment-request-worker.ts');

// tsx runs the worker from source: no bundle written anywhere.
const start = (args: Record<string, unknown>) =>
  startRaceChild(['--import', 'tsx', WORKER, JSON.stringify(args)], { cwd: ROOT });

it('two processes sending the same 20 request ids at once take 20 payments, each answered to both', async () => {
  // Real time: the children run on the system clock (payment dates and numbers).
  const t = await testApp({ clock: new FakeClock(Date.now()) });
  const dataDir = t.dataDir;
  try {
    const c = await t.ok('customers.create', { name: 'Dewi Lestari' });
    const userId = (t.app.ctx.sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: number })
      .id;
    const dbFile = t.app.ctx.dbFile;
    const key = t.app.ctx.encryption?.key.toString('hex') ?? null;
    t.app.close();
    const requestIds = Array.from({ length: 20 }, (_, i) => `race-${String(i).padStart(2, '0')}-5b1e9c7a3d2f`);
    const common = { dbFile, key, userId, customerId: c.id, requestIds };
    const a = start(common);
    const b = start(common);
    await Promise.all([a.ready, b.ready]);
    a.go();
    b.go();
    const lines = [...(await a.done), ...(await b.done)];

    expect(lines.filter((l) => !l.startsWith('OK '))).toEqual([]);
    for (const id of requestIds) {
      const answers = lines.filter((l) => l.startsWith(`OK ${id} `)).map((l) => l.split(' '));
      expect(answers).toHaveLength(2);
      expect(answers[0]![2]).toBe(answers[1]![2]); // the same payment id to both
      expect(answers.map((x) => x[3]).sort()).toEqual(['replayed', 'taken']);
    }

    const app = createApp({
      dataDir,
      migrationsFolder: MIGRATIONS,
      logger: silentLogger,
      appVersion: '0.0.0-test',
      ...testKeyStore(dataDir),
    });
    try {
      const n = (sql: string) => (app.ctx.sqlite.prepare(sql).get() as { n: number }).n;
      expect(n('SELECT count(*) AS n FROM payments')).toBe(20);
      expect(n('SELECT count(*) AS n FROM client_requests')).toBe(20);
      expect(n("SELECT count(*) AS n FROM audit_log WHERE action = 'payment.create'")).toBe(20);
      const deposit = app.ctx.sqlite.prepare('SELECT deposit FROM customers WHERE id = ?').get(c.id) as {
        deposit: number;
      };
      expect(deposit.deposit).toBe(200_000);
      checkInvariants(app.ctx);
    } finally {
      app.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
  }
}, 60_000);
