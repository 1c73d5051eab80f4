import { SEAT_PRINT_MAX_BYTES } from '../../../src-shared/seat-api';

/**
 * What the office's page may hand the seat's printer: a PDF, nothing else. Checked before a byte is
 * decoded (length and alphabet of the base64), then by its own structure: the `%PDF-` header and an
 * `%%EOF` near the end. HTML, images or a script could change what Chromium does with the file; a PDF
 * only opens in its viewer.
 */
export type PdfInput = { ok: true; bytes: Buffer } | { ok: false; detail: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function readPdfInput(base64: unknown, maxBytes = SEAT_PRINT_MAX_BYTES): PdfInput {
  if (typeof base64 !== 'string' || base64.length === 0) return { ok: false, detail: 'no document' };
  if (base64.length > Math.ceil(maxBytes / 3) * 4) return { ok: false, detail: 'document too large' };
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) return { ok: false, detail: 'not base64' };
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > maxBytes) return { ok: false, detail: 'document too large' };
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return { ok: false, detail: 'not a PDF' };
  if (
    !bytes
      .subarray(Math.max(0, bytes.length - 1024))
      .toString('latin1')
      .includes('%%EOF')
  )
    return { ok: false, detail: 'not a PDF' };
  return { ok: true, bytes };
}

/** A file name to suggest when the PDF is saved instead: the office's name, made harmless, always .pdf. */
export function pdfFileName(raw: unknown): string {
  const base = (typeof raw === 'string' ? raw : '')
    .replace(/\.pdf$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
  return `${base || 'document'}.pdf`;
}
