import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEAT_PAGE_URL } from '../../../src-main/host/electron/seat-mode';
import { SEAT_PRINT_MAX_BYTES } from '../../../src-shared/seat-api';
import { FakeBrowserWindow, FakeFrame, FakeWebContents, invokeEvent } from './electron-mock';
import { OFFICE, startDesktop, type StartOptions } from './seat-env';

/*
 * Printing from a seat on the seat's own printer (seat-print.ts), with electron mocked: the office's page
 * gets `seat:print` in our window's main frame only, hands over a PDF (nothing else, nothing too large),
 * and it goes to the printer and paper this PC chose; a failed print saves the PDF instead.
 */
let running: Awaited<ReturnType<typeof startDesktop>> | null = null;
beforeEach(() => {
  FakeWebContents.printers = [
    { name: 'TM-T82', displayName: 'Epson TM-T82', description: '', options: { 'is-default': 'true' } },
    { name: 'HP-A4', displayName: 'HP LaserJet', description: '', options: {} },
  ];
  FakeWebContents.printAnswer = [true, ''];
  FakeWebContents.held = null;
});
afterEach(() => {
  running?.stop();
  running = null;
});

/** A small well-formed PDF, as the office's documents.* channels send it (base64). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const file = (bytes: Buffer = PDF, filename = 'receipt-PAY-20261206-0001.pdf') => [filename, bytes.toString('base64')];

async function seatShowingOffice(opts: StartOptions = { seat: 'paired' }) {
  running = await startDesktop(opts);
  const { m, win, link } = running;
  link.set({ kind: 'online', officeName: 'Net Desa' });
  // The fake's frame does not follow loadURL: the window now shows the office's staff app.
  win.webContents.mainFrame.url = `${OFFICE}/#/cashdesk`;
  const printCall = (op: string, args: unknown[] = [], contents = win.webContents, frame?: FakeFrame) =>
    m.ipcHandlers.get('seat:print')!(invokeEvent(contents, frame ?? contents.mainFrame), op, args);
  /** The seat page (app://) chooses this PC's printers. */
  const choose = async (receipt: string, a4: string, silent = true) => {
    win.webContents.mainFrame.url = SEAT_PAGE_URL;
    const answer = await running!.seatCall('choosePrinters', [receipt, a4, String(silent)]);
    win.webContents.mainFrame.url = `${OFFICE}/#/cashdesk`;
    return answer;
  };
  return { ...running, printCall, choose };
}

/** The hidden windows made to print since `main` (the seat's window) opened. */
const printWindows = (main: FakeBrowserWindow) =>
  FakeBrowserWindow.instances
    .slice(FakeBrowserWindow.instances.indexOf(main) + 1)
    .filter((w) => w.options.webPreferences?.plugins === true);

describe('the print bridge of a seat', () => {
  it('exists for the paired office origin in the main frame of our window only', async () => {
    const { m, win, printCall } = await seatShowingOffice();
    // The preload learns the one origin it may serve from the window's arguments.
    expect(win.options.webPreferences.additionalArguments).toEqual([`--pppoe-seat-print-origin=${OFFICE}`]);
    expect(await printCall('choice')).toEqual({ receipt: null, a4: null, silent: true });

    // Another window or webContents showing the office, a frame inside the office page, another origin in
    // our window, plain http, and our own seat page (it has its own bridge): all refused.
    await expect(printCall('choice', [], new FakeWebContents(`${OFFICE}/`))).rejects.toThrow('Refused');
    const child = new FakeFrame(`${OFFICE}/frame.html`, 7, 2);
    child.parent = win.webContents.mainFrame;
    await expect(printCall('print', ['receipt', ...file()], win.webContents, child)).rejects.toThrow('Refused');
    for (const url of ['https://127.0.0.3:8443/', 'http://127.0.0.2:8443/', 'https://evil.example/', SEAT_PAGE_URL]) {
      win.webContents.mainFrame.url = url;
      await expect(printCall('print', ['receipt', ...file()])).rejects.toThrow('Refused');
    }
    expect(printWindows(win)).toHaveLength(0);
    expect(m.dialog.showSaveDialog).not.toHaveBeenCalled();
    // The office's page cannot reach the seat's own calls either.
    win.webContents.mainFrame.url = `${OFFICE}/`;
    await expect(running!.seatCall('choosePrinters', ['TM-T82', '', 'true'])).rejects.toThrow('Refused');
  });

  it('is not there in local mode nor with a damaged pairing', async () => {
    running = await startDesktop({ pair: async () => Promise.reject(new Error('unused')) });
    expect(running.m.ipcHandlers.has('seat:print')).toBe(false);
    expect(running.win.options.webPreferences.additionalArguments).toBeUndefined();
    running.stop();
    running = await startDesktop({ seat: 'damaged' });
    expect(running.m.ipcHandlers.has('seat:print')).toBe(false);
  });

  it('refuses anything but a PDF within the size limit: nothing printed, nothing saved', async () => {
    const { m, win, printCall, choose } = await seatShowingOffice();
    await choose('TM-T82', 'HP-A4');
    const refused = (detail: string) => ({ ok: false, reason: 'refused', detail, savedTo: null });
    const html = Buffer.from('<html><body><script>alert(1)</script></body></html>');
    expect(await printCall('print', ['receipt', ...file(html)])).toEqual(refused('not a PDF'));
    // A PDF header on something cut short (no end of file) is no PDF either.
    expect(await printCall('print', ['receipt', ...file(PDF.subarray(0, 40))])).toEqual(refused('not a PDF'));
    const big = Buffer.concat([PDF.subarray(0, 9), Buffer.alloc(SEAT_PRINT_MAX_BYTES), Buffer.from('\n%%EOF\n')]);
    expect(await printCall('print', ['receipt', ...file(big)])).toEqual(refused('document too large'));
    expect(await printCall('print', ['receipt', 'r.pdf', 'not base64!'])).toEqual(refused('not base64'));
    expect(await printCall('print', ['receipt', 'r.pdf', 42])).toEqual(refused('no document'));
    expect(await printCall('print', ['label', ...file()])).toEqual(refused('unknown kind of paper'));
    await expect(printCall('format-disk')).rejects.toThrow('Unknown print call');
    expect(printWindows(win)).toHaveLength(0);
    expect(m.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it("prints on this PC's chosen printer with the desktop app's paper options", async () => {
    const { win, printCall, choose, paths } = await seatShowingOffice();
    expect(await choose('TM-T82', 'HP-A4')).toMatchObject({
      ok: true,
      list: { choice: { receipt: 'TM-T82', a4: 'HP-A4', silent: true } },
    });
    expect(await printCall('choice')).toEqual({ receipt: 'TM-T82', a4: 'HP-A4', silent: true });

    FakeWebContents.held = [];
    const receipt = printCall('print', ['receipt', ...file()]);
    const pw = () => printWindows(win).at(-1)!;
    await expect.poll(() => FakeWebContents.held!.length).toBe(1);
    // What the viewer opened is the office's PDF, byte for byte.
    const url = pw().loadURL.mock.calls[0]![0];
    expect(url).toMatch(/^file:\/\/.*\.pdf$/);
    expect(fs.readFileSync(fileURLToPath(url))).toEqual(PDF);
    FakeWebContents.held.shift()!(true, '');
    expect(await receipt).toEqual({ ok: true, printer: 'TM-T82' });
    FakeWebContents.held = null;
    expect(pw().options.webPreferences).toMatchObject({ sandbox: true, nodeIntegration: false, plugins: true });
    expect(pw().options.webPreferences.preload).toBeUndefined();
    expect(pw().webContents.print).toHaveBeenCalledWith(
      {
        silent: true,
        deviceName: 'TM-T82',
        printBackground: false,
        margins: { marginType: 'none' },
        usePrinterDefaultPageSize: true,
      },
      expect.any(Function),
    );
    // The temporary copy is gone and the window closed once the printer answered.
    expect(fs.existsSync(fileURLToPath(url))).toBe(false);
    expect(pw().destroyed).toBe(true);
    expect(path.dirname(path.dirname(fileURLToPath(url)))).toBe(path.join(paths.userData, 'temp'));

    // An invoice goes to the A4 printer on A4; with "print without a dialog" off, Chromium's dialog shows.
    await choose('TM-T82', 'HP-A4', false);
    expect(await printCall('print', ['a4', ...file(PDF, 'invoice-INV-1.pdf')])).toEqual({ ok: true, printer: 'HP-A4' });
    expect(pw().webContents.print).toHaveBeenCalledWith(
      {
        silent: false,
        deviceName: 'HP-A4',
        printBackground: false,
        margins: { marginType: 'default' },
        pageSize: 'A4',
      },
      expect.any(Function),
    );
  });

  it('a failed print saves the PDF where the user says; no printer chosen or a printer gone does too', async () => {
    const { m, win, printCall, choose, paths } = await seatShowingOffice();
    await choose('TM-T82', '');
    const target = path.join(paths.base, 'saved-receipt.pdf');
    m.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });

    FakeWebContents.printAnswer = [false, 'Printer is offline'];
    expect(await printCall('print', ['receipt', ...file()])).toEqual({
      ok: false,
      reason: 'failed',
      detail: 'Printer is offline',
      savedTo: target,
    });
    expect(fs.readFileSync(target)).toEqual(PDF);
    const [, options] = m.dialog.showSaveDialog.mock.calls.at(-1)! as [unknown, { defaultPath: string }];
    expect(path.basename(options.defaultPath)).toBe('receipt-PAY-20261206-0001.pdf');

    // No A4 printer chosen: nothing is sent to a printer, the invoice is saved.
    fs.rmSync(target);
    const windows = printWindows(win).length;
    expect(await printCall('print', ['a4', ...file(PDF, '../../invoice INV/1.pdf')])).toEqual({
      ok: false,
      reason: 'no_printer',
      detail: null,
      savedTo: target,
    });
    expect(printWindows(win)).toHaveLength(windows);
    expect(path.basename((m.dialog.showSaveDialog.mock.calls.at(-1)![1] as { defaultPath: string }).defaultPath)).toBe(
      'invoice_INV_1.pdf',
    );

    // The receipt printer was unplugged since it was chosen; then the user cancels the save.
    FakeWebContents.printers = FakeWebContents.printers.filter((p) => p.name !== 'TM-T82');
    m.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await printCall('print', ['receipt', ...file()])).toEqual({
      ok: false,
      reason: 'printer_missing',
      detail: 'TM-T82',
      savedTo: null,
    });
    expect(printWindows(win)).toHaveLength(windows);
  });

  it('one document at a time: a second while the first prints is answered "busy"', async () => {
    const { printCall, choose } = await seatShowingOffice();
    await choose('TM-T82', '');
    FakeWebContents.held = [];
    const first = printCall('print', ['receipt', ...file()]);
    await expect.poll(() => FakeWebContents.held!.length).toBe(1);
    expect(await printCall('print', ['receipt', ...file()])).toEqual({
      ok: false,
      reason: 'busy',
      detail: null,
      savedTo: null,
    });
    FakeWebContents.held[0]!(true, '');
    expect(await first).toEqual({ ok: true, printer: 'TM-T82' });
  });
});

describe("the seat page's printer settings", () => {
  it("lists this PC's printers, refuses a name it does not have, prints a test page the way a receipt goes", async () => {
    running = await startDesktop({ seat: 'paired' });
    const { seatCall, win, paths } = running;
    expect(await seatCall('printers')).toEqual({
      printers: [
        { name: 'TM-T82', displayName: 'Epson TM-T82', isDefault: true },
        { name: 'HP-A4', displayName: 'HP LaserJet', isDefault: false },
      ],
      choice: { receipt: null, a4: null, silent: true },
    });
    expect(await seatCall('testPrint', ['receipt', 'id'])).toMatchObject({ ok: false, reason: 'no_printer' });
    expect(await seatCall('choosePrinters', ['TM-T99', '', 'true'])).toEqual({ ok: false, missing: 'TM-T99' });
    expect(fs.existsSync(path.join(paths.userData, 'seat-printers.json'))).toBe(false);
    await expect(seatCall('choosePrinters', ['TM-T82', '', 'maybe'])).rejects.toThrow('Bad printer choice');
    expect(await seatCall('choosePrinters', ['TM-T82', '', 'true'])).toMatchObject({ ok: true });
    expect(JSON.parse(fs.readFileSync(path.join(paths.userData, 'seat-printers.json'), 'utf8'))).toEqual({
      receipt: 'TM-T82',
      a4: null,
      silent: true,
    });

    FakeWebContents.held = [];
    const test = seatCall('testPrint', ['receipt', 'id']);
    await expect.poll(() => FakeWebContents.held!.length, { timeout: 10_000 }).toBe(1);
    const pw = printWindows(win).at(-1)!;
    const pdf = fs.readFileSync(fileURLToPath(pw.loadURL.mock.calls[0]![0]));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pw.webContents.print).toHaveBeenCalledWith(
      expect.objectContaining({ deviceName: 'TM-T82', silent: true, usePrinterDefaultPageSize: true }),
      expect.any(Function),
    );
    FakeWebContents.held[0]!(false, 'Printer out of paper');
    // A failed test page is said, not saved.
    expect(await test).toEqual({ ok: false, reason: 'failed', detail: 'Printer out of paper', savedTo: null });
    expect(running.m.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('"Printer PC ini" from the office\'s app shows the seat page until the user opens the office again', async () => {
    const { win, link, printCall, seatCall } = await seatShowingOffice();
    await printCall('settings');
    expect(win.loadURL).toHaveBeenLastCalledWith(SEAT_PAGE_URL);
    win.webContents.mainFrame.url = SEAT_PAGE_URL;
    // The link's next "online" (every 15 s) does not take the page away.
    link.set({ kind: 'online', officeName: 'Net Desa' });
    expect(win.loadURL).toHaveBeenLastCalledWith(SEAT_PAGE_URL);
    expect(await seatCall('status')).toMatchObject({ held: true });
    await seatCall('open');
    expect(win.loadURL).toHaveBeenLastCalledWith(`${OFFICE}/`);
  });
});
