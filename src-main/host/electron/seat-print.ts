import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, PrinterInfo } from 'electron';
import {
  SEAT_PRINT_KINDS,
  type SeatChooseAnswer,
  type SeatPrintAnswer,
  type SeatPrintFailure,
  type SeatPrinterChoice,
  type SeatPrinterList,
  type SeatPrintKind,
} from '../../../src-shared/seat-api';
import type { Logger } from '../../logging/logger';
import { pdfFileName, readPdfInput } from '../seat/pdf-input';
import { loadPrinterChoice, savePrinterChoice } from '../seat/printer-choice';
import { renderTestPage } from '../seat/test-page';
import { SEAT_PRINT_INVOKE } from './constants';
import { mainFrameUrl } from './ipc';
import type { PrintPdf } from './pdf-printer';

/*
 * Printing from a seat on the seat's own printer.
 *
 * Why this bridge, and why this narrow: the office's staff app runs in the seat's window from the office's
 * origin and must get no IPC (an office page is remote content: a bug or an injected script there must not
 * reach this PC). It gets one channel, `seat:print`, only in the main frame of our window and only while
 * that frame is on the paired office origin (pinned certificate); it can ask which printers were chosen,
 * print one PDF, or show the seat's printer settings — nothing else. What it prints must be a PDF (checked
 * by its own structure, at most SEAT_PRINT_MAX_BYTES), which only ever opens in Chromium's PDF viewer;
 * the printer, paper and silent choice come from this PC's own settings, never from the page. One job at a
 * time, so a runaway page cannot queue hundreds. A print that fails (no printer chosen, printer gone,
 * refused or silent) saves the PDF instead, where the user says, so the receipt is never lost.
 */

export interface SeatPrintingOptions {
  dataDir: string;
  logger: Logger;
  printPdf: PrintPdf;
  /** This PC's printers (the seat window's webContents.getPrintersAsync). */
  listPrinters(): Promise<Pick<PrinterInfo, 'name' | 'displayName' | 'options'>[]>;
  /** Asks where to save and writes the file: its path, or null when the user cancelled. */
  saveFile(suggestedName: string, bytes: Buffer): Promise<string | null>;
  officeName(): string;
  now?: () => Date;
}

const failed = (reason: SeatPrintFailure, detail: string | null, savedTo: string | null = null): SeatPrintAnswer => ({
  ok: false,
  reason,
  detail,
  savedTo,
});
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

export function createSeatPrinting(o: SeatPrintingOptions) {
  let busy = false;
  const list = async (): Promise<SeatPrinterList['printers']> =>
    (await o.listPrinters()).map((p) => ({
      name: p.name,
      displayName: p.displayName || p.name,
      isDefault: (p.options as Record<string, string> | undefined)?.['is-default'] === 'true',
    }));
  const choice = (): SeatPrinterChoice => loadPrinterChoice(o.dataDir);

  /** Prints on the printer chosen for `kind`; when `save`, a failed print saves the PDF instead. */
  async function print(kind: SeatPrintKind, bytes: Buffer, filename: string, save: boolean): Promise<SeatPrintAnswer> {
    if (busy) return failed('busy', null);
    busy = true;
    try {
      const c = choice();
      const printer = c[kind];
      const fallback = async (reason: SeatPrintFailure, detail: string | null) => {
        o.logger.warn('seat print failed', { kind, printer, reason, detail });
        if (!save) return failed(reason, detail);
        const savedTo = await o.saveFile(filename, bytes).catch((err: unknown) => {
          o.logger.error('saving the PDF failed', { error: message(err) });
          return null;
        });
        return failed(reason, detail, savedTo);
      };
      if (!printer) return await fallback('no_printer', null);
      const known = await list().then(
        (ps) => ps.some((p) => p.name === printer),
        (err: unknown) => message(err),
      );
      if (typeof known === 'string') return await fallback('failed', known);
      if (!known) return await fallback('printer_missing', printer);
      try {
        await o.printPdf(bytes, { deviceName: printer, kind, silent: c.silent });
      } catch (err) {
        return await fallback('failed', message(err));
      }
      o.logger.info('seat print sent', { kind, printer, bytes: bytes.length });
      return { ok: true, printer };
    } finally {
      busy = false;
    }
  }

  return {
    choice,
    async printers(): Promise<SeatPrinterList> {
      return { printers: await list(), choice: choice() };
    },
    /** Stores the seat page's choice; a name this PC does not have is refused and nothing is stored. */
    async choose(next: SeatPrinterChoice): Promise<SeatChooseAnswer> {
      const printers = await list();
      const missing = [next.receipt, next.a4].find((n) => n !== null && !printers.some((p) => p.name === n));
      if (typeof missing === 'string') return { ok: false, missing };
      savePrinterChoice(o.dataDir, next);
      o.logger.info('seat printers chosen', { ...next });
      return { ok: true, list: { printers, choice: choice() } };
    },
    /** A PDF from the office's page (already checked by readPdfInput). */
    printDocument: (kind: SeatPrintKind, bytes: Buffer, filename: string) => print(kind, bytes, filename, true),
    async testPrint(kind: SeatPrintKind, language: 'id' | 'en'): Promise<SeatPrintAnswer> {
      const printer = choice()[kind];
      if (!printer) return failed('no_printer', null);
      const bytes = await renderTestPage({
        kind,
        printer,
        office: o.officeName(),
        language,
        at: (o.now ?? (() => new Date()))(),
      });
      return print(kind, bytes, 'test-page.pdf', false);
    },
  };
}
export type SeatPrinting = ReturnType<typeof createSeatPrinting>;

const originOf = (raw: string | null): string | null => {
  try {
    return raw ? new URL(raw).origin : null;
  } catch {
    return null;
  }
};

/** The sender is the main frame of our window, showing a page of the paired office (https) origin. */
export function isOfficeMainFrame(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  win: BrowserWindow | null,
  officeOrigin: string,
): boolean {
  return officeOrigin.startsWith('https://') && originOf(mainFrameUrl(event, win)) === officeOrigin;
}

export const isPrintKind = (v: unknown): v is SeatPrintKind => SEAT_PRINT_KINDS.includes(v as SeatPrintKind);

/** The office page's one channel (`window.pppoePrint`): which printers, print a PDF, show the settings. */
export function createSeatPrintIpc(opts: {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  getWindow(): BrowserWindow | null;
  officeOrigin: string;
  printing: SeatPrinting;
  openSettings(): void;
  logger: Logger;
}): { dispose(): void } {
  const { ipcMain, logger, printing } = opts;
  ipcMain.handle(SEAT_PRINT_INVOKE, async (event: IpcMainInvokeEvent, op: unknown, args: unknown) => {
    if (!isOfficeMainFrame(event, opts.getWindow(), opts.officeOrigin)) {
      logger.warn('seat print call refused', {
        op: String(op).slice(0, 20),
        url: String(event.senderFrame?.url ?? '').slice(0, 200),
      });
      throw new Error('Refused');
    }
    const a = Array.isArray(args) ? args : [];
    switch (op) {
      case 'choice':
        return printing.choice();
      case 'print': {
        if (!isPrintKind(a[0])) return failed('refused', 'unknown kind of paper');
        const pdf = readPdfInput(a[2]);
        if (!pdf.ok) {
          logger.warn('seat print refused', { detail: pdf.detail });
          return failed('refused', pdf.detail);
        }
        return printing.printDocument(a[0], pdf.bytes, pdfFileName(a[1]));
      }
      case 'settings':
        return void opts.openSettings();
      default:
        throw new Error('Unknown print call');
    }
  });
  return { dispose: () => ipcMain.removeHandler(SEAT_PRINT_INVOKE) };
}
