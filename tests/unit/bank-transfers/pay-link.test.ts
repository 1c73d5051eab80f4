import { afterEach, describe, expect, it } from 'vitest';
import { payPageUrl } from '../../../src-shared/pay-link';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBilling } from '../billing/fixtures';

let t: TestApp;
afterEach(() => t?.close());

async function world() {
  t = await testApp();
  const { customers } = await seedBilling(t, { customers: 1, price: 150_000 });
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  const inv = t.app.ctx.sqlite.prepare(`SELECT id, invoice_number AS number FROM invoices`).get() as {
    id: number;
    number: string;
  };
  return { customer: customers[0]!, inv };
}

const preview = (customerId: number, whatsapp: string) =>
  t.ok('messages.preview', {
    kind: 'reminder_final',
    customerId,
    channel: 'whatsapp',
    texts: { whatsapp },
  });

describe('{link_bayar} and the kode unik amount in reminders', () => {
  it('links to the portal pay page of that bill', async () => {
    const { customer, inv } = await world();
    await t.ok('settings.update', { portalPublicUrl: 'https://bayar.contoh.net' });
    const r = await preview(customer.id, 'Bayar: {link_bayar}');
    // The link carries the bill's random pay token (the portal's /bayar/<token> page), not its number.
    const { token } = t.app.ctx.sqlite
      .prepare('SELECT token FROM portal_pay_links WHERE invoice_id = ?')
      .get(inv.id) as {
      token: string;
    };
    expect(r.text).toBe(`Bayar: https://bayar.contoh.net/bayar/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('without any portal address the template cannot be filled (named, not sent with a hole)', async () => {
    const { customer } = await world();
    const r = await preview(customer.id, 'Bayar: {link_bayar}');
    expect(r.ok).toBe(false);
    expect(r.problem).toContain('link_bayar');
  });

  it('{cara_bayar} carries the exact transfer amount and the accounts when kode unik is on', async () => {
    const { customer, inv } = await world();
    await t.ok('settings.update', {
      kodeUnikEnabled: true,
      bankAccounts: [{ bank: 'BRI', number: '0001-01-000001-30-1', holder: 'Net Desa' }],
    });
    const r = await preview(customer.id, '{jumlah} {cara_bayar}');
    const doc = await t.ok('invoices.document', { id: inv.id });
    const payable = doc.transfer!.payable;
    expect(r.text).toContain(`Transfer tepat Rp ${payable.toLocaleString('id-ID')}`);
    expect(r.text).toContain(`kode unik ${doc.transfer!.code}`);
    expect(r.text).toContain('BRI 0001-01-000001-30-1 a.n. Net Desa');
  });

  it('payPageUrl keeps one slash', () => {
    expect(payPageUrl('http://10.0.0.1:8080/', 'abc_-1')).toBe('http://10.0.0.1:8080/bayar/abc_-1');
    expect(payPageUrl('http://10.0.0.1:8080', 'A')).toBe('http://10.0.0.1:8080/bayar/A');
  });
});
