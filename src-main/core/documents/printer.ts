import type { AppContext } from '../context';

/**
 * Printing to a named printer is a desktop-only capability. The Electron host registers an
 * implementation under `app.services.printer` (see host/electron/printer.ts); the browser host has none,
 * and the UI then prints the PDF through the browser's own viewer or downloads it.
 */
export interface PrinterService {
  list(): Promise<{ name: string; displayName: string; isDefault: boolean }[]>;
  /** Prints an HTML document silently to `deviceName` (or the default printer). */
  printHtml(html: string, opts: { deviceName?: string; title: string }): Promise<void>;
}

export const PRINTER_SERVICE = 'printer';

export function printerService(app: AppContext): PrinterService | null {
  const s = app.services[PRINTER_SERVICE] as PrinterService | undefined;
  return s && typeof s.printHtml === 'function' && typeof s.list === 'function' ? s : null;
}
