/**
 * Resellers (issue 18): the office adds a reseller and tops up their balance on the Mitra screen; the
 * reseller signs in on a phone (390×844), pays an isolated customer's bill from the balance, the
 * account is restored and the balance drops.
 */
import { expect, signInPage, test, type Api } from './fixtures';
import { accountStatus as statusOf, makeOverdue, subscriber } from './helpers/subscribers';
import { LoginPage } from './pages/LoginPage';

const PASSWORD = 'Pulsa-Agen-Jaya-5';

/** A cash top-up is taken in the admin's open shift (one host per file: open it once). */
async function ensureShift(api: Api) {
  if (!(await api.ok('shifts.current', {}))) await api.ok('shifts.open', { openingCash: 0 });
}

test.describe('Resellers', () => {
  test.setTimeout(120_000);

  test('the office adds a reseller, gives a sign-in and tops up the balance on the Mitra screen', async ({
    page,
    host,
    api,
  }) => {
    await ensureShift(api);
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
      const { pkg, customer: c } = await subscriber(api, {
        pkg: { name: 'Rumah 10M', bandwidthUp: 5120, bandwidthDown: 10240, price: 150_000 },
        customer: { name: 'Siti Aminah', phone: '081377778888' },
        startDate: '2026-10-01',
        billingDay: 1,
        username: 'siti-mitra',
      });
      expect((await api.ok('billing.generateInvoices', { period: '2026-10' })).created).toBe(1);
      makeOverdue(api, c.id);
      await api.ok('billing.runAutomation', {});
      const accountStatus = () => statusOf(api, 'siti-mitra');
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
      await ensureShift(api);
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

    test('a reseller adds a customer with an internet account from the phone, then edits it', async ({
      page,
      host,
      api,
    }) => {
      const pkg = await api.ok('packages.create', {
        name: 'Hemat 5M',
        bandwidthUp: 2048,
        bandwidthDown: 5120,
        price: 120_000,
        billingCycle: 'monthly',
      });
      // A loopback address nothing answers on: the account waits in the router's sync queue.
      const router = await api.ok('routers.create', {
        name: 'Router Desa',
        host: '127.0.0.2',
        username: 'admin',
        password: 'rahasia',
      });
      const r = await api.ok('resellers.create', {
        name: 'Mitra Kampung Baru',
        canCreateCustomers: true,
        routerId: router.id,
      });
      await api.ok('resellers.setRule', {
        resellerId: r.id,
        internetPackageId: pkg.id,
        kind: 'commission',
        mode: 'flat',
        value: 10_000,
      });
      await api.ok('resellers.setLogin', { id: r.id, username: 'agen-baru', password: PASSWORD });

      const login = new LoginPage(page);
      await login.goto(host.url);
      await login.signIn('agen-baru', PASSWORD);
      await page.getByText('Pelanggan', { exact: true }).click();
      await page.getByRole('button', { name: 'Tambah pelanggan' }).click();
      const form = page.getByTestId('self-customer-form');
      // The office's own checks, in Indonesian, on the field.
      await form.getByLabel(/^Nama( \*)?$/).fill('Bu Warsini');
      await form.getByLabel('Telepon').fill('12');
      await form.getByLabel('Telepon').press('Tab');
      await expect(form.getByText('Telepon harus 6–15 digit', { exact: false })).toBeVisible();
      await form.getByTestId('self-customer-save').click();
      await expect(form.getByText('Pilih paket')).toBeVisible();
      await expect(form.getByLabel('Telepon')).toHaveAttribute('aria-invalid', 'true');
      await form.getByLabel('Telepon').fill('0813 5555 6666');
      await form.getByLabel('Paket internet').click();
      await page.getByRole('option', { name: /Hemat 5M/ }).click();
      await form.getByTestId('self-customer-save').click();

      const done = page.getByTestId('self-customer-created');
      await expect(done).toContainText('Bu Warsini');
      await expect(done).toContainText('Rp 120.000 per bulan');
      const username = (await done.getByTestId('created-username').textContent())!;
      const password = (await done.getByTestId('created-password').textContent())!;
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await done.getByRole('button', { name: 'Selesai' }).click();
      const card = page.getByTestId('self-customer').filter({ hasText: 'Bu Warsini' });
      await expect(card).toBeVisible();

      // The office sees the customer as the reseller's, the account queued to the router, audited as the reseller.
      const own = await api.ok('resellers.customers', { resellerId: r.id });
      expect(own.items.map((c) => c.name)).toEqual(['Bu Warsini']);
      const accounts = await api.ok('pppoe.list', { customerId: own.items[0]!.id });
      expect(accounts.items[0]).toMatchObject({ username, routerId: router.id, syncState: 'pending' });
      expect((await api.ok('pppoe.revealPassword', { id: accounts.items[0]!.id })).password).toBe(password);
      const trail = await api.ok('audit.list', { action: 'reseller.customer_create' });
      expect(trail.items[0]).toMatchObject({ username: 'agen-baru' });

      await card.getByRole('button', { name: 'Ubah data Bu Warsini' }).click();
      await expect(form.getByLabel('Telepon')).toHaveValue('0813 5555 6666');
      await form.getByLabel('Alamat').fill('Dusun Krajan RT 03');
      await form.getByTestId('self-customer-save').click();
      await expect(page.getByText('Data Bu Warsini disimpan')).toBeVisible();
      expect((await api.ok('customers.get', { id: own.items[0]!.id })).address).toBe('Dusun Krajan RT 03');
    });
  });
});
