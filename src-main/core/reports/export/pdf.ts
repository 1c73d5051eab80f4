import { formatRupiah } from '../../../../src-shared/money';
import { newPdf } from '../../documents/pdf';
import type { Cell, Column, ExportDocument } from './tables';

const MARGIN = 36;

function formatCell(kind: Column['kind'], v: Cell, lang: 'id' | 'en'): string {
  if (v === null || v === undefined) return '';
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  switch (kind) {
    case 'money':
      return formatRupiah(Number(v));
    case 'int':
      return Number(v).toLocaleString(locale);
    case 'percent':
      return `${(Number(v) * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
    case 'gigabytes':
      return Number(v).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    default:
      return String(v);
  }
}

const numeric = (k: Column['kind']) => k !== 'text' && k !== 'date' && k !== 'month';

/** A4 landscape PDF with the ISP header, each section as a table; header rows repeat after page breaks. */
export function renderPdf(
  doc: ExportDocument,
  meta: { ispName: string; generatedAt: string; lang: 'id' | 'en' },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // The embedded font (names, emoji, accents print as typed); the export is dated now.
    const pdf = newPdf({ size: 'A4', layout: 'landscape', margin: MARGIN, title: doc.title, at: new Date() });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);

    const pageWidth = pdf.page.width - MARGIN * 2;
    const bottom = () => pdf.page.height - MARGIN - 14;
    pdf.font('Helvetica-Bold').fontSize(15).text(meta.ispName);
    pdf.fontSize(12).text(doc.title);
    pdf
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#444')
      .text(`${doc.subtitle}   ·   ${meta.generatedAt}`)
      .fillColor('black');
    pdf.moveDown(0.6);

    for (const section of doc.sections) {
      const weights = section.columns.map((c) => c.width ?? 1);
      const total = weights.reduce((a, b) => a + b, 0);
      const widths = weights.map((w) => (w / total) * pageWidth);
      const rowHeight = 14;
      const drawRow = (cells: string[], bold: boolean, fill?: string) => {
        if (pdf.y + rowHeight > bottom()) {
          pdf.addPage();
          drawHeader();
        }
        const y = pdf.y;
        if (fill)
          pdf
            .rect(MARGIN, y - 2, pageWidth, rowHeight)
            .fill(fill)
            .fillColor('black');
        pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
        let x = MARGIN;
        cells.forEach((text, i) => {
          const w = widths[i]!;
          pdf.text(text, x + 3, y, {
            width: w - 6,
            align: numeric(section.columns[i]!.kind) ? 'right' : 'left',
            lineBreak: false,
            ellipsis: true,
          });
          x += w;
        });
        pdf.x = MARGIN;
        pdf.y = y + rowHeight;
      };
      const drawHeader = () =>
        drawRow(
          section.columns.map((c) => c.header),
          true,
          '#e8eef7',
        );

      if (section.heading) {
        if (pdf.y + 3 * rowHeight > bottom()) pdf.addPage();
        pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(10.5).text(section.heading, MARGIN);
        pdf.moveDown(0.2);
      }
      drawHeader();
      section.rows.forEach((r, idx) =>
        drawRow(
          r.map((v, i) => formatCell(section.columns[i]!.kind, v, meta.lang)),
          false,
          idx % 2 ? '#f6f6f6' : undefined,
        ),
      );
      if (section.total)
        drawRow(
          section.total.map((v, i) => formatCell(section.columns[i]!.kind, v, meta.lang)),
          true,
          '#eeeeee',
        );
      if (section.note)
        pdf.moveDown(0.3).font('Helvetica-Oblique').fontSize(8).text(section.note, MARGIN, pdf.y, { width: pageWidth });
      pdf.moveDown(0.6);
    }
    pdf.end();
  });
}
