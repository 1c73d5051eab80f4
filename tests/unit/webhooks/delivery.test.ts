import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src-main/app';
import { MAX_ATTEMPTS } from '../../../src-main/core/webhooks/backoff';
import { startWebhooks } from '../../../src-main/core/webhooks/background';
import { resendNow } from '../../../src-main/core/webhooks/send-now';
import { WebhookWorker } from '../../../src-main/core/webhooks/worker';
import { silentLogger } from '../../../src-main/logging/logger';
import { MIGRATIONS, testApp, testKeyStore, type TestApp } from '../../helpers/app';
import { startReceiver, type FakeReceiver } from '../../fakes/webhooks/receiver';
import { seedBilling } from '../billing/fixtures';

let t: TestApp;
let rx: FakeReceiver;
beforeEach(async () => {
  t = await testApp();
  rx = await startReceiver();
  // The receiver checks the timestamp against the app's (fake) clock.
  rx.now = () => Math.floor(t.clock.now().getTime() / 1000);
});
afterEach(async () => {
  await rx.close();
  t.close();
});

const delivery = (id: number) =>
  t.app.ctx.sqlite
    .prepare(
      `SELECT status, attempts, next_attempt_at AS nextAttemptAt, last_status AS lastStatus, last_error AS lastError
       FROM webhook_deliveries WHERE id = ?`,
    )
    .get(id) as {
    status: string;
    attempts: number;
    nextAttemptAt: string | null;
    lastStatus: number | null;
    lastError: string | null;
  };

async function paymentEvent() {
  const made = await t.ok('webhooks.create', { url: rx.url, events: ['payment.created'] });
  rx.secret = made.secret;
  const { customers } = await seedBilling(t, { customers: 1 });
  const p = await t.ok('payments.create', { customerId: customers[0]!.id, amount: 50_000, method: 'cash' });
  const id = (t.app.ctx.sqlite.prepare('SELECT max(id) AS id FROM webhook_deliveries').get() as { id: number }).id;
  return { endpoint: made.endpoint, payment: p, deliveryId: id, customerId: customers[0]!.id };
}

describe('webhook delivery', () => {
  it('delivers a signed event the receiver verifies, with a stable event id', async () => {
    const { payment, deliveryId } = await paymentEvent();
    const worker = new WebhookWorker(t.app.ctx, { rng: () => 0.5 });
    expect(worker.pump()).toBe(1);
    await worker.idle();
    const [got] = await rx.waitFor(1);
    expect(got!.verified).toMatchObject({ ok: true });
    expect(got!.eventType).toBe('payment.created');
    expect(got!.json).toMatchObject({ type: 'payment.created', data: { id: payment.id, amount: 50_000 } });
    expect(got!.eventId).toBe(got!.json.id);
    expect(delivery(deliveryId)).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
    // Nothing is due any more.
    expect(worker.pump()).toBe(0);
  });

  it('retries a 500 after 30 s doubling (fake clock), honours 429 Retry-After, and gives up after the last attempt', async () => {
    const { deliveryId } = await paymentEvent();
    const worker = new WebhookWorker(t.app.ctx, { rng: () => 0.5 });
    rx.mode = 'fail';
    worker.pump();
    await worker.idle();
    const first = delivery(deliveryId);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, lastError: null });
    expect(Date.parse(first.nextAttemptAt!) - t.clock.now().getTime()).toBe(30_000);
    // Not due yet: nothing is sent.
    t.clock.advance(29_000);
    expect(worker.pump()).toBe(0);
    t.clock.advance(1_000);
    expect(worker.pump()).toBe(1);
    await worker.idle();
    expect(Date.parse(delivery(deliveryId).nextAttemptAt!) - t.clock.now().getTime()).toBe(60_000);

    rx.mode = 'rate';
    rx.retryAfter = 600;
    t.clock.advance(60_000);
    worker.pump();
    await worker.idle();
    expect(delivery(deliveryId)).toMatchObject({ attempts: 3, lastStatus: 429 });
    expect(Date.parse(delivery(deliveryId).nextAttemptAt!) - t.clock.now().getTime()).toBe(600_000);

    rx.mode = 'fail';
    let total = 0;
    while (delivery(deliveryId).status === 'pending') {
      total += Date.parse(delivery(deliveryId).nextAttemptAt!) - t.clock.now().getTime();
      t.clock.set(delivery(deliveryId).nextAttemptAt!);
      worker.pump();
      await worker.idle();
    }
    expect(delivery(deliveryId)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(rx.received).toHaveLength(MAX_ATTEMPTS);
    // About a day of trying in all (30 s … 6 h steps).
    expect(total / 3600_000).toBeGreaterThan(20);
    expect(total / 3600_000).toBeLessThan(30);
    // Every attempt carried the same event id.
    expect(new Set(rx.received.map((r) => r.eventId)).size).toBe(1);
    // "Kirim ulang": a new delivery of the same event, sent at once (the admin's session ended a day
    // ago on the fake clock, so the service is called as the app itself).
    rx.mode = 'ok';
    const again = await resendNow({ app: t.app.ctx, session: null, transport: 'internal' }, deliveryId);
    expect(again).toMatchObject({ status: 'delivered', attempts: 1, eventId: rx.received[0]!.eventId });
  });

  it('a receiver that never answers times out and does not hold up another endpoint', async () => {
    const { deliveryId, customerId } = await paymentEvent();
    const other = await startReceiver();
    try {
      const second = await t.ok('webhooks.create', { url: other.url, events: ['payment.created'] });
      other.secret = second.secret;
      other.now = rx.now;
      rx.mode = 'hang';
      await t.ok('payments.create', { customerId, amount: 1_000, method: 'cash' });
      const worker = new WebhookWorker(t.app.ctx, { rng: () => 0.5, timeoutMs: 4_000 });
      worker.pump();
      // The second endpoint gets its delivery while the first receiver still holds its requests.
      await other.waitFor(1);
      await rx.waitFor(1);
      expect(worker.busy).toBeGreaterThan(0);
      await worker.idle();
      expect(delivery(deliveryId)).toMatchObject({
        status: 'pending',
        lastStatus: null,
        lastError: 'Timed out after 4000 ms',
      });
      expect(other.received[0]!.verified).toMatchObject({ ok: true });
    } finally {
      await other.close();
    }
  });

  it('resumes pending deliveries after a restart, and the background worker wakes on a commit', async () => {
    const { deliveryId } = await paymentEvent();
    // The app stops before anything was sent; the delivery waits in the database.
    t.app.close();
    const app = createApp({
      dataDir: t.dataDir,
      migrationsFolder: MIGRATIONS,
      clock: t.clock,
      logger: silentLogger,
      appVersion: '0.0.0-test',
      ...testKeyStore(t.dataDir),
    });
    // An idle poll of an hour: whatever arrives below came from the start-up pump or a commit's wake-up.
    const stop = startWebhooks(app.ctx, { rng: () => 0.5, idleMs: 3600_000 });
    try {
      const [got] = await rx.waitFor(1);
      expect(got!.verified).toMatchObject({ ok: true });
      const customerId = got!.json.data.customerId as number;
      const paid = await app.call(
        'payments.create',
        { customerId, amount: 7_000, method: 'cash' },
        { transport: 'http', token: t.token },
      );
      expect(paid.ok).toBe(true);
      const all = await rx.waitFor(2);
      expect(all[1]!.json.data).toMatchObject({ amount: 7_000 });
      expect(all[1]!.eventId).not.toBe(all[0]!.eventId);
      const row = app.ctx.sqlite.prepare('SELECT status FROM webhook_deliveries WHERE id = ?').get(deliveryId);
      expect(row).toEqual({ status: 'delivered' });
    } finally {
      await stop();
      app.close();
    }
  });
});
