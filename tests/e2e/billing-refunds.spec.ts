import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, signInPage, test, signInAsCashier } from './fixtures';
import { CashDeskPage } from './pages/CashDeskPage';

/** Text of a PDF (poppler's pdftotext). */
function pdfText(base64: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-pdf-')), 'r.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

test.describe('Deposit refunds (issue 12: a departing customer’s deposit could not be paid out)', () => {
  test.setTimeout(120_000);

  test('a cashier pays a deposit back from the drawer with a receipt; the owner sees it in the shift and the reports, and voids it', async ({
    page,
    host,
    api,
  }) => {
    await api.ok('settings.update', { autoInvoiceRun: false });
    const c = await api.ok('customers.create', { name: 'Rudi Pindahan', phone: '081399990000' });
    // A deposit left with the ISP (a payment with nothing to pay goes to the deposit).
    await api.ok('payments.create', {
      customerId: c.id,
      amount: 150_000,
      method: 'bank_transfer',
      referenceNumber: 'T-1',
    });
    await signInAsCashier(page, host, api, 'kasir2', 'Kasir Dua');

    const desk = new CashDeskPage(page);
    await desk.goto(host.url);
    await desk.openShift('300000');
    await desk.findAndSelect('rudi', 'Rudi Pindahan');
    await page.getByTestId('desk-refund').click();
    const dialog = page.getByTestId('refund-dialog');
    await expect(dialog).toContainText('Rp 150.000');
    await expect(dialog.getByTestId('refund-amount')).toHaveValue('Rp 150.000');
    // More than the deposit: refused on the field, nothing paid out.
    await dialog.getByTestId('refund-amount').fill('200000');
    await dialog.getByTestId('refund-reason').fill('Pindah ke luar kota, berhenti berlangganan');
    await dialog.getByTestId('refund-submit').click();
    await expect(dialog).toContainText('Deposit hanya Rp 150.000');
    expect((await api.ok('refunds.list', {})).total).toBe(0);

    await dialog.getByTestId('refund-amount').fill('150000');
    const receipt = page.waitForResponse((r) => r.url().endsWith('/api/documents.refundReceipt'));
    await dialog.getByTestId('refund-submit').click();
    await expect(dialog.getByTestId('refund-done')).toContainText(/RFD-\d{8}-0001/);
    await expect(dialog.getByTestId('refund-deposit-left')).toHaveText('Rp 0');
    const body = (await (await receipt).json()) as { value: { base64: string; filename: string } };
    expect(body.value.filename).toMatch(/^refund-RFD-\d{8}-0001\.pdf$/);
    const text = pdfText(body.value.base64);
    for (const s of [
      'PENGEMBALIAN DEPOSIT',
      'Kasir Dua',
      'Rudi Pindahan',
      'Dikembalikan Rp 150.000',
      'Sisa deposit Rp 0',
    ])
      expect(text).toContain(s);
    await dialog.getByTestId('refund-close').click();
    await expect(page.getByTestId('desk-deposit')).toHaveText('Rp 0');
    // The drawer: Rp 300.000 opening − Rp 150.000 paid out.
    await expect(desk.shiftBar).toContainText('Kas seharusnya: Rp 150.000');

    // Closing the shift with the cash that is really there: no variance, the refund on the report.
    await page.goto(`${host.url}/#/shifts`);
    await page.getByTestId('close-shift').click();
    await page.getByTestId('counted-cash').fill('150000');
    await page.getByTestId('close-shift-submit').click();
    const report = page.getByTestId('shift-report');
    await expect(report.getByTestId('shift-variance')).toHaveText('Rp 0');
    await expect(report.getByTestId('shift-cash-refunded')).toHaveText('-Rp 150.000');
    await expect(report.getByTestId('shift-refunds')).toContainText('Rudi Pindahan');

    // The owner: the financial report shows the money paid out; the refund can be voided with a reason.
    await page.context().clearCookies();
    await signInPage(page, host, '#/reports/financial');
    await page.reload();
    await expect(page.getByTestId('total-refunded')).toContainText('Rp 150.000');
    await page.goto(`${host.url}/#/payments`);
    await page.getByTestId('payments-view').getByText('Pengembalian deposit').click();
    await page.getByTestId('refunds-panel').getByText('Rudi Pindahan').click();
    const drawer = page.getByTestId('refund-drawer');
    await expect(drawer).toContainText('Pindah ke luar kota');
    await drawer.getByTestId('refund-void').click();
    await page.getByTestId('void-dialog').getByLabel('Alasan pembatalan').fill('Salah pelanggan');
    await page.getByTestId('void-submit').click();
    await expect(drawer).toContainText('Salah pelanggan');
    expect((await api.ok('customers.get', { id: c.id })).deposit).toBe(150_000);
  });
});
