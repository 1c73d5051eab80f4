import { describe, expect, it } from 'vitest';
import { renderRefundReceipt, renderRefundReceiptHtml } from '../../../src-main/core/documents/refundReceipt';
import type { RefundReceiptDoc } from '../../../src-main/core/documents/types';
import { inspectPdf } from './pdfText';

const refund = (over: Partial<RefundReceiptDoc> = {}): RefundReceiptDoc => ({
  isp: { name: 'Net <RT> 05', address: 'Jl. Mawar No. 5', phone: '0812-3456-7890', logo: '' },
  timeZone: 'Asia/Jakarta',
  language: 'id',
  printedAt: '2026-11-24T03:00:00.000Z',
  refundNumber: 'RFD-20261124-0001',
  // 23:30 WIB on the 24th
  refundedAt: '2026-11-24T16:30:00.000Z',
  cashier: 'Siti Kasir',
  customerCode: 'CUST0004',
  customerName: 'Rini Susanti',
  method: 'cash',
  referenceNumber: null,
  amount: 150_000,
  reason: 'Pindah rumah, berhenti berlangganan',
  depositBefore: 200_000,
  depositAfter: 50_000,
  voided: false,
  voidReason: null,
  copy: false,
  ...over,
});

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('deposit refund receipt', () => {
  it.each([58, 80] as const)(
    'prints PENGEMBALIAN DEPOSIT with the amounts, reason and a signature line at %i mm',
    async (w) => {
      const { text, pages, width } = inspectPdf(await renderRefundReceipt(refund(), w));
      const t = squash(text);
      expect(pages).toBe(1);
      expect(width).toBeCloseTo((w * 72) / 25.4, 1);
      for (const s of [
        'PENGEMBALIAN DEPOSIT',
        'RFD-20261124-0001',
        '24/11/2026 23:30 WIB',
        'Siti Kasir',
        'CUST0004',
        'Rini Susanti',
        'Tunai',
        'Deposit sebelumnya Rp 200.000',
        'Dikembalikan Rp 150.000',
        'Sisa deposit Rp 50.000',
        'Alasan: Pindah rumah, berhenti berlangganan',
        'Tanda tangan penerima',
      ])
        expect(t).toContain(s);
      expect(t).not.toContain('SALINAN');
    },
  );

  it('marks copies and voids, shows a transfer reference, and speaks English when set', async () => {
    const t = squash(
      inspectPdf(
        await renderRefundReceipt(
          refund({
            copy: true,
            voided: true,
            voidReason: 'Salah pelanggan',
            method: 'bank_transfer',
            referenceNumber: 'TRF-123',
          }),
          58,
        ),
      ).text,
    );
    for (const s of ['SALINAN / COPY', 'DIBATALKAN', 'Alasan batal: Salah pelanggan', 'Transfer bank', 'TRF-123'])
      expect(t).toContain(s);
    const en = squash(inspectPdf(await renderRefundReceipt(refund({ language: 'en' }), 80)).text);
    expect(en).toContain('DEPOSIT REFUND');
    expect(en).toContain('Paid out Rp 150.000');
  });

  it('has an HTML twin for the desktop printer that escapes every value', () => {
    const html = renderRefundReceiptHtml(refund({ customerName: '<img src=x onerror=alert(1)>' }), 58);
    expect(html).toContain('@page { size: 58mm auto');
    expect(html).toContain('PENGEMBALIAN DEPOSIT');
    expect(html).toContain('Rp 150.000');
    expect(html).toContain('Net &lt;RT&gt; 05');
    expect(html).not.toContain('<img src=x');
    expect(renderRefundReceiptHtml(refund(), 80)).toContain('width: 80mm');
  });
});
