import { formatRupiah } from '../../../src-shared/money';
import { formatDateTime } from './format';
import { labels } from './labels';
import { pair, rule, type Pdf } from './pdf';
import { centerer, drawReceiptTop, renderThermal, type Geometry, type ReceiptWidth } from './receipt';
import { esc, receiptTopHtml, row, thermalPage } from './receiptHtml';
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
  drawReceiptTop(doc, r, { title: L.refundReceipt, number: r.refundNumber, at: r.refundedAt }, g);
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
  const out = receiptTopHtml(r, { title: L.refundReceipt, number: r.refundNumber, at: r.refundedAt });
  out.push(
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
