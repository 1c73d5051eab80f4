import { expect, test } from './fixtures';
import { CustomersPage } from './pages/CustomersPage';

test('an Admin loads the demo data from the empty Customers screen', async ({ adminPage: page, host }) => {
  const c = new CustomersPage(page);
  await c.goto(host.url);
  const empty = page.getByTestId('empty-state');
  await expect(empty).toContainText('Belum ada pelanggan');
  await empty.getByRole('button', { name: 'Muat data demo' }).click();
  await c.shell.expectNotification(/Data demo dimuat: 5 paket, 8 pelanggan, \d+ tagihan, \d+ pembayaran/);
  // The list refreshes itself (data.changed event): no reload needed.
  await expect(c.table.rows).toHaveCount(8);
  await c.table.expectTotal(8);
});
