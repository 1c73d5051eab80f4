import { expect, signInPage, test } from './fixtures';
import { accountStatus, makeOverdue, subscriber } from './helpers/subscribers';

/**
 * Issue 20: after its first tick the billing automation checks only what changed (triggers mark the customer).
 * Here the owner presses "Jalankan sekarang" on the Otomasi screen: a customer whose bill another connection (the
 * test's SQL, as a second program would) made overdue is isolated, the next run has nothing to do, and after the
 * payment at the desk the account is open again. Then the audit trail, filtered to today, lists the payment, and a
 * day in the past lists nothing.
 */
test.describe('Otomasi: isolir dan buka kembali', () => {
  test.describe.configure({ timeout: 90_000 });

  test('Jalankan sekarang isolates the overdue customer once; the payment opens it; the audit trail filters by date', async ({
    page,
    host,
    api,
  }) => {
    await api.ok('settings.update', { autoInvoiceRun: false });
    const { customer: c } = await subscriber(api, {
      pkg: { name: 'Rumah 15M', bandwidthUp: 5120, bandwidthDown: 15360, price: 150_000 },
      customer: { name: 'Sri Wahyuni', phone: '081377778888' },
      startDate: '2026-09-01',
      username: 'sri-wahyuni',
    });
    expect((await api.ok('billing.generateInvoices', { period: '2026-09' })).created).toBe(1);
    // A first run checks everyone (the scheduler may have ticked already); then the bill becomes overdue by
    // another connection's write, which only the triggers' mark tells the next run about.
    await api.ok('billing.runAutomation', {});
    makeOverdue(api, c.id);
    const status = () => accountStatus(api, 'sri-wahyuni');

    await signInPage(page, host, '#/automation');
    const result = page.getByTestId('automation-result');
    // The last run's answer is closed first, so the next one on screen is surely the new run's.
    const runAgain = async () => {
      await result.getByRole('button').click();
      await expect(result).toHaveCount(0);
      await page.getByTestId('automation-run').click();
    };
    await page.getByTestId('automation-run').click();
    // The scheduler's own tick may run between the write and the click and isolate first: then this run finds 0.
    await expect(result).toContainText(/Selesai: [01] diisolir, 0 dibuka/);
    expect(status()).toBe('suspended');
    await runAgain();
    await expect(result).toContainText('Selesai: 0 diisolir, 0 dibuka');
    await expect(page.getByTestId('data-table')).toContainText('sri-wahyuni');

    // Paid at the desk: the payment restores at once; the next run has nothing left to open.
    await api.ok('shifts.open', { openingCash: 0 });
    const paid = await api.ok('payments.create', { customerId: c.id, amount: 150_000, method: 'cash' });
    expect(paid.restoredAccounts).toBe(1);
    expect(status()).toBe('active');
    await runAgain();
    await expect(result).toContainText('Selesai: 0 diisolir, 0 dibuka');

    // The audit trail up to yesterday (ISP zone, as the browser's) lists nothing of this fresh office; from today,
    // the payment. Each date is picked in the calendar, as a user does.
    const jakarta = (d: Date) =>
      d.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' });
    const yesterday = jakarta(new Date(Date.now() - 86_400_000));
    await page.goto(`${host.url}/#/audit`);
    const table = page.getByTestId('data-table');
    const summary = page.getByTestId('table-summary');
    await expect(table).toContainText(paid.paymentNumber);
    await page.getByRole('textbox', { name: 'Sampai tanggal' }).click();
    await page.getByRole('button', { name: yesterday, exact: true }).click();
    await expect(page.getByText('Tidak ada catatan yang cocok')).toBeVisible();
    await expect(page.getByText('0 catatan', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Hapus filter' }).click();
    await expect(table).toContainText(paid.paymentNumber);
    await page.getByRole('textbox', { name: 'Dari tanggal' }).click();
    await page.locator('button[data-today="true"]').click();
    await expect(table).toContainText(paid.paymentNumber);
    await expect(summary).toBeVisible();
  });
});
