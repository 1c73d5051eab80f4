import { expect, test } from './fixtures';
import { CustomersPage } from './pages/CustomersPage';
import { PackagesPage } from './pages/PackagesPage';
import { SetupPage } from './pages/SetupPage';

test.use({ initAdmin: false });

test('first run: create the Admin, load demo data, see 5 packages, 8 customers and a dashboard that is not Rp 0', async ({
  page,
  host,
}) => {
  const setup = new SetupPage(page);
  await setup.goto(host.url);
  // The password rules are the server's; its message shows under the field.
  await setup.createAdmin('Ibu Admin', 'kantor', 'password');
  await expect(page.getByText('Kata sandi ini terlalu umum; pilih yang lain')).toBeVisible();
  await page.getByLabel('Kata sandi', { exact: true }).fill('Menara-Biru-77');
  await page.getByLabel('Ulangi kata sandi').fill('Menara-Biru-77');
  await page.getByRole('button', { name: 'Buat Admin' }).click();
  await setup.ispAndSkipRouter();
  await setup.loadDemo();

  const customers = new CustomersPage(page);
  // Whatever screen opens first (the first the role may see), the demo rows are in Pelanggan.
  await customers.shell.goTo('Pelanggan');
  await expect(page.getByRole('heading', { name: 'Pelanggan' })).toBeVisible();
  await customers.table.expectTotal(8);
  for (const name of [
    'Budi Santoso',
    'Siti Nurhaliza',
    'Ahmad Wijaya',
    'Dewi Sartika',
    'Rini Susanti',
    'Joko Susilo',
  ]) {
    await expect(customers.table.row(name)).toBeVisible();
  }
  await expect(customers.table.row('Dewi Sartika')).toContainText('Ditangguhkan');
  await expect(page.getByTestId('user-menu')).toContainText('Ibu Admin');

  await customers.shell.goTo('Paket Internet');
  const packages = new PackagesPage(page);
  await packages.table.expectTotal(5);
  const expected: Array<[string, string]> = [
    ['Starter 2 Mbps', 'Rp 99.000'],
    ['Home 5 Mbps', 'Rp 150.000'],
    ['Home 10 Mbps', 'Rp 250.000'],
    ['Business 20 Mbps', 'Rp 500.000'],
    ['Enterprise 50 Mbps', 'Rp 1.200.000'],
  ];
  for (const [name, price] of expected) await expect(packages.table.row(name)).toContainText(price);

  // The demo shows the product working: money collected, money owed, an isolated customer.
  await customers.shell.goTo('Dasbor');
  await expect(page.getByTestId('stat-outstanding')).not.toContainText('Rp 0');
  await expect(page.getByTestId('stat-overdue')).not.toContainText('Rp 0');
  await expect(page.getByText('Penerimaan 30 hari terakhir')).toBeVisible();
  await expect(page.getByTestId('alert-unbilled')).toHaveCount(0);

  // The next start goes to sign-in, not setup.
  await customers.shell.signOut();
  await expect(page.getByRole('button', { name: 'Masuk' })).toBeVisible();
});
