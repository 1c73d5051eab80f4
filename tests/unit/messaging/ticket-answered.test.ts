import { afterEach, describe, expect, it } from 'vitest';
import { FonnteFake } from '../../fakes/messaging/wa-gateways';
import { portalWorld, type PortalWorld } from '../portal/fixtures';
import { NO_QUIET, outbox, worker } from './outbox-fixtures';

let w: PortalWorld;
let fonnte: FonnteFake;
afterEach(async () => {
  await w?.close();
  await fonnte?.stop();
});

describe('"ticket answered"', () => {
  it('is queued in the transaction of a staff answer, once per answer, and tells the customer the ticket and its subject', async () => {
    w = await portalWorld();
    fonnte = await new FonnteFake().start();
    await w.t.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
    const cookie = await w.signIn(w.a.code, w.a.password);
    const opened = await w.call(
      'portal.tickets.open',
      { category: 'gangguan', text: 'Internet mati sejak pagi\nLOS merah' },
      cookie,
    );
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    const id = opened.value.ticket.id;
    // Nothing is queued while no channel is on (an ISP without messaging grows no outbox).
    await w.t.ok('tickets.reply', { id, text: 'Kami cek dulu.' });
    expect(outbox(w.t).filter((r) => r.kind === 'ticket_answered')).toHaveLength(0);

    await w.t.ok('messages.saveChannel', {
      channel: 'whatsapp',
      enabled: true,
      settings: { provider: 'fonnte', baseUrl: fonnte.url, token: 'fonnte-test-token' },
      throttle: { ...NO_QUIET, minGapSeconds: 0, maxGapSeconds: 0 },
    });
    await w.t.ok('tickets.reply', { id, text: 'Teknisi kami datang jam 2 siang.' });
    // A customer's own reply queues nothing; the next staff answer is news again.
    expect((await w.call('portal.tickets.reply', { id, text: 'Baik, terima kasih' }, cookie)).ok).toBe(true);
    await w.t.ok('tickets.reply', { id, text: 'Sudah normal kembali.' });
    const rows = outbox(w.t).filter((r) => r.kind === 'ticket_answered');
    expect(rows.map((r) => r.customer_id)).toEqual([w.a.id, w.a.id]);

    // The customer opted out of it: the third answer queues nothing.
    await w.t.ok('messages.savePrefs', { customerId: w.a.id, channel: null, optOut: ['ticket_answered'] });
    await w.t.ok('tickets.reply', { id, text: 'Tiket kami tutup.' });
    expect(outbox(w.t).filter((r) => r.kind === 'ticket_answered')).toHaveLength(2);
    await w.t.ok('messages.savePrefs', { customerId: w.a.id, channel: null, optOut: [] });

    const wk = worker(w.t);
    const res = await wk.drain();
    await wk.close();
    expect(res.sent).toBeGreaterThanOrEqual(2);
    const sent = fonnte.messages.filter((m) => m.text.includes(`#${id}`));
    expect(sent).toHaveLength(2);
    expect(sent[0]!.text).toContain('Internet mati sejak pagi');
    expect(sent[0]!.text).not.toContain('LOS merah');
    expect(sent[0]!.to).toBe('6281200000000');
  });
});
