import type { PdfFile } from '../../../src-shared/contract/documents';

/*
 * What the UI does with a generated PDF. The browser host opens it in a new tab (the browser's own
 * viewer prints it) or downloads it. The desktop app prints to a named printer through the
 * `printer` field of the documents.* channels (app.services.printer in main); there new windows are
 * blocked by design, so without a printer the PDF is downloaded (Electron asks where to save).
 */

export const isDesktop = () => typeof window !== 'undefined' && !!window.pppoe;

export function pdfBlob(file: Pick<PdfFile, 'base64'>): Blob {
  const bin = atob(file.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: 'application/pdf' });
}

/** Object URLs live until the page unloads unless revoked; keep one per file and revoke after a while. */
function withUrl(file: PdfFile, use: (url: string) => void) {
  const url = URL.createObjectURL(pdfBlob(file));
  use(url);
  // Long enough for a new tab or a save dialog to read it.
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
}

export function downloadPdf(file: PdfFile) {
  withUrl(file, (url) => {
    const a = document.createElement('a');
    a.href = url;
    a.download = file.filename;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
}

/**
 * Opens the PDF in a new tab and asks the browser to print it. Returns false when the tab could not be
 * opened (pop-up blocked, desktop app): the caller then offers the download.
 */
export function openAndPrintPdf(file: PdfFile): boolean {
  if (isDesktop()) return false;
  let opened = false;
  withUrl(file, (url) => {
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
