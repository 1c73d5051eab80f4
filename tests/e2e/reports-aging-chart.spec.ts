import { expect, test } from './fixtures';

/*
 * Issue 20: the aging chart is five plain bars with their amounts, and a closed bucket's debtor table is
 * not in the page until it is opened. Its own file: a spec file's tests share one host, and the paging
 * test's 30 debtors would be in these buckets too.
 */
test('the aging chart gives each bucket its amount, and a closed bucket is drawn only once opened', async ({
  adminPage: page,
  api,
  host,
}) => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const owe = async (name: string, amount: number, dueIn: number) => {
    const c = await api.ok('customers.create', { name });
    await api.ok('invoices.create', {
      customerId: c.id,
      amount,
      description: 'Tagihan',
      invoiceDate: day(dueIn - 10),
      dueDate: day(dueIn),
    });
  };
  await owe('Penunggak Lama', 150_000, -120); // 90+
  await owe('Penunggak Baru', 80_000, -10); // 1-30
  await page.goto(`${host.url}/#/reports/aging`);
  const bars = page.getByTestId('aging-bars');
  await expect(bars).toContainText('90+ hari');
  await expect(bars).toContainText('Rp 150.000');
  await expect(bars).toContainText('Rp 80.000');
  await expect(page.getByTestId('aging-total')).toHaveText('Rp 230.000');
  // Only the open bucket (90+) has its table in the page: the 1-30 debtor is not drawn, even hidden.
  const buckets = page.getByTestId('aging-buckets');
  await expect(buckets.locator('table')).toHaveCount(1);
  await expect(buckets).toContainText('Penunggak Lama');
  await expect(buckets).not.toContainText('Penunggak Baru');
  await buckets.getByRole('button', { name: /1-30 hari/ }).click();
  await expect(buckets.locator('table')).toHaveCount(2);
  await expect(buckets.getByText('Penunggak Baru')).toBeVisible();
});
