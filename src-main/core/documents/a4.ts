import { formatDateTime } from './format';
import { labels } from './labels';
import { drawLogo, newPdf, type Pdf } from './pdf';
import type { DocCommon } from './types';

export const A4_MARGIN = 48;

/** A4 page with the ISP's letterhead; returns the document and the content box. */
export function a4(common: DocCommon, title: string) {
  const doc = newPdf({ size: 'A4', margin: A4_MARGIN, title, at: new Date(common.printedAt), bufferPages: true });
  const x = A4_MARGIN;
  const w = doc.page.width - 2 * A4_MARGIN;
  return { doc, x, w };
}

/** Letterhead: logo left, ISP name/address/phone beside it, document title on the right. */
export function letterhead(doc: Pdf, c: DocCommon, x: number, w: number, title: string) {
  const top = A4_MARGIN;
  const logoW = drawLogo(doc, c.isp.logo, x, top, 70, 50, 'left') ? 80 : 0;
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .text(c.isp.name, x + logoW, top, { width: w * 0.6 - logoW });
  doc.font('Helvetica').fontSize(9);
  if (c.isp.address) doc.text(c.isp.address, x + logoW, doc.y, { width: w * 0.6 - logoW });
  if (c.isp.phone) doc.text(c.isp.phone, x + logoW, doc.y, { width: w * 0.6 - logoW });
  if (c.isp.taxId)
    doc.text(`${labels(c.language).taxId}: ${c.isp.taxId}`, x + logoW, doc.y, { width: w * 0.6 - logoW });
  const leftBottom = doc.y;
  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(title, x + w * 0.55, top, { width: w * 0.45, align: 'right' });
  doc.font('Helvetica').fontSize(10);
  doc.y = Math.max(leftBottom, doc.y, top + 50) + 12;
  doc
    .save()
    .lineWidth(1)
    .moveTo(x, doc.y)
    .lineTo(x + w, doc.y)
    .stroke()
    .restore();
  doc.y += 12;
}

/** "Printed ... · Page n/m" at the foot of every buffered page. */
export function footers(doc: Pdf, c: DocCommon, x: number, w: number) {
  const L = labels(c.language);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not add a page
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555')
      .text(
        `${L.printed} ${formatDateTime(c.printedAt, c.timeZone)} · ${L.page} ${i + 1}/${range.count}`,
        x,
        doc.page.height - 30,
        {
          width: w,
          align: 'center',
          lineBreak: false,
        },
      )
      .fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

export interface Column {
  header: string;
  width: number; // fraction of the content width
  align?: 'left' | 'right' | 'center';
}

/** A simple table that repeats its header after a page break. */
export function table(
  doc: Pdf,
  x: number,
  w: number,
  cols: Column[],
  rows: string[][],
  opts: { fontSize?: number; strike?: boolean[] } = {},
) {
  const size = opts.fontSize ?? 9;
  const pad = 3;
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(size);
    const y = doc.y;
    let cx = x;
    let h = 0;
    for (const c of cols) {
      const cw = c.width * w;
      h = Math.max(h, doc.heightOfString(c.header, { width: cw - 2 * pad }));
      doc.text(c.header, cx + pad, y + pad, { width: cw - 2 * pad, align: c.align ?? 'left' });
      cx += cw;
    }
    doc.y = y + h + 2 * pad;
    doc
      .save()
      .lineWidth(0.7)
      .moveTo(x, doc.y)
      .lineTo(x + w, doc.y)
      .stroke()
      .restore();
    doc.font('Helvetica').fontSize(size);
  };
  header();
  rows.forEach((row, ri) => {
    let h = 0;
    cols.forEach((c, i) => (h = Math.max(h, doc.heightOfString(row[i] ?? '', { width: c.width * w - 2 * pad }))));
    if (doc.y + h + 2 * pad > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    let cx = x;
    cols.forEach((c, i) => {
      doc.text(row[i] ?? '', cx + pad, y + pad, {
        width: c.width * w - 2 * pad,
        align: c.align ?? 'left',
        strike: opts.strike?.[ri] ?? false,
      });
      cx += c.width * w;
    });
    doc.y = y + h + 2 * pad;
    doc
      .save()
      .lineWidth(0.3)
      .strokeColor('#999')
      .moveTo(x, doc.y)
      .lineTo(x + w, doc.y)
      .stroke()
      .restore();
  });
  doc.x = x;
}

/** Label/value rows in two aligned columns. */
export function facts(
  doc: Pdf,
  x: number,
  labelWidth: number,
  valueWidth: number,
  rows: [string, string][],
  bold: string[] = [],
) {
  doc.fontSize(10);
  for (const [k, v] of rows) {
    const y = doc.y;
    doc.font('Helvetica').text(k, x, y, { width: labelWidth });
    const after = doc.y;
    doc.font(bold.includes(k) ? 'Helvetica-Bold' : 'Helvetica').text(v, x + labelWidth, y, { width: valueWidth });
    doc.y = Math.max(after, doc.y) + 1;
  }
  doc.font('Helvetica');
}
