import fs from 'node:fs';
import path from 'node:path';
import { expect, signInPage, test } from './fixtures';
import { BackupsPage, SettingsPage } from './pages/OperationsPages';

test('settings: grouped tabs, per-field errors from the API, only changed fields saved', async ({
  page,
  host,
  api,
}) => {
  await api.ok('settings.update', { graceDays: 5 });
  await signInPage(page, host, '#/settings');
  const settings = new SettingsPage(page);
  await settings.goto(host.url);
  await page.getByLabel('Nama ISP').fill('Net Kampung Sejahtera');
  await settings.tab('Penagihan').click();
  await page.getByLabel('Awalan nomor tagihan').fill('TAG 1');
  await page.getByLabel('Jatuh tempo (hari setelah tagihan)').fill('14');
  await settings.save();
  // The server's message appears under the field; nothing is written.
  await expect(page.getByText('Awalan: 1–8 huruf kapital atau angka')).toBeVisible();
  expect((await api.ok('settings.get', {})).ispName).not.toBe('Net Kampung Sejahtera');
  await page.getByLabel('Awalan nomor tagihan').fill('tag');
  await settings.save();
  await expect(page.getByText('Pengaturan tersimpan')).toBeVisible();
  const s = await api.ok('settings.get', {});
  expect(s).toMatchObject({ ispName: 'Net Kampung Sejahtera', invoicePrefix: 'TAG', dueDays: 14, graceDays: 5 });

  await settings.tab('Cetak').click();
  await page.getByText('80 mm').click();
  await settings.tab('Cadangan').click();
  await page.getByLabel('Folder cadangan tambahan').fill('/tidak/ada/flashdisk');
  await settings.save();
  await expect(page.getByText('Folder tidak ditemukan')).toBeVisible();
  await page.getByLabel('Folder cadangan tambahan').fill('');
  await settings.save();
  await expect(page.getByText('Pengaturan tersimpan').first()).toBeVisible();
  expect((await api.ok('settings.get', {})).receiptWidth).toBe(80);
});

test('backups: back up now, restore in two clicks with a summary, refuse a bad file, delete', async ({
  page,
  host,
  api,
}) => {
  await api.ok('customers.create', { name: 'Sebelum Cadangan' });
  await signInPage(page, host, '#/backups');
  const backups = new BackupsPage(page);
  await backups.goto(host.url);
  // The daily backup of the start (catch-up) is already listed.
  await expect(backups.row('daily')).toHaveCount(1);

  await page.getByRole('button', { name: 'Cadangkan sekarang' }).click();
  await expect(page.getByText(/Cadangan dibuat/)).toBeVisible();
  const manual = backups.row('manual');
  await expect(manual).toHaveCount(1);
  await expect(manual).toContainText('Terperiksa');
  await expect(manual).toContainText('1 pelanggan');

  await api.ok('customers.create', { name: 'Sesudah Cadangan' });
  expect((await api.ok('customers.list', {})).total).toBe(2);

  // Restore: click 1 opens the check and says what will happen; click 2 restores.
  await manual.getByRole('button', { name: 'Pulihkan' }).click();
  const dialog = page.getByTestId('restore-dialog');
  await expect(dialog).toContainText('Cadangan utuh');
  await expect(dialog).toContainText('Data saat ini dicadangkan dulu');
  await expect(dialog.getByTestId('restore-counts')).toContainText('Pelanggan');
  await dialog.getByRole('button', { name: 'Pulihkan sekarang' }).click();
  const summary = page.getByTestId('restore-summary');
  await expect(summary).toContainText('Pemulihan selesai');
  await expect(summary.getByTestId('restore-counts')).toContainText('1');
  await summary.getByRole('button', { name: 'Tutup' }).click();
  expect((await api.ok('customers.list', {})).items.map((c) => c.name)).toEqual(['Sebelum Cadangan']);
  await backups.goto(host.url);
  await expect(backups.row('pre-restore')).toHaveCount(1);

  // A file that is not a PPPoE Desk backup is refused; current data untouched.
  const junk = path.join(host.dataDir, 'catatan.sqlite');
  fs.writeFileSync(junk, 'bukan database');
  await page.getByRole('button', { name: 'Pulihkan dari file…' }).click();
  await page.getByLabel('File cadangan').fill(junk);
  await page.getByRole('button', { name: 'Periksa file' }).click();
  await expect(page.getByTestId('restore-error')).toContainText('bukan database SQLite');
  await expect(page.getByTestId('restore-dialog').getByRole('button', { name: 'Pulihkan sekarang' })).toBeDisabled();
  await page.getByTestId('restore-dialog').getByRole('button', { name: 'Batal' }).click();

  // Delete the manual backup (confirm first); the live database stays.
  await backups.row('manual').getByRole('button', { name: 'Hapus cadangan' }).click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Hapus' }).click();
  await expect(backups.row('manual')).toHaveCount(0);
  expect(fs.existsSync(host.dbFile)).toBe(true);
});
