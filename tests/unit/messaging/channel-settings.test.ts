import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { SmtpFake } from '../../fakes/messaging/smtp-fake';
import { WhatsAppCloudFake } from '../../fakes/messaging/wa-cloud-fake';
import { FonnteFake } from '../../fakes/messaging/wa-gateways';
import { seedBilling } from '../billing/fixtures';
import { NO_QUIET, drainUntil, fonnteChannel, outbox, worker, type ChannelSettings } from './outbox-fixtures';

let t: TestApp;
const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  t?.close();
  for (const s of stops.splice(0)) await s();
});

const START = Date.parse('2026-11-24T03:00:00.000Z');

async function setup() {
  t = await testApp({ clock: new FakeClock(START) });
  const seeded = await seedBilling(t, { customers: 2, startDate: '2026-11-01' });
  await t.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
  return seeded;
}

const smtpChannel = (port: number): ChannelSettings => ({
  channel: 'email',
  enabled: true,
  settings: {
    provider: 'smtp',
    host: '127.0.0.1',
    port,
    security: 'none',
    user: 'billing@maju.net.id',
    password: 'smtp-secret',
    fromAddress: 'billing@maju.net.id',
    fromName: 'Net Desa',
  },
  throttle: NO_QUIET,
});

const channelRows = () => t.app.ctx.sqlite.prepare('SELECT COUNT(*) AS n FROM message_channels').get();

describe('channel settings: send a test', () => {
  it('sends a test e-mail through the SMTP settings as typed, before they are saved, and shows the answer', async () => {
    await setup();
    const smtp = await new SmtpFake({ security: 'none', user: 'billing@maju.net.id', password: 'smtp-secret' }).start();
    stops.push(() => smtp.stop());
    const r = await t.ok('messages.testChannel', { ...smtpChannel(smtp.port), to: 'owner@example.net' });
    expect(r).toMatchObject({ ok: true, reason: null });
    expect(r.providerStatus).toContain('Ok: queued as FAKE1');
    expect(smtp.mails[0]!.envelope.to).toEqual(['owner@example.net']);
    expect(smtp.mails[0]!.parsed.subject).toBe('Pesan uji · Net Desa');
    expect(channelRows()).toEqual({ n: 0 }); // a test saves nothing
    const audit = t.app.ctx.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'messages.channel.test'").all();
    expect(JSON.stringify(audit)).not.toContain('smtp-secret');

    // A wrong password: the provider's refusal comes back classified, with its own words.
    const bad = smtpChannel(smtp.port);
    bad.settings = { ...bad.settings, password: 'wrong' } as ChannelSettings['settings'];
    const refused = await t.ok('messages.testChannel', { ...bad, to: 'owner@example.net' });
    expect(refused).toMatchObject({ ok: false, reason: 'auth' });
    expect(refused.detail).toContain('535');
    expect(refused.detail).not.toContain('wrong');
  });

  it('a saved secret is used when the test leaves it out; a bad port or address is refused naming the field', async () => {
    await setup();
    const fonnte = await new FonnteFake().start();
    stops.push(() => fonnte.stop());
    await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
    const typed = fonnteChannel(fonnte.url);
    typed.settings = { provider: 'fonnte', baseUrl: fonnte.url };
    expect(await t.ok('messages.testChannel', { ...typed, to: '0812-3456-7890' })).toMatchObject({ ok: true });
    expect(fonnte.messages.at(-1)).toMatchObject({ to: '6281234567890' });
    expect(fonnte.messages.at(-1)!.text).toContain('Pesan uji dari Net Desa');

    const badPhone = await t.call('messages.testChannel', { ...typed, to: '021-555-1234' });
    expect(badPhone).toMatchObject({ ok: false, error: { issues: [{ path: 'to' }] } });
    const badPort = await t.call('messages.saveChannel', { ...smtpChannel(70000) });
    expect(badPort).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'settings.port', message: 'Port: 1 to 65535' }] },
    });
    expect(channelRows()).toEqual({ n: 1 }); // only the WhatsApp channel saved earlier
  });
});

describe('WhatsApp Cloud API: a template per kind', () => {
  it('sends the kind mapped to an approved template with its placeholders in order; an unmapped kind fails with the reason', async () => {
    const { customers } = await setup();
    const cloud = await new WhatsAppCloudFake().start();
    stops.push(() => cloud.stop());
    cloud.addTemplate({ name: 'tagihan_terbit', language: 'id', bodyParams: 3 });
    const settings = {
      provider: 'whatsapp_cloud' as const,
      baseUrl: cloud.url,
      phoneNumberId: cloud.phoneNumberId,
      accessToken: cloud.accessToken,
      templates: { bill_issued: { name: 'tagihan_terbit', language: 'id', params: ['nama', 'jumlah', 'jatuh_tempo'] } },
    };
    // An unknown placeholder in the mapping is refused, naming the field.
    const bad = await t.call('messages.saveChannel', {
      channel: 'whatsapp',
      enabled: true,
      settings: {
        ...settings,
        templates: { bill_issued: { name: 'tagihan_terbit', language: 'id', params: ['jumlh'] } },
      },
      throttle: NO_QUIET,
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'settings.templates.bill_issued.params', message: expect.stringContaining('jumlh') }] },
    });
    const view = await t.ok('messages.saveChannel', {
      channel: 'whatsapp',
      enabled: true,
      settings,
      throttle: NO_QUIET,
    });
    expect(view.templates).toEqual(settings.templates);
    expect(view.secretsStored).toEqual(['accessToken']);

    await t.ok('billing.generateInvoices', { period: '2026-11' });
    await t.ok('messages.broadcast', { body: 'Gangguan', routerId: null, expiresOn: null });
    await drainUntil(t, worker(t), START + 3_600_000);
    expect(cloud.messages).toHaveLength(2);
    expect(cloud.messages[0]).toMatchObject({
      template: 'tagihan_terbit',
      language: 'id',
      params: ['Pelanggan 1', 'Rp 250.000', '4 Desember 2026'],
      to: '6281200000000',
    });
    const broadcast = outbox(t).filter((r) => r.kind === 'broadcast');
    expect(broadcast.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(broadcast[0]!.reason).toBe('template');
    expect(customers).toHaveLength(2);
  });
});
