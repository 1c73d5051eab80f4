import type { SeatPrintKind } from '../../../src-shared/seat-api';
import { mm, newPdf, toBuffer } from '../../core/documents/pdf';

/**
 * "Cetak halaman uji" on the seat page: a small PDF made on the seat itself (no office needed), printed
 * through exactly the path of a receipt or an invoice, so a good test page means receipts will print.
 * A receipt test is 58 mm wide (it fits a 58 and an 80 mm roll); an A4 test is A4.
 */
const WORDS = {
  id: {
    title: 'HALAMAN UJI PRINTER',
    printer: 'Printer',
    paper: 'Kertas',
    receipt: 'struk (termal)',
    a4: 'A4',
    from: 'Dicetak dari kursi PPPoE Desk',
    at: 'Waktu',
  },
  en: {
    title: 'PRINTER TEST PAGE',
    printer: 'Printer',
    paper: 'Paper',
    receipt: 'receipt (thermal)',
    a4: 'A4',
    from: 'Printed from a PPPoE Desk seat',
    at: 'Time',
  },
} as const;

export function renderTestPage(opts: {
  kind: SeatPrintKind;
  printer: string;
  office: string;
  language: 'id' | 'en';
  at: Date;
}): Promise<Buffer> {
  const w = WORDS[opts.language];
  const receipt = opts.kind === 'receipt';
  const width = receipt ? mm(58) : mm(210);
  const margin = receipt ? mm(2.5) : mm(20);
  const doc = newPdf({ title: w.title, at: opts.at, size: receipt ? [width, mm(70)] : 'A4', margin });
  return toBuffer(doc, (d) => {
    const text = width - 2 * margin;
    d.fontSize(receipt ? 9 : 16)
      .font('Helvetica-Bold')
      .text(w.title, margin, margin, { width: text, align: 'center' });
    d.moveDown(0.5)
      .font('Helvetica')
      .fontSize(receipt ? 7.5 : 11);
    for (const line of [
      `${w.printer}: ${opts.printer}`,
      `${w.paper}: ${receipt ? w.receipt : w.a4}`,
      `${w.at}: ${opts.at.toISOString().replace('T', ' ').slice(0, 19)} UTC`,
      opts.office,
      w.from,
    ])
      d.text(line, margin, d.y, { width: text });
    // A ruler across the printable width: a cut-off edge shows the paper size is wrong.
    d.moveDown(0.5).text('|' + '-'.repeat(receipt ? 28 : 90) + '|', margin, d.y, { width: text, align: 'center' });
  });
}
