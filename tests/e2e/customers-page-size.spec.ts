import { expect, test } from './fixtures';
import { CustomersPage } from './pages/CustomersPage';

test('after demo.load (and 27 more customers) the Customers screen renders a full 25-row page', async ({
  adminPage: page,
  api,
  host,
}) => {
  expect(await api.ok('demo.load', {})).toMatchObject({ packages: 5, customers: 8 });
  for (let i = 1; i <= 27; i++) await api.ok('customers.create', { name: `Halaman ${String(i).padStart(2, '0')}` });
  const c = new CustomersPage(page);
  await c.goto(host.url);
  await expect(c.table.rows).toHaveCount(25);
  await expect(c.table.summary).toHaveText('1–25 dari 35');
  await c.table.goToPage(2);
  await expect(c.table.rows).toHaveCount(10);
  await expect(c.table.summary).toHaveText('26–35 dari 35');
});
