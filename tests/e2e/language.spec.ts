import { expect, test } from './fixtures';
import { CustomersPage } from './pages/CustomersPage';

test('Indonesian by default; English selectable, remembered after a reload', async ({ adminPage: page, api, host }) => {
  await api.ok('customers.create', { name: 'Bahasa Uji', status: 'suspended' });
  const c = new CustomersPage(page);
  await c.goto(host.url);
  await expect(c.shell.nav('Pelanggan')).toBeVisible();
  await expect(c.table.row('Bahasa Uji')).toContainText('Ditangguhkan');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');

  await c.shell.switchLanguage('en');
  await expect(c.shell.nav('Customers')).toBeVisible();
  await expect(c.shell.nav('Internet Packages')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await expect(c.table.row('Bahasa Uji')).toContainText('Suspended');
  await expect(c.table.summary).toHaveText(/of 1$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Only this computer changes: receipts and invoices keep the ISP's language from Settings.
  expect((await api.ok('settings.get', {})).language).toBe('id');

  await page.reload();
  await expect(c.shell.nav('Customers')).toBeVisible();
  // Server field messages stay in English (no fallback to the Indonesian translation).
  await page.getByRole('button', { name: 'Add customer' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog').getByText('Name is required')).toBeVisible();
  await page.keyboard.press('Escape');

  await c.shell.switchLanguage('id');
  await expect(c.shell.nav('Pelanggan')).toBeVisible();
  expect((await api.ok('settings.get', {})).language).toBe('id');

  await expect(page).toHaveTitle('Pelanggan · PPPoE Desk');
  // The header follows the ISP name from Settings (data.changed event), without a reload.
  await api.ok('settings.update', { ispName: 'Net Cepat Bandung' });
  await expect(page.getByTestId('isp-name')).toHaveText('Net Cepat Bandung');
});
