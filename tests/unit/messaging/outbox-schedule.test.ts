import { afterEach, describe, expect, it } from 'vitest';
import { runAutomation } from '../../../src-main/core/billing/automation';
import { scheduleMessages } from '../../../src-main/core/messaging/schedule';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { FonnteFake } from '../../fakes/messaging/wa-gateways';
import { addAccount, seedBilling, travelTo } from '../billing/fixtures';
import { drainUntil, fonnteChannel, outbox, worker } from './outbox-fixtures';

let t: TestApp;
let fonnte: FonnteFake;
afterEach(async () => {
  t?.close();
  await fonnte?.stop();
});

const ZONES = [
  { tz: 'Asia/Jakarta', offset: 7 },
  { tz: 'Asia/Makassar', offset: 8 },
  { tz: 'Asia/Jayapura', offset: 9 },
] as const;

/** The UTC instant of local `date` `hh:mm:ss` in a zone with this offset. */
const at = (date: string, time: string, offset: number) =>
  new Date(Date.parse(`${date}T${time}.000Z`) - offset * 3_600_000).toISOString();

const kinds = () => outbox(t).map((r) => r.kind);

async function setup(tz: string, offset: number) {
  // Invoices issued 1 Nov (local), due 11 Nov (10 due days).
  t = await testApp({ clock: new FakeClock(Date.parse(at('2026-11-01', '08:00:00', offset))) });
  fonnte = await new FonnteFake().start();
  const seeded = await seedBilling(t, { customers: 1, startDate: '2026-11-01', openShift: false });
  await t.ok('settings.update', { timeZone: tz as 'Asia/Jakarta', ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
  await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  return seeded;
}

describe('reminders fire on the right business day, at the day boundary, in WIB, WITA and WIT', () => {
  for (const { tz, offset } of ZONES) {
    it(tz, async () => {
      await setup(tz, offset);
      expect(kinds()).toEqual(['bill_issued']);
      scheduleMessages(t.app.ctx); // 1 Nov: nothing due
      const steps: [string, string[]][] = [
        ['2026-11-08', ['reminder_early']], // H-3
        ['2026-11-10', ['reminder_final']], // H-1
        ['2026-11-11', ['due_today']],
        ['2026-11-12', ['overdue']], // 1 day after
      ];
      let seen = 1;
      for (const [day, expected] of steps) {
        const [y, m, d] = day.split('-').map(Number) as [number, number, number];
        const eve = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
        travelTo(t, at(eve, '23:59:59', offset));
        scheduleMessages(t.app.ctx);
        expect(kinds().slice(seen), `${tz} before ${day}`).toEqual([]);
        travelTo(t, at(day, '00:00:00', offset));
        scheduleMessages(t.app.ctx);
        expect(kinds().slice(seen), `${tz} on ${day}`).toEqual(expected);
        seen += expected.length;
        // Again the same day: nothing new.
        scheduleMessages(t.app.ctx);
        expect(outbox(t)).toHaveLength(seen);
      }
    });
  }
});

describe('catch-up and the kinds in Settings', () => {
  it('after the PC was off, only what is still relevant is sent; the rest is cancelled with the reason', async () => {
    await setup('Asia/Makassar', 8);
    scheduleMessages(t.app.ctx); // the app's pass on 1 Nov
    await drainUntil(t, worker(t), Date.parse('2026-11-02T00:00:00.000Z'));
    // Off from 2 Nov to the due date (11 Nov, 10:00 WITA): H-3, H-1 and due-today are caught up.
    travelTo(t, at('2026-11-11', '10:00:00', 8));
    expect(scheduleMessages(t.app.ctx).map((d) => d.day)).toEqual([
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
      '2026-11-08',
      '2026-11-09',
      '2026-11-10',
      '2026-11-11',
    ]);
    const w = worker(t);
    await drainUntil(t, w, Date.parse(at('2026-11-11', '12:00:00', 8)));
    expect(outbox(t).map((r) => [r.kind, r.status, r.reason])).toEqual([
      ['bill_issued', 'sent', null],
      ['reminder_early', 'cancelled', 'due_date_reached'],
      ['reminder_final', 'cancelled', 'due_date_reached'],
      ['due_today', 'sent', null],
    ]);
    expect(fonnte.messages).toHaveLength(2);
    await w.close();
  });

  it('a kind switched off is not queued, and its days come from Settings', async () => {
    await setup('Asia/Jakarta', 7);
    await t.ok('messages.saveKind', { kind: 'reminder_early', enabled: true, days: 5, texts: {} });
    await t.ok('messages.saveKind', { kind: 'reminder_final', enabled: false, days: 1, texts: {} });
    travelTo(t, at('2026-11-06', '00:00:01', 7)); // H-5
    scheduleMessages(t.app.ctx);
    travelTo(t, at('2026-11-10', '00:00:01', 7)); // H-1: switched off
    scheduleMessages(t.app.ctx);
    expect(kinds()).toEqual(['bill_issued', 'reminder_early']);
    const audit = await t.ok('audit.list', { action: 'messages.kind.save' } as never);
    expect(audit.total).toBe(2);
  });

  it('isolir and restored notices come with the automation and the payment', async () => {
    const { customers, pkg } = await setup('Asia/Jakarta', 7);
    addAccount(t, customers[0]!.id, pkg.id, 'pel1');
    // Due 11 Nov + 3 grace days: isolated on 15 Nov.
    travelTo(t, at('2026-11-15', '09:00:00', 7));
    runAutomation({ app: t.app.ctx, session: null, transport: 'internal' });
    expect(kinds()).toContain('isolir');
    await t.ok('shifts.open', { openingCash: 0 });
    const inv = outbox(t)[0]!.invoice_id!;
    await t.ok('payments.create', { customerId: customers[0]!.id, invoiceId: inv, amount: 250_000, method: 'cash' });
    expect(kinds().slice(-2)).toEqual(['payment_receipt', 'restored']);
    const w = worker(t);
    await drainUntil(t, w, Date.parse(at('2026-11-15', '12:00:00', 7)));
    const byKind = Object.fromEntries(outbox(t).map((r) => [r.kind, r.status]));
    // The bill was paid: its notice is cancelled; the isolir notice is stale (restored since).
    expect(byKind).toMatchObject({
      bill_issued: 'cancelled',
      isolir: 'cancelled',
      payment_receipt: 'sent',
      restored: 'sent',
    });
    expect(fonnte.messages.at(-2)!.text).toContain('PAY');
    await w.close();
  });
});
