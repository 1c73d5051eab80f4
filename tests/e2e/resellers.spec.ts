/**
 * Resellers (issue 18): the office adds a reseller and tops up their balance on the Mitra screen; the
 * reseller signs in on a phone (390×844), pays an isolated customer's bill from the balance, the
 * account is restored and the balance drops.
 */
import { expect, signInPage, test } from './fixtures';
import { LoginPage } from './pages/LoginPage';

const PASSWORD = 'Pulsa-Agen-Jaya-5';

test.describe('Resellers', () => {
  test.setTimeout(120_000);

  test('the office adds a reseller, gives a sign-in and tops up the balance on the Mitra screen', async ({
    page,
    host,
  }) => {
    await signInPage(page, host, '#/resellers');
    await page.getByRole('button', { name: 'Tambah mitra' }).click();
    await page.getByLabel('Nama').fill('Mitra Sukamaju');
    await page.getByLabel('Telepon').fill('0812 3456 7890');
    await page.getByTestId('reseller-save').click();
    await expect(page.getByRole('heading', { name: 'Mitra Sukamaju' })).toBeVisible();

    await page.getByTestId('reseller-topup').click();
    await page.getByLabel('Jumlah').fill('300rb');
    await page.getByTestId('topup-submit').click();
    await expect(page.getByTestId('reseller-balance')).toHaveText('Rp 300.000');
    await expect(page.getByRole('table', { name: 'Riwayat saldo' })).toContainText('Isi saldo');

    await page.getByRole('button', { name: 'Buat akun masuk' }).click();
    await page.getByLabel('Nama pengguna').fill('mitra-ui');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByText('mitra-ui').first()).toBeVisible();
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 } });

    test('a reseller signs in and pays an isolated customer’s bill from the balance: restored, balance drops', async ({
      page,
      host,
      api,
    }) => {
      await api.ok('settings.update', { autoInvoiceRun: false });
      const pkg = await api.ok('packages.create', {
        name: 'Rumah 10M',
        bandwidthUp: 5120,
        bandwidthDown: 10240,
        price: 150_000,
        billingCycle: 'monthly',
      });
      const c = await api.ok('customers.create', { name: 'Siti Aminah', phone: '081377778888' });
      await api.ok('subscriptions.create', {
        customerId: c.id,
        internetPackageId: pkg.id,
        startDate: '2026-10-01',
        billingDay: 1,
      });
      api.sql((db) => {
        const now = new Date().toISOString();
        db.prepare(
          `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, status, created_at, updated_at)
           VALUES (?, ?, 'siti-mitra', 'x', 'Rumah-10M', 'active', ?, ?)`,
        ).run(c.id, pkg.id, now, now);
      });
      expect((await api.ok('billing.generateInvoices', { period: '2026-10' })).created).toBe(1);
      api.sql((db) => db.prepare(`UPDATE invoices SET due_date = '2026-01-10' WHERE customer_id = ?`).run(c.id));
      await api.ok('billing.runAutomation', {});
      const accountStatus = () => {
        let status = '';
        api.sql((db) => {
          status = (
            db.prepare(`SELECT status FROM pppoe_accounts WHERE username = 'siti-mitra'`).get() as { status: string }
          ).status;
        });
        return status;
      };
      expect(accountStatus()).toBe('suspended');

      const r = await api.ok('resellers.create', { name: 'Mitra Desa Jaya' });
      await api.ok('resellers.assign', { resellerId: r.id, customerIds: [c.id] });
      await api.ok('resellers.setRule', {
        resellerId: r.id,
        internetPackageId: pkg.id,
        kind: 'discount',
        mode: 'percent',
        value: 1000,
      });
      await api.ok('resellers.topup', { resellerId: r.id, amount: 200_000, method: 'cash' });
      await api.ok('resellers.setLogin', { id: r.id, username: 'agen-desa', password: PASSWORD });

      const login = new LoginPage(page);
      await login.goto(host.url);
      await login.signIn('agen-desa', PASSWORD);
      await expect(page.getByTestId('self-balance')).toHaveText('Rp 200.000');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      const bill = page.getByTestId('self-bill');
      await expect(bill).toHaveCount(1);
      await expect(bill).toContainText('Siti Aminah');
      await expect(bill).toContainText('diskon Rp 15.000');
      await bill.getByRole('button', { name: /Bayar tagihan/ }).click();
      await expect(page.getByRole('dialog')).toContainText('Saldo setelahnya Rp 65.000');
      await page.getByTestId('self-pay-confirm').click();

      await expect(page.getByText('Internet pelanggan aktif kembali.')).toBeVisible();
      await expect(page.getByTestId('self-balance')).toHaveText('Rp 65.000');
      await expect(page.getByText('Tidak ada tagihan terbuka.', { exact: false })).toBeVisible();
      expect(accountStatus()).toBe('active');
      expect((await api.ok('resellers.get', { id: r.id })).balance).toBe(65_000);

      // The history shows the payment; the office's channels are closed to this sign-in.
      await page.getByText('Saldo', { exact: true }).click();
      await expect(page.getByTestId('self-movement').first()).toContainText('Bayar tagihan');
      const denied = await page.evaluate(async () => {
        const res = await fetch('/api/customers.list', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        });
        return ((await res.json()) as { error?: { code: string } }).error?.code;
      });
      expect(denied).toBe('FORBIDDEN');
    });
  });
});
