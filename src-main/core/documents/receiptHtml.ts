import { formatRupiah } from '../../../src-shared/money';
import { formatDateTime, formatPeriod } from './format';
import { labels, methodLabel } from './labels';
import { logoBuffer } from './pdf';
import type { ReceiptTitle, ReceiptWidth } from './receipt';
import type { ReceiptDoc, ReceiptHead } from './types';

/*
 * The same receipt as HTML, for printing straight to a thermal printer from the desktop app
 * (Chromium prints HTML reliably; a PDF shown in a hidden window does not print). The PDF stays the
 * document of record; this is only what goes to the paper. Every value is HTML-escaped.
 */
export const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
export const row = (l: string, r: string, bold = false) =>
  `<div class="row${bold ? ' b' : ''}"><span>${esc(l)}</span><span>${esc(r)}</span></div>`;

/** The ISP block at the top of a thermal receipt. */
export function ispHtml(isp: ReceiptDoc['isp']): string[] {
  const out: string[] = [];
  if (logoBuffer(isp.logo)) out.push(`<div class="c"><img src="${esc(isp.logo)}" alt=""></div>`);
  out.push(`<div class="c b big">${esc(isp.name)}</div>`);
  if (isp.receiptHeader) out.push(`<div class="c s">${esc(isp.receiptHeader)}</div>`);
  if (isp.address) out.push(`<div class="c s">${esc(isp.address)}</div>`);
  if (isp.phone) out.push(`<div class="c s">${esc(isp.phone)}</div>`);
  return out;
}

/** The top every thermal receipt shares (as drawReceiptTop draws it in the PDF), closed by a rule. */
export function receiptTopHtml(r: ReceiptHead, t: ReceiptTitle): string[] {
  const L = labels(r.language);
  const out = ispHtml(r.isp);
  out.push('<hr>', `<div class="c b">${esc(t.title)}</div>`);
  if (r.copy) out.push(`<div class="c b">${esc(L.copy)}</div>`);
  if (r.voided) out.push(`<div class="c b">${esc(L.voided)}</div>`);
  out.push('<hr>', row(L.number, t.number), row(L.date, formatDateTime(t.at, r.timeZone)));
  if (r.cashier) out.push(row(L.cashier, r.cashier));
  out.push(
    row(L.customer, r.customerCode),
    `<div class="r b">${esc(r.customerName)}</div>`,
    row(L.method, methodLabel(r.language, r.method)),
  );
  if (r.referenceNumber) out.push(row(L.reference, r.referenceNumber));
  out.push('<hr>');
  return out;
}

export function renderReceiptHtml(r: ReceiptDoc, width: ReceiptWidth): string {
  const L = labels(r.language);
  const out = receiptTopHtml(r, { title: L.receipt, number: r.paymentNumber, at: r.paidAt });
  if (r.lines.length) {
    out.push(`<div class="b">${esc(L.invoicesPaid)}</div>`);
    for (const l of r.lines)
      out.push(
        row(l.invoiceNumber, formatRupiah(l.amount)),
        `<div class="s in">${esc(formatPeriod(l.period, r.language))}</div>`,
      );
    out.push('<hr>');
  }
  out.push(row(L.total, formatRupiah(r.lines.reduce((s, l) => s + l.amount, 0)), true));
  if (r.depositUsed > 0) out.push(row(L.fromDeposit, formatRupiah(r.depositUsed)));
  out.push(row(L.received, formatRupiah(r.amount)));
  if (r.tendered !== null && r.tendered > 0)
    out.push(row(L.tendered, formatRupiah(r.tendered)), row(L.change, formatRupiah(r.change), true));
  if (r.depositAdded > 0) out.push(row(L.toDeposit, formatRupiah(r.depositAdded)));
  out.push('<hr>', row(L.arrears, formatRupiah(r.arrears)), row(L.deposit, formatRupiah(r.deposit)));
  if (r.voided && r.voidReason) out.push('<hr>', `<div>${esc(`${L.reason}: ${r.voidReason}`)}</div>`);
  out.push(
    '<hr>',
    `<div class="c b">${esc(L.thanks)}</div>`,
    `<div class="c s">${esc(`${L.printed} ${formatDateTime(r.printedAt, r.timeZone)}`)}</div>`,
  );
  return thermalPage(r.language, r.paymentNumber, width, out);
}

/** A whole HTML page sized to the paper roll, for the desktop app's silent print. */
export function thermalPage(language: string, title: string, width: ReceiptWidth, body: string[]): string {
  const font = width === 58 ? 11 : 13;
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
@page { size: ${width}mm auto; margin: 0 }
* { box-sizing: border-box }
body { margin: 0; padding: 2mm; width: ${width}mm; font: ${font}px/1.3 Arial, Helvetica, sans-serif; color: #000 }
.row { display: flex; justify-content: space-between; gap: 4px } .row span:last-child { text-align: right }
.c { text-align: center } .r { text-align: right } .b { font-weight: bold } .s { font-size: 0.85em } .big { font-size: 1.25em } .in { padding-left: 4px }
hr { border: 0; border-top: 1px dashed #000; margin: 3px 0 } img { max-width: 60%; max-height: 20mm }
.sig { margin-top: 12mm; border-top: 1px solid #000; text-align: center }
</style></head><body>${body.join('\n')}</body></html>`;
}
