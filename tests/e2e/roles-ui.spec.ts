import { expect, test } from './fixtures';
import { CustomersPage } from './pages/CustomersPage';
import { LoginPage } from './pages/LoginPage';
import { PackagesPage } from './pages/PackagesPage';

test('Staff sees Customers and Packages without the actions their role lacks', async ({ page, api, host }) => {
  await api.ok('users.create', {
    username: 'kasir1',
    fullName: 'Kasir Satu',
    role: 'staff',
    password: 'Gelas-Kopi-88',
    mustChangePassword: false,
  });
  await api.ok('customers.create', { name: 'Dilihat Staf' });
  await api.ok('packages.create', {
    name: 'Paket Dilihat',
    bandwidthUp: 1024,
    bandwidthDown: 2048,
    price: 90_000,
    billingCycle: 'monthly',
  });

  const login = new LoginPage(page);
  await login.goto(host.url);
  await login.signIn('kasir1', 'Gelas-Kopi-88');
  const c = new CustomersPage(page);
  await c.shell.goTo('Pelanggan');
  // customers.write: yes; customers.delete: no.
  await expect(page.getByRole('button', { name: 'Tambah pelanggan' })).toBeVisible();
  await c.open('Dilihat Staf');
  await expect(c.detail.getByRole('button', { name: 'Ubah' })).toBeVisible();
  await expect(c.detail.getByRole('button', { name: 'Hapus' })).toHaveCount(0);
  // Personal-data export and erasure are for Admins and Managers.
  await expect(c.detail.getByRole('button', { name: /Unduh data pelanggan|Hapus data pribadi/ })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // packages.read only: no add button, the form opens read-only, the switch is disabled.
  await c.shell.goTo('Paket Internet');
  const p = new PackagesPage(page);
  await expect(p.table.row('Paket Dilihat')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tambah paket' })).toHaveCount(0);
  await expect(p.table.row('Paket Dilihat').getByRole('switch')).toBeDisabled();
  await p.table.row('Paket Dilihat').click();
  await expect(p.dialog.getByText('Detail paket')).toBeVisible();
  await expect(p.dialog.getByLabel(/^Nama paket/)).toBeDisabled();
  await expect(p.dialog.getByRole('button', { name: 'Simpan' })).toHaveCount(0);
  await p.dialog.getByRole('button', { name: 'Tutup' }).click();
  await expect(p.dialog).toHaveCount(0);
});
