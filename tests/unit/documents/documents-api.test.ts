import { afterEach, describe, expect, it } from 'vitest';
import { PRINTER_SERVICE, type PrinterService } from '../../../src-main/core/documents/printer';
import { testApp, type TestApp } from '../../helpers/app';
import { inspectPdf } from './pdfText';

let t: TestApp;
afterEach(() => t?.close());

const squash = (s: string) => s.replace(/\s+/g, ' ');
const pdfOf = (r: { base64: string }) => Buffer.from(r.base64, 'base64');

/** One customer with two monthly invoices (Oct and Nov 2026, Rp 150.000 each) and an open shift. */
async function seeded() {
  t = await testApp();
  await t.ok('settings.update', {
    ispName: 'Net Kampung Sejahtera',
    ispAddress: 'Jl. Kenanga 7, Garut',
    ispPhone: '0813-1111-2222',
  });
  const pkg = await t.ok('packages.create', {
    name: 'Rumah 10M',
    bandwidthUp: 5120,
    bandwidthDown: 10240,
    price: 150_000,
    billingCycle: 'monthly',
  });
  const c = await t.ok('customers.create', { name: 'Siti Aminah', phone: '081234567890' });
  await t.ok('subscriptions.create', {
    customerId: c.id,
    internetPackageId: pkg.id,
    startDate: '2026-10-01',
    billingDay: 1,
  });
  await t.ok('billing.generateInvoices', { period: '2026-10' });
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  const shift = await t.ok('shifts.open', { openingCash: 100_000 });
  return { c, shift };
}

describe('documents API', () => {
  it('prints a receipt from billing data, counts prints and marks reprints COPY', async () => {
    const { c } = await seeded();
    const pay = await t.ok('payments.create', { customerId: c.id, amount: 200_000, method: 'cash', tendered: 250_000 });

    const first = await t.ok('documents.receipt', { paymentId: pay.id, width: 58 });
    expect(first.copy).toBe(false);
    expect(first.printed).toBe(false);
    expect(first.filename).toBe(`receipt-${pay.paymentNumber}.pdf`);
    const a = inspectPdf(pdfOf(first));
    expect(pdfOf(first).subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.width).toBeCloseTo((58 * 72) / 25.4, 1);
    const text = squash(a.text);
    for (const s of [
      'Net Kampung Sejahtera',
      'Jl. Kenanga 7, Garut',
      pay.paymentNumber,
      // FakeClock: 2026-11-24T03:00Z = 10:00 WIB
      '24/11/2026 10:00 WIB',
      'Admin',
      'Siti Aminah',
      'Rp 150.000',
      'Rp 50.000',
      'TOTAL Rp 200.000',
      'Tunai Rp 250.000',
      'Kembali Rp 50.000',
      'Sisa tagihan Rp 100.000',
      'Saldo deposit Rp 0',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('COPY');

    const second = await t.ok('documents.receipt', { paymentId: pay.id, width: 80 });
    expect(second.copy).toBe(true);
    expect(second.prints).toBeGreaterThan(first.prints);
    const b = inspectPdf(pdfOf(second));
    expect(b.text).toContain('SALINAN / COPY');
    expect(b.width).toBeCloseTo((80 * 72) / 25.4, 1);
    expect((await t.ok('payments.get', { id: pay.id })).receiptPrints).toBe(2);

    // The default width comes from settings.receiptWidth.
    await t.ok('settings.update', { receiptWidth: 80 });
    const third = inspectPdf(pdfOf(await t.ok('documents.receipt', { paymentId: pay.id })));
    expect(third.width).toBeCloseTo((80 * 72) / 25.4, 1);
  });

  it('an overpayment shows what went to the deposit; a deposit payment shows what came from it; a void is marked', async () => {
    const { c } = await seeded();
    // Rp 350.000 for Rp 300.000 due: Rp 50.000 to the deposit.
    const over = await t.ok('payments.create', { customerId: c.id, amount: 350_000, method: 'cash' });
    const a = squash(inspectPdf(pdfOf(await t.ok('documents.receipt', { paymentId: over.id }))).text);
    expect(a).toContain('TOTAL Rp 300.000');
    expect(a).toContain('Masuk deposit Rp 50.000');
    expect(a).toContain('Saldo deposit Rp 50.000');
    expect(a).toContain('Sisa tagihan Rp 0');

    await t.ok('invoices.create', { customerId: c.id, amount: 40_000, description: 'Ganti kabel' });
    const dep = await t.ok('payments.create', { customerId: c.id, amount: 40_000, method: 'deposit' });
    const b = squash(inspectPdf(pdfOf(await t.ok('documents.receipt', { paymentId: dep.id }))).text);
    expect(b).toContain('Metode Deposit');
    expect(b).toContain('TOTAL Rp 40.000');
    expect(b).toContain('Dari deposit Rp 40.000');
    expect(b).toContain('Saldo deposit Rp 10.000');

    await t.ok('payments.void', { id: dep.id, reason: 'Salah pilih tagihan' });
    const v = squash(inspectPdf(pdfOf(await t.ok('documents.receipt', { paymentId: dep.id }))).text);
    expect(v).toContain('DIBATALKAN');
    expect(v).toContain('Salah pilih tagihan');
    expect(v).toContain('SALINAN / COPY');
  });

  it('A4 invoice and shift report PDFs carry the billing figures', async () => {
    const { c, shift } = await seeded();
    const inv = (await t.ok('invoices.list', { customerId: c.id, sortDir: 'asc' })).items[0]!;
    await t.ok('payments.create', { customerId: c.id, amount: 100_000, method: 'cash' });
    await t.ok('payments.create', {
      customerId: c.id,
      amount: 20_000,
      method: 'bank_transfer',
      referenceNumber: 'BCA-77',
    });

    const invoice = await t.ok('documents.invoice', { invoiceId: inv.id });
    const it = inspectPdf(pdfOf(invoice));
    const itext = squash(it.text);
    expect(it.width).toBeCloseTo(595.28, 1);
    for (const s of [
      inv.invoiceNumber,
      'Siti Aminah',
      'Oktober 2026',
      'TOTAL Rp 150.000',
      'Sudah dibayar Rp 120.000',
      'Sisa Rp 30.000',
      'DIBAYAR SEBAGIAN',
    ])
      expect(itext).toContain(s);

    await t.ok('shifts.close', { countedCash: 195_000 });
    const rep = await t.ok('documents.shiftReport', { shiftId: shift.id });
    const rtext = squash(inspectPdf(pdfOf(rep)).text);
    for (const s of [
      'LAPORAN TUTUP SHIFT',
      'Kas awal Rp 100.000',
      'Kas seharusnya Rp 200.000',
      'Kas dihitung Rp 195.000',
      'Selisih -Rp 5.000',
      'Transfer bank 1 Rp 20.000',
      'Tunai 1 Rp 100.000',
    ])
      expect(rtext).toContain(s);
  });

  it('asks for a printer only where one exists, and prints through the desktop printer service', async () => {
    const { c } = await seeded();
    const pay = await t.ok('payments.create', { customerId: c.id, amount: 150_000, method: 'cash' });
    expect(await t.ok('documents.printers', {})).toEqual({ available: false, printers: [] });

    const refused = await t.call('documents.receipt', { paymentId: pay.id, printer: 'POS-58' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.issues?.[0]?.path).toBe('printer');
    // Refused before anything was counted.
    expect((await t.ok('payments.get', { id: pay.id })).receiptPrints).toBe(0);

    const jobs: { html: string; deviceName?: string }[] = [];
    let fail: string | null = null;
    const service: PrinterService = {
      list: async () => [{ name: 'POS-58', displayName: 'POS-58 Thermal', isDefault: true }],
      printHtml: async (html, opts) => {
        if (fail) throw new Error(fail);
        jobs.push({ html, deviceName: opts.deviceName });
      },
    };
    t.app.ctx.services[PRINTER_SERVICE] = service;
    expect((await t.ok('documents.printers', {})).printers[0]?.name).toBe('POS-58');
    const printed = await t.ok('documents.receipt', { paymentId: pay.id, printer: 'POS-58' });
    expect(printed).toMatchObject({ printed: true, printError: null, copy: false });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.deviceName).toBe('POS-58');
    expect(jobs[0]!.html).toContain(pay.paymentNumber);
    expect(jobs[0]!.html).toContain('BUKTI PEMBAYARAN');
    expect(jobs[0]!.html).toContain('Rp 150.000');

    // A jammed printer: the receipt (now a copy) still comes back as a PDF, with the reason.
    fail = 'Paper out';
    const jammed = await t.ok('documents.receipt', { paymentId: pay.id, printer: 'POS-58' });
    expect(jammed).toMatchObject({ printed: false, copy: true, printError: 'Printing to "POS-58" failed: Paper out' });
    expect(inspectPdf(pdfOf(jammed)).text).toContain('SALINAN / COPY');
  });

  it('follows billing permissions and not-found answers', async () => {
    await seeded();
    const missing = await t.call('documents.receipt', { paymentId: 9999 });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('NOT_FOUND');
    const bad = await t.call('documents.receipt', { paymentId: 1, width: 70 as 58 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('BAD_INPUT');
  });
});
