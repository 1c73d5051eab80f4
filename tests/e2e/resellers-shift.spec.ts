/**
 * A reseller's cash top-up at the desk is drawer money: the cashier tops up on the Mitra screen during
 * the shift, the shift expects the cash, and closing with the right count shows no variance and the top-up
 * on its own line. A transfer top-up is listed but not counted.
 */
import { expect, signInPage, test } from './fixtures';

test.describe('Resellers in the cash shift', () => {
  test.setTimeout(120_000);

  test('a cash top-up is in the shift’s expected cash and on its own line at close', async ({ page, host, api }) => {
    const r = await api.ok('resellers.create', { name: 'Mitra Pasar Baru' });
    await signInPage(page, host, `#/resellers/${r.id}`);
    // No shift yet: refused like a cash payment, nothing credited.
    await page.getByTestId('reseller-topup').click();
    await page.getByLabel('Jumlah').fill('250rb');
    await page.getByTestId('topup-submit').click();
    await expect(page.getByText('Buka shift kasir dulu sebelum menerima pembayaran tunai')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByTestId('reseller-balance')).toHaveText('Rp 0');

    await api.ok('shifts.open', { openingCash: 100_000 });
    await page.getByTestId('reseller-topup').click();
    await page.getByLabel('Jumlah').fill('250rb');
    await page.getByTestId('topup-submit').click();
    await expect(page.getByTestId('reseller-balance')).toHaveText('Rp 250.000');
    await api.ok('resellers.topup', {
      resellerId: r.id,
      amount: 500_000,
      method: 'bank_transfer',
      referenceNumber: 'BCA-7781',
    });

    await page.goto(`${host.url}/#/shifts`);
    await expect(page.getByTestId('current-shift')).toContainText('Isi saldo mitra (tunai)');
    await page.getByTestId('close-shift').click();
    await expect(page.getByTestId('close-shift-topups')).toHaveText('Termasuk isi saldo mitra tunai Rp 250.000.');
    await page.getByTestId('counted-cash').fill('350000');
    await page.getByTestId('close-shift-submit').click();
    const report = page.getByTestId('shift-report');
    await expect(report.getByTestId('shift-variance')).toHaveText('Rp 0');
    await expect(report.getByTestId('shift-cash-topups')).toHaveText('Rp 250.000');
    const lines = report.getByTestId('shift-topups').getByRole('row');
    await expect(lines).toHaveCount(2);
    await expect(lines.nth(0)).toContainText('Mitra Pasar Baru');
    await expect(lines.nth(0)).toContainText('Tunai');
    await expect(lines.nth(1)).toContainText('Transfer bank');
  });
});
