import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Response } from '@playwright/test';
import { expect, test, signInAsCashier } from './fixtures';
import { subscriber } from './helpers/subscribers';
import { CashDeskPage } from './pages/CashDeskPage';

/** Text of a PDF (poppler's pdftotext), to check what the receipt says. */
function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-pdf-')), 'r.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** The receipt the desk asked for right after the payment (POST /api/documents.receipt). */
async function receiptFrom(response: Response) {
  const body = (await response.json()) as { ok: boolean; value: { filename: string; base64: string; copy: boolean } };
  expect(body.ok).toBe(true);
  return { ...body.value, pdf: Buffer.from(body.value.base64, 'base64') };
}

const receiptResponse = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/documents.receipt') && r.request().method() === 'POST');

test.describe('Kasir (cash desk)', () => {
  // Full UI flows on a machine shared with other work: allow more than the default 30 s.
  test.setTimeout(90_000);

  test('a cashier takes a partial payment, then the rest; each time a receipt PDF is produced', async ({
    page,
    host,
    api,
  }) => {
    // The scheduled run (start-up catch-up a few seconds after the host starts) must not race the test's own runs.
    await api.ok('settings.update', { autoInvoiceRun: false });
    // Seed through the API: what this test is about is the desk, not customer or invoice set-up.
    const { customer: c } = await subscriber(api, {
      pkg: { name: 'Rumah 10M', bandwidthUp: 5120, bandwidthDown: 10240, price: 150_000 },
      customer: { name: 'Wulan Sari', phone: '081377778888' },
      billingDay: 1,
    });
    const run = await api.ok('billing.generateInvoices', {});
    expect(run.created).toBe(1);
    // The cashier (staff role) signs in and opens the desk.
    await signInAsCashier(page, host, api, 'kasir1', 'Kasir Satu');
    const desk = new CashDeskPage(page);
    await desk.goto(host.url);
    await desk.openShift('200000');

    // 1) Partial payment: Rp 100.000 of Rp 150.000, cash Rp 100.000.
    await desk.findAndSelect('wulan', 'Wulan Sari');
    await expect(desk.totalDue).toHaveText('Rp 150.000');
    await expect(desk.amount).toHaveValue('Rp 150.000');
    await desk.amount.fill('100000');
    let receipt = receiptResponse(page);
    await page.keyboard.press('Enter');
    await expect(desk.done).toContainText(/Pembayaran PAY-\d{8}-\d{4} diterima/);
    await expect(desk.remaining).toHaveText('Rp 50.000');
    const first = await receiptFrom(await receipt);
    expect(first.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.copy).toBe(false);
    expect(pdfText(first.pdf)).toContain('Sisa tagihan Rp 50.000');

    // The print button has the focus, so Enter would print; "Download PDF" hands over the same receipt as a file.
    await expect(desk.done.getByTestId('pdf-print')).toBeFocused();
    const download = page.waitForEvent('download');
    await desk.done.getByTestId('pdf-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^receipt-PAY-\d{8}-\d{4}\.pdf$/);
    expect(
      fs
        .readFileSync(await file.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // 2) Esc clears the desk; the rest is paid with cash Rp 100.000 → change Rp 50.000.
    await page.keyboard.press('Escape');
    await expect(desk.search).toBeFocused();
    await expect(desk.search).toHaveValue('');
    await desk.typeAndEnter('0813777');
    await expect(desk.page.getByTestId('desk-customer')).toContainText('Wulan Sari');
    await expect(desk.amount).toHaveValue('Rp 50.000');
    await desk.tendered.fill('100000');
    await expect(desk.change).toContainText('Rp 50.000');
    receipt = receiptResponse(page);
    await desk.tendered.press('Enter');
    await expect(desk.done.getByTestId('desk-done-change')).toHaveText('Rp 50.000');
    await expect(desk.remaining).toHaveText('Rp 0');
    const second = await receiptFrom(await receipt);
    const text = pdfText(second.pdf);
    expect(text).toContain('Kembali Rp 50.000');
    expect(text).toContain('Sisa tagihan Rp 0');
    expect(text).toContain('Kasir Satu');

    // The ledger agrees: the invoice is paid by two live payments taken in the cashier's shift.
    const invoices = await api.ok('invoices.list', { customerId: c.id });
    expect(invoices.items.map((i) => [i.status, i.paidAmount])).toEqual([['paid', 150_000]]);
    const payments = await api.ok('payments.list', { customerId: c.id });
    expect(payments.items.map((p) => p.amount).sort((a, b) => a - b)).toEqual([50_000, 100_000]);
    expect(payments.items.every((p) => p.receivedByName === 'Kasir Satu' && p.shiftId !== null)).toBe(true);
  });
});

test.describe('Kasir: large amounts and reprints', () => {
  test.setTimeout(90_000);

  test('an amount above the limit needs a confirmation; a reprint from Payments is marked COPY', async ({
    adminPage: page,
    host,
    api,
  }) => {
    // The scheduled run (start-up catch-up a few seconds after the host starts) must not race the test's own runs.
    await api.ok('settings.update', { autoInvoiceRun: false, paymentConfirmLimit: 100_000 });
    const { customer: c } = await subscriber(api, {
      pkg: { name: 'Bisnis 20M', bandwidthUp: 10240, bandwidthDown: 20480, price: 250_000 },
      customer: { name: 'Yusuf Besar' },
      billingDay: 1,
    });
    await api.ok('billing.generateInvoices', {});

    const desk = new CashDeskPage(page);
    await desk.goto(host.url);
    await desk.openShift('0');
    await desk.findAndSelect('yusuf', 'Yusuf Besar');
    await expect(desk.amount).toHaveValue('Rp 250.000');
    await page.keyboard.press('Enter');
    // The API refuses without confirmLarge; the desk asks, nothing is written yet.
    const confirm = page.getByTestId('confirm-dialog');
    await expect(confirm).toContainText('Rp 250.000');
    expect((await api.ok('payments.list', { customerId: c.id })).total).toBe(0);
    const receipt = page.waitForResponse((r) => r.url().endsWith('/api/documents.receipt'));
    await confirm.getByRole('button', { name: /Ya, jumlahnya benar/ }).click();
    await expect(desk.done).toContainText(/PAY-\d{8}-\d{4}/);
    expect(((await (await receipt).json()) as { value: { copy: boolean } }).value.copy).toBe(false);
    const [pay] = (await api.ok('payments.list', { customerId: c.id })).items;
    expect(pay?.amount).toBe(250_000);

    // Reprint from the Payments screen: the second print of the same payment is a copy.
    await page.goto(`${host.url}/#/payments`);
    await page.getByTestId('data-table').getByText(pay!.paymentNumber).click();
    const drawer = page.getByTestId('payment-drawer');
    await expect(drawer).toContainText('Yusuf Besar');
    await expect(drawer).toContainText('Struk dicetak1');
    await expect(drawer.getByTestId('doc-print')).toHaveText('Cetak ulang (salinan)');
    const reprint = page.waitForResponse((r) => r.url().endsWith('/api/documents.receipt'));
    await drawer.getByTestId('doc-download').click();
    const body = (await (await reprint).json()) as { value: { copy: boolean; filename: string; base64: string } };
    expect(body.value.copy).toBe(true);
    expect(body.value.filename).toMatch(/-copy2\.pdf$/);
    expect(pdfText(Buffer.from(body.value.base64, 'base64'))).toContain('SALINAN / COPY');
    // The open drawer follows: the count comes from the pushed data change, not a reopen.
    await expect(drawer).toContainText('Struk dicetak2');
  });
});
