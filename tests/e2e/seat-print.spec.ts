import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CashDeskPage } from './pages/CashDeskPage';

/*
 * The office's staff app inside a desktop seat's window prints on the seat's own printer through
 * `window.pppoePrint`. The seat's main process behind it (which origin and frame get it, PDF checks, the
 * printer and paper, saving on failure) is tested under Node with electron mocked
 * (tests/unit/electron/seat-print.test.ts); here a double of the bridge records what the staff app sends
 * and answers as told, so what is tested is the staff app: that it prints through the bridge when it is
 * there, what it says, and that a plain browser keeps the PDF.
 */
type Sent = { op: string; kind?: string; filename?: string; head?: string; bytes?: number };
type Answer = Record<string, unknown>;

async function printDouble(page: Page, choice: Record<string, unknown>) {
  await page.addInitScript((initial: Record<string, unknown>) => {
    const w = window as unknown as Record<string, unknown>;
    const sent: Sent[] = [];
    w.__sent = sent;
    w.__answer = null;
    w.pppoePrint = {
      choice: async () => initial,
      print: async (kind: string, file: { filename: string; base64: string }) => {
        const bytes = atob(file.base64);
        sent.push({ op: 'print', kind, filename: file.filename, head: bytes.slice(0, 5), bytes: bytes.length });
        const printer = kind === 'a4' ? initial.a4 : initial.receipt;
        return (w.__answer as Answer | null) ?? { ok: true, printer };
      },
      openSettings: async () => void sent.push({ op: 'settings' }),
    };
  }, choice);
  // The page is already open (signed in): load it again so the double is there from the start.
  await page.reload();
}
const sent = (page: Page) => page.evaluate(() => (window as unknown as { __sent: Sent[] }).__sent);
const answerNext = (page: Page, a: Answer) =>
  page.evaluate((x) => ((window as unknown as { __answer: Answer }).__answer = x), a);

test.describe('printing from a desktop seat', () => {
  test.setTimeout(90_000);

  test("the cash desk prints the receipt on the seat's receipt printer by itself; a failure is said with where the PDF went", async ({
    adminPage: page,
    host,
    api,
  }) => {
    await api.ok('settings.update', { autoInvoiceRun: false });
    const pkg = await api.ok('packages.create', {
      name: 'Kursi 10M',
      bandwidthUp: 5120,
      bandwidthDown: 10240,
      price: 150_000,
      billingCycle: 'monthly',
    });
    const c = await api.ok('customers.create', { name: 'Sekar Kursi' });
    await api.ok('subscriptions.create', { customerId: c.id, internetPackageId: pkg.id, billingDay: 1 });
    await api.ok('billing.generateInvoices', {});

    await printDouble(page, { receipt: 'TM-T82', a4: null, silent: true });
    const desk = new CashDeskPage(page);
    await desk.goto(host.url);
    await desk.openShift('0');
    // In place of the desktop app's picker: this seat's printer, a way to its settings.
    await expect(page.getByTestId('seat-printer')).toHaveText('Printer PC ini: TM-T82');

    await desk.findAndSelect('sekar', 'Sekar Kursi');
    await desk.amount.fill('50000');
    await page.keyboard.press('Enter');
    await expect(desk.done.getByTestId('desk-printed')).toHaveText('Dikirim ke printer TM-T82');
    const [first] = await sent(page);
    expect(first).toMatchObject({ op: 'print', kind: 'receipt', head: '%PDF-' });
    expect(first!.filename).toMatch(/^receipt-PAY-\d{8}-\d{4}\.pdf$/);

    // Printed again with "Cetak": the printer went offline; the seat saved the PDF where the user said.
    await answerNext(page, {
      ok: false,
      reason: 'failed',
      detail: 'Printer is offline',
      savedTo: 'C:\\Users\\kasir\\Documents\\receipt.pdf',
    });
    await desk.done.getByTestId('pdf-print').click();
    await expect(
      page.getByText(
        'Printer PC ini gagal mencetak: Printer is offline. PDF disimpan di C:\\Users\\kasir\\Documents\\receipt.pdf.',
      ),
    ).toBeVisible();
    expect((await sent(page)).filter((s) => s.op === 'print')).toHaveLength(2);

    await page.getByTestId('seat-printer').click();
    await expect.poll(async () => (await sent(page)).at(-1)).toEqual({ op: 'settings' });
  });

  test('an invoice goes to the A4 printer; none chosen is said; a plain browser still downloads the PDF', async ({
    adminPage: page,
    host,
    api,
  }) => {
    await api.ok('settings.update', { autoInvoiceRun: false });
    const pkg = await api.ok('packages.create', {
      name: 'Kursi A4',
      bandwidthUp: 5120,
      bandwidthDown: 10240,
      price: 100_000,
      billingCycle: 'monthly',
    });
    const c = await api.ok('customers.create', { name: 'Tagihan Kursi' });
    await api.ok('subscriptions.create', { customerId: c.id, internetPackageId: pkg.id, billingDay: 1 });
    await api.ok('billing.generateInvoices', {});

    await printDouble(page, { receipt: 'TM-T82', a4: 'HP-A4', silent: true });
    await page.goto(`${host.url}/#/invoices`);
    const row = page.getByTestId('data-table').getByRole('row').filter({ hasText: 'Tagihan Kursi' });
    await row.getByTestId('doc-print').click();
    // (The "sent" notice closes itself after a few seconds: the bridge's record is what is checked.)
    await expect.poll(async () => (await sent(page)).length).toBe(1);
    expect(await sent(page)).toEqual([
      expect.objectContaining({ op: 'print', kind: 'a4', head: '%PDF-', filename: expect.stringMatching(/^invoice-/) }),
    ]);

    await answerNext(page, { ok: false, reason: 'no_printer', detail: null, savedTo: null });
    await row.getByTestId('doc-print').click();
    await expect(
      page.getByText('Belum ada printer yang dipilih di PC ini (Printer PC ini). PDF tidak disimpan.'),
    ).toBeVisible();

    // A phone or a browser on the office network: no bridge, the PDF is downloaded as before.
    const plain = await page.context().newPage();
    await plain.goto(`${host.url}/#/invoices`);
    const download = plain.waitForEvent('download');
    await plain
      .getByTestId('data-table')
      .getByRole('row')
      .filter({ hasText: 'Tagihan Kursi' })
      .getByTestId('doc-download')
      .click();
    expect((await download).suggestedFilename()).toMatch(/^invoice-.*\.pdf$/);
    await expect(plain.getByTestId('seat-printer')).toHaveCount(0);
  });
});
