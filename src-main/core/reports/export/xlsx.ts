import type ExcelJS from 'exceljs';
import { lazyRequire } from '../../../lazy-require';
import type { Cell, Column, ExportDocument } from './tables';

/** Loaded on first use (lazy-require.ts). */
const excel = lazyRequire<typeof ExcelJS>('exceljs');

const FORMATS: Record<Column['kind'], string | undefined> = {
  text: undefined,
  money: '"Rp "#,##0',
  int: '#,##0',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
  month: 'mmm yyyy',
  gigabytes: '#,##0.00',
};

/** `YYYY-MM-DD` / `YYYY-MM` as a real date cell (UTC midnight, which Excel shows as that calendar day). */
function cellValue(kind: Column['kind'], v: Cell): ExcelJS.CellValue {
  if (v === null) return null;
  if ((kind === 'date' || kind === 'month') && typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v);
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1)));
  }
  return v;
}

/** A real .xlsx: numbers as numbers with rupiah/percent formats, dates as dates, an ISP/period header. */
export async function renderXlsx(doc: ExportDocument, meta: { ispName: string; generatedAt: string }): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = 'PPPoE Desk';
  const ws = wb.addWorksheet(doc.title.slice(0, 31));
  const width = Math.max(...doc.sections.map((s) => s.columns.length));
  ws.addRow([meta.ispName]).font = { bold: true, size: 14 };
  ws.addRow([doc.title]).font = { bold: true, size: 12 };
  ws.addRow([doc.subtitle]);
  ws.addRow([meta.generatedAt]).font = { italic: true, color: { argb: 'FF666666' } };
  const widths = new Array<number>(width).fill(12);

  for (const section of doc.sections) {
    ws.addRow([]);
    if (section.heading) ws.addRow([section.heading]).font = { bold: true };
    const header = ws.addRow(section.columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    const addRow = (cells: Cell[], bold = false) => {
      const row = ws.addRow(cells.map((v, i) => cellValue(section.columns[i]!.kind, v)));
      section.columns.forEach((c, i) => {
        const fmt = FORMATS[c.kind];
        if (fmt) row.getCell(i + 1).numFmt = fmt;
        const text = String(cells[i] ?? '');
        widths[i] = Math.min(60, Math.max(widths[i]!, text.length + 4, c.header.length + 2));
      });
      if (bold) row.font = { bold: true };
    };
    for (const r of section.rows) addRow(r);
    if (section.total) addRow(section.total, true);
    if (section.note) ws.addRow([section.note]).font = { italic: true };
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
