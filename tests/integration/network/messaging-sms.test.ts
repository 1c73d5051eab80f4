/**
 * SMS through the MikroTik LTE modem from the outbox: the channel is a router of the Jaringan screen,
 * the worker sends `/tool/sms/send` over the app's pooled RouterOS client (the simulator's modem).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { poolConnector } from '../../../src-main/core/network/pool-connector';
import { setConnector } from '../../../src-main/core/network/router-access';
import { FakeClock, testApp } from '../../helpers/app';
import { RouterSim } from '../../routeros-sim/simulator';
import { SimSmsModem } from '../../routeros-sim/sms';
import { seedBilling } from '../../unit/billing/fixtures';
import { outbox, worker } from '../../unit/messaging/outbox-fixtures';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('SMS channel (MikroTik modem)', () => {
  it('sends a bill notice as one GSM-7 SMS through the router, and refuses an unknown router', async () => {
    const t = await testApp({ clock: new FakeClock(Date.parse('2026-11-24T03:00:00.000Z')) });
    const sim = await new RouterSim().start();
    const modem = new SimSmsModem(sim);
    const connector = poolConnector(t.app.ctx);
    setConnector(t.app.ctx, connector);
    cleanups.push(
      () => t.close(),
      () => sim.stop(),
      () => connector.close(),
    );
    const target = sim.target();
    const router = await t.ok('routers.create', {
      name: 'Kantor',
      host: target.host,
      port: target.port,
      username: target.username,
      password: target.password,
    });
    await seedBilling(t, { customers: 1, startDate: '2026-11-01', openShift: false });
    await t.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
    const throttle = { minGapSeconds: 3, maxGapSeconds: 8, dailyCap: 300, quietStart: null, quietEnd: null };
    const bad = await t.call('messages.saveChannel', {
      channel: 'sms',
      enabled: true,
      settings: { provider: 'mikrotik_sms', routerId: router.id + 100, port: 'lte1' },
      throttle,
    });
    expect(bad).toMatchObject({ ok: false, error: { issues: [{ path: 'settings.routerId' }] } });
    await t.ok('messages.saveChannel', {
      channel: 'sms',
      enabled: true,
      settings: { provider: 'mikrotik_sms', routerId: router.id, port: 'lte1' },
      throttle,
    });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const w = worker(t);
    expect((await w.drain()).sent).toBe(1);
    await w.close();
    expect(modem.sent).toHaveLength(1);
    expect(modem.sent[0]).toMatchObject({ port: 'lte1', phoneNumber: '+6281200000000' });
    expect(modem.sent[0]!.message.length).toBeLessThanOrEqual(160);
    expect(outbox(t)[0]).toMatchObject({ status: 'sent', recipient: '+6281200000000' });
  });
});
