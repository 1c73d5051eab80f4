import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { inspectPdf } from '../documents/pdfText';

/*
 * Issue 18 "Several brands": routers, packages and customers belong to one brand; invoices and receipts
 * show that brand's identity; numbering per brand; the default brand mirrors Settings → ISP.
 */
let t: TestApp;
afterEach(() => t?.close());

const pdfText = (r: { base64: string }) => inspectPdf(Buffer.from(r.base64, 'base64')).text.replace(/\s+/g, ' ');
const pkgInput = (name: string, brandId?: number) => ({
  name,
  bandwidthUp: 5120,
  bandwidthDown: 10240,
  price: 150_000,
  billingCycle: 'monthly' as const,
  ...(brandId ? { brandId } : {}),
});

/** Two brands: the default (from Settings) and "Kabel Desa" with its own identity and prefix. */
async function twoBrands() {
  t = await testApp();
  await t.ok('settings.update', { ispName: 'Net Kampung', ispAddress: 'Jl. Kenanga 7', invoicePrefix: 'NKP' });
  const b = await t.ok('brands.create', {
    name: 'Kabel Desa',
    address: 'Jl. Sawah 2, Garut',
    phone: '0813-2222-3333',
    taxId: '01.234.567.8-901.000',
    invoicePrefix: 'KD',
    bankAccounts: [{ bank: 'BRI', number: '0123-4567-89', holder: 'CV Kabel Desa' }],
    qris: 'ID1020304050',
    receiptHeader: 'Internet murah sampai sawah',
    reminderSender: 'Admin Kabel Desa',
  });
  return b;
}

async function customerWithInvoice(name: string, brandId: number) {
  const pkg = await t.ok('packages.create', pkgInput(`Paket ${name}`, brandId));
  const c = await t.ok('customers.create', { name, brandId });
  await t.ok('subscriptions.create', {
    customerId: c.id,
    internetPackageId: pkg.id,
    startDate: '2026-10-01',
    billingDay: 1,
  });
  return { c, pkg };
}

describe('brands', () => {
  it('starts with the default brand made from Settings and keeps it mirrored both ways', async () => {
    t = await testApp();
    await t.ok('settings.update', { ispName: 'Net Kampung', invoicePrefix: 'NKP' });
    let [one] = (await t.ok('brands.all', {})).items;
    expect(one).toMatchObject({ id: 1, name: 'Net Kampung', invoicePrefix: 'NKP', isDefault: true });
    await t.ok('brands.update', { id: 1, name: 'Net Kampung Baru', address: 'Jl. Baru 1' });
    const s = await t.ok('settings.get', {});
    expect(s).toMatchObject({ ispName: 'Net Kampung Baru', ispAddress: 'Jl. Baru 1', invoicePrefix: 'NKP' });
    [one] = (await t.ok('brands.all', {})).items;
    expect(one!.name).toBe('Net Kampung Baru');
    const off = await t.call('brands.update', { id: 1, isActive: false });
    expect(off.ok).toBe(false);
  });

  it('refuses a second brand with the same name or invoice prefix, naming the field', async () => {
    await twoBrands();
    const prefix = await t.call('brands.create', { name: 'Lain', invoicePrefix: 'NKP' });
    expect(prefix).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'invoicePrefix' }] } });
    const name = await t.call('brands.create', { name: 'kabel desa', invoicePrefix: 'ZZ' });
    expect(name).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'name' }] } });
    const viaSettings = await t.call('settings.update', { invoicePrefix: 'KD' });
    expect(viaSettings).toMatchObject({ ok: false, error: { issues: [{ path: 'invoicePrefix' }] } });
    expect((await t.ok('brands.list', {})).items.map((b) => b.name)).toEqual(['Net Kampung', 'Kabel Desa']);
  });

  it('puts a record in the only brand, and asks for the brand once there are two', async () => {
    t = await testApp();
    expect((await t.ok('customers.create', { name: 'Satu' })).brandId).toBe(1);
    const b = await t.ok('brands.create', { name: 'Kabel Desa', invoicePrefix: 'KD' });
    const none = await t.call('customers.create', { name: 'Dua' });
    expect(none).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'brandId' }] } });
    expect((await t.ok('customers.create', { name: 'Dua', brandId: b.id })).brandId).toBe(b.id);
    expect((await t.ok('packages.create', pkgInput('P2', b.id))).brandId).toBe(b.id);
    const router = await t.ok('routers.create', {
      name: 'Desa',
      host: '127.0.0.2',
      username: 'api',
      password: 'x',
      brandId: b.id,
    });
    expect(router.brandId).toBe(b.id);
    expect(await t.call('customers.create', { name: 'Tiga', brandId: 99 })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'brandId' }] },
    });
  });

  it("keeps an account's package and router in the customer's brand", async () => {
    const b = await twoBrands();
    const own = await t.ok('packages.create', pkgInput('Rumah', 1));
    const other = await t.ok('packages.create', pkgInput('Desa', b.id));
    const router = await t.ok('routers.create', {
      name: 'Desa',
      host: '127.0.0.2',
      username: 'api',
      password: 'x',
      brandId: b.id,
    });
    const c = await t.ok('customers.create', { name: 'Siti', brandId: 1 });
    const wrongPkg = await t.call('pppoe.create', { customerId: c.id, internetPackageId: other.id });
    expect(wrongPkg).toMatchObject({ ok: false, error: { issues: [{ path: 'internetPackageId' }] } });
    const wrongRouter = await t.call('pppoe.create', {
      customerId: c.id,
      internetPackageId: own.id,
      routerId: router.id,
    });
    expect(wrongRouter).toMatchObject({ ok: false, error: { issues: [{ path: 'routerId' }] } });
    const sub = await t.call('subscriptions.create', { customerId: c.id, internetPackageId: other.id });
    expect(sub).toMatchObject({ ok: false, error: { issues: [{ path: 'internetPackageId' }] } });
    const acc = await t.ok('pppoe.create', { customerId: c.id, internetPackageId: own.id });
    expect(acc.account.customerId).toBe(c.id);
    // The account ties the customer and the package to the default brand.
    expect(await t.call('customers.update', { id: c.id, brandId: b.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    expect(await t.call('packages.update', { id: own.id, brandId: b.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    // A customer with nothing yet may move.
    const free = await t.ok('customers.create', { name: 'Baru', brandId: 1 });
    expect((await t.ok('customers.update', { id: free.id, brandId: b.id })).brandId).toBe(b.id);
  });

  it('numbers invoices per brand: the run and a manual invoice each continue their brand counter', async () => {
    const b = await twoBrands();
    await customerWithInvoice('Ani', 1);
    await customerWithInvoice('Budi', b.id);
    await customerWithInvoice('Cici', b.id);
    await t.ok('billing.generateInvoices', { period: '2026-10' });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const list = await t.ok('invoices.list', { page: 1, pageSize: 50, sortDir: 'asc' });
    const numbers = list.items.map((i) => `${i.customerName}:${i.invoiceNumber}`).sort();
    expect(numbers).toEqual([
      // Both periods are issued today (November, late for October): one counter per brand and month.
      'Ani:NKP-202611-00001',
      'Ani:NKP-202611-00002',
      'Budi:KD-202611-00001',
      'Budi:KD-202611-00003',
      'Cici:KD-202611-00002',
      'Cici:KD-202611-00004',
    ]);
    const budi = list.items.find((i) => i.customerName === 'Budi')!;
    const manual = await t.ok('invoices.create', {
      customerId: budi.customerId,
      amount: 50_000,
      description: 'Pasang',
    });
    expect(manual.invoiceNumber).toBe('KD-202611-00005');
    const ani = list.items.find((i) => i.customerName === 'Ani')!;
    const own = await t.ok('invoices.create', { customerId: ani.customerId, amount: 50_000, description: 'Pasang' });
    expect(own.invoiceNumber).toBe('NKP-202611-00003');
  });

  it("prints the brand's identity on its invoices and receipts, and the default brand's on the others", async () => {
    const b = await twoBrands();
    const { c } = await customerWithInvoice('Budi', b.id);
    const { c: ani } = await customerWithInvoice('Ani', 1);
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const inv = (await t.ok('invoices.list', { customerId: c.id, page: 1, pageSize: 5, sortDir: 'asc' })).items[0]!;
    const text = pdfText(await t.ok('documents.invoice', { invoiceId: inv.id }));
    for (const s of [
      'Kabel Desa',
      'Jl. Sawah 2, Garut',
      '01.234.567.8-901.000',
      'BRI 0123-4567-89 a.n. CV Kabel Desa',
      'ID1020304050',
      'KD-202611-00001',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('Net Kampung');
    await t.ok('shifts.open', { openingCash: 0 });
    const pay = await t.ok('payments.create', { customerId: c.id, amount: 150_000, method: 'cash' });
    const receipt = pdfText(await t.ok('documents.receipt', { paymentId: pay.id }));
    expect(receipt).toContain('Kabel Desa');
    expect(receipt).toContain('Internet murah sampai sawah');
    expect(receipt).not.toContain('Net Kampung');
    const aniInv = (await t.ok('invoices.list', { customerId: ani.id, page: 1, pageSize: 5, sortDir: 'asc' }))
      .items[0]!;
    const aniText = pdfText(await t.ok('documents.invoice', { invoiceId: aniInv.id }));
    expect(aniText).toContain('Net Kampung');
    expect(aniText).toContain('Jl. Kenanga 7');
    expect(aniText).not.toContain('Kabel Desa');
  });
});
