import { afterEach, describe, expect, it } from 'vitest';
import { upsertPrefs } from '../../../src-main/data/messaging/config.repository';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { FonnteFake } from '../../fakes/messaging/wa-gateways';
import { seedBilling, travelTo } from '../billing/fixtures';
import { drainUntil, fonnteChannel, NO_QUIET, outbox, worker } from './outbox-fixtures';

let t: TestApp;
let fonnte: FonnteFake;
afterEach(async () => {
  t?.close();
  await fonnte?.stop();
});

// 24 Nov 2026, 10:00 WIB.
const START = Date.parse('2026-11-24T03:00:00.000Z');

async function setup(customers = 3) {
  t = await testApp({ clock: new FakeClock(START) });
  fonnte = await new FonnteFake().start();
  const seeded = await seedBilling(t, { customers, startDate: '2026-11-01' });
  // The default texts sign with the ISP's phone: without it the template cannot be filled.
  await t.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
  return seeded;
}

describe('the outbox', () => {
  it('queues nothing while no channel is set up', async () => {
    await setup();
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(outbox(t)).toEqual([]);
  });

  it('queues one "bill issued" per invoice with the run, and one receipt per payment, never twice', async () => {
    const { customers } = await setup();
    await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
    const run = await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(run.created).toBe(3);
    expect(outbox(t).map((r) => [r.kind, r.status])).toEqual([
      ['bill_issued', 'queued'],
      ['bill_issued', 'queued'],
      ['bill_issued', 'queued'],
    ]);
    // A second run creates nothing and queues nothing.
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(outbox(t)).toHaveLength(3);
    const inv = outbox(t)[0]!.invoice_id!;
    const pay = await t.ok('payments.create', {
      customerId: customers[0]!.id,
      invoiceId: inv,
      amount: 250_000,
      method: 'cash',
    });
    const receipts = outbox(t).filter((r) => r.kind === 'payment_receipt');
    expect(receipts).toMatchObject([{ payment_id: pay.id, customer_id: customers[0]!.id }]);
    // The unique key refuses a second row for the same event, whatever the caller does.
    expect(() =>
      t.app.ctx.sqlite
        .prepare(
          `INSERT INTO message_outbox(dedupe_key, kind, channel, customer_id, next_attempt_at) SELECT dedupe_key, kind, channel, customer_id, next_attempt_at FROM message_outbox WHERE id = ?`,
        )
        .run(receipts[0]!.id),
    ).toThrow(/UNIQUE/);
  });

  it('sends with the gap between messages, re-checks relevance, and honours opt-out', async () => {
    const { customers } = await setup();
    await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
    upsertPrefs(t.app.ctx.sqlite, customers[2]!.id, { channel: null, optOut: ['bill_issued'] }, 'now');
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(outbox(t)).toHaveLength(2); // the opted-out customer's row is never queued
    // The first customer pays before the worker runs: the bill notice is cancelled, with the reason.
    const first = outbox(t)[0]!;
    await t.ok('payments.create', {
      customerId: customers[0]!.id,
      invoiceId: first.invoice_id!,
      amount: 250_000,
      method: 'cash',
    });
    const w = worker(t);
    const r1 = await w.drain();
    expect(r1).toMatchObject({ sent: 1, cancelled: 1 });
    expect(r1.nextAt).toBeGreaterThanOrEqual(START + 5_000);
    expect(r1.nextAt).toBeLessThanOrEqual(START + 15_000);
    // Nothing more before the gap has passed.
    t.clock.advance(4_000);
    expect((await w.drain()).sent).toBe(0);
    const total = await drainUntil(t, w, START + 60_000);
    expect(total.sent).toBe(1);
    expect(fonnte.messages.map((m) => m.to)).toEqual(['6281200000001', '6281200000000']);
    const rows = outbox(t);
    expect(rows.find((r) => r.id === first.id)).toMatchObject({ status: 'cancelled', reason: 'invoice_paid' });
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(2);
    expect(fonnte.messages[0]!.text).toContain('Pelanggan 2');
    await w.close();
  });

  it('holds messages in quiet hours (ISP zone) and sends them at the end', async () => {
    await setup(1);
    // 22:00 WIB.
    travelTo(t, '2026-11-24T15:00:00.000Z');
    await t.ok(
      'messages.saveChannel',
      fonnteChannel(fonnte.url, { ...NO_QUIET, quietStart: '21:00', quietEnd: '07:00' }),
    );
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const w = worker(t);
    const r = await w.drain();
    expect(r.sent).toBe(0);
    expect(new Date(r.nextAt!).toISOString()).toBe('2026-11-25T00:00:00.000Z'); // 07:00 WIB
    t.clock.set('2026-11-24T23:59:59.000Z');
    expect((await w.drain()).sent).toBe(0);
    t.clock.set('2026-11-25T00:00:00.000Z');
    expect((await w.drain()).sent).toBe(1);
    await w.close();
  });

  it('pause holds the channel until resume', async () => {
    await setup(1);
    await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    await t.ok('messages.pauseChannel', { channel: 'whatsapp', paused: true });
    const w = worker(t);
    expect(await w.drain()).toMatchObject({ sent: 0, nextAt: null });
    await t.ok('messages.pauseChannel', { channel: 'whatsapp', paused: false });
    expect((await w.drain()).sent).toBe(1);
    await w.close();
  });

  it('provider down → retried with backoff → sent exactly once', async () => {
    await setup(1);
    await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    fonnte.http.fail({ kind: 'status', status: 503 }, 2);
    const w = worker(t);
    const first = await w.drain();
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    expect(outbox(t)[0]).toMatchObject({ status: 'queued', attempts: 1, reason: 'server_error' });
    const total = await drainUntil(t, w, START + 24 * 3_600_000);
    expect(total).toMatchObject({ sent: 1, retried: 1, failed: 0 });
    expect(fonnte.messages).toHaveLength(1);
    expect(outbox(t)[0]).toMatchObject({ status: 'sent', attempts: 3 });
    await w.close();
  });

  it('an invalid phone number is failed with the reason, not retried', async () => {
    const { customers } = await setup(1);
    t.app.ctx.sqlite.prepare("UPDATE customers SET phone = '021-555-1234' WHERE id = ?").run(customers[0]!.id);
    await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const w = worker(t);
    expect(await w.drain()).toMatchObject({ failed: 1, nextAt: null });
    expect(outbox(t)[0]).toMatchObject({ status: 'failed', reason: 'invalid_phone', attempts: 0 });
    expect(fonnte.http.requests).toHaveLength(0);
    await w.close();
  });
});
