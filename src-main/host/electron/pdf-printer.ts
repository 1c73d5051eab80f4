import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow, BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import type { SeatPrintKind } from '../../../src-shared/seat-api';

/**
 * Prints a PDF (checked by pdf-input.ts) on a named printer: the file goes to a private temp folder, a
 * hidden sandboxed window opens it in Chromium's PDF viewer (the one plugin, no preload, no Node) and
 * `webContents.print` sends it with the options the desktop app uses for receipts (printer.ts: silent,
 * no margins, the printer's own paper size, since thermal drivers define their roll width) or A4.
 * Electron is injected (tests pass fakes).
 */
export interface PdfPrinterDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => Pick<
    BrowserWindow,
    'loadURL' | 'destroy' | 'isDestroyed'
  > & {
    webContents: Pick<BrowserWindow['webContents'], 'print'>;
  };
  /** Longest a print may take before it counts as failed (ms). */
  timeoutMs?: number;
  tempDir?: string;
}

export interface PdfPrintJob {
  deviceName: string;
  kind: SeatPrintKind;
  silent: boolean;
}

/** The desktop app's print options per kind of paper. */
export function printOptions(job: PdfPrintJob): WebContentsPrintOptions {
  return {
    silent: job.silent,
    deviceName: job.deviceName,
    printBackground: false,
    ...(job.kind === 'receipt'
      ? { margins: { marginType: 'none' as const }, usePrinterDefaultPageSize: true }
      : { margins: { marginType: 'default' as const }, pageSize: 'A4' as const }),
  };
}

export function createPdfPrinter(deps: PdfPrinterDeps) {
  const timeoutMs = deps.timeoutMs ?? 60_000;
  return async function printPdf(bytes: Buffer, job: PdfPrintJob): Promise<void> {
    const base = deps.tempDir ?? os.tmpdir();
    fs.mkdirSync(base, { recursive: true });
    const dir = fs.mkdtempSync(path.join(base, 'pppoe-print-'));
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, bytes, { mode: 0o600 });
    const win = new deps.BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
    });
    try {
      await win.loadURL(pathToFileURL(file).href);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the printer did not answer in time')), timeoutMs);
        win.webContents.print(printOptions(job), (success, failureReason) => {
          clearTimeout(timer);
          if (success) resolve();
          else reject(new Error(failureReason || 'printing failed'));
        });
      });
    } finally {
      if (!win.isDestroyed()) win.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}
export type PrintPdf = ReturnType<typeof createPdfPrinter>;
