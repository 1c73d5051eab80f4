import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/*
 * Issue 18, the brands screens: an owner adds a second brand on Merek, puts a router, a package and a
 * customer in it through the forms' brand pickers, and its invoice prints its prefix and letterhead; a
 * user limited to that brand sees only its customers. Before the second brand, no form shows a picker.
 */

/** Text of a PDF (poppler's pdftotext). */
function pdfText(base64: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-pdf-')), 'i.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

async function pickBrand(page: Page, dialogTestId: string, brand: string) {
  const dialog = page.getByTestId(dialogTestId);
  await dialog.getByTestId('brand-select').click();
  await page.getByRole('option', { name: brand, exact: true }).click();
}

test.describe('Brands (issue 18: a second brand could not be used from the screens)', () => {
  test.setTimeout(180_000);

  test('a second brand gets its router, package, customer and invoice; a user limited to it sees only its customers', async ({
    adminPage: page,
    host,
    api,
    browser,
  }) => {
    await api.ok('settings.update', { ispName: 'Net Kampung', invoicePrefix: 'NKP', autoInvoiceRun: false });
    const alfa = await api.ok('customers.create', { name: 'Pelanggan Alfa' });

    // One brand: the customer form looks as before.
    await page.goto(`${host.url}/#/customers/new`);
    await expect(page.getByTestId('customer-form')).toBeVisible();
    await expect(page.getByTestId('customer-form').getByLabel(/^Nama\s*\*?$/)).toBeVisible();
    await expect(page.getByTestId('brand-select')).toHaveCount(0);
    await page.keyboard.press('Escape');

    // Merek: the default brand (from Settings) is marked; add a second one.
    await page.goto(`${host.url}/#/brands`);
    const defaultRow = page.getByRole('row').filter({ hasText: 'Net Kampung' });
    await expect(defaultRow.getByTestId('default-brand')).toBeVisible();
    await page.getByTestId('add-brand').click();
    const form = page.getByTestId('brand-form');
    await form.getByLabel(/^Nama merek/).fill('Kabel Desa');
    await form.getByLabel(/^Awalan tagihan/).fill('KD');
    await form.getByLabel('Alamat').fill('Jl. Sawah 2, Garut');
    await form.getByLabel('Telepon').fill('0813-2222-3333');
    await form.getByLabel('NPWP').fill('01.234.567.8-901.000');
    await form.getByRole('button', { name: 'Tambah rekening' }).click();
    await form.getByTestId('brand-bank-0').getByLabel('Bank').fill('BRI');
    await form.getByTestId('brand-bank-0').getByLabel('Nomor rekening').fill('0123-4567-89');
    await form.getByTestId('brand-bank-0').getByLabel('Atas nama').fill('CV Kabel Desa');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(form).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: 'Kabel Desa' })).toContainText('KD');
    // A prefix already used is refused on its field.
    await page.getByTestId('add-brand').click();
    await form.getByLabel(/^Nama merek/).fill('Merek Ketiga');
    await form.getByLabel(/^Awalan tagihan/).fill('KD');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(form).toContainText('Awalan tagihan ini sudah dipakai merek lain');
    await page.keyboard.press('Escape');

    // A router under the second brand.
    await page.goto(`${host.url}/#/routers/new`);
    await pickBrand(page, 'router-form', 'Kabel Desa');
    const rf = page.getByTestId('router-form');
    await rf.getByLabel(/^Nama/).fill('Router Desa');
    await rf.getByLabel(/^Host/).fill('127.0.0.2');
    await rf.getByLabel(/^Pengguna API/).fill('api');
    await rf.getByLabel(/^Kata sandi/).fill('rahasia');
    await rf.getByRole('button', { name: 'Simpan' }).click();
    await expect(rf).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: 'Router Desa' }).getByTestId('brand-cell')).toHaveText(
      'Kabel Desa',
    );

    // A package under it.
    await page.goto(`${host.url}/#/packages/new`);
    await pickBrand(page, 'package-form', 'Kabel Desa');
    const pf = page.getByTestId('package-form');
    await pf.getByLabel(/^Nama paket/).fill('Desa 10M');
    await pf.getByLabel(/^Download/).fill('10240');
    await pf.getByLabel(/^Upload/).fill('5120');
    await pf.getByLabel(/^Harga/).fill('150000');
    await pf.getByRole('button', { name: 'Simpan' }).click();
    await expect(pf).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: 'Desa 10M' }).getByTestId('brand-cell')).toHaveText(
      'Kabel Desa',
    );

    // A customer under it: the picker starts on the default brand.
    await page.goto(`${host.url}/#/customers/new`);
    const cf = page.getByTestId('customer-form');
    await expect(cf.getByTestId('brand-select')).toHaveValue('Net Kampung');
    await pickBrand(page, 'customer-form', 'Kabel Desa');
    await cf.getByLabel(/^Nama\s*\*?$/).fill('Pelanggan Desa');
    await cf.getByRole('button', { name: 'Simpan' }).click();
    await expect(cf).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: 'Pelanggan Desa' }).getByTestId('brand-cell')).toHaveText(
      'Kabel Desa',
    );
    // The brand filter (by keyboard: the "saved" notification may still cover it).
    await page.getByTestId('brand-filter').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: 'Kabel Desa', exact: true }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Pelanggan Alfa' })).toHaveCount(0);
    await expect(page.getByRole('row').filter({ hasText: 'Pelanggan Desa' })).toHaveCount(1);

    const desa = (await api.ok('customers.list', { search: 'Pelanggan Desa' })).items[0]!;
    const pkg = (await api.ok('packages.list', { search: 'Desa 10M' })).items[0]!;
    expect([desa.brandId, pkg.brandId]).toEqual([2, 2]);
    const invoice = await api.ok('invoices.create', { customerId: desa.id, amount: 150_000, description: 'Desa 10M' });
    expect(invoice.invoiceNumber).toMatch(/^KD-\d{6}-/);

    // Its invoice PDF: the second brand's number and letterhead.
    await page.goto(`${host.url}/#/invoices`);
    const row = page.getByRole('row').filter({ hasText: invoice.invoiceNumber });
    const doc = page.waitForResponse((r) => r.url().endsWith('/api/documents.invoice'));
    await row.getByTestId('doc-download').click();
    const body = (await (await doc).json()) as { ok: boolean; value: { base64: string } };
    const text = pdfText(body.value.base64);
    expect(text).toContain(invoice.invoiceNumber);
    expect(text).toContain('Kabel Desa');
    expect(text).toContain('Jl. Sawah 2, Garut');
    expect(text).toContain('0123-4567-89');
    expect(text).not.toContain('Net Kampung');

    // A cashier limited to the second brand, made on the user form.
    await page.goto(`${host.url}/#/users/new`);
    const uf = page.getByTestId('user-form');
    await uf.getByLabel('Nama pengguna').fill('kasir-desa');
    await uf.getByLabel('Nama lengkap').fill('Kasir Desa');
    await uf.getByLabel('Kata sandi awal').fill('Rahasia-Desa-1');
    await uf.getByLabel('Ulangi kata sandi').fill('Rahasia-Desa-1');
    await uf.getByLabel('Wajib ganti kata sandi saat pertama masuk').uncheck({ force: true });
    await uf.getByLabel('Merek tertentu').check({ force: true });
    await uf.getByPlaceholder('Pilih merek').click();
    await page.getByRole('option', { name: 'Kabel Desa', exact: true }).click();
    await uf.getByRole('button', { name: 'Simpan' }).click();
    await expect(uf).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: 'kasir-desa' }).getByTestId('user-brands')).toHaveText(
      'Kabel Desa',
    );

    const context = await browser.newContext();
    const cashier = await context.newPage();
    const login = await cashier.request.post(`${host.url}/api/auth.login`, {
      data: { username: 'kasir-desa', password: 'Rahasia-Desa-1' },
      headers: { 'Content-Type': 'application/json' },
    });
    expect(login.ok()).toBeTruthy();
    // The dashboard counts only this user's brand (1 customer of the 2 in the installation) and offers no
    // brand filter: there is nothing to choose from.
    await cashier.goto(`${host.url}/#/dashboard`);
    await expect(cashier.getByRole('link', { name: 'Dasbor', exact: true })).toBeVisible();
    await expect(cashier.getByTestId('dashboard')).toContainText('dari 1 pelanggan');
    await expect(cashier.getByTestId('dashboard-brand')).toHaveCount(0);
    await cashier.goto(`${host.url}/#/customers`);
    await expect(cashier.getByRole('row').filter({ hasText: 'Pelanggan Desa' })).toHaveCount(1);
    await expect(cashier.getByRole('row').filter({ hasText: 'Pelanggan Alfa' })).toHaveCount(0);
    // Another brand's customer by its address: not found, nothing of it shown.
    await cashier.goto(`${host.url}/#/customers/${alfa.id}`);
    await expect(cashier.getByText('Pelanggan tidak ditemukan').first()).toBeVisible();
    await expect(cashier.getByText('Pelanggan Alfa')).toHaveCount(0);
    await context.close();
  });
});
