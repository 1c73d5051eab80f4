import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setPortalStatus } from '../../../src-main/core/portal/status';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBilling } from '../billing/fixtures';

/*
 * The desk's "Salin link bayar" and "Kirim via WhatsApp" (invoices.payLink, invoices.payLinkWhatsApp):
 * the portal's public address, a token made once and audited once, refusals that say what to set, and
 * click-to-chat text that carries the pay link.
 */
let t: TestApp;
let invoiceId: number;
let customerId: number;

const auditRows = (action: string) =>
  t.app.ctx.sqlite.prepare('SELECT after FROM audit_log WHERE action = ?').all(action) as { after: string }[];
const links = () => (t.app.ctx.sqlite.prepare('SELECT count(*) AS n FROM portal_pay_links').get() as { n: number }).n;

beforeEach(async () => {
  t = await testApp();
  const { customers } = await seedBilling(t, { customers: 1 });
  customerId = customers[0]!.id;
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  invoiceId = (await t.ok('invoices.list', { customerId })).items[0]!.id;
});
afterEach(() => t.close());

describe('invoices.payLink', () => {
  it('says what to set when the portal has no address, and writes nothing', async () => {
    const r = await t.call('invoices.payLink', { invoiceId });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.message).toContain('Portal address for customers');
    }
    expect(links()).toBe(0);
    expect(auditRows('invoice.pay_link')).toHaveLength(0);
  });

  it('gives the bill’s pay page on the public address; the token is made and audited once', async () => {
    await t.ok('settings.update', { portalPublicUrl: 'https://bayar.contoh.net/' });
    const first = await t.ok('invoices.payLink', { invoiceId });
    expect(first.created).toBe(true);
    expect(first.url).toMatch(/^https:\/\/bayar\.contoh\.net\/bayar\/[A-Za-z0-9_-]{22}$/);
    const again = await t.ok('invoices.payLink', { invoiceId });
    expect(again).toEqual({ url: first.url, created: false });
    const rows = auditRows('invoice.pay_link');
    expect(rows).toHaveLength(1);
    // The token opens the pay page: it is not written into the audit trail.
    expect(rows[0]!.after).not.toContain(first.url.split('/').pop()!);
  });

  it('uses where the portal listens when no public address is set', async () => {
    setPortalStatus(t.app.ctx, { url: 'http://192.168.88.10:8080/', error: null });
    expect((await t.ok('invoices.payLink', { invoiceId })).url).toMatch(/^http:\/\/192\.168\.88\.10:8080\/bayar\//);
  });

  it('refuses a paid and a void invoice, and an unknown one', async () => {
    await t.ok('settings.update', { portalPublicUrl: 'https://bayar.contoh.net' });
    const inv = await t.ok('invoices.get', { id: invoiceId });
    await t.ok('payments.create', { customerId, amount: inv.amount, method: 'cash' });
    const paid = await t.call('invoices.payLink', { invoiceId });
    expect(!paid.ok && paid.error.message).toBe('This invoice is paid: nothing is left to pay');
    const missing = await t.call('invoices.payLink', { invoiceId: 999_999 });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
    expect(links()).toBe(0);
  });
});

describe('invoices.payLinkWhatsApp', () => {
  it('opens click-to-chat with the bill’s text and its pay link, recorded as an offer', async () => {
    await t.ok('settings.update', { portalPublicUrl: 'https://bayar.contoh.net', ispPhone: '0211234567' });
    const r = await t.ok('invoices.payLinkWhatsApp', { invoiceId });
    expect(r.payUrl).toMatch(/^https:\/\/bayar\.contoh\.net\/bayar\//);
    expect(r.url).toMatch(/^https:\/\/wa\.me\/62812/);
    const text = decodeURIComponent(r.url.split('?text=')[1]!);
    expect(text).toContain(`Bayar online: ${r.payUrl}`);
    expect(text).toContain('Yth. Bapak/Ibu');
    expect(auditRows('messages.waLink')).toHaveLength(1);
    expect(auditRows('invoice.pay_link')).toHaveLength(1);
  });
});
