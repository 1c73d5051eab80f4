import { afterEach, describe, expect, it } from 'vitest';
import { MessageWorker } from '../../../src-main/core/messaging/worker';
import { webPushConfig } from '../../../src-main/core/messaging/push';
import { upsertPrefs } from '../../../src-main/data/messaging/config.repository';
import { subscriptionsOf, upsertSubscription } from '../../../src-main/data/messaging/push.repository';
import { WebPushChannel } from '../../../src-main/integrations/messaging';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { FAKE_CA } from '../../fakes/messaging/http-fake';
import { PushServiceFake } from '../../fakes/messaging/push-fake';
import { seedBilling } from '../billing/fixtures';
import { drainUntil, fonnteChannel, outbox } from './outbox-fixtures';

/*
 * The push channel of the outbox against a local push service over HTTPS on 127.0.0.1: every device
 * of the customer gets the notice, a gone device (410) is removed and not retried, 429 (Retry-After),
 * 500 and a push service that never answers are retried with backoff to the devices still missing.
 */
let t: TestApp;
let push: PushServiceFake;
let w: MessageWorker;
afterEach(async () => {
  await w?.close();
  t?.close();
  await push?.stop();
});

// 24 Nov 2026, 10:00 WIB.
const START = Date.parse('2026-11-24T03:00:00.000Z');

async function setup(devices = 2, timeoutMs = 10_000) {
  t = await testApp({ clock: new FakeClock(START) });
  push = await new PushServiceFake().start();
  const { customers } = await seedBilling(t, { customers: 2, startDate: '2026-11-01' });
  await t.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
  const view = await t.ok('messages.push.settings', {});
  push.vapidPublicKey = view.publicKey;
  await t.ok('messages.push.save', {
    enabled: true,
    subject: 'mailto:noc@netdesa.id',
    quietStart: '21:00',
    quietEnd: '07:00',
  });
  const db = t.app.ctx.sqlite;
  const c = customers[0]!;
  upsertPrefs(db, c.id, { channel: 'push', optOut: [] }, new Date(START).toISOString());
  const subs = Array.from({ length: devices }, () => push.subscribe());
  for (const s of subs)
    upsertSubscription(db, {
      customerId: c.id,
      endpoint: s.endpoint,
      p256dh: s.keys.p256dh,
      auth: s.keys.auth,
      device: 'Chrome · Android',
      now: new Date(START).toISOString(),
    });
  // The stored settings, trusting the fake's certificate.
  w = new MessageWorker(t.app, {
    channelFor: (app, row) => new WebPushChannel({ ...webPushConfig(app, row), ca: FAKE_CA, timeoutMs }),
  });
  mine = c.id;
  return { customer: c, other: customers[1]!, subs };
}

let mine = 0;
/** The rows of the customer with devices (push is the only channel on, so every customer's rows are push). */
const pushRows = () => outbox(t).filter((r) => r.customer_id === mine);

describe('push in the outbox', () => {
  it('sends a bill notice to every device: small, encrypted, opening the pay page, no personal data', async () => {
    const { customer, subs } = await setup(2);
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const rows = pushRows();
    expect(rows).toMatchObject([{ kind: 'bill_issued', customer_id: customer.id, status: 'queued' }]);
    const r = await drainUntil(t, w, START + 60_000);
    expect(r.sent).toBe(1);
    expect(push.countFor(subs[0]!.id)).toBe(1);
    expect(push.countFor(subs[1]!.id)).toBe(1);
    const got = push.received[0]!;
    expect(got.payload).toMatchObject({
      title: 'Tagihan November 2026 sudah terbit',
      url: expect.stringMatching(/^\/bayar\/[A-Za-z0-9_-]{22}$/),
    });
    expect(Buffer.byteLength(JSON.stringify(got.payload))).toBeLessThan(3072);
    expect(JSON.stringify(got.payload)).not.toContain(customer.name);
    expect(got.vapidSubject).toBe('mailto:noc@netdesa.id');
    expect(outbox(t).find((x) => x.id === rows[0]!.id)).toMatchObject({ status: 'sent', recipient: '2 device(s)' });
    const row = t.app.ctx.sqlite
      .prepare('SELECT provider_status AS s FROM message_outbox WHERE id = ?')
      .get(rows[0]!.id) as { s: string };
    expect(row.s).toBe('2/2 devices');
  });

  it('quiet hours hold a notice made at night until 07:00 in the ISP zone, then it goes out', async () => {
    const { subs } = await setup(1);
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    // The office PC comes back on at 22:00 WIB with the notice still queued: the worker keeps it.
    t.clock.set('2026-11-24T15:00:00.000Z');
    const night = await drainUntil(t, w, Date.parse('2026-11-24T23:59:00.000Z'));
    expect(night.sent).toBe(0);
    expect(night.nextAt).toBe(Date.parse('2026-11-25T00:00:00.000Z'));
    expect(push.countFor(subs[0]!.id)).toBe(0);
    expect(pushRows()[0]).toMatchObject({ status: 'queued' });
    const morning = await drainUntil(t, w, Date.parse('2026-11-25T01:00:00.000Z'));
    expect(morning.sent).toBe(1);
    expect(push.countFor(subs[0]!.id)).toBe(1);
    const sentAt = (
      t.app.ctx.sqlite.prepare('SELECT sent_at AS s FROM message_outbox WHERE id = ?').get(pushRows()[0]!.id) as {
        s: string;
      }
    ).s;
    expect(sentAt >= '2026-11-25T00:00:00.000Z').toBe(true);
  });

  it('a customer who prefers push without a device, and the other customers, get the default channel', async () => {
    const { other } = await setup(0);
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    // Push is the only channel on: the rows are push and fail as "no address", visible, not retried.
    expect(outbox(t).every((r) => (r as unknown as { channel: string }).channel === 'push')).toBe(true);
    await drainUntil(t, w, START + 60_000);
    expect(outbox(t).find((r) => r.customer_id === other.id)).toMatchObject({ status: 'failed', reason: 'no_address' });
    expect(push.received).toHaveLength(0);
  });

  it('with WhatsApp on too: push only for the customer who prefers it and has a device, WhatsApp for the rest', async () => {
    const { customer, other } = await setup(0);
    // Only queued here, never sent: nothing listens on port 9.
    await t.ok('messages.saveChannel', fonnteChannel('http://127.0.0.1:9'));
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const channelOf = (id: number, kind: string) =>
      (outbox(t).find((r) => r.customer_id === id && r.kind === kind) as unknown as { channel: string }).channel;
    expect(channelOf(customer.id, 'bill_issued')).toBe('whatsapp');
    const s = push.subscribe();
    const at = new Date(START).toISOString();
    upsertSubscription(t.app.ctx.sqlite, {
      customerId: customer.id,
      endpoint: s.endpoint,
      p256dh: s.keys.p256dh,
      auth: s.keys.auth,
      device: null,
      now: at,
    });
    const bill = outbox(t).find((r) => r.customer_id === customer.id)!.invoice_id!;
    await t.ok('payments.create', { customerId: customer.id, invoiceId: bill, amount: 250_000, method: 'cash' });
    expect(channelOf(customer.id, 'payment_receipt')).toBe('push');
    const otherBill = outbox(t).find((r) => r.customer_id === other.id)!.invoice_id!;
    await t.ok('payments.create', { customerId: other.id, invoiceId: otherBill, amount: 250_000, method: 'cash' });
    expect(channelOf(other.id, 'payment_receipt')).toBe('whatsapp');
  });

  it('opt-out is honoured: nothing is queued for a kind the customer refused', async () => {
    const { customer } = await setup(1);
    upsertPrefs(
      t.app.ctx.sqlite,
      customer.id,
      { channel: 'push', optOut: ['bill_issued'] },
      new Date(START).toISOString(),
    );
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(outbox(t).filter((r) => r.customer_id === customer.id)).toEqual([]);
  });

  it('410: the gone device is removed (audited as the system) and never tried again; the other gets it', async () => {
    const { customer, subs } = await setup(2);
    push.unsubscribe(subs[0]!.id);
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    await drainUntil(t, w, START + 3_600_000);
    expect(pushRows()[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(push.countFor(subs[1]!.id)).toBe(1);
    expect(subscriptionsOf(t.app.ctx.sqlite, customer.id).map((s) => s.endpoint)).toEqual([subs[1]!.endpoint]);
    const audit = t.app.ctx.sqlite
      .prepare(`SELECT username, entity_id AS e, reason FROM audit_log WHERE action = 'messages.push.removed'`)
      .all();
    expect(audit).toEqual([{ username: 'system', e: String(customer.id), reason: 'push service answered 410' }]);
    // Every device gone: the next notice fails for good, nothing is sent.
    push.unsubscribe(subs[1]!.id);
    const bill = pushRows()[0]!.invoice_id!;
    await t.ok('payments.create', { customerId: customer.id, invoiceId: bill, amount: 250_000, method: 'cash' });
    await drainUntil(t, w, START + 7_200_000);
    const receipt = pushRows().find((r) => r.kind === 'payment_receipt');
    expect(receipt, JSON.stringify(receipt)).toMatchObject({ status: 'failed', reason: 'recipient_gone' });
    expect(subscriptionsOf(t.app.ctx.sqlite, customer.id)).toEqual([]);
  });

  it('429 with Retry-After on one device: retried after it, only to that device', async () => {
    const { subs } = await setup(2);
    push.failFor(subs[0]!.id, { status: 429, body: 'slow down', headers: { 'Retry-After': '600' } });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const first = await w.drain();
    expect(first.retried).toBe(1);
    const row = pushRows()[0]!;
    expect(row).toMatchObject({ status: 'queued', reason: 'rate_limited', attempts: 1 });
    // The worker's first backoff is 1 minute; the push service asked for 10.
    expect(Date.parse(row.next_attempt_at) - START).toBeGreaterThanOrEqual(600_000);
    expect(push.countFor(subs[1]!.id)).toBe(1);
    t.clock.set(new Date(START + 599_000).toISOString());
    await w.drain();
    expect(push.countFor(subs[0]!.id)).toBe(0);
    await drainUntil(t, w, START + 3_600_000);
    expect(pushRows()[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(push.countFor(subs[0]!.id)).toBe(1);
    expect(push.countFor(subs[1]!.id)).toBe(1);
  });

  it('500 is retried with backoff, and a bounded number of times', async () => {
    const { subs } = await setup(1);
    push.failFor(subs[0]!.id, { status: 500, body: 'oops' });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    await drainUntil(t, w, START + 3_600_000);
    expect(pushRows()[0]).toMatchObject({ status: 'sent', attempts: 2 });
    // Down for good: six attempts (1 min, 5 min, 15 min, 1 h, 3 h apart), then failed.
    push.failFor(subs[0]!.id, ...Array.from({ length: 10 }, () => ({ status: 503, body: 'down' })));
    const bill = pushRows()[0]!;
    await t.ok('payments.create', {
      customerId: bill.customer_id,
      invoiceId: bill.invoice_id!,
      amount: 250_000,
      method: 'cash',
    });
    await drainUntil(t, w, START + 86_400_000);
    expect(pushRows().find((r) => r.kind === 'payment_receipt')).toMatchObject({
      status: 'failed',
      reason: 'server_error',
      attempts: 6,
    });
  });

  it('a push service that never answers: timed out and sent again (the Topic replaces), not left "unknown"', async () => {
    const { subs } = await setup(1, 300);
    push.failFor(subs[0]!.id, 'hang');
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const first = await w.drain();
    expect(first).toMatchObject({ retried: 1, unknown: 0 });
    expect(pushRows()[0]).toMatchObject({ status: 'queued', reason: 'timeout' });
    await drainUntil(t, w, START + 3_600_000);
    expect(pushRows()[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(push.countFor(subs[0]!.id)).toBe(1);
  });
});
