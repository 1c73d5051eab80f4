import { formatRupiah } from '../../../src-shared/money';
import { a4, facts, footers, letterhead, table } from './a4';
import { formatDate, formatPeriod } from './format';
import { labels, methodLabel, statusLabel } from './labels';
import { toBuffer } from './pdf';
import type { InvoiceDoc } from './types';

/** A4 invoice: letterhead, bill-to, dates, one line for the period, paid and balance, status. */
export function renderInvoice(inv: InvoiceDoc): Promise<Buffer> {
  const L = labels(inv.language);
  const { doc, x, w } = a4(inv, inv.invoiceNumber);
  return toBuffer(doc, () => {
    letterhead(doc, inv, x, w, L.invoice);
    const top = doc.y;
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(L.billTo, x, top, { width: w / 2 - 10 });
    doc.font('Helvetica').text(`${inv.customerName}`, { width: w / 2 - 10 });
    doc.text(inv.customerCode, { width: w / 2 - 10 });
    if (inv.customerAddress) doc.text(inv.customerAddress, { width: w / 2 - 10 });
    if (inv.customerPhone) doc.text(inv.customerPhone, { width: w / 2 - 10 });
    const leftBottom = doc.y;
    doc.y = top;
    facts(
      doc,
      x + w / 2,
      100,
      w / 2 - 100,
      [
        [L.invoiceNo, inv.invoiceNumber],
        [L.invoiceDate, formatDate(inv.invoiceDate)],
        [L.dueDate, formatDate(inv.dueDate)],
        [L.period, formatPeriod(inv.period, inv.language)],
        ...(inv.servicePeriod
          ? ([[L.servicePeriod, `${formatDate(inv.servicePeriod.from)} – ${formatDate(inv.servicePeriod.to)}`]] as [
              string,
              string,
            ][])
          : []),
        [L.status, statusLabel(inv.language, inv.status)],
      ],
      [L.invoiceNo, L.status],
    );
    doc.y = Math.max(leftBottom, doc.y) + 18;

    const fallback = inv.description ?? `${L.period} ${formatPeriod(inv.period, inv.language)}`;
    const lines = inv.lines.length ? inv.lines : [{ description: fallback, amount: inv.amount }];
    table(
      doc,
      x,
      w,
      [
        { header: L.description, width: 0.7 },
        { header: L.amount, width: 0.3, align: 'right' },
      ],
      lines.map((l, i) => [
        i === 0 && inv.packageName ? `${l.description}\n${L.package}: ${inv.packageName}` : l.description,
        formatRupiah(l.amount),
      ]),
      { fontSize: 10 },
    );
    doc.y += 10;
    const balance = inv.status === 'void' ? 0 : Math.max(inv.amount - inv.paidAmount, 0);
    facts(
      doc,
      x + w * 0.5,
      w * 0.25,
      w * 0.25,
      [
        [L.total, formatRupiah(inv.amount)],
        [L.paid, formatRupiah(inv.paidAmount)],
        [L.balance, formatRupiah(balance)],
      ],
      [L.total, L.balance],
    );

    if (inv.status === 'void') {
      doc.y += 12;
      doc
        .font('Helvetica-Bold')
        .fontSize(14)
        .fillColor('#b00')
        .text(statusLabel(inv.language, 'void'), x, doc.y, { width: w });
      doc.fillColor('black').font('Helvetica').fontSize(10);
      if (inv.voidReason) doc.text(`${L.reason}: ${inv.voidReason}`, x, doc.y, { width: w });
    }
    if (inv.transfer && inv.status !== 'void') {
      doc.y += 14;
      doc.font('Helvetica-Bold').fontSize(11).text(L.payByTransfer, x, doc.y, { width: w }).font('Helvetica');
      doc.fontSize(10).text(inv.transfer.sentence, x, doc.y + 2, { width: w });
      for (const b of inv.transfer.banks) doc.text(b, x, doc.y, { width: w });
    }
    if (inv.payments.length) {
      doc.y += 16;
      doc.font('Helvetica-Bold').fontSize(11).text(L.payments, x, doc.y, { width: w }).font('Helvetica');
      doc.y += 4;
      table(
        doc,
        x,
        w,
        [
          { header: L.number, width: 0.35 },
          { header: L.date, width: 0.2 },
          { header: L.method, width: 0.2 },
          { header: L.amount, width: 0.25, align: 'right' },
        ],
        inv.payments.map((p) => [
          p.paymentNumber,
          formatDate(p.paymentDate),
          methodLabel(inv.language, p.method),
          formatRupiah(p.amount),
        ]),
      );
    }
    payTo(doc, inv, x, w);
    footers(doc, inv, x, w);
  });
}

/** Where to pay: the brand's bank accounts and QRIS text, when it has them. */
function payTo(doc: Parameters<typeof letterhead>[0], inv: InvoiceDoc, x: number, w: number) {
  const banks = inv.isp.bankAccounts ?? [];
  if (!banks.length && !inv.isp.qris) return;
  doc.y += 16;
  doc.font('Helvetica-Bold').fontSize(11).text(labels(inv.language).payTo, x, doc.y, { width: w }).font('Helvetica');
  doc.fontSize(10);
  for (const b of banks) doc.text(`${b.bank} ${b.number} a.n. ${b.holder}`, x, doc.y, { width: w });
  if (inv.isp.qris) doc.text(`QRIS: ${inv.isp.qris}`, x, doc.y, { width: w });
}
