import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebhooks } from '../../../src-main/core/webhooks/background';
import { HISTORY_DAYS, PRUNE_BATCH, pruneHistoryBatch } from '../../../src-main/core/webhooks/history';
import { insertDelivery, insertEvent } from '../../../src-main/data/webhooks/webhooks.repository';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { seedBilling } from '../billing/fixtures';

/*
 * Deleting a webhook endpoint (with its delivery log) and the outbox's history kept for 30 days: finished
 * deliveries and the events none refers to go, pending ones never do.
 */
let t: TestApp;
const START = Date.parse('2026-11-24T03:00:00.000Z');
beforeEach(async () => {
  t = await testApp({ clock: new FakeClock(START) });
});
afterEach(() => t.close());

const db = () => t.app.ctx.sqlite;
const count = (table: string) => (db().prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const audit = () =>
  db().prepare("SELECT before, after, username FROM audit_log WHERE action = 'webhook.delete' ORDER BY id").all() as {
    before: string;
    after: string;
    username: string;
  }[];

describe('deleting a webhook endpoint', () => {
  it('removes it with its deliveries (pending ones are never sent), keeps events another endpoint still needs, audited', async () => {
    // Port 9 (discard) on loopback: nothing is sent in this test, the deliveries only wait.
    const a = await t.ok('webhooks.create', { url: 'http://127.0.0.1:9/a', events: ['payment.created'] });
    const b = await t.ok('webhooks.create', { url: 'http://127.0.0.1:9/b', events: ['payment.created'] });
    const { customers } = await seedBilling(t, { customers: 1 });
    await t.ok('payments.create', { customerId: customers[0]!.id, amount: 50_000, method: 'cash' });
    expect([count('webhook_events'), count('webhook_deliveries')]).toEqual([1, 2]);

    expect(await t.ok('webhooks.delete', { id: a.endpoint.id })).toEqual({ deliveries: 1 });
    // B still waits for the event: it stays.
    expect([count('webhook_events'), count('webhook_deliveries')]).toEqual([1, 1]);
    expect((await t.ok('webhooks.list', {})).items.map((e) => e.id)).toEqual([b.endpoint.id]);

    expect(await t.ok('webhooks.delete', { id: b.endpoint.id })).toEqual({ deliveries: 1 });
    expect([count('webhook_events'), count('webhook_deliveries'), count('webhook_endpoints')]).toEqual([0, 0, 0]);

    const rows = audit();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.username === 'admin')).toBe(true);
    expect(JSON.parse(rows[0]!.before)).toEqual({
      url: 'http://127.0.0.1:9/a',
      description: null,
      events: ['payment.created'],
      enabled: true,
      pending: 1,
      failed: 0,
    });
    expect(JSON.parse(rows[0]!.after)).toEqual({ deliveriesRemoved: 1, eventsRemoved: 0 });
    expect(JSON.parse(rows[1]!.after)).toEqual({ deliveriesRemoved: 1, eventsRemoved: 1 });
    // The secret is in neither.
    expect(JSON.stringify(rows)).not.toContain(a.secret.slice(10));

    // Gone: a second delete is "not found" and writes nothing; a new payment has no one to tell.
    const again = await t.call('webhooks.delete', { id: a.endpoint.id });
    expect(!again.ok && again.error.code).toBe('NOT_FOUND');
    expect(audit()).toHaveLength(2);
    await t.ok('payments.create', { customerId: customers[0]!.id, amount: 10_000, method: 'cash' });
    expect(count('webhook_events')).toBe(0);
  });
});

describe('webhook history', () => {
  const day = 86_400_000;
  const at = (ms: number) => new Date(ms).toISOString();

  /** An event with one delivery of the given status, written `ago` ms before START. */
  function row(endpointId: number, status: 'pending' | 'delivered' | 'failed', ago: number): number {
    const when = at(START - ago);
    const ev = insertEvent(db(), {
      eventId: `evt_${ago}_${Math.random()}`,
      type: 'payment.created',
      data: '{}',
      at: when,
    });
    const d = insertDelivery(db(), ev, endpointId, when);
    db().prepare('UPDATE webhook_deliveries SET status = ? WHERE id = ?').run(status, d);
    return d;
  }

  it(`deletes finished deliveries older than ${HISTORY_DAYS} days and their events, never a pending one`, async () => {
    const { endpoint } = await t.ok('webhooks.create', { url: 'http://127.0.0.1:9/a', events: ['payment.created'] });
    const oldDelivered = row(endpoint.id, 'delivered', 31 * day);
    const oldFailed = row(endpoint.id, 'failed', 45 * day);
    const oldPending = row(endpoint.id, 'pending', 60 * day);
    const recent = row(endpoint.id, 'delivered', 29 * day);
    expect(pruneHistoryBatch(t.app.ctx)).toEqual({ deliveries: 2, events: 2, more: false });
    const left = (db().prepare('SELECT id FROM webhook_deliveries ORDER BY id').all() as { id: number }[]).map(
      (r) => r.id,
    );
    expect(left).toEqual([oldPending, recent]);
    expect(left).not.toContain(oldDelivered);
    expect(left).not.toContain(oldFailed);
    expect(count('webhook_events')).toBe(2);
    // Nothing more to do: a second pass deletes nothing.
    expect(pruneHistoryBatch(t.app.ctx)).toEqual({ deliveries: 0, events: 0, more: false });
  });

  it('works in batches, so a years-old outbox never holds the writer long; the background worker runs them', async () => {
    const { endpoint } = await t.ok('webhooks.create', { url: 'http://127.0.0.1:9/a', events: ['payment.created'] });
    db().transaction(() => {
      for (let i = 0; i <= PRUNE_BATCH; i++) row(endpoint.id, 'delivered', 40 * day + i);
    })();
    expect(pruneHistoryBatch(t.app.ctx)).toEqual({ deliveries: PRUNE_BATCH, events: PRUNE_BATCH, more: true });
    expect(pruneHistoryBatch(t.app.ctx)).toEqual({ deliveries: 1, events: 1, more: false });

    // The background worker prunes on its rounds: a full batch, then the rest on the next round.
    db().transaction(() => {
      for (let i = 0; i <= PRUNE_BATCH; i++) row(endpoint.id, 'failed', 35 * day + i);
    })();
    const timers: (() => void)[] = [];
    const stop = startWebhooks(t.app.ctx, {
      timers: {
        setTimeout: (fn) => timers.push(fn),
        clearTimeout: () => undefined,
        now: () => t.clock.now().getTime(),
      },
    });
    try {
      await expect.poll(() => count('webhook_deliveries')).toBe(1);
      timers.at(-1)!();
      expect(count('webhook_deliveries')).toBe(0);
      expect(count('webhook_events')).toBe(0);
    } finally {
      await stop();
    }
  });
});
