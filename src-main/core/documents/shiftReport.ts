import { formatRupiah } from '../../../src-shared/money';
import { a4, facts, footers, letterhead, table, type Column } from './a4';
import { formatDateTime } from './format';
import { labels, methodLabel, statusLabel } from './labels';
import { toBuffer } from './pdf';
import type { ShiftReportDoc } from './types';

const money = (n: number | null) => (n === null ? '—' : formatRupiah(n));

/** A4 shift close report: times, cash in/out, expected/counted/variance, totals per method, every payment, refund and reseller top-up. */
export function renderShiftReport(s: ShiftReportDoc): Promise<Buffer> {
  const L = labels(s.language);
  const { doc, x, w } = a4(s, `${L.shift} #${s.shiftId}`);
  // The payments and the refunds are listed under the same columns.
  const moneyColumns: Column[] = [
    { header: L.number, width: 0.24 },
    { header: L.time, width: 0.2 },
    { header: L.customer, width: 0.3 },
    { header: L.method, width: 0.12 },
    { header: L.amount, width: 0.14, align: 'right' },
  ];
  return toBuffer(doc, () => {
    letterhead(doc, s, x, w, L.shiftReport);
    facts(
      doc,
      x,
      140,
      w - 140,
      [
        [L.shift, `#${s.shiftId} · ${statusLabel(s.language, s.status)}`],
        [L.cashier, s.cashier],
        [L.opened, formatDateTime(s.openedAt, s.timeZone)],
        [L.closed, s.closedAt ? formatDateTime(s.closedAt, s.timeZone) : L.stillOpen],
        [L.openingCash, money(s.openingCash)],
        [L.cashIn, money(s.cashReceived)],
        ...(s.cashTopUps ? ([[L.cashTopUps, money(s.cashTopUps)]] as [string, string][]) : []),
        ...(s.cashRefunded ? ([[L.cashOut, `- ${money(s.cashRefunded)}`]] as [string, string][]) : []),
        [L.expectedCash, money(s.expectedCash)],
        [L.countedCash, money(s.countedCash)],
        [L.variance, money(s.variance)],
        ...(s.notes ? ([[L.notes, s.notes]] as [string, string][]) : []),
      ],
      [L.expectedCash, L.countedCash, L.variance],
    );
    doc.y += 14;
    doc.font('Helvetica-Bold').fontSize(11).text(L.byMethod, x, doc.y, { width: w }).font('Helvetica');
    doc.y += 4;
    const total = s.byMethod.reduce((a, m) => a + m.amount, 0);
    const count = s.byMethod.reduce((a, m) => a + m.count, 0);
    table(
      doc,
      x,
      w,
      [
        { header: L.method, width: 0.5 },
        { header: L.count, width: 0.2, align: 'right' },
        { header: L.amount, width: 0.3, align: 'right' },
      ],
      [
        ...s.byMethod.map((m) => [methodLabel(s.language, m.method), String(m.count), formatRupiah(m.amount)]),
        [L.total, String(count), formatRupiah(total)],
      ],
    );
    doc.y += 14;
    doc.font('Helvetica-Bold').fontSize(11).text(L.payments, x, doc.y, { width: w }).font('Helvetica');
    doc.y += 4;
    if (!s.payments.length) doc.fontSize(10).text(L.none, x, doc.y, { width: w });
    else
      table(
        doc,
        x,
        w,
        moneyColumns,
        s.payments.map((p) => [
          p.voided ? `${p.paymentNumber} (${statusLabel(s.language, 'void')})` : p.paymentNumber,
          formatDateTime(p.paidAt, s.timeZone),
          `${p.customerCode} ${p.customerName}`,
          methodLabel(s.language, p.method),
          formatRupiah(p.amount),
        ]),
        { fontSize: 8, strike: s.payments.map((p) => p.voided) },
      );
    if (s.refunds.length) {
      doc.y += 14;
      doc.font('Helvetica-Bold').fontSize(11).text(L.refunds, x, doc.y, { width: w }).font('Helvetica');
      doc.y += 4;
      table(
        doc,
        x,
        w,
        moneyColumns,
        s.refunds.map((r) => [
          r.voided ? `${r.refundNumber} (${statusLabel(s.language, 'void')})` : r.refundNumber,
          formatDateTime(r.refundedAt, s.timeZone),
          `${r.customerCode} ${r.customerName}`,
          methodLabel(s.language, r.method),
          `- ${formatRupiah(r.amount)}`,
        ]),
        { fontSize: 8, strike: s.refunds.map((r) => r.voided) },
      );
    }
    if (s.topUps.length) {
      doc.y += 14;
      doc.font('Helvetica-Bold').fontSize(11).text(L.topUps, x, doc.y, { width: w }).font('Helvetica');
      doc.y += 4;
      table(
        doc,
        x,
        w,
        [
          { header: L.reseller, width: 0.54 },
          { header: L.time, width: 0.2 },
          { header: L.method, width: 0.12 },
          { header: L.amount, width: 0.14, align: 'right' },
        ],
        s.topUps.map((m) => [
          `${m.resellerCode} ${m.resellerName}${m.reversed ? ` (${L.reversed})` : ''}`,
          formatDateTime(m.at, s.timeZone),
          methodLabel(s.language, m.method),
          formatRupiah(m.amount),
        ]),
        { fontSize: 8, strike: s.topUps.map((m) => m.reversed) },
      );
    }
    footers(doc, s, x, w);
  });
}
