/**
 * The outbox never sends one event twice, also when the PC dies in the middle of a send: the child
 * (tests/crash/messaging-worker.ts) is SIGKILLed while the provider is processing its request — the
 * provider has the message, our commit of the answer never happens. On restart the worker asks the
 * provider when it can (Wablas keeps our reference: the row becomes "sent") and otherwise marks the
 * row "unknown" for a person (Fonnte cannot tell) — it never sends it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, MIGRATIONS, openTestDb, TEST_ENCRYPTED, testApp } from '../helpers/app';
import { FonnteFake, WablasFake } from '../fakes/messaging/wa-gateways';
import type { FakeRequest } from '../fakes/messaging/http-fake';
import { seedBilling } from '../unit/billing/fixtures';
import { bundleCrashWorker, crashWorkerPath } from './worker-bundle';

const WORKER = crashWorkerPath('messaging-worker');
const CUSTOMERS = 5;
const THROTTLE = { minGapSeconds: 0, maxGapSeconds: 0, dailyCap: null, quietStart: null, quietEnd: null };

beforeAll(async () => {
  await bundleCrashWorker('messaging-worker');
});

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function spawnWorker(dataDir: string): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(
    process.execPath,
    [
      WORKER,
      JSON.stringify({ dataDir, migrations: MIGRATIONS, ...(TEST_ENCRYPTED ? { keyDir: `${dataDir}-keys` } : {}) }),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out })),
  );
  return { child, done };
}

async function prepare(settings: object) {
  const t = await testApp({ clock: new FakeClock(Date.parse('2026-11-24T03:00:00.000Z')) });
  cleanup.push(() => t.close());
  await seedBilling(t, { customers: CUSTOMERS, startDate: '2026-11-01', openShift: false });
  await t.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
  await t.ok('messages.saveChannel', { channel: 'whatsapp', enabled: true, settings, throttle: THROTTLE } as never);
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  // The parent's app lets go of the database; the child opens it.
  t.app.close();
  return t;
}

/** SIGKILLs the child while the fake handles its `nth` send: the provider keeps the message, we never hear back. */
function killOnSend(http: { on(e: 'request', fn: (r: FakeRequest) => void): unknown }, sendPath: string, nth: number) {
  let child: ChildProcess | null = null;
  let n = 0;
  http.on('request', (r) => {
    if (r.path === sendPath && ++n === nth) child?.kill('SIGKILL');
  });
  return (c: ChildProcess) => (child = c);
}

function statuses(dataDir: string, app: Parameters<typeof openTestDb>[0]) {
  const db = openTestDb(app, path.join(dataDir, 'pppoe-desk.sqlite'), { readonly: true });
  const rows = db.prepare('SELECT status, reason FROM message_outbox ORDER BY id').all() as {
    status: string;
    reason: string | null;
  }[];
  db.close();
  return rows;
}

describe('SIGKILL in the middle of a send', () => {
  it('Wablas (keeps our reference): the interrupted message is found at the provider and marked sent, never resent', async () => {
    const wablas = await new WablasFake().start();
    cleanup.push(() => wablas.stop());
    const t = await prepare({
      provider: 'wablas',
      baseUrl: wablas.url,
      token: wablas.token,
      secretKey: wablas.secretKey,
    });
    const attach = killOnSend(wablas.http, '/api/send-message', 3);
    const first = spawnWorker(t.dataDir);
    attach(first.child);
    const r1 = await first.done;
    expect(r1.code).toBeNull(); // killed
    expect(wablas.messages).toHaveLength(3);
    const r2 = await spawnWorker(t.dataDir).done;
    expect(r2.out).toContain('RECOVERED 1');
    expect(r2.out).toContain('DONE');
    expect(statuses(t.dataDir, t.app).map((r) => r.status)).toEqual(Array(CUSTOMERS).fill('sent'));
    const refs = wablas.messages.map((m) => m.refId);
    expect(refs).toHaveLength(CUSTOMERS);
    expect(new Set(refs).size).toBe(CUSTOMERS);
  });

  it('Fonnte (cannot tell): the interrupted message is marked "unknown" for a person, never resent', async () => {
    const fonnte = await new FonnteFake().start();
    cleanup.push(() => fonnte.stop());
    const t = await prepare({ provider: 'fonnte', baseUrl: fonnte.url, token: fonnte.token });
    const attach = killOnSend(fonnte.http, '/send', 2);
    const first = spawnWorker(t.dataDir);
    attach(first.child);
    expect((await first.done).code).toBeNull();
    const r2 = await spawnWorker(t.dataDir).done;
    expect(r2.out).toContain('DONE');
    const rows = statuses(t.dataDir, t.app);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(CUSTOMERS - 1);
    expect(rows.filter((r) => r.status === 'unknown')).toEqual([{ status: 'unknown', reason: 'interrupted' }]);
    // Every customer got exactly one message (the interrupted one did reach the provider).
    const to = fonnte.messages.map((m) => m.to);
    expect(to).toHaveLength(CUSTOMERS);
    expect(new Set(to).size).toBe(CUSTOMERS);
  });
});
