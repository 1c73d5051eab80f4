import { formatRupiah } from '../../../src-shared/money';
import { formatDateTime, formatPeriod } from './format';
import { labels, methodLabel } from './labels';
import { drawLogo, mm, newPdf, pair, rule, toBuffer, type Pdf } from './pdf';
import type { ReceiptDoc, ReceiptHead } from './types';

export type ReceiptWidth = 58 | 80;

export interface Geometry {
  pageWidth: number;
  margin: number;
  font: number;
  small: number;
  title: number;
}

export const GEOMETRY: Record<ReceiptWidth, Geometry> = {
  58: { pageWidth: mm(58), margin: mm(2.5), font: 7.5, small: 6.5, title: 9 },
  80: { pageWidth: mm(80), margin: mm(3.5), font: 9, small: 7.5, title: 11 },
};

/** PDF allows at most 14,400 pt per side; a receipt never comes close, the measure pass uses this. */
const MEASURE_HEIGHT = 14_000;

/** Centred text on a thermal receipt, back to the body font afterwards. */
export function centerer(doc: Pdf, g: Geometry) {
  const x = g.margin;
  const w = g.pageWidth - 2 * g.margin;
  return (text: string, size = g.font, bold = false) => {
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .text(text, x, doc.y, { width: w, align: 'center' });
    doc.font('Helvetica').fontSize(g.font);
  };
}

/** Logo, ISP name, address and phone at the top of a thermal receipt. */
export function receiptHeader(doc: Pdf, isp: ReceiptDoc['isp'], g: Geometry) {
  const x = g.margin;
  const w = g.pageWidth - 2 * g.margin;
  const center = centerer(doc, g);
  doc.y = g.margin;
  const logoH = drawLogo(doc, isp.logo, x, doc.y, w, g.pageWidth * 0.25);
  if (logoH) doc.y += logoH + 3;
  center(isp.name, g.title, true);
  if (isp.receiptHeader) center(isp.receiptHeader, g.small);
  if (isp.address) center(isp.address, g.small);
  if (isp.phone) center(isp.phone, g.small);
}

/** The title of a receipt, its number and when the money moved. */
export interface ReceiptTitle {
  title: string;
  number: string;
  at: string;
}

/**
 * The top every thermal receipt shares: the ISP, the title (copy, voided), then number, time, cashier,
 * customer, method and reference, closed by a rule.
 */
export function drawReceiptTop(doc: Pdf, r: ReceiptHead, t: ReceiptTitle, g: Geometry) {
  const L = labels(r.language);
  const x = g.margin;
  const w = g.pageWidth - 2 * g.margin;
  const center = centerer(doc, g);
  receiptHeader(doc, r.isp, g);
  rule(doc, x, w);
  center(t.title, g.font, true);
  if (r.copy) center(L.copy, g.font, true);
  if (r.voided) center(L.voided, g.font, true);
  rule(doc, x, w);
  doc.fontSize(g.font);
  pair(doc, L.number, t.number, x, w);
  pair(doc, L.date, formatDateTime(t.at, r.timeZone), x, w);
  if (r.cashier) pair(doc, L.cashier, r.cashier, x, w);
  pair(doc, L.customer, r.customerCode, x, w);
  doc.font('Helvetica-Bold').text(r.customerName, x, doc.y, { width: w, align: 'right' }).font('Helvetica');
  pair(doc, L.method, methodLabel(r.language, r.method), x, w);
  if (r.referenceNumber) pair(doc, L.reference, r.referenceNumber, x, w);
  rule(doc, x, w);
}

function drawReceipt(doc: Pdf, r: ReceiptDoc, g: Geometry): number {
  const L = labels(r.language);
  const x = g.margin;
  const w = g.pageWidth - 2 * g.margin;
  const center = centerer(doc, g);
  drawReceiptTop(doc, r, { title: L.receipt, number: r.paymentNumber, at: r.paidAt }, g);

  if (r.lines.length) {
    doc.font('Helvetica-Bold').text(L.invoicesPaid, x, doc.y, { width: w }).font('Helvetica');
    for (const line of r.lines) {
      pair(doc, line.invoiceNumber, formatRupiah(line.amount), x, w);
      doc
        .fontSize(g.small)
        .text(formatPeriod(line.period, r.language), x + 4, doc.y, { width: w - 4 })
        .fontSize(g.font);
    }
    rule(doc, x, w);
  }
  const allocated = r.lines.reduce((s, l) => s + l.amount, 0);
  pair(doc, L.total, formatRupiah(allocated), x, w, { bold: true });
  if (r.depositUsed > 0) pair(doc, L.fromDeposit, formatRupiah(r.depositUsed), x, w);
  pair(doc, L.received, formatRupiah(r.amount), x, w);
  if (r.tendered !== null && r.tendered > 0) {
    pair(doc, L.tendered, formatRupiah(r.tendered), x, w);
    pair(doc, L.change, formatRupiah(r.change), x, w, { bold: true });
  }
  if (r.depositAdded > 0) pair(doc, L.toDeposit, formatRupiah(r.depositAdded), x, w);
  rule(doc, x, w);
  pair(doc, L.arrears, formatRupiah(r.arrears), x, w);
  pair(doc, L.deposit, formatRupiah(r.deposit), x, w);
  if (r.voided && r.voidReason) {
    rule(doc, x, w);
    doc.text(`${L.reason}: ${r.voidReason}`, x, doc.y, { width: w });
  }
  rule(doc, x, w);
  center(L.thanks, g.font, true);
  center(`${L.printed} ${formatDateTime(r.printedAt, r.timeZone)}`, g.small);
  return doc.y + g.margin;
}

/**
 * A thermal receipt: page width = paper width (58 or 80 mm), height fitted to the content. pdfkit
 * fixes the page size when the page is created, so the layout runs once to measure and once to draw.
 */
export function renderReceipt(r: ReceiptDoc, width: ReceiptWidth): Promise<Buffer> {
  return renderThermal(width, r.paymentNumber, r.printedAt, (doc, g) => drawReceipt(doc, r, g));
}

/** Lays out a thermal page twice: once to measure the height `draw` returns, once to draw it on a fitted page. */
export async function renderThermal(
  width: ReceiptWidth,
  title: string,
  printedAt: string,
  draw: (doc: Pdf, g: Geometry) => number,
): Promise<Buffer> {
  const g = GEOMETRY[width];
  const at = new Date(printedAt);
  // No bottom margin: the fitted page ends where the content does, so pdfkit never breaks the page.
  const margins = { top: g.margin, left: g.margin, right: g.margin, bottom: 0 };
  const opts = { size: [g.pageWidth, MEASURE_HEIGHT] as [number, number], margins, title, at };
  let height = 0;
  await toBuffer(newPdf(opts), (doc) => {
    height = draw(doc, g);
  });
  return toBuffer(newPdf({ ...opts, size: [g.pageWidth, Math.ceil(height)] }), (doc) => {
    draw(doc, g);
  });
}
