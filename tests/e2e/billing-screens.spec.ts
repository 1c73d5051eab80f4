import { expect, test } from './fixtures';
import { DataTablePart } from './pages/DataTablePart';

test.describe('Langganan, tagihan dan shift (billing screens)', () => {
  test.setTimeout(90_000);

  test('subscription form: a fee override needs a note; the saved subscription is listed', async ({
    adminPage: page,
    host,
    api,
  }) => {
    await api.ok('packages.create', {
      name: 'Rumah 10M',
      bandwidthUp: 5120,
      bandwidthDown: 10240,
      price: 150_000,
      billingCycle: 'monthly',
    });
    await api.ok('customers.create', { name: 'Dewi Lestari' });
    await page.goto(`${host.url}/#/subscriptions`);
    await page.getByTestId('subscription-new').click();
    const form = page.getByTestId('subscription-form');
    await form.getByRole('combobox', { name: 'Pelanggan' }).fill('Dewi');
    await page.getByRole('option', { name: /Dewi Lestari/ }).click();
    await form.getByRole('combobox', { name: 'Paket' }).click();
    await page.getByRole('option', { name: /Rumah 10M/ }).click();
    await expect(form.getByLabel('Biaya per periode')).toHaveValue('Rp 150.000');
    await form.getByLabel('Biaya per periode').fill('125000');
    await form.getByLabel('Tanggal tagih').fill('5');
    await form.getByTestId('subscription-save').click();
    // The API's message lands under the note field and nothing is saved.
    await expect(form.getByLabel('Catatan biaya')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.locator('.mantine-InputWrapper-error')).toHaveText(
      'Biaya yang berbeda dari harga paket perlu catatan alasannya',
    );
    expect((await api.ok('subscriptions.list', {})).total).toBe(0);
    await form.getByLabel('Catatan biaya').fill('Diskon tetangga');
    await form.getByTestId('subscription-save').click();
    await expect(form).toBeHidden();
    const table = new DataTablePart(page);
    await expect(table.row('Dewi Lestari')).toContainText('Rp 125.000');
    const [sub] = (await api.ok('subscriptions.list', {})).items;
    expect(sub).toMatchObject({ monthlyFee: 125_000, feeNote: 'Diskon tetangga', billingDay: 5 });
  });

  test('an invoice is voided with a reason and stays listed as void', async ({ adminPage: page, host, api }) => {
    const c = await api.ok('customers.create', { name: 'Eko Batal' });
    const inv = await api.ok('invoices.create', { customerId: c.id, amount: 50_000, description: 'Biaya pasang' });
    await page.goto(`${host.url}/#/invoices`);
    const table = new DataTablePart(page);
    await table.row(inv.invoiceNumber).click();
    const drawer = page.getByTestId('invoice-drawer');
    await drawer.getByTestId('invoice-void').click();
    const dialog = page.getByTestId('void-dialog');
    await dialog.getByTestId('void-submit').click();
    await expect(dialog).toContainText('Alasan wajib diisi');
    await dialog.getByLabel('Alasan pembatalan').fill('Salah pelanggan');
    await dialog.getByTestId('void-submit').click();
    await expect(dialog).toBeHidden();
    await expect(drawer).toContainText('Salah pelanggan');
    await page.keyboard.press('Escape');
    await expect(table.row(inv.invoiceNumber)).toContainText('Dibatalkan');
    expect(await api.ok('invoices.get', { id: inv.id })).toMatchObject({
      status: 'void',
      voidReason: 'Salah pelanggan',
    });
  });

  test('closing a shift shows expected, counted and variance, and offers the report PDF', async ({
    adminPage: page,
    host,
    api,
  }) => {
    const c = await api.ok('customers.create', { name: 'Fajar Shift' });
    await api.ok('invoices.create', { customerId: c.id, amount: 80_000, description: 'Tagihan manual' });
    await page.goto(`${host.url}/#/shifts`);
    await page.getByTestId('current-shift').getByTestId('open-shift').click();
    await page.getByRole('dialog').getByLabel('Kas awal').fill('100000');
    await page.getByTestId('open-shift-submit').click();
    await expect(page.getByTestId('current-shift')).toContainText(/Shift #\d+ terbuka/);
    await api.ok('payments.create', { customerId: c.id, amount: 80_000, method: 'cash' });
    await expect(page.getByTestId('current-shift')).toContainText('Rp 180.000');

    await page.getByTestId('close-shift').click();
    await page.getByTestId('counted-cash').fill('175000');
    await page.getByTestId('close-shift-submit').click();
    const report = page.getByRole('dialog').filter({ has: page.getByTestId('shift-variance') });
    await expect(report.getByTestId('shift-variance')).toHaveText('-Rp 5.000');
    await expect(report).toContainText('Kas kurang Rp 5.000');
    const pdf = page.waitForResponse((r) => r.url().endsWith('/api/documents.shiftReport'));
    const download = page.waitForEvent('download');
    await report.getByTestId('doc-download').click();
    const body = (await (await pdf).json()) as { ok: boolean; value: { base64: string } };
    expect(Buffer.from(body.value.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect((await download).suggestedFilename()).toMatch(/^shift-\d+-\d{4}-\d{2}-\d{2}\.pdf$/);
  });
});
