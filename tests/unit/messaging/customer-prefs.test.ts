import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { FonnteFake } from '../../fakes/messaging/wa-gateways';
import { seedBilling } from '../billing/fixtures';
import { NO_QUIET, drainUntil, fonnteChannel, outbox, worker } from './outbox-fixtures';

let t: TestApp;
let fonnte: FonnteFake;
afterEach(async () => {
  t?.close();
  await fonnte?.stop();
});

const START = Date.parse('2026-11-24T03:00:00.000Z');

describe("a customer's preferred channel and opt-outs", () => {
  it('route and filter what the invoice run queues, are audited, and an opt-out after queuing cancels at send time', async () => {
    t = await testApp({ clock: new FakeClock(START) });
    fonnte = await new FonnteFake().start();
    const { customers } = await seedBilling(t, { customers: 3, startDate: '2026-11-01' });
    const [prefersMail, optedOut, plain] = customers;
    await t.ok('customers.update', { id: prefersMail!.id, email: 'budi@example.net' });
    await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
    await t.ok('messages.saveChannel', {
      channel: 'email',
      enabled: true,
      settings: {
        provider: 'smtp',
        host: '127.0.0.1',
        port: 2525,
        security: 'none',
        fromAddress: 'billing@netdesa.id',
      },
      throttle: NO_QUIET,
    });

    await t.ok('messages.savePrefs', { customerId: prefersMail!.id, channel: 'email', optOut: [] });
    await t.ok('messages.savePrefs', {
      customerId: optedOut!.id,
      channel: null,
      optOut: ['bill_issued', 'payment_receipt'],
    });
    expect(await t.ok('messages.prefs', { customerId: optedOut!.id })).toMatchObject({
      channel: null,
      optOut: ['bill_issued', 'payment_receipt'],
      e164: '+6281200000001',
    });
    const audit = t.app.ctx.sqlite
      .prepare(
        "SELECT entity_id AS id, before, after FROM audit_log WHERE action = 'customer.messagePrefs' ORDER BY id",
      )
      .all() as { id: string; before: string; after: string }[];
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]!.after)).toEqual({ channel: null, optOut: ['bill_issued', 'payment_receipt'] });

    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const queued = outbox(t).map((r) => ({
      customer: r.customer_id,
      kind: r.kind,
      channel: (r as { channel?: string }).channel,
    }));
    expect(queued).toEqual([
      { customer: prefersMail!.id, kind: 'bill_issued', channel: 'email' },
      { customer: plain!.id, kind: 'bill_issued', channel: 'whatsapp' },
    ]);

    // The plain customer opts out after the bill was queued: the worker cancels it with the reason.
    await t.ok('messages.savePrefs', { customerId: plain!.id, channel: null, optOut: ['bill_issued'] });
    await t.ok('messages.pauseChannel', { channel: 'email', paused: true });
    await drainUntil(t, worker(t), START + 3_600_000);
    const plainRow = outbox(t).find((r) => r.customer_id === plain!.id)!;
    expect(plainRow).toMatchObject({ status: 'cancelled', reason: 'opted_out' });
    expect(fonnte.messages).toHaveLength(0);

    // A channel that is not a message channel is refused, naming the field; nothing written.
    const bad = await t.call('messages.savePrefs', { customerId: plain!.id, channel: 'fax' as never, optOut: [] });
    expect(bad).toMatchObject({ ok: false, error: { issues: [{ path: 'channel' }] } });
    expect(await t.ok('messages.prefs', { customerId: plain!.id })).toMatchObject({ optOut: ['bill_issued'] });
  });
});
