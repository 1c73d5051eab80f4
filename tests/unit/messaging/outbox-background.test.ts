import { afterEach, describe, expect, it } from 'vitest';
import { FAILED_NOTICE_EVERY_MS, startMessaging } from '../../../src-main/core/messaging/background';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { FonnteFake } from '../../fakes/messaging/wa-gateways';
import { seedBilling } from '../billing/fixtures';
import { fonnteChannel, NO_QUIET, outbox } from './outbox-fixtures';

let t: TestApp;
let fonnte: FonnteFake;
afterEach(async () => {
  t?.close();
  await fonnte?.stop();
});

/** The background worker with its timers in a list (fired by hand) on the fake clock; jitter 0. */
function startWithHandTimers() {
  const timers: { fn: () => void; ms: number }[] = [];
  const stop = startMessaging(t.app, {
    rng: () => 0,
    timers: {
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      clearTimeout: () => undefined,
      now: () => t.clock.now().getTime(),
    },
  });
  return { timers, stop };
}

describe('the message worker as background work', () => {
  it('sends after a business change, waits for the throttle on its timer, and stops cleanly', async () => {
    t = await testApp({ clock: new FakeClock(Date.parse('2026-11-24T03:00:00.000Z')) });
    fonnte = await new FonnteFake().start();
    await seedBilling(t, { customers: 2, startDate: '2026-11-01', openShift: false });
    await t.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
    await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
    const { timers, stop } = startWithHandTimers();
    // The invoice run emits data.changed: the worker wakes and sends the first notice.
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    await expect.poll(() => fonnte.messages.length).toBe(1);
    // The second waits for the gap (5 s with this RNG): the worker set its timer to it.
    await expect.poll(() => timers.at(-1)?.ms).toBe(5_000);
    t.clock.advance(5_000);
    timers.at(-1)!.fn();
    await expect.poll(() => outbox(t).filter((r) => r.status === 'sent').length).toBe(2);
    await stop();
    expect(fonnte.messages).toHaveLength(2);
  });

  it('tells staff once per batch how many messages failed for good: when the queue has drained, or every 10 minutes', async () => {
    t = await testApp({ clock: new FakeClock(Date.parse('2026-11-24T03:00:00.000Z')) });
    fonnte = await new FonnteFake().start();
    await seedBilling(t, { customers: 5, startDate: '2026-11-01', openShift: false });
    await t.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
    // One message every 4 minutes: the five bill notices take 16 minutes to drain.
    await t.ok(
      'messages.saveChannel',
      fonnteChannel(fonnte.url, { ...NO_QUIET, minGapSeconds: 240, maxGapSeconds: 240 }),
    );
    // Four of the five numbers are refused by WhatsApp: those fail for good, not retried.
    for (const n of ['6281200000000', '6281200000001', '6281200000002', '6281200000004']) fonnte.invalidTargets.add(n);
    const notices: unknown[] = [];
    t.app.ctx.events.subscribe((e) => {
      if (e.name === 'staff.notify') notices.push(e.payload);
    });
    const { timers, stop } = startWithHandTimers();
    const settled = () => outbox(t).filter((r) => r.status !== 'queued').length;
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    await expect.poll(settled).toBe(1);
    await expect.poll(() => timers.length).toBeGreaterThan(0);
    // What staff had been told each time one more message was settled (sent or failed for good).
    const seen: unknown[][] = [[...notices]];
    // The worker's timer (the next gap, or the one-minute tick), fired by hand on the fake clock.
    while (settled() < 5) {
      const next = timers.at(-1)!;
      const armed = timers.length;
      t.clock.advance(next.ms);
      next.fn();
      await expect.poll(() => timers.length).toBeGreaterThan(armed);
      if (settled() > seen.length) seen.push([...notices]);
    }
    expect(outbox(t).map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'sent', 'failed']);
    // Minutes 0, 4 and 8 failed: nothing is told while the batch drains until 10 minutes after the first
    // failure (three so far, before minute 12's message); the last failure when the queue is empty.
    expect(seen).toEqual([
      [],
      [],
      [],
      [{ kind: 'messages_failed', count: 3 }],
      [
        { kind: 'messages_failed', count: 3 },
        { kind: 'messages_failed', count: 1 },
      ],
    ]);
    expect(FAILED_NOTICE_EVERY_MS).toBe(600_000);
    await stop();
  });
});
