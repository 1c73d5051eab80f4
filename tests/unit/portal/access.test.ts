import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalProcedures } from '../../../src-shared/contract/portal';
import { subscriptionsOf, upsertSubscription } from '../../../src-main/data/messaging/push.repository';
import { portalWorld, type PortalWorld } from './fixtures';

/*
 * A customer reads only their own records: every portal channel is tried by customer A with B's ids
 * (or, where a channel takes no id, with B's id smuggled in as an extra field) and must show nothing of B.
 */
let w: PortalWorld;
let cookieA: string;
let bInvoiceIds: number[];
let bPaymentIds: number[];
let bTicket: { id: number; messageId: number };
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

beforeAll(async () => {
  w = await portalWorld();
  cookieA = await w.signIn(w.a.code, w.a.password);
  const cookieB = await w.signIn(w.b.username, w.b.password);
  const inv = await w.call('portal.invoices', {}, cookieB);
  const pay = await w.call('portal.payments', {}, cookieB);
  if (!inv.ok || !pay.ok) throw new Error('B cannot read their own records');
  bInvoiceIds = inv.value.items.map((i) => i.id);
  bPaymentIds = pay.value.items.map((p) => p.id);
  const opened = await w.call(
    'portal.tickets.open',
    { category: 'gangguan', text: 'Internet B mati', photo: { type: 'image/png', base64: PNG } },
    cookieB,
  );
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  bTicket = { id: opened.value.ticket.id, messageId: opened.value.messages[0]!.id };
});
afterAll(() => w.close());

/** Every customer channel and how A tries to reach B through it. */
const attempts: Record<string, () => Promise<void>> = {
  'portal.me': async () => {
    const r = await w.call('portal.me', {}, cookieA);
    expect(r.ok && r.value.customerCode).toBe(w.a.code);
    expect((await w.post('portal.me', { customerId: w.b.id }, { cookie: cookieA })).status).toBe(400);
  },
  'portal.home': async () => {
    const r = await w.call('portal.home', {}, cookieA);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.me.customerCode).toBe(w.a.code);
    for (const i of r.value.bill.openInvoices) expect(bInvoiceIds).not.toContain(i.id);
    expect(r.value.services.map((s) => s.username)).toEqual([w.a.username]);
    expect((await w.post('portal.home', { customerId: w.b.id }, { cookie: cookieA })).status).toBe(400);
  },
  'portal.invoices': async () => {
    const r = await w.call('portal.invoices', { pageSize: 100 }, cookieA);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.items.length).toBeGreaterThan(0);
    for (const i of r.value.items) expect(bInvoiceIds).not.toContain(i.id);
    expect((await w.post('portal.invoices', { customerId: w.b.id }, { cookie: cookieA })).status).toBe(400);
  },
  'portal.invoicePdf': async () => {
    for (const id of bInvoiceIds) {
      const r = await w.post('portal.invoicePdf', { id }, { cookie: cookieA });
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('Pelanggan 2');
    }
  },
  'portal.payments': async () => {
    const r = await w.call('portal.payments', {}, cookieA);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.items.length).toBe(1);
    for (const p of r.value.items) expect(bPaymentIds).not.toContain(p.id);
  },
  'portal.receiptPdf': async () => {
    for (const id of bPaymentIds)
      expect((await w.post('portal.receiptPdf', { id }, { cookie: cookieA })).status).toBe(404);
  },
  'portal.changePassword': async () => {
    const r = await w.post(
      'portal.changePassword',
      { currentPassword: w.b.password, newPassword: 'Kebun-Mangga-77', customerId: w.b.id },
      { cookie: cookieA },
    );
    expect(r.status).toBe(400);
    // B's password still works.
    await w.signIn(w.b.code, w.b.password);
  },
  'portal.updateContact': async () => {
    const r = await w.post('portal.updateContact', { phone: '081299998888', customerId: w.b.id }, { cookie: cookieA });
    expect(r.status).toBe(400);
    const b = await w.t.ok('customers.get', { id: w.b.id });
    expect(b.phone).not.toBe('081299998888');
  },
  'portal.tickets.list': async () => {
    const r = await w.call('portal.tickets.list', {}, cookieA);
    expect(r.ok && r.value.items.map((t) => t.id)).not.toContain(bTicket.id);
    expect((await w.post('portal.tickets.list', { customerId: w.b.id }, { cookie: cookieA })).status).toBe(400);
  },
  'portal.tickets.open': async () => {
    const r = await w.post(
      'portal.tickets.open',
      { category: 'lainnya', text: 'x', customerId: w.b.id },
      { cookie: cookieA },
    );
    expect(r.status).toBe(400);
    expect(w.t.app.ctx.sqlite.prepare('SELECT count(*) AS n FROM tickets WHERE customer_id = ?').get(w.b.id)).toEqual({
      n: 1,
    });
  },
  'portal.tickets.get': async () => {
    const r = await w.post('portal.tickets.get', { id: bTicket.id }, { cookie: cookieA });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('Internet B mati');
  },
  'portal.tickets.reply': async () => {
    const r = await w.post('portal.tickets.reply', { id: bTicket.id, text: 'nyusup' }, { cookie: cookieA });
    expect(r.status).toBe(404);
    expect(w.t.app.ctx.sqlite.prepare("SELECT count(*) AS n FROM ticket_messages WHERE body = 'nyusup'").get()).toEqual(
      { n: 0 },
    );
  },
  'portal.usage': async () => {
    const r = await w.call('portal.usage', {}, cookieA);
    expect(r.ok && r.value.accounts.map((x) => x.username)).toEqual([w.a.username]);
    expect((await w.post('portal.usage', { customerId: w.b.id }, { cookie: cookieA })).status).toBe(400);
  },
  'portal.tickets.photo': async () => {
    const r = await w.post('portal.tickets.photo', { messageId: bTicket.messageId }, { cookie: cookieA });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain(PNG.slice(0, 20));
  },
  'portal.push.config': async () => {
    await bSubscribed();
    const r = await w.call('portal.push.config', { endpoint: B_ENDPOINT }, cookieA);
    expect(r.ok && r.value).toMatchObject({ subscribed: false, devices: 0 });
  },
  'portal.push.subscribe': async () => {
    await bSubscribed();
    const sub = { endpoint: `${B_ENDPOINT}-a`, keys: { p256dh: `B${'A'.repeat(86)}`, auth: `${'x'.repeat(21)}A` } };
    const r = await w.post('portal.push.subscribe', { subscription: sub, customerId: w.b.id }, { cookie: cookieA });
    expect(r.status).toBe(400);
    expect(subscriptionsOf(w.t.app.ctx.sqlite, w.b.id).map((s) => s.endpoint)).toEqual([B_ENDPOINT]);
  },
  'portal.push.unsubscribe': async () => {
    await bSubscribed();
    const r = await w.call('portal.push.unsubscribe', { endpoint: B_ENDPOINT }, cookieA);
    expect(r.ok).toBe(true);
    expect(subscriptionsOf(w.t.app.ctx.sqlite, w.b.id).map((s) => s.endpoint)).toEqual([B_ENDPOINT]);
  },
};

const B_ENDPOINT = 'https://fcm.googleapis.com/fcm/send/b-device';
/** Push on, and B's phone subscribed. */
async function bSubscribed() {
  await w.t.ok('messages.push.settings', {});
  await w.t.ok('messages.push.save', { enabled: true, subject: 'mailto:noc@isp.id', quietStart: null, quietEnd: null });
  upsertSubscription(w.t.app.ctx.sqlite, {
    customerId: w.b.id,
    endpoint: B_ENDPOINT,
    p256dh: `B${'A'.repeat(86)}`,
    auth: `${'x'.repeat(21)}A`,
    device: null,
    now: '2026-11-24T03:00:00.000Z',
  });
}

describe('a customer reads only their own records', () => {
  it('has a cross-customer case for every portal channel that needs a session', () => {
    const customerChannels = Object.entries(portalProcedures)
      .filter(([, p]) => p.access === 'customer')
      .map(([c]) => c)
      .sort();
    expect(Object.keys(attempts).sort()).toEqual(customerChannels);
  });

  for (const [channel, attempt] of Object.entries(attempts)) {
    it(`${channel}: A never reaches B`, async () => {
      await attempt();
    });
  }

  it('A can open their own invoice and receipt as PDFs', async () => {
    const inv = await w.call('portal.invoices', {}, cookieA);
    const pay = await w.call('portal.payments', {}, cookieA);
    if (!inv.ok || !pay.ok) throw new Error('lists failed');
    const pdf = await w.call('portal.invoicePdf', { id: inv.value.items[0]!.id }, cookieA);
    expect(pdf.ok && Buffer.from(pdf.value.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const receipt = await w.call('portal.receiptPdf', { id: pay.value.items[0]!.id }, cookieA);
    expect(receipt.ok && Buffer.from(receipt.value.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('every customer channel refuses a caller without a session', async () => {
    for (const [channel, p] of Object.entries(portalProcedures)) {
      if (p.access !== 'customer') continue;
      expect((await w.post(channel, {})).status, channel).toBe(401);
    }
  });
});
