import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElectronPrinter, type ElectronPrinterDeps } from '../../../src-main/host/electron/printer';
import { renderReceiptHtml } from '../../../src-main/core/documents/receiptHtml';
import type { ReceiptDoc } from '../../../src-main/core/documents/types';

const doc: ReceiptDoc = {
  isp: { name: 'Net <RT> 05', address: 'Jl. Mawar', phone: '0812', logo: '' },
  timeZone: 'Asia/Makassar',
  language: 'id',
  printedAt: '2026-11-24T03:00:00.000Z',
  paymentNumber: 'PAY-20261124-0009',
  paidAt: '2026-11-24T15:30:00.000Z',
  paymentDate: '2026-11-24',
  cashier: 'Siti',
  customerCode: 'CUST0009',
  customerName: '<img src=x onerror=alert(1)> Budi',
  method: 'cash',
  referenceNumber: null,
  amount: 150_000,
  tendered: 200_000,
  change: 50_000,
  lines: [{ invoiceNumber: 'INV-202611-00009', period: '2026-11', description: null, amount: 150_000 }],
  depositUsed: 0,
  depositAdded: 0,
  arrears: 0,
  deposit: 0,
  voided: false,
  voidReason: null,
  copy: true,
};

describe('receipt HTML (desktop printing)', () => {
  it('carries the receipt facts at the paper width and escapes every value', () => {
    const html = renderReceiptHtml(doc, 58);
    expect(html).toContain('@page { size: 58mm auto');
    // 15:30 UTC = 23:30 WITA
    expect(html).toContain('24/11/2026 23:30 WITA');
    for (const s of [
      'PAY-20261124-0009',
      'INV-202611-00009',
      'Rp 150.000',
      'Kembali',
      'Rp 50.000',
      'SALINAN / COPY',
      'Net &lt;RT&gt; 05',
    ])
      expect(html).toContain(s);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; Budi');
    expect(renderReceiptHtml(doc, 80)).toContain('width: 80mm');
  });
});

type PrintCb = (success: boolean, failureReason: string) => void;

function fakeElectron(answer: (cb: PrintCb) => void) {
  const windows: { options: unknown; url: string | null; destroyed: boolean; printOptions: unknown }[] = [];
  class FakeWindow {
    private w = {
      options: null as unknown,
      url: null as string | null,
      destroyed: false,
      printOptions: null as unknown,
    };
    constructor(options: unknown) {
      this.w.options = options;
      windows.push(this.w);
    }
    loadURL(url: string) {
      this.w.url = url;
      return Promise.resolve();
    }
    destroy() {
      this.w.destroyed = true;
    }
    isDestroyed() {
      return this.w.destroyed;
    }
    webContents = {
      print: (options: unknown, cb: PrintCb) => {
        this.w.printOptions = options;
        answer(cb);
      },
    };
  }
  const deps: ElectronPrinterDeps = {
    BrowserWindow: FakeWindow as unknown as ElectronPrinterDeps['BrowserWindow'],
    getPrinters: async () => [
      { name: 'POS58', displayName: 'POS-58 Thermal', options: { 'is-default': 'true' } },
      { name: 'HP_A4', displayName: '', options: {} },
    ],
    timeoutMs: 50,
  };
  return { deps, windows };
}

describe('Electron printer service', () => {
  afterEach(() => vi.useRealTimers());

  it('prints silently to the named printer in a hidden script-less window, then closes it', async () => {
    const { deps, windows } = fakeElectron((cb) => cb(true, ''));
    const printer = createElectronPrinter(deps);
    expect(await printer.list()).toEqual([
      { name: 'POS58', displayName: 'POS-58 Thermal', isDefault: true },
      { name: 'HP_A4', displayName: 'HP_A4', isDefault: false },
    ]);
    await printer.printHtml('<p>hi</p>', { deviceName: 'POS58', title: 'r.pdf' });
    expect(windows).toHaveLength(1);
    const w = windows[0]!;
    expect(w.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, javascript: false, nodeIntegration: false },
    });
    expect(decodeURIComponent(w.url!.replace('data:text/html;charset=utf-8,', ''))).toBe('<p>hi</p>');
    expect(w.printOptions).toMatchObject({
      silent: true,
      deviceName: 'POS58',
      usePrinterDefaultPageSize: true,
      margins: { marginType: 'none' },
    });
    expect(w.destroyed).toBe(true);
  });

  it('reports a failed or silent printer as an error and still closes the window', async () => {
    const failing = fakeElectron((cb) => cb(false, 'Printer is offline'));
    await expect(
      createElectronPrinter(failing.deps).printHtml('<p/>', { deviceName: 'POS58', title: 'x' }),
    ).rejects.toThrow('Printer is offline');
    expect(failing.windows[0]!.destroyed).toBe(true);

    // A printer that never answers: the fake clock runs the timeout out.
    vi.useFakeTimers();
    const silent = fakeElectron(() => undefined);
    const job = createElectronPrinter(silent.deps).printHtml('<p/>', { title: 'x' });
    const outcome = expect(job).rejects.toThrow('did not answer in time');
    await vi.advanceTimersByTimeAsync(50);
    await outcome;
    expect(silent.windows[0]!.destroyed).toBe(true);
  });
});
