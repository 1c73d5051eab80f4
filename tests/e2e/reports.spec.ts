import fs from 'node:fs';
import { expect, test } from './fixtures';

/** Owner's dashboard and reports: live update, range change, PDF and Excel export. */
test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ api }) => {
  await api.ok('demo.load', {});
});

async function payInvoice(api: Parameters<Parameters<typeof test>[2]>[0]['api'], amount: number) {
  const customers = await api.ok('customers.list', { search: 'Budi' });
  const customerId = customers.items[0]!.id;
  await api.ok('invoices.create', { customerId, amount, description: 'Biaya pasang' });
  return api.ok('payments.create', {
    customerId,
    amount,
    method: 'bank_transfer',
    referenceNumber: `TRX-${Date.now()}`,
  });
}

test('the dashboard updates itself when a payment is taken elsewhere', async ({ adminPage: page, api, host }) => {
  await page.goto(`${host.url}/#/dashboard`);
  const today = page.getByTestId('stat-today');
  await expect(today).toBeVisible();
  // The demo data has months of payments (none of them today): the figures grow by what is paid now.
  const rupiah = (text: string | null) => Number(/Rp ([\d.]+)/.exec(text ?? '')![1]!.replaceAll('.', ''));
  const month = page.getByTestId('stat-month');
  await expect(month).toContainText('Rp');
  const before = { today: rupiah(await today.textContent()), month: rupiah(await month.textContent()) };
  await payInvoice(api, 175_000);
  // No reload: the pushed data.changed event refetches the dashboard.
  const id = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;
  await expect(today).toContainText(id(before.today + 175_000));
  await expect(month).toContainText(id(before.month + 175_000));
});

test('the owner changes the range and exports the financial report as PDF and Excel', async ({
  adminPage: page,
  api,
  host,
}) => {
  await payInvoice(api, 250_000);
  await page.goto(`${host.url}/#/reports/financial`);
  await expect(page.getByTestId('financial-table')).toBeVisible();
  await page.getByTestId('range-presets').click();
  await page.getByRole('menuitem', { name: 'Bulan ini' }).click();
  // One month, grouped by month: a single period row plus the total.
  await expect(page.getByTestId('financial-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('total-collected')).toContainText('Rp');

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
  expect(pdf.suggestedFilename()).toMatch(/^financial_.*\.pdf$/);
  expect(
    fs
      .readFileSync((await pdf.path())!)
      .subarray(0, 4)
      .toString('latin1'),
  ).toBe('%PDF');

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^financial_.*\.xlsx$/);
  expect(
    fs
      .readFileSync((await xlsx.path())!)
      .subarray(0, 2)
      .toString('latin1'),
  ).toBe('PK');

  await page.getByTestId('range-presets').click();
  await page.getByRole('menuitem', { name: '12 bulan terakhir' }).click();
  await expect(page.getByTestId('financial-table').locator('tbody tr')).toHaveCount(12);
});

test('the other report tabs open with their charts and explanations', async ({ adminPage: page, host }) => {
  await page.goto(`${host.url}/#/reports/aging`);
  await expect(page.getByTestId('aging-buckets')).toBeVisible();
  await page.getByTestId('tab-customers').click();
  await expect(page.getByTestId('customers-table')).toBeVisible();
  await expect(page.getByTestId('customers-table')).toContainText(/\d/);
  await page.getByTestId('tab-forecast').click();
  await expect(page.getByTestId('forecast-method')).toContainText('Perkiraan penerimaan');
  await page.getByTestId('tab-bandwidth').click();
  await expect(page.getByTestId('bandwidth-empty')).toBeVisible();
});

test('the aging report gets a brand filter once a second brand exists, and its export follows it', async ({
  adminPage: page,
  api,
  host,
}) => {
  await page.goto(`${host.url}/#/reports/aging`);
  await expect(page.getByTestId('aging-buckets')).toBeVisible();
  await expect(page.getByTestId('report-brand')).toHaveCount(0);
  await api.ok('brands.create', { name: 'Merek Kedua', invoicePrefix: 'MK2', address: 'Jl. Dua' });
  await page.reload();
  await expect(page.getByTestId('aging-buckets')).toBeVisible();
  const total = page.getByTestId('aging-total');
  await expect(total).not.toHaveText('Rp 0');
  await page.getByTestId('report-brand').click();
  await page.getByRole('option', { name: 'Merek Kedua' }).click();
  // The new brand has no customers yet: nothing is owed to it.
  await expect(total).toHaveText('Rp 0');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^aging_\d{4}-\d{2}-\d{2}_MK2\.xlsx$/);
});

test('every report tab and the dashboard take the brand filter, kept while switching tabs', async ({
  adminPage: page,
  api,
  host,
}) => {
  await api.ok('brands.create', { name: 'Merek Ketiga', invoicePrefix: 'MK3', address: 'Jl. Tiga' });
  await page.goto(`${host.url}/#/reports/financial`);
  const invoiced = page.getByTestId('total-invoiced');
  await expect(invoiced).not.toContainText('Rp 0');
  await page.getByTestId('report-brand').click();
  await page.getByRole('option', { name: 'Merek Ketiga' }).click();
  // The new brand has no customers: none of the demo data's money is its own.
  await expect(invoiced).toContainText('Rp 0');
  for (const tab of ['aging', 'customers', 'forecast', 'bandwidth', 'financial']) {
    await page.getByTestId(`tab-${tab}`).click();
    await expect(page.getByTestId('report-brand')).toHaveValue('Merek Ketiga');
  }
  await page.goto(`${host.url}/#/dashboard`);
  const outstanding = page.getByTestId('stat-outstanding');
  await expect(outstanding).not.toContainText('Rp 0');
  await page.getByTestId('dashboard-brand').click();
  await page.getByRole('option', { name: 'Merek Ketiga' }).click();
  await expect(outstanding).toContainText('Rp 0');
});
