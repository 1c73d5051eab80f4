import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Batch from '../../../src-main/core/billing/isolate-batch';
import type { AppContext } from '../../../src-main/core/context';
import { testApp, type TestApp } from '../../helpers/app';
import { seedRouter } from '../network/seed';
import { travelTo } from './fixtures';

// `itemByItem`: the set-based batch throws at once, so every batch takes the item-by-item path (today's).
let itemByItem = false;
let setBased = 0; // batches the set-based path committed to (so the comparison is not old vs old)
vi.mock('../../../src-main/core/billing/isolate-batch', async (orig) => {
  const real = await orig<typeof Batch>();
  return {
    ...real,
    isolateBatch: (...args: Parameters<typeof Batch.isolateBatch>) => {
      if (itemByItem) throw new Error('item by item');
      const n = real.isolateBatch(...args);
      setBased++;
      return n;
    },
  };
});

const apps: TestApp[] = [];
afterEach(() => {
  itemByItem = false;
  setBased = 0;
  while (apps.length) apps.pop()!.close();
});

const CUSTOMERS = 600; // one set-based batch; two of 500 item by item
const SLOW = 60_000; // two apps seeded and ticked: slow on a loaded machine

/**
 * Overdue customers spread over two routers and none; with `outOfOrder`, customer 7 has a second account created
 * last (its id is out of customer order: the accounts are updated one by one, not by one UPDATE), 11 is never isolated, 13 only has an inactive account, 17 has a rename still queued
 * (the upsert must carry the old name), 19 opted out of the isolir notice, 23 prefers SMS; every 10th is not overdue.
 */
async function seed(mode: 'profile' | 'disable', outOfOrder = true): Promise<TestApp> {
  const t = await testApp();
  apps.push(t);
  await t.ok('settings.update', { isolirMode: mode });
  await t.ok('webhooks.create', { url: 'http://127.0.0.1:9/h', events: ['account.isolated'] });
  const app = t.app.ctx;
  const db = app.sqlite;
  const r1 = seedRouter(app, 'Kantor', 'ISOLIR');
  const r2 = seedRouter(app, 'Cabang', 'ISOLIR-2');
  db.prepare(
    `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name)
     VALUES ('Home', 1024, 2048, 100000, 'monthly', 30, 'home')`,
  ).run();
  db.prepare(
    `INSERT INTO message_channels(channel, provider, enabled, min_gap_ms, max_gap_ms) VALUES ('whatsapp', 'fonnte', 1, 0, 0), ('sms', 'mikrotik_sms', 1, 0, 0)`,
  ).run();
  const customer = db.prepare(
    `INSERT INTO customers(customer_code, name, join_date, never_isolate) VALUES (?, ?, '2026-01-01', ?)`,
  );
  const invoice = db.prepare(
    `INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, paid_amount, status, description)
     VALUES (?, ?, '2026-11', '2026-11-01', ?, 100000, 0, 'unpaid', 'Internet')`,
  );
  const account = db.prepare(
    `INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, static_ip, profile_name, status, created_at, updated_at)
     VALUES (?, 1, ?, ?, 'x', ?, 'home', ?, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`,
  );
  db.transaction(() => {
    for (let c = 1; c <= CUSTOMERS; c++) {
      customer.run(`C${String(c).padStart(5, '0')}`, `Pelanggan ${c}`, c === 11 ? 1 : 0);
      invoice.run(`INV-${c}`, c, c % 10 === 0 ? '2099-12-31' : '2026-11-11');
      if (c % 3 === 0) invoice.run(`INV-${c}-old`, c, '2026-10-11'); // the oldest open invoice is the one named
      const router = c % 5 === 0 ? null : c % 2 ? r1 : r2;
      account.run(c, router, `pel${c}`, c % 4 ? null : `10.0.${c >> 8}.${c & 255}`, c === 13 ? 'inactive' : 'active');
    }
    if (outOfOrder) account.run(7, r1, 'pel7-kedua', 'x', 'active');
    db.prepare(`INSERT INTO customer_message_prefs(customer_id, opt_out) VALUES (19, '["isolir"]')`).run();
    db.prepare(`INSERT INTO customer_message_prefs(customer_id, channel) VALUES (23, 'sms')`).run();
    db.prepare(
      `INSERT INTO sync_ops(router_id, kind, entity, entity_id, payload, status, attempts, created_at, updated_at)
       VALUES (?, 'secret.upsert', 'pppoe', 17, '{"name":"pel17-lama","profile":"home","disabled":false}', 'failed', 1, 'x', 'x')`,
    ).run(r1);
  })();
  travelTo(t, '2026-12-10T03:00:00.000Z');
  return t;
}

/** Every row of a table the tick writes, without the columns only the real clock or randomness fill. */
function dump(app: AppContext, table: string, skip: string[] = []): unknown[] {
  return (app.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[]).map((r) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => !skip.includes(k))),
  );
}

const TABLES: [string, string[]][] = [
  ['pppoe_accounts', []],
  ['automation_log', []],
  ['audit_log', []],
  ['sync_ops', []],
  ['message_outbox', []],
  ['webhook_events', ['event_id', 'created_at']],
  ['webhook_deliveries', ['created_at']],
];

describe('isolating in set-based batches', () => {
  it.each([
    ['profile', true],
    ['disable', false],
  ] as const)(
    'writes exactly the rows the item-by-item path writes (%s mode, an account id out of order: %s)',
    async (mode, outOfOrder) => {
      itemByItem = true;
      const old = await seed(mode, outOfOrder);
      const a = await old.ok('billing.runAutomation', {});
      itemByItem = false;
      const now = await seed(mode, outOfOrder);
      const b = await now.ok('billing.runAutomation', {});
      expect(setBased).toBe(1);
      expect(b).toEqual(a);
      // 540 + 20 (every 30th has an old bill) overdue, minus never-isolate (11) and inactive-only (13), plus 7's second.
      expect(b.isolated).toBe(outOfOrder ? 559 : 558);
      for (const [table, skip] of TABLES) {
        const rows = dump(now.app.ctx, table, skip);
        expect(rows.length, table).toBeGreaterThan(0);
        expect(rows, table).toEqual(dump(old.app.ctx, table, skip));
      }
      // The queued rename is carried; 7's accounts follow the customer order, not the account ids.
      const ops = dump(now.app.ctx, 'sync_ops') as { id: number; entity_id: number; payload: string }[];
      expect(ops.some((o) => o.id > 1 && o.entity_id === 17 && o.payload.includes('"previousName":"pel17-lama"'))).toBe(
        true,
      );
      const events = dump(now.app.ctx, 'webhook_events') as { data: string }[];
      const names = events.map((e) => (JSON.parse(e.data) as { username: string }).username);
      expect(names.slice(names.indexOf('pel7'), names.indexOf('pel7') + 2)).toEqual(
        outOfOrder ? ['pel7', 'pel7-kedua'] : ['pel7', 'pel8'],
      );
    },
    SLOW,
  );

  it(
    'one failing customer rolls its batch back, which is redone item by item: the others are isolated',
    async () => {
      const t = await seed('profile');
      const db = t.app.ctx.sqlite;
      db.exec(`CREATE TRIGGER fail_one BEFORE UPDATE OF status ON pppoe_accounts WHEN NEW.id = 42 AND NEW.status = 'suspended'
             BEGIN SELECT RAISE(ABORT, 'router row locked'); END`);
      const r = await t.ok('billing.runAutomation', {});
      expect(setBased).toBe(0); // customer 42's batch was redone item by item
      expect(r.isolated).toBe(558);
      expect(r.errors).toEqual(['isolate customer 42: router row locked']);
      const status = (id: number) =>
        (db.prepare('SELECT status FROM pppoe_accounts WHERE id = ?').get(id) as { status: string }).status;
      expect([status(41), status(42), status(43)]).toEqual(['suspended', 'active', 'suspended']);
      const logged = db
        .prepare('SELECT action, result FROM automation_log WHERE customer_id IN (41, 42, 43) ORDER BY id')
        .all();
      expect(logged).toEqual([
        { action: 'isolate', result: 'ok' },
        { action: 'error', result: 'failed' },
        { action: 'isolate', result: 'ok' },
      ]);
      // Nothing half-done for 42: no audit row, no router operation, no notice.
      expect(
        db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'pppoe' AND entity_id = '42'").get(),
      ).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM sync_ops WHERE entity_id = 42').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM message_outbox WHERE customer_id = 42').get()).toEqual({ n: 0 });
    },
    SLOW,
  );
});
