import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { CashDeskPage } from './pages/CashDeskPage';
import { SetupPage } from './pages/SetupPage';

/*
 * Issue 12 §5: what a new user typed and the app silently changed or accepted. Each bad value is typed
 * into the real screen; the field says why in Indonesian and nothing is written (checked through the API).
 */

/** The error text Mantine shows under a field. */
const fieldError = (input: Locator) =>
  input
    .locator('xpath=ancestor::div[contains(@class,"mantine-InputWrapper-root")][1]')
    .locator('.mantine-InputWrapper-error');

test.describe('signed in', () => {
  test('opening cash: "-50000" and "5o.ooo" are refused on the field, no shift is opened', async ({
    adminPage: page,
    api,
    host,
  }) => {
    const desk = new CashDeskPage(page);
    await desk.goto(host.url);
    const dialog = page.getByRole('dialog');
    const cash = dialog.getByLabel('Kas awal');
    await cash.fill('-50000');
    await dialog.getByTestId('open-shift-submit').click();
    await expect(fieldError(cash)).toHaveText('Tidak boleh negatif');
    await expect(cash).toHaveValue('-50000'); // never "changed" into 50.000
    await cash.fill('5o.ooo');
    await dialog.getByTestId('open-shift-submit').click();
    await expect(fieldError(cash)).toHaveText('Bukan angka: tulis angka saja, mis. 50.000');
    expect(await api.ok('shifts.current', {})).toBeNull();
    // A valid amount, typed the short way, is read exactly.
    await cash.fill('100rb');
    await cash.blur();
    await expect(cash).toHaveValue('Rp 100.000');
    await expect(fieldError(cash)).toHaveCount(0);
    await dialog.getByTestId('open-shift-submit').click();
    await expect(dialog).toBeHidden();
    expect((await api.ok('shifts.current', {}))?.openingCash).toBe(100_000);
  });

  test('cash desk amount: a typo is refused, and "Isi jumlah lebih dari nol" goes away once a valid amount is typed', async ({
    adminPage: page,
    api,
    host,
  }) => {
    await api.ok('settings.update', { autoInvoiceRun: false });
    const pkg = await api.ok('packages.create', {
      name: 'Validasi 10M',
      bandwidthUp: 5120,
      bandwidthDown: 10240,
      price: 150_000,
      billingCycle: 'monthly',
    });
    const c = await api.ok('customers.create', { name: 'Yusuf Validasi' });
    await api.ok('subscriptions.create', { customerId: c.id, internetPackageId: pkg.id, billingDay: 1 });
    await api.ok('billing.generateInvoices', {});
    if (!(await api.ok('shifts.current', {}))) await api.ok('shifts.open', { openingCash: 0 });
    const paymentsBefore = (await api.ok('payments.list', {})).total;

    const desk = new CashDeskPage(page);
    await desk.goto(host.url);
    await desk.findAndSelect('yusuf', 'Yusuf Validasi');
    const amountError = fieldError(desk.amount);

    await desk.amount.fill('0');
    await page.keyboard.press('Enter');
    await expect(amountError).toHaveText('Isi jumlah lebih dari nol');
    // The walkthrough's stale message: typing a valid amount clears it at once, before Enter.
    await desk.amount.fill('50.000');
    await expect(amountError).toHaveCount(0);

    await desk.amount.fill('5o.ooo');
    await page.keyboard.press('Enter');
    await expect(amountError).toHaveText('Bukan angka: tulis angka saja, mis. 50.000');
    await desk.amount.fill('-50000');
    await page.keyboard.press('Enter');
    await expect(amountError).toHaveText('Tidak boleh negatif');
    expect((await api.ok('payments.list', {})).total).toBe(paymentsBefore);

    await desk.amount.fill('Rp 50.000');
    await expect(amountError).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(desk.done).toContainText(/Pembayaran PAY-\d{8}-\d{4} diterima/);
    const payments = await api.ok('payments.list', {});
    expect(payments.total).toBe(paymentsBefore + 1);
    expect(payments.items[0]!.amount).toBe(50_000);
  });

  test('package: "-100000" price and "-5" kbps are refused on their fields, nothing is saved', async ({
    adminPage: page,
    api,
    host,
  }) => {
    const before = (await api.ok('packages.list', {})).total;
    await page.goto(`${host.url}/#/packages`);
    await page.getByRole('button', { name: 'Tambah paket' }).first().click();
    const form = page.getByTestId('package-form');
    await form.getByLabel(/^Nama/).fill('Paket Negatif');
    const down = form.getByLabel(/^Download/);
    const up = form.getByLabel(/^Upload/);
    const price = form.getByLabel(/^Harga/);
    await down.fill('-5');
    await up.fill('1o24');
    await price.fill('-100000');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(fieldError(down)).toHaveText('Tidak boleh negatif');
    await expect(fieldError(up)).toHaveText(/^Bukan angka/);
    await expect(fieldError(price)).toHaveText('Tidak boleh negatif');
    await expect(price).toHaveValue('-100000');
    await price.fill('50.00');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(fieldError(price)).toHaveText(/^Titik hanya untuk ribuan/);
    expect((await api.ok('packages.list', {})).total).toBe(before);

    await down.fill('10.240');
    await up.fill('5120');
    await price.fill('150rb');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect(form).toBeHidden();
    const saved = (await api.ok('packages.list', { search: 'Paket Negatif' })).items[0]!;
    expect(saved).toMatchObject({ bandwidthDown: 10_240, bandwidthUp: 5120, price: 150_000 });
  });

  test('customer: phone "abc-telp" and ID "12ab" are refused on their fields, nothing is saved', async ({
    adminPage: page,
    api,
    host,
  }) => {
    const before = (await api.ok('customers.list', {})).total;
    await page.goto(`${host.url}/#/customers`);
    await page.getByRole('button', { name: 'Tambah pelanggan' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Nama/).fill('Telepon Salah');
    const phone = dialog.getByLabel('Telepon');
    const idCard = dialog.getByLabel('No. KTP');
    await phone.fill('abc-telp');
    await idCard.fill('12ab');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(fieldError(phone)).toHaveText('Telepon harus 6–15 digit (boleh spasi, strip dan + di depan)');
    await expect(fieldError(idCard)).toHaveText(
      'Nomor KTP harus NIK 16 digit atau nomor paspor (1–2 huruf lalu 6–8 angka)',
    );
    expect((await api.ok('customers.list', {})).total).toBe(before);
  });

  test('settings: negative days refused; a name the receipt cannot print is flagged', async ({
    adminPage: page,
    api,
    host,
  }) => {
    await page.goto(`${host.url}/#/settings`);
    const name = page.getByLabel('Nama ISP');
    await name.fill('Net 王 Kampung 📶');
    await expect(page.getByText('Tidak bisa dicetak di struk dan tagihan, akan tercetak sebagai □: 王')).toBeVisible();
    await name.fill('Net Kampung 📶');
    await expect(page.getByText(/Tidak bisa dicetak/)).toHaveCount(0);
    await page.getByLabel('Telepon', { exact: true }).fill('abc-telp');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect(fieldError(page.getByLabel('Telepon', { exact: true }))).toHaveText(/^Telepon harus 6–15 digit/);
    expect((await api.ok('settings.get', {})).ispName).not.toBe('Net Kampung 📶');

    await page.getByLabel('Telepon', { exact: true }).fill('');
    await page.getByRole('tab', { name: 'Penagihan' }).click();
    const due = page.getByLabel(/^Jatuh tempo/);
    await due.fill('-5');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect(fieldError(due)).toHaveText('Tidak boleh negatif');
    expect((await api.ok('settings.get', {})).dueDays).toBe(10);
  });
});

test.describe('first run', () => {
  test.use({ initAdmin: false });

  test('setup wizard: the ISP phone "abc-telp" is refused with the customer form\'s rule', async ({ page, host }) => {
    const setup = new SetupPage(page);
    await setup.goto(host.url);
    await setup.createAdmin('Ibu Admin', 'kantor', 'Menara-Biru-77');
    await page.getByLabel('Nama ISP').fill('Net Kampung');
    const phone = page.getByLabel('Telepon', { exact: true });
    await phone.fill('abc-telp');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect(fieldError(phone)).toHaveText('Telepon harus 6–15 digit (boleh spasi, strip dan + di depan)');
    await expect(page.getByLabel('Nama ISP')).toBeVisible(); // still on the ISP step
    await phone.fill('0812-3456-7890');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect(page.getByRole('button', { name: 'Lewati langkah ini' })).toBeVisible();
  });
});
