import { describe, expect, it } from 'vitest';
import { renderInvoice } from '../../../src-main/core/documents/invoice';
import { renderReceipt } from '../../../src-main/core/documents/receipt';
import { printable } from '../../../src-main/core/documents/pdf';
import { renderShiftReport } from '../../../src-main/core/documents/shiftReport';
import type { DocCommon, ReceiptDoc } from '../../../src-main/core/documents/types';
import { inspectPdf, pdfFonts } from './pdfText';

// 1x1 transparent PNG
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const common: DocCommon = {
  isp: { name: 'Net RT 05', address: 'Jl. Mawar No. 5, Bandung', phone: '0812-3456-7890', logo: PNG },
  timeZone: 'Asia/Jakarta',
  language: 'id',
  printedAt: '2026-11-24T03:00:00.000Z',
};

const receipt = (over: Partial<ReceiptDoc> = {}): ReceiptDoc => ({
  ...common,
  paymentNumber: 'PAY-20261124-0001',
  // 23:30 WIB on the 24th = 16:30 UTC
  paidAt: '2026-11-24T16:30:00.000Z',
  paymentDate: '2026-11-24',
  cashier: 'Siti Kasir',
  customerCode: 'CUST0001',
  customerName: 'Budi Santoso',
  method: 'cash',
  referenceNumber: null,
  amount: 150_000,
  tendered: 200_000,
  change: 50_000,
  lines: [
    { invoiceNumber: 'INV-202610-00007', period: '2026-10', description: null, amount: 100_000 },
    { invoiceNumber: 'INV-202611-00003', period: '2026-11', description: null, amount: 50_000 },
  ],
  depositUsed: 0,
  depositAdded: 0,
  arrears: 100_000,
  deposit: 25_000,
  voided: false,
  voidReason: null,
  copy: false,
  ...over,
});

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('receipt PDF', () => {
  it('prints the ISP header, payment facts, invoices, totals, change, arrears and deposit', async () => {
    const { text, pages } = inspectPdf(await renderReceipt(receipt(), 58));
    const t = squash(text);
    expect(pages).toBe(1);
    for (const s of [
      'Net RT 05',
      'Jl. Mawar No. 5, Bandung',
      '0812-3456-7890',
      'PAY-20261124-0001',
      '24/11/2026 23:30 WIB',
      'Siti Kasir',
      'CUST0001',
      'Budi Santoso',
      'INV-202610-00007 Rp 100.000',
      'INV-202611-00003 Rp 50.000',
      'TOTAL Rp 150.000',
      'Tunai Rp 200.000',
      'Kembali Rp 50.000',
      'Sisa tagihan Rp 100.000',
      'Saldo deposit Rp 25.000',
    ])
      expect(t).toContain(s);
    expect(t).not.toContain('COPY');
  });

  it('marks a reprint as a copy', async () => {
    const { text } = inspectPdf(await renderReceipt(receipt({ copy: true }), 58));
    expect(text).toContain('SALINAN / COPY');
    const en = inspectPdf(await renderReceipt(receipt({ copy: true, language: 'en' }), 80));
    expect(en.text).toContain('*** COPY ***');
    expect(en.text).toContain('PAYMENT RECEIPT');
  });

  it('uses the paper width as page width and fits the height to the content', async () => {
    const narrow = inspectPdf(await renderReceipt(receipt(), 58));
    const wide = inspectPdf(await renderReceipt(receipt(), 80));
    expect(narrow.width).toBeCloseTo((58 * 72) / 25.4, 1);
    expect(wide.width).toBeCloseTo((80 * 72) / 25.4, 1);
    const many = receipt({
      lines: Array.from({ length: 40 }, (_, i) => ({
        invoiceNumber: `INV-2026${i}`,
        period: '2026-01',
        description: null,
        amount: 1000,
      })),
    });
    const long = inspectPdf(await renderReceipt(many, 58));
    expect(long.pages).toBe(1);
    expect(long.height).toBeGreaterThan(narrow.height + 400);
    expect(narrow.height).toBeLessThan(500);
  });

  it('shows deposit use, overpayment to deposit, references and voids; survives a broken logo', async () => {
    const r = receipt({
      method: 'bank_transfer',
      referenceNumber: 'TRF-998877',
      tendered: null,
      change: 0,
      depositUsed: 20_000,
      depositAdded: 5_000,
      voided: true,
      voidReason: 'Salah input',
      isp: { ...common.isp, logo: 'data:image/png;base64,AAAA' },
    });
    const t = squash(inspectPdf(await renderReceipt(r, 80)).text);
    expect(t).toContain('Transfer bank');
    expect(t).toContain('TRF-998877');
    expect(t).toContain('Dari deposit Rp 20.000');
    expect(t).toContain('Masuk deposit Rp 5.000');
    expect(t).toContain('DIBATALKAN');
    expect(t).toContain('Salah input');
    expect(t).not.toContain('Kembali');
  });
});

describe('names with emoji, accents and other scripts (issue 12: an emoji in the ISP name printed "?")', () => {
  it('prints emoji and accented or Cyrillic letters as typed, in every document', async () => {
    const isp = { ...common.isp, name: 'Net Kampung 📶😀' };
    const r = receipt({ isp, customerName: 'Ğürsel Şahin Жук ❤️' });
    const texts = [
      inspectPdf(await renderReceipt(r, 58)).text,
      inspectPdf(await renderReceipt(r, 80)).text,
      inspectPdf(
        await renderInvoice({
          ...common,
          isp,
          invoiceNumber: 'INV-202611-00001',
          period: '2026-11',
          invoiceDate: '2026-11-01',
          dueDate: '2026-11-11',
          status: 'unpaid',
          amount: 150_000,
          paidAmount: 0,
          description: 'Internet 10 Mbps November 2026',
          lines: [{ description: 'Internet 10 Mbps November 2026', amount: 150_000 }],
          servicePeriod: { from: '2026-11-01', to: '2026-11-30' },
          customerCode: 'CUST0001',
          customerName: 'Ğürsel Şahin Жук ❤️',
          customerAddress: null,
          customerPhone: null,
          packageName: 'Home 10',
          voidReason: null,
          payments: [],
        }),
      ).text,
    ];
    for (const t of texts) {
      expect(t).toContain('Net Kampung 📶😀');
      expect(t).toContain('Ğürsel Şahin Жук');
      expect(t).not.toContain('?');
    }
  });

  it('prints a character the font lacks as a visible □, never "?" or nothing', async () => {
    expect(printable('Budi 王 😀')).toBe('Budi □ 😀');
    expect(printable('Ñandú “Jaya” — 5€')).toBe('Ñandú “Jaya” — 5€');
    // Decomposed accents are composed first: "é" typed as e + ◌́ prints as é.
    expect(printable('Jose\u0301')).toBe('José');
    const t = squash(inspectPdf(await renderReceipt(receipt({ customerName: 'Budi 王' }), 58)).text);
    expect(t).toContain('Budi □');
  });

  it('embeds its own font (no reliance on the viewer having Helvetica)', async () => {
    const fonts = pdfFonts(await renderReceipt(receipt(), 58));
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f).toMatch(/PPPoEDeskSans/);
      expect(f).toMatch(/\byes\s+yes\b/); // embedded, subset
    }
  });
});

describe('A4 invoice PDF', () => {
  it('prints number, period, dates, amounts and status', async () => {
    const pdf = await renderInvoice({
      ...common,
      invoiceNumber: 'INV-202611-00001',
      period: '2026-11',
      invoiceDate: '2026-11-01',
      dueDate: '2026-11-11',
      status: 'partial',
      amount: 150_000,
      paidAmount: 100_000,
      description: 'Internet 10 Mbps November 2026',
      lines: [{ description: 'Internet 10 Mbps November 2026', amount: 150_000 }],
      servicePeriod: { from: '2026-11-01', to: '2026-11-30' },
      customerCode: 'CUST0001',
      customerName: 'Budi Santoso',
      customerAddress: 'Jl. Melati 1',
      customerPhone: '0812',
      packageName: 'Home 10',
      voidReason: null,
      payments: [{ paymentNumber: 'PAY-20261124-0001', paymentDate: '2026-11-24', method: 'cash', amount: 100_000 }],
    });
    const { text, width, pages } = inspectPdf(pdf);
    const t = squash(text);
    expect(pages).toBe(1);
    expect(width).toBeCloseTo(595.28, 1);
    for (const s of [
      'TAGIHAN / INVOICE',
      'INV-202611-00001',
      'Budi Santoso',
      '01/11/2026',
      '11/11/2026',
      'November 2026',
      '01/11/2026 – 30/11/2026',
      'DIBAYAR SEBAGIAN',
      'TOTAL Rp 150.000',
      'Sudah dibayar Rp 100.000',
      'Sisa Rp 50.000',
      'PAY-20261124-0001',
    ])
      expect(t).toContain(s);
  });
});

describe('shift close report PDF', () => {
  it('prints expected/counted/variance, totals by method and every payment across pages', async () => {
    const payments = Array.from({ length: 80 }, (_, i) => ({
      paymentNumber: `PAY-20261124-${String(i + 1).padStart(4, '0')}`,
      paidAt: '2026-11-24T05:00:00.000Z',
      customerCode: 'CUST0001',
      customerName: 'Budi',
      method: 'cash',
      amount: 10_000,
      voided: i === 0,
    }));
    const pdf = await renderShiftReport({
      ...common,
      shiftId: 7,
      cashier: 'Siti Kasir',
      openedAt: '2026-11-24T01:00:00.000Z',
      closedAt: '2026-11-24T10:00:00.000Z',
      status: 'closed',
      openingCash: 200_000,
      cashReceived: 790_000,
      cashRefunded: 10_000,
      cashTopUps: 0,
      expectedCash: 980_000,
      countedCash: 975_000,
      variance: -5_000,
      notes: null,
      byMethod: [
        { method: 'cash', count: 79, amount: 790_000 },
        { method: 'bank_transfer', count: 1, amount: 50_000 },
      ],
      payments,
      refunds: [
        {
          refundNumber: 'RFD-20261124-0001',
          refundedAt: '2026-11-24T09:00:00.000Z',
          customerCode: 'CUST0009',
          customerName: 'Rini Pindah',
          method: 'cash',
          amount: 10_000,
          voided: false,
        },
        {
          refundNumber: 'RFD-20261124-0002',
          refundedAt: '2026-11-24T09:10:00.000Z',
          customerCode: 'CUST0009',
          customerName: 'Rini Pindah',
          method: 'cash',
          amount: 5_000,
          voided: true,
        },
      ],
      topUps: [],
    });
    const { text, pages } = inspectPdf(pdf);
    const t = squash(text);
    expect(pages).toBeGreaterThan(1);
    for (const s of [
      'LAPORAN TUTUP SHIFT',
      'Siti Kasir',
      '24/11/2026 08:00 WIB',
      '24/11/2026 17:00 WIB',
      'Kas awal Rp 200.000',
      'Kas masuk (tunai) Rp 790.000',
      'Deposit dikembalikan - Rp 10.000',
      'Kas seharusnya Rp 980.000',
      'Kas dihitung Rp 975.000',
      'Pengembalian deposit',
      'RFD-20261124-0001',
      'RFD-20261124-0002',
      'Selisih -Rp 5.000',
      'Transfer bank 1 Rp 50.000',
      'TOTAL 80 Rp 840.000',
      'PAY-20261124-0080',
      `Halaman ${pages}/${pages}`,
    ])
      expect(t).toContain(s);
  });
});

describe('the shared PDF font', () => {
  it('a letter first met inside another (the G of Ğ) still copies as itself in the next document', async () => {
    const r = (customerName: string) => renderReceipt(receipt({ customerName }), 58);
    await r('ĞĞĞ');
    expect(squash(inspectPdf(await r('GGG Budi')).text)).toContain('GGG Budi');
  });
});
