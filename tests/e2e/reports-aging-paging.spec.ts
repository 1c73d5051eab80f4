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
