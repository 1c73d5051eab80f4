import { afterEach, describe, expect, it } from 'vitest';
import { MikrotikSmsChannel } from '../../../src-main/integrations/messaging/channels/mikrotik-sms';
import { composeMessage } from '../../../src-main/integrations/messaging/templates/defaults';
import type { OutgoingMessage } from '../../../src-main/integrations/messaging/types';
import { RouterPool } from '../../../src-main/routeros/pool';
import { RouterSim } from '../../routeros-sim/simulator';
import { SimSmsModem } from '../../routeros-sim/sms';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(password?: string, timeoutMs = 10_000) {
  const sim = await new RouterSim().start();
  const modem = new SimSmsModem(sim);
  const pool = new RouterPool({ backoffInitialMs: 10, retryFloorMs: 0 });
  pool.set('r1', sim.target(password ? { password } : {}));
  cleanups.push(
    () => sim.stop(),
    () => pool.close(),
  );
  const ch = new MikrotikSmsChannel({ client: pool.client('r1'), port: 'lte1', timeoutMs });
  return { sim, modem, pool, ch };
}

function sms(over: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const c = composeMessage(
    'reminder_final',
    'sms',
    { name: 'Budi', period: '2026-07', amount: 150_000, dueDate: '2026-07-10', ispPhone: '0812-3456-7890' },
    { lang: 'id', tz: 'Asia/Jakarta' },
  );
  if (!c.ok) throw new Error('compose');
  return {
    reference: 'inv-9:reminder_final',
    to: { kind: 'phone', e164: '+6281298765432' },
    text: c.content.text!,
    ...over,
  };
}

describe('SMS through the MikroTik LTE modem (RouterOS simulator)', () => {
  it('sends /tool/sms/send with port, international number and the GSM-7 text', async () => {
    const { sim, modem, ch } = await setup();
    const seen = sim.waitForCommand('/tool/sms/send');
    expect(await ch.send(sms())).toEqual({ ok: true, providerMessageId: null, providerStatus: 'submitted to modem' });
    expect((await seen).attrs).toEqual({
      port: 'lte1',
      'phone-number': '+6281298765432',
      message:
        'Yth. Budi, tagihan Juli 2026 Rp 150.000 jatuh tempo besok 10 Juli 2026. Abaikan bila sudah bayar. Info 0812-3456-7890',
    });
    expect(modem.sent).toHaveLength(1);
    expect(await ch.lookup()).toEqual({ kind: 'unsupported' });
  });

  it('refuses texts the modem cannot send before they reach the router', async () => {
    const { sim, ch } = await setup();
    expect(await ch.send(sms({ text: 'Terima kasih 🙏' }))).toMatchObject({
      ok: false,
      failure: { reason: 'message_rejected', providerCode: 'not_gsm7', retryable: false },
    });
    expect(await ch.send(sms({ text: 'x'.repeat(161) }))).toMatchObject({
      ok: false,
      failure: { providerCode: 'too_long' },
    });
    expect(sim.stats.byCommand['/tool/sms/send']).toBeUndefined();
  });

  it('a modem without signal is retried later; a wrong port is a settings problem', async () => {
    const { modem, pool } = await setup();
    modem.failNext('failed to send sms: no network');
    const ch = new MikrotikSmsChannel({ client: pool.client('r1'), port: 'lte1' });
    expect(await ch.send(sms())).toMatchObject({
      ok: false,
      failure: { reason: 'device_offline', retryable: true, scope: 'channel', maybeAccepted: false },
    });
    const wrong = new MikrotikSmsChannel({ client: pool.client('r1'), port: 'lte9' });
    expect(await wrong.send(sms())).toMatchObject({
      ok: false,
      failure: { reason: 'config', retryable: false, scope: 'channel' },
    });
    expect(await ch.send(sms())).toMatchObject({ ok: true });
    expect(modem.sent).toHaveLength(1);
  });

  it('a router without the SMS tool answers "no such command": config', async () => {
    const { sim, ch } = await setup();
    sim.extraCommands.delete('/tool/sms/send');
    expect(await ch.send(sms())).toMatchObject({ ok: false, failure: { reason: 'config' } });
  });

  it('no answer or a dropped connection may have sent it; router off has not; wrong password stops the channel', async () => {
    const { sim, ch } = await setup(undefined, 300);
    sim.inject('/tool/sms/send', { kind: 'silent' }, 1);
    expect(await ch.send(sms())).toMatchObject({
      ok: false,
      failure: { reason: 'timeout', retryable: true, maybeAccepted: true },
    });
    sim.inject('/tool/sms/send', { kind: 'drop' }, 1);
    expect(await ch.send(sms())).toMatchObject({ ok: false, failure: { reason: 'network', maybeAccepted: true } });
    await sim.stop();
    expect(await ch.send(sms())).toMatchObject({ ok: false, failure: { reason: 'network', maybeAccepted: false } });
    const bad = await setup('salah');
    expect(await bad.ch.send(sms())).toMatchObject({
      ok: false,
      failure: { reason: 'auth', scope: 'channel', retryable: false },
    });
  });
});
