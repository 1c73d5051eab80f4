import PDFDocument from 'pdfkit';

export type Pdf = PDFKit.PDFDocument;

/** Millimetres to PDF points. */
export const mm = (n: number) => (n * 72) / 25.4;

// The built-in Helvetica only has the Windows-1252 (WinAnsi) characters: Latin-1 plus these.
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the standard fonts can show: letters with accents outside WinAnsi lose the accent (Ğ → G),
 * anything else becomes '?', instead of the garbage glyphs pdfkit would otherwise print.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch) || ch === '\n')
      out += ch;
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base && [...base].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0xff) ? base : '?';
    }
  }
  return out;
}

/** Deterministic output: fixed creation date (the document's own date is printed in it instead). */
export function newPdf(opts: PDFKit.PDFDocumentOptions & { title: string; at: Date }): Pdf {
  const { title, at, ...rest } = opts;
  const doc = new PDFDocument({
    ...rest,
    info: { Title: toWinAnsi(title), Creator: 'PPPoE Desk', Producer: 'PPPoE Desk', CreationDate: at },
  });
  // Every string drawn or measured goes through toWinAnsi, so layout and output agree.
  const text = doc.text.bind(doc);
  const widthOf = doc.widthOfString.bind(doc);
  const heightOf = doc.heightOfString.bind(doc);
  doc.text = ((s: unknown, ...args: unknown[]) =>
    (text as (...a: unknown[]) => Pdf)(typeof s === 'string' ? toWinAnsi(s) : s, ...args)) as Pdf['text'];
  doc.widthOfString = ((s: string, o?: PDFKit.Mixins.TextOptions) => widthOf(toWinAnsi(s), o)) as Pdf['widthOfString'];
  doc.heightOfString = ((s: string, o?: PDFKit.Mixins.TextOptions) =>
    heightOf(toWinAnsi(s), o)) as Pdf['heightOfString'];
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
    // openImage exists in pdfkit but not in @types/pdfkit; it lets us size the box before drawing.
    const img = (doc as unknown as { openImage(b: Buffer): { width: number; height: number } }).openImage(buf);
    const scale = Math.min(w / img.width, h / img.height, 1);
    const iw = img.width * scale;
    const ih = img.height * scale;
    doc.image(img as unknown as Buffer, align === 'center' ? x + (w - iw) / 2 : x, y, { width: iw, height: ih });
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
