import type { PdfFile } from '../../../src-shared/contract/documents';
import { base64Blob, saveBlob, withObjectUrl } from '../../lib/download';

/*
 * What the UI does with a generated PDF. The browser host opens it in a new tab (the browser's own
 * viewer prints it) or downloads it. The desktop app prints to a named printer through the
 * `printer` field of the documents.* channels (app.services.printer in main); there new windows are
 * blocked by design, so without a printer the PDF is downloaded (Electron asks where to save).
 */

export const isDesktop = () => typeof window !== 'undefined' && !!window.pppoe;

export function downloadPdf(file: PdfFile) {
  saveBlob(base64Blob(file.base64, 'application/pdf'), file.filename);
}

/**
 * Opens the PDF in a new tab and asks the browser to print it. Returns false when the tab could not be
 * opened (pop-up blocked, desktop app): the caller then offers the download.
 */
export function openAndPrintPdf(file: PdfFile): boolean {
  if (isDesktop()) return false;
  let opened = false;
  withObjectUrl(base64Blob(file.base64, 'application/pdf'), (url) => {
    const w = window.open(url, '_blank');
    if (!w) return;
    opened = true;
    // Same-origin blob: once the viewer has loaded, print() opens the print dialog for the PDF.
    w.addEventListener('load', () => {
      try {
        w.focus();
        w.print();
      } catch {
        /* the user can still press Ctrl+P in the tab */
      }
    });
  });
  return opened;
}

const PRINTER_KEY = { receipt: 'pppoe-desk.printer.receipt', a4: 'pppoe-desk.printer.a4' } as const;
export type PrinterKind = keyof typeof PRINTER_KEY;

/** The printer this PC chose for receipts / A4 (desktop app); kept per machine. */
export function storedPrinter(kind: PrinterKind): string | null {
  try {
    return localStorage.getItem(PRINTER_KEY[kind]) || null;
  } catch {
    return null;
  }
}

export function storePrinter(kind: PrinterKind, name: string | null) {
  try {
    if (name) localStorage.setItem(PRINTER_KEY[kind], name);
    else localStorage.removeItem(PRINTER_KEY[kind]);
  } catch {
    /* private mode: the choice is just not remembered */
  }
}
