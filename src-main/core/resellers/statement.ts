/**
 * A reseller's monthly statement: the balance at the start of the month, each kind of movement's total,
 * the balance at its end, and every movement (business dates in the ISP's zone). The totals are sums of
 * the same ledger rows the balance is, so opening + movements = closing by construction; PDF and Excel
 * use the reports' own renderers.
 */
import type { Statement } from '../../../src-shared/contract/resellers';
import { businessStamp } from '../../../src-shared/dates';
import type { CallContext } from '../context';
import { getSettings } from '../settings';
import { renderPdf } from '../reports/export/pdf';
import type { Cell, ExportDocument } from '../reports/export/tables';
import { renderXlsx } from '../reports/export/xlsx';
import { balanceBefore, movementsBetween } from '../../data/resellers/ledger.repository';
import { movementOut } from './ledger';
import { resellerRow } from './resellers';

function monthRange(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function statementOf(call: CallContext, resellerId: number, month: string): Statement {
  const db = call.app.sqlite;
  const r = resellerRow(call, resellerId);
  const { from, to } = monthRange(month);
  const rows = movementsBetween(db, r.id, from, to).map(movementOut);
  const sum = (kind: string) => rows.filter((x) => x.kind === kind).reduce((s, x) => s + x.amount, 0);
  const opening = balanceBefore(db, r.id, from);
  const paid = rows.filter((x) => x.kind === 'payment');
  return {
    reseller: { id: r.id, code: r.code, name: r.name },
    month,
    from,
    to,
    opening,
    topups: sum('topup'),
    payments: sum('payment'),
    commissions: sum('commission'),
    reversals: sum('reversal'),
    closing: opening + rows.reduce((s, x) => s + x.amount, 0),
    billsPaid: paid.length,
    billAmount: paid.reduce((s, x) => s + (x.billAmount ?? 0), 0),
    shares: paid.reduce((s, x) => s + (x.share ?? 0), 0),
    movements: rows,
  };
}

const LABELS = {
  id: {
    title: 'Laporan saldo mitra',
    period: 'Periode',
    summary: 'Ringkasan',
    item: 'Keterangan',
    amount: 'Jumlah',
    opening: 'Saldo awal',
    topups: 'Isi saldo',
    payments: 'Pembayaran tagihan',
    commissions: 'Komisi',
    reversals: 'Pembatalan',
    closing: 'Saldo akhir',
    billsPaid: 'Tagihan dibayar',
    billAmount: 'Nilai tagihan dibayar',
    shares: 'Bagian mitra (diskon/komisi)',
    movements: 'Mutasi',
    date: 'Tanggal',
    kind: 'Jenis',
    customer: 'Pelanggan',
    invoice: 'Tagihan',
    note: 'Catatan',
    kinds: { topup: 'Isi saldo', payment: 'Bayar tagihan', commission: 'Komisi', reversal: 'Pembatalan' },
  },
  en: {
    title: 'Reseller balance statement',
    period: 'Period',
    summary: 'Summary',
    item: 'Item',
    amount: 'Amount',
    opening: 'Opening balance',
    topups: 'Top-ups',
    payments: 'Bill payments',
    commissions: 'Commissions',
    reversals: 'Reversals',
    closing: 'Closing balance',
    billsPaid: 'Bills paid',
    billAmount: 'Value of bills paid',
    shares: 'Reseller share (discount/commission)',
    movements: 'Movements',
    date: 'Date',
    kind: 'Kind',
    customer: 'Customer',
    invoice: 'Invoice',
    note: 'Note',
    kinds: { topup: 'Top-up', payment: 'Bill payment', commission: 'Commission', reversal: 'Reversal' },
  },
} as const;

function statementDocument(s: Statement, lang: 'id' | 'en'): ExportDocument {
  const L = LABELS[lang];
  const money = (k: keyof typeof L & keyof Statement): Cell[] => [L[k] as string, s[k] as number];
  return {
    title: `${L.title} — ${s.reseller.code} ${s.reseller.name}`,
    subtitle: `${L.period} ${s.from} – ${s.to}`,
    sections: [
      {
        heading: L.summary,
        columns: [
          { header: L.item, kind: 'text', width: 3 },
          { header: L.amount, kind: 'money', width: 2 },
        ],
        rows: [
          money('opening'),
          money('topups'),
          money('payments'),
          money('commissions'),
          money('reversals'),
          money('billAmount'),
          money('shares'),
        ],
        total: [L.closing, s.closing],
        note: `${L.billsPaid}: ${s.billsPaid}`,
      },
      {
        heading: L.movements,
        columns: [
          { header: L.date, kind: 'date', width: 2 },
          { header: L.kind, kind: 'text', width: 2 },
          { header: L.customer, kind: 'text', width: 3 },
          { header: L.invoice, kind: 'text', width: 2 },
          { header: L.amount, kind: 'money', width: 2 },
          { header: L.note, kind: 'text', width: 3 },
        ],
        rows: s.movements.map((m) => [
          m.businessDate,
          L.kinds[m.kind],
          m.customerCode ? `${m.customerCode} ${m.customerName ?? ''}` : null,
          m.invoiceNumber,
          m.amount,
          m.referenceNumber ?? m.note,
        ]),
      },
    ],
  };
}

/** The statement as PDF or Excel, in the ISP's document language. */
export async function statementFile(call: CallContext, resellerId: number, month: string, format: 'pdf' | 'xlsx') {
  const s = statementOf(call, resellerId, month);
  const settings = getSettings(call.app);
  const lang = settings.language;
  const now = call.app.clock.now();
  const generatedAt = businessStamp(now, settings.timeZone);
  const doc = statementDocument(s, lang);
  const meta = { ispName: settings.ispName, generatedAt, lang };
  const body = format === 'pdf' ? await renderPdf(doc, meta) : await renderXlsx(doc, meta);
  return {
    filename: `statement_${s.reseller.code}_${month}.${format}`,
    mime: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: body.toString('base64'),
  };
}
