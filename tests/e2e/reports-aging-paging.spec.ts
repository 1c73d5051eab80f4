import { expect, test } from './fixtures';

/*
 * Issue 20: the aging report's debtor lists (up to 500 per bucket) show 25 rows at a time with visible
 * paging instead of every row at once; every debtor stays reachable.
 */
test('the aging report pages a long debtor list and reaches every debtor', async ({ adminPage: page, api, host }) => {
  // 30 customers, each owing one invoice due 120 days ago: all in the 90+ bucket (open on arrival).
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  for (let i = 1; i <= 30; i++) {
    const c = await api.ok('customers.create', { name: `Penunggak ${String(i).padStart(2, '0')}` });
    await api.ok('invoices.create', {
      customerId: c.id,
      amount: 100_000 + i * 1_000,
      description: 'Tagihan lama',
      invoiceDate: day(-130),
      dueDate: day(-120),
    });
  }
  await page.goto(`${host.url}/#/reports/aging`);
  const buckets = page.getByTestId('aging-buckets');
  await expect(buckets).toBeVisible();
  const pager = buckets.getByTestId('report-table-pager');
  await expect(pager).toContainText('1–25 dari 30');
  await expect(buckets.locator('tbody tr')).toHaveCount(25);
  // Largest debt first: Penunggak 30 owes the most, Penunggak 01 the least (on the second page).
  await expect(buckets.locator('tbody tr').first()).toContainText('Penunggak 30');
  await pager.getByRole('button', { name: '2' }).click();
  await expect(pager).toContainText('26–30 dari 30');
  await expect(buckets.locator('tbody tr')).toHaveCount(5);
  await expect(buckets.locator('tbody tr').last()).toContainText('Penunggak 01');
});
