import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { FonnteFake } from '../../fakes/messaging/wa-gateways';
import { seedBilling } from '../billing/fixtures';
import { drainUntil, fonnteChannel, outbox, worker } from './outbox-fixtures';

let t: TestApp;
let fonnte: FonnteFake;
afterEach(async () => {
  t?.close();
  await fonnte?.stop();
});

const START = Date.parse('2026-11-24T03:00:00.000Z');

async function setup(customers = 2) {
  t = await testApp({ clock: new FakeClock(START) });
  fonnte = await new FonnteFake().start();
  const seeded = await seedBilling(t, { customers, startDate: '2026-11-01' });
  await t.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
  return seeded;
}

describe('messaging settings', () => {
  it('keeps provider credentials sealed: never returned, never in the audit trail, kept when left out', async () => {
    await setup();
    const view = await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
    expect(view).toMatchObject({ provider: 'fonnte', baseUrl: fonnte.url, secretsStored: ['token'] });
    expect(JSON.stringify(await t.ok('messages.channels', {}))).not.toContain('fonnte-test-token');
    const stored = t.app.ctx.sqlite.prepare('SELECT config, secret FROM message_channels').get() as {
      config: string;
      secret: string;
    };
    expect(stored.config + stored.secret).not.toContain('fonnte-test-token');
    const audit = t.app.ctx.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'messages.channel.save'").all();
    expect(JSON.stringify(audit)).not.toContain('fonnte-test-token');
    // Saving without the token keeps it: the worker can still send.
    const again = fonnteChannel(fonnte.url);
    again.settings = { provider: 'fonnte', baseUrl: fonnte.url };
    await t.ok('messages.saveChannel', again);
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const w = worker(t);
    expect((await w.drain()).sent).toBe(1);
    await w.close();
    // A provider of another channel is refused, naming the field.
    const wrong = await t.call('messages.saveChannel', { ...fonnteChannel(fonnte.url), channel: 'email' });
    expect(wrong).toMatchObject({ ok: false, error: { issues: [{ path: 'settings.provider' }] } });
  });

  it('refuses an unknown placeholder naming the field, and previews a template with a real customer', async () => {
    const { customers } = await setup();
    const bad = await t.call('messages.saveKind', {
      kind: 'reminder_early',
      enabled: true,
      days: 3,
      texts: { id: { whatsapp: 'Halo {nama}, tagihan {jumlh} jatuh tempo {jatuh_tempo}' } },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'texts.id.whatsapp', message: 'Unknown placeholder jumlh: did you mean jumlah?' }] },
    });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const p = await t.ok('messages.preview', {
      kind: 'reminder_early',
      customerId: customers[1]!.id,
      channel: 'whatsapp',
      texts: { whatsapp: 'Halo {nama}, tagihan {jumlah} jatuh tempo {jatuh_tempo}' },
    });
    expect(p).toMatchObject({
      ok: true,
      text: 'Halo Pelanggan 2, tagihan Rp 250.000 jatuh tempo 4 Desember 2026', // issued late on 24 Nov: due 10 days later
      recipient: '+6281200000001',
    });
  });

  it('edits and previews every part: SMS with its length, the push title and body, the e-mail subject', async () => {
    const { customers } = await setup();
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const view = (await t.ok('messages.kinds', {})).find((k) => k.kind === 'bill_issued')!;
    // The screen opens a part with the text in use: here the app's own, in both languages.
    expect(view.texts.id).toEqual({});
    expect(view.defaults.id.pushTitle).toBe('Tagihan {periode} sudah terbit');
    expect(view.defaults.en.pushTitle).toMatch(/\{period\}/);

    const bad = await t.call('messages.saveKind', {
      kind: 'bill_issued',
      enabled: true,
      days: null,
      texts: { id: { pushTitle: 'Tagihan {periode} untuk {nma}' } },
    });
    expect(bad).toMatchObject({ ok: false, error: { issues: [{ path: 'texts.id.pushTitle' }] } });
    const long = await t.call('messages.saveKind', {
      kind: 'bill_issued',
      enabled: true,
      days: null,
      texts: { id: { pushTitle: 'x'.repeat(101) } },
    });
    expect(long).toMatchObject({ ok: false, error: { issues: [{ path: 'texts.id.pushTitle' }] } });
    expect((await t.ok('messages.kinds', {})).find((k) => k.kind === 'bill_issued')!.texts.id).toEqual({});

    await t.ok('messages.saveKind', {
      kind: 'bill_issued',
      enabled: true,
      days: null,
      texts: { id: { pushTitle: 'Tagihan {periode}: {jumlah}', pushBody: 'Bayar sebelum {jatuh_tempo}, {nama}.' } },
    });
    const push = await t.ok('messages.preview', { kind: 'bill_issued', customerId: customers[0]!.id, channel: 'push' });
    expect(push).toMatchObject({
      ok: true,
      title: 'Tagihan November 2026: Rp 250.000',
      text: 'Bayar sebelum 4 Desember 2026, Pelanggan 1.',
      subject: null,
      sms: null,
      // Push goes to the customer's devices: this one has none.
      recipient: null,
      recipientProblem: 'customer has no device subscribed to push',
    });
    const sms = await t.ok('messages.preview', {
      kind: 'bill_issued',
      customerId: customers[0]!.id,
      channel: 'sms',
      texts: { sms: 'Tagihan {periode} {jumlah}' },
    });
    expect(sms).toMatchObject({
      ok: true,
      text: 'Tagihan November 2026 Rp 250.000',
      title: null,
      sms: { encoding: 'gsm7', units: 32, segments: 1 },
    });
    const email = await t.ok('messages.preview', {
      kind: 'bill_issued',
      customerId: customers[0]!.id,
      channel: 'email',
      texts: { subject: 'Tagihan {no_tagihan}' },
    });
    expect(email.subject).toMatch(/^Tagihan \S+$/);
    expect(email.title).toBeNull();
  });

  it('builds a wa.me link from the template and records the offer', async () => {
    const { customers } = await setup();
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const { url } = await t.ok('messages.waLink', { kind: 'bill_issued', customerId: customers[0]!.id });
    expect(url.startsWith('https://wa.me/6281200000000?text=')).toBe(true);
    expect(decodeURIComponent(url.split('text=')[1]!)).toContain('Pelanggan 1');
    expect(t.app.ctx.sqlite.prepare('SELECT COUNT(*) AS n FROM message_link_offers').get()).toEqual({ n: 1 });
  });

  it('a broadcast queues one message per customer, drains with progress, and a failure can be resent', async () => {
    await setup(5);
    await t.ok('messages.saveChannel', fonnteChannel(fonnte.url));
    fonnte.invalidTargets.add('6281200000002');
    const b = await t.ok('messages.broadcast', { body: 'Gangguan di area Utara', routerId: null, expiresOn: null });
    expect(b.queued).toBe(5);
    await drainUntil(t, worker(t), START + 3_600_000);
    expect(await t.ok('messages.counts', { broadcastId: b.broadcastId })).toMatchObject({ sent: 4, failed: 1 });
    const failed = await t.ok('messages.list', { status: 'failed', page: 1, pageSize: 25 });
    expect(failed.items).toMatchObject([{ kind: 'broadcast', reason: 'invalid_recipient' }]);
    fonnte.invalidTargets.clear();
    await t.ok('messages.resend', { id: failed.items[0]!.id });
    await drainUntil(t, worker(t), START + 7_200_000);
    expect(await t.ok('messages.counts', { broadcastId: b.broadcastId })).toMatchObject({ sent: 5, failed: 0 });
    expect(fonnte.messages.filter((m) => m.text.includes('Gangguan di area Utara'))).toHaveLength(5);
    const cancel = await t.call('messages.cancel', { id: failed.items[0]!.id, reason: 'x' });
    expect(cancel).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(outbox(t)).toHaveLength(5);
  });
});
