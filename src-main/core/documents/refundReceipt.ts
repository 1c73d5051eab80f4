import { formatRupiah } from '../../../src-shared/money';
import { formatDateTime } from './format';
import { labels, methodLabel } from './labels';
import { pair, rule, type Pdf } from './pdf';
import { centerer, receiptHeader, renderThermal, type Geometry, type ReceiptWidth } from './receipt';
import { esc, ispHtml, row, thermalPage } from './receiptHtml';
import type { RefundReceiptDoc } from './types';

/*
 * The deposit refund receipt ("PENGEMBALIAN DEPOSIT"), on the same 58/80 mm paper as payment receipts:
 * who got how much back, how, why, the deposit before and after, and a line for the recipient to sign.
 */

function drawRefund(doc: Pdf, r: RefundReceiptDoc, g: Geometry): number {
  const L = labels(r.language);
  const x = g.margin;
  const w = g.pageWidth - 2 * g.margin;
  const center = centerer(doc, g);
  receiptHeader(doc, r.isp, g);
  rule(doc, x, w);
  center(L.refundReceipt, g.font, true);
  if (r.copy) center(L.copy, g.font, true);
  if (r.voided) center(L.voided, g.font, true);
  rule(doc, x, w);
  doc.fontSize(g.font);
  pair(doc, L.number, r.refundNumber, x, w);
  pair(doc, L.date, formatDateTime(r.refundedAt, r.timeZone), x, w);
  if (r.cashier) pair(doc, L.cashier, r.cashier, x, w);
  pair(doc, L.customer, r.customerCode, x, w);
  doc.font('Helvetica-Bold').text(r.customerName, x, doc.y, { width: w, align: 'right' }).font('Helvetica');
  pair(doc, L.method, methodLabel(r.language, r.method), x, w);
  if (r.referenceNumber) pair(doc, L.reference, r.referenceNumber, x, w);
  rule(doc, x, w);
  pair(doc, L.depositBefore, formatRupiah(r.depositBefore), x, w);
  pair(doc, L.refunded, formatRupiah(r.amount), x, w, { bold: true });
  pair(doc, L.depositAfter, formatRupiah(r.depositAfter), x, w);
  rule(doc, x, w);
  doc.text(`${L.reason}: ${r.reason}`, x, doc.y, { width: w });
  if (r.voided && r.voidReason) doc.text(`${L.voidReason}: ${r.voidReason}`, x, doc.y, { width: w });
  // Room to sign for the cash.
  doc.y += 28;
  rule(doc, x + w * 0.15, w * 0.7, false);
  center(L.signature, g.small);
  center(r.customerName, g.small);
  rule(doc, x, w);
  center(`${L.printed} ${formatDateTime(r.printedAt, r.timeZone)}`, g.small);
  return doc.y + g.margin;
}

export function renderRefundReceipt(r: RefundReceiptDoc, width: ReceiptWidth): Promise<Buffer> {
  return renderThermal(width, r.refundNumber, r.printedAt, (doc, g) => drawRefund(doc, r, g));
}

/** The same receipt as HTML for the desktop app's silent print (the PDF stays the document of record). */
export function renderRefundReceiptHtml(r: RefundReceiptDoc, width: ReceiptWidth): string {
  const L = labels(r.language);
  const out = ispHtml(r.isp);
  out.push('<hr>', `<div class="c b">${esc(L.refundReceipt)}</div>`);
  if (r.copy) out.push(`<div class="c b">${esc(L.copy)}</div>`);
  if (r.voided) out.push(`<div class="c b">${esc(L.voided)}</div>`);
  out.push('<hr>', row(L.number, r.refundNumber), row(L.date, formatDateTime(r.refundedAt, r.timeZone)));
  if (r.cashier) out.push(row(L.cashier, r.cashier));
  out.push(
    row(L.customer, r.customerCode),
    `<div class="r b">${esc(r.customerName)}</div>`,
    row(L.method, methodLabel(r.language, r.method)),
  );
  if (r.referenceNumber) out.push(row(L.reference, r.referenceNumber));
  out.push(
    '<hr>',
    row(L.depositBefore, formatRupiah(r.depositBefore)),
    row(L.refunded, formatRupiah(r.amount), true),
    row(L.depositAfter, formatRupiah(r.depositAfter)),
    '<hr>',
    `<div>${esc(`${L.reason}: ${r.reason}`)}</div>`,
  );
  if (r.voided && r.voidReason) out.push(`<div>${esc(`${L.voidReason}: ${r.voidReason}`)}</div>`);
  out.push(
    `<div class="sig s">${esc(L.signature)}<br>${esc(r.customerName)}</div>`,
    '<hr>',
    `<div class="c s">${esc(`${L.printed} ${formatDateTime(r.printedAt, r.timeZone)}`)}</div>`,
  );
  return thermalPage(r.language, r.refundNumber, width, out);
}
