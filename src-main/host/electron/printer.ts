import type { BrowserWindow, BrowserWindowConstructorOptions, PrinterInfo, WebContentsPrintOptions } from 'electron';
import type { PrinterService } from '../../core/documents/printer';

/**
 * The desktop PrinterService, for the Electron main process to register as `app.services.printer`:
 *   ctx.services.printer = createElectronPrinter({ BrowserWindow, getPrinters: () => win.webContents.getPrintersAsync() })
 * Receipts are printed as HTML in a hidden, script-less window with `webContents.print({ silent,
 * deviceName })`, using the printer's own paper size (thermal drivers define their roll width).
 * Electron is injected, so this module has no runtime dependency on it and is tested with fakes.
 */
export interface ElectronPrinterDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => Pick<
    BrowserWindow,
    'loadURL' | 'destroy' | 'isDestroyed'
  > & {
    webContents: Pick<BrowserWindow['webContents'], 'print'>;
  };
  getPrinters(): Promise<Pick<PrinterInfo, 'name' | 'displayName' | 'options'>[]>;
  /** Longest a print may take before it counts as failed (ms). */
  timeoutMs?: number;
}

export function createElectronPrinter(deps: ElectronPrinterDeps): PrinterService {
  const timeoutMs = deps.timeoutMs ?? 30_000;
  return {
    async list() {
      const printers = await deps.getPrinters();
      return printers.map((p) => ({
        name: p.name,
        displayName: p.displayName || p.name,
        isDefault: (p.options as Record<string, string> | undefined)?.['is-default'] === 'true',
      }));
    },
    async printHtml(html, opts) {
      const win = new deps.BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const options: WebContentsPrintOptions = {
          silent: true,
          printBackground: false,
          margins: { marginType: 'none' },
          ...(opts.deviceName ? { deviceName: opts.deviceName, usePrinterDefaultPageSize: true } : {}),
        };
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('the printer did not answer in time')), timeoutMs);
          win.webContents.print(options, (success, failureReason) => {
            clearTimeout(timer);
            if (success) resolve();
            else reject(new Error(failureReason || 'printing failed'));
          });
        });
      } finally {
        if (!win.isDestroyed()) win.destroy();
      }
    },
  };
}
