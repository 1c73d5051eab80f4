import type PDFDocument from 'pdfkit';
import { lazyRequire } from '../../lazy-require';
import { toPrintable } from '../../../src-shared/pdf-charset';
import { FONT_FILES, pdfFont, type FontName } from './fonts';

export type Pdf = PDFKit.PDFDocument;

/** Loaded on first use (lazy-require.ts). */
const pdfkit = lazyRequire<typeof PDFDocument>('pdfkit');

/** Millimetres to PDF points. */
export const mm = (n: number) => (n * 72) / 25.4;

/**
 * Text as the embedded font prints it: NFC, and characters it has no glyph for (Chinese, Arabic…)
 * as a visible □ rather than nothing. Settings warns about such characters in the ISP name.
 */
export const printable = toPrintable;

/**
 * Deterministic output (fixed creation date: the document's own date is printed in it instead),
 * drawn with the embedded font. Documents keep using the standard names Helvetica, Helvetica-Bold
 * and Helvetica-Oblique: they are registered here as the embedded regular, bold and italic.
 */
export function newPdf(opts: PDFKit.PDFDocumentOptions & { title: string; at: Date }): Pdf {
  const { title, at, ...rest } = opts;
  const doc = new (pdfkit())({
    ...rest,
    // A fontkit font is a valid default font for pdfkit (no standard font is loaded at all).
    font: pdfFont('Helvetica'),
    info: { Title: title, Creator: 'PPPoE Desk', Producer: 'PPPoE Desk', CreationDate: at },
  });
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, pdfFont(name));
  doc.font('Helvetica');
  // Every string drawn or measured goes through printable(), so layout and output agree.
  const text = doc.text.bind(doc);
  const widthOf = doc.widthOfString.bind(doc);
  const heightOf = doc.heightOfString.bind(doc);
  doc.text = ((s: unknown, ...args: unknown[]) =>
    (text as (...a: unknown[]) => Pdf)(typeof s === 'string' ? printable(s) : s, ...args)) as Pdf['text'];
  doc.widthOfString = ((s: string, o?: PDFKit.Mixins.TextOptions) => widthOf(printable(s), o)) as Pdf['widthOfString'];
  doc.heightOfString = ((s: string, o?: PDFKit.Mixins.TextOptions) =>
    heightOf(printable(s), o)) as Pdf['heightOfString'];
  return doc;
}

/** Collects a finished document into one buffer. */
export function toBuffer(doc: Pdf, draw: (doc: Pdf) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc);
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}

/** The logo as an image buffer, or null when absent or not a PNG/JPEG data URL. */
export function logoBuffer(dataUrl: string): Buffer | null {
  const m = /^data:image\/(png|jpeg);base64,(.+)$/.exec(dataUrl);
  if (!m) return null;
  const buf = Buffer.from(m[2]!, 'base64');
  return buf.length > 0 ? buf : null;
}

/**
 * Draws the logo centred (or at x) inside a box. A corrupt image must not stop a receipt from
 * printing, so failures just leave the logo out. Returns the height used.
 */
export function drawLogo(
  doc: Pdf,
  dataUrl: string,
  x: number,
  y: number,
  w: number,
  h: number,
  align: 'center' | 'left' = 'center',
): number {
  const buf = logoBuffer(dataUrl);
  if (!buf) return 0;
  try {
    // openImage (declared in pdfkit-extra.d.ts) lets us size the box before drawing.
    const img = doc.openImage(buf);
    const scale = Math.min(w / img.width, h / img.height, 1);
    const iw = img.width * scale;
    const ih = img.height * scale;
    doc.image(img, align === 'center' ? x + (w - iw) / 2 : x, y, { width: iw, height: ih });
    return ih;
  } catch {
    return 0;
  }
}

/** One line with a label on the left and a value right-aligned; advances doc.y past both. */
export function pair(doc: Pdf, left: string, right: string, x: number, width: number, opts: { bold?: boolean } = {}) {
  const y = doc.y;
  doc.font(opts.bold ? 'Helvetica-Bold' : 'Helvetica');
  const rw = Math.min(doc.widthOfString(right), width * 0.6);
  doc.text(right, x + width - rw - 0.5, y, { width: rw + 0.5, align: 'right', lineBreak: false });
  doc.text(left, x, y, { width: Math.max(width - rw - 4, 10) });
  const leftBottom = doc.y;
  doc.y = Math.max(leftBottom, y + doc.currentLineHeight());
  doc.font('Helvetica');
}

/** A horizontal rule across the content width. */
export function rule(doc: Pdf, x: number, width: number, dashed = true, gap = 3) {
  doc.y += gap;
  doc.save().lineWidth(0.5);
  if (dashed) doc.dash(2, { space: 1.5 });
  doc
    .moveTo(x, doc.y)
    .lineTo(x + width, doc.y)
    .stroke();
  doc.undash().restore();
  doc.y += gap;
}
