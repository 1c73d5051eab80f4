/** The monthly commission report (per collector: payments, collected, commission, hand-overs) and its .xlsx. */
import type ExcelJS from 'exceljs';
import { lazyRequire } from '../../lazy-require';
import { commissionForMonth } from '../../data/collectors/settlements.repository';
import type { CallContext } from '../context';
import { getSettings } from '../settings';

/** Loaded on first use (lazy-require.ts). */
const excel = lazyRequire<typeof ExcelJS>('exceljs');

export function commissionReport(call: CallContext, month: string) {
  const rows = commissionForMonth(call.app.sqlite, month);
  const sum = (k: 'payments' | 'collected' | 'commission' | 'settled' | 'variance') =>
    rows.reduce((s, r) => s + r[k], 0);
  return {
    month,
    rows,
    totals: {
      payments: sum('payments'),
      collected: sum('collected'),
      commission: sum('commission'),
      settled: sum('settled'),
      variance: sum('variance'),
    },
  };
}

const HEADERS = {
  id: ['Penagih', 'Pembayaran', 'Terkumpul (Rp)', 'Komisi (Rp)', 'Disetor (Rp)', 'Selisih setoran (Rp)'],
  en: ['Collector', 'Payments', 'Collected (Rp)', 'Commission (Rp)', 'Handed over (Rp)', 'Hand-over variance (Rp)'],
};

/** One sheet, integer rupiah in number cells (sums stay exact in Excel), in the language of Settings. */
export async function commissionExport(call: CallContext, month: string) {
  const report = commissionReport(call, month);
  const lang = getSettings(call.app).language === 'en' ? 'en' : 'id';
  const wb = new (excel().Workbook)();
  const ws = wb.addWorksheet(lang === 'en' ? `Commission ${month}` : `Komisi ${month}`);
  ws.addRow(HEADERS[lang]).font = { bold: true };
  for (const r of report.rows)
    ws.addRow([r.collectorName, r.payments, r.collected, r.commission, r.settled, r.variance]);
  const t = report.totals;
  ws.addRow([lang === 'en' ? 'Total' : 'Jumlah', t.payments, t.collected, t.commission, t.settled, t.variance]).font = {
    bold: true,
  };
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 28 : 18;
    if (i >= 2) c.numFmt = '#,##0';
  });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `collector-commission-${month}.xlsx`, base64: buf.toString('base64') };
}
