import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { PdfFile } from '../../../src-shared/contract/documents';
import type { SeatPrintAnswer, SeatPrintBridge, SeatPrintKind } from '../../../src-shared/seat-api';
import { downloadPdf } from './pdf';

/*
 * The staff app shown in a desktop seat's window (the office's page on another PC): the seat's main
 * process lends it one bridge, `window.pppoePrint`, to print a generated PDF on the seat's own printer
 * (src-main/host/electron/seat-print.ts). The seat chose its printers itself; when a print fails there,
 * the seat saves the PDF (asking where). Browsers (phones) have no bridge and keep the PDF viewer or
 * the download.
 */
export const seatPrinter = (): SeatPrintBridge | null => (typeof window !== 'undefined' && window.pppoePrint) || null;

/** Prints the PDF on the seat's printer for `kind`; null when this page is not in a desktop seat. */
export async function printOnSeat(kind: SeatPrintKind, file: PdfFile): Promise<SeatPrintAnswer | null> {
  const bridge = seatPrinter();
  if (!bridge) return null;
  try {
    return await bridge.print(kind, { filename: file.filename, base64: file.base64 });
  } catch (err) {
    return { ok: false, reason: 'refused', detail: err instanceof Error ? err.message : String(err), savedTo: null };
  }
}

/** The answer in words: where it went, or why not and where the PDF is now. */
export function seatPrintText(t: TFunction, a: SeatPrintAnswer): string {
  if (a.ok) return t('billing:doc.sentToPrinter', { printer: a.printer });
  const why = t(`billing:doc.seat.reasons.${a.reason}`, { detail: a.detail ?? '' });
  if (a.savedTo) return `${why} ${t('billing:doc.seat.savedTo', { path: a.savedTo })}`;
  if (a.reason === 'refused') return `${why} ${t('billing:doc.seat.downloaded')}`;
  if (a.reason === 'busy') return why;
  return `${why} ${t('billing:doc.seat.notSaved')}`;
}

/**
 * After a print on the seat: a refused document (too large, not a PDF) was not saved by the seat, so the
 * page downloads it itself; every other failure was saved (or the user cancelled the save).
 */
export function afterSeatPrint(t: TFunction, a: SeatPrintAnswer, file: PdfFile): string {
  if (!a.ok && a.reason === 'refused') downloadPdf(file);
  return seatPrintText(t, a);
}

export function notifySeatPrint(t: TFunction, a: SeatPrintAnswer, file: PdfFile) {
  const message = afterSeatPrint(t, a, file);
  // A failed print stays until the user closes it: the receipt is not on paper and they must see why.
  notifications.show(a.ok ? { message } : { color: 'red', message, autoClose: false });
}

/** A receipt file after the seat's automatic print: what the page says about it. */
export type SeatPrinted = { seatPrint?: { ok: boolean; text: string } };

/**
 * The desktop app prints a new receipt at once when this PC chose a receipt printer; a seat does the same
 * on its own printer. Unchanged when this is not a seat, or the seat chose no receipt printer.
 */
export async function autoPrintReceiptOnSeat<F extends PdfFile>(t: TFunction, file: F): Promise<F & SeatPrinted> {
  const bridge = seatPrinter();
  if (!bridge) return file;
  const choice = await bridge.choice().catch(() => null);
  if (!choice?.receipt) return file;
  const a = await printOnSeat('receipt', file);
  if (!a) return file;
  return { ...file, seatPrint: { ok: a.ok, text: afterSeatPrint(t, a, file) } };
}
