import { afterEach, describe, expect, it } from 'vitest';
import { startMessaging } from '../../../src-main/core/messaging/background';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { FonnteFake } from '../../fakes/messaging/wa-gateways';
import { seedBilling } from '../billing/fixtures';
import { fonnteChannel, outbox } from './outbox-fixtures';

let t: TestApp;
let fonnte: FonnteFake;
afterEach(async () => {
  t?.close();
  await fonnte?.stop();
});

describe('the message worker as background work', () => {
  it('sends after a business change, waits for the throttle on its timer, and stops cleanly', async () => {
    t = await testApp({ clock: new FakeClock(Date.parse('2026-11-24T03:00:00.000Z')) });
    fonnte = await new FonnteFake().start();
    await seedBilling(t, { customers: 2, startDate: '2026-11-01', openShift: false });
    await t.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
    await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
    const timers: { fn: () => void; ms: number }[] = [];
    const stop = startMessaging(t.app, {
      rng: () => 0,
      timers: {
        setTimeout: (fn, ms) => timers.push({ fn, ms }),
        clearTimeout: () => undefined,
        now: () => t.clock.now().getTime(),
      },
    });
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
});
