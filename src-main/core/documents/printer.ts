import type { AppContext } from '../context';

/**
 * Printing to a named printer is a desktop-only capability. The Electron host registers an
 * implementation under `app.services.printer` (webContents.print with deviceName on a hidden window);
 * the browser host has none, and the UI then prints through the browser's own PDF viewer.
 */
export interface PrinterService {
  list(): Promise<{ name: string; displayName: string; isDefault: boolean }[]>;
  /** Prints a PDF silently to `deviceName` (or the default printer); `pageWidthMm` for thermal paper. */
  printPdf(pdf: Buffer, opts: { deviceName?: string; pageWidthMm?: number; title: string }): Promise<void>;
}

export const PRINTER_SERVICE = 'printer';

export function printerService(app: AppContext): PrinterService | null {
  const s = app.services[PRINTER_SERVICE] as PrinterService | undefined;
  return s && typeof s.printPdf === 'function' && typeof s.list === 'function' ? s : null;
}
