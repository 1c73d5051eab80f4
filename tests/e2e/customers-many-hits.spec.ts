import { expect, signInPage, test } from './fixtures';
import { CustomersPage } from './pages/CustomersPage';

/**
 * Issue 20: a search with more than 1,000 hits counts them only up to 1,000 (data/customers-search.ts),
 * and the pager says so ("dari 1.000+") while still paging forward; the last page gives the exact count.
 */
test('a search past 1,000 hits shows "1.000+" and pages forward to the exact end', async ({ page, api, host }) => {
  api.sql((db) => {
    const ins = db.prepare(
      "INSERT INTO customers(customer_code, name, status, join_date) VALUES (?, ?, 'active', '2026-01-05')",
    );
    db.transaction(() => {
      for (let i = 1; i <= 1_030; i++) ins.run(`BYK${String(i).padStart(5, '0')}`, `Banyak ${i}`);
    })();
  });
  // The rows go in before the screen opens: written past the app, they reach no screen already showing the list.
  await signInPage(page, host, '#/customers');
  const c = new CustomersPage(page);
  await expect(page.getByRole('heading', { name: 'Pelanggan' })).toBeVisible();
  await c.table.expectTotal(1_030); // without a search the total stays exact
  await c.searchFor('banyak');
  await expect(c.table.summary).toHaveText('1–25 dari 1.000+');
  await expect(page.getByText('1.000+ pelanggan')).toBeVisible();
  await c.table.goToPage(40);
  await expect(c.table.summary).toHaveText('976–1.000 dari 1.001+');
  await c.table.goToPage(41);
  await expect(c.table.summary).toHaveText('1.001–1.025 dari 1.026+');
  await c.table.goToPage(42);
  await expect(c.table.summary).toHaveText('1.026–1.030 dari 1.030');
  await expect(c.table.rows).toHaveCount(5);
  await expect(page.getByText('1.030 pelanggan')).toBeVisible();
});
