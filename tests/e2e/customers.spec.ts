import { ADMIN, expect, test, type Api } from './fixtures';
import { CustomersPage } from './pages/CustomersPage';

/** Seeds a PPPoE account for a customer straight in SQLite (the PPPoE screens belong to a later issue). */
function seedPppoeAccount(api: Api, customerId: number, packageId: number, username: string) {
  const now = new Date().toISOString();
  api.sql((db) =>
    db
      .prepare(
        `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, created_at, updated_at)
         VALUES (?, ?, ?, 'seeded', 'default', ?, ?)`,
      )
      .run(customerId, packageId, username, now, now),
  );
}

test.describe('Pelanggan (customers)', () => {
  test('create a customer: code assigned, shown in the list and its detail', async ({ adminPage: page }) => {
    const c = new CustomersPage(page);
    await c.openNew();
    await c.fill({
      name: 'Joko Widodo',
      phone: '0812 3456 7890',
      email: 'Joko@Contoh.ID',
      idCard: '3273010101010001',
      address: 'Jl. Asia Afrika 8, Bandung',
    });
    await c.save();
    await c.shell.expectNotification(/Joko Widodo ditambahkan/);
    // After saving the detail drawer opens on the new customer.
    await expect(c.detail).toContainText('Joko Widodo');
    await expect(c.detail).toContainText(/CUST\d{4}/);
    await expect(c.detail).toContainText('joko@contoh.id');
    await page.keyboard.press('Escape');
    await expect(c.table.row('Joko Widodo')).toBeVisible();
    await expect(c.table.row('Joko Widodo')).toContainText('Aktif');
  });

  test('validation errors from the API appear next to the fields and nothing is saved', async ({
    adminPage: page,
    api,
  }) => {
    const before = (await api.ok('customers.list', {})).total;
    const c = new CustomersPage(page);
    await c.openNew();
    await c.fill({ name: '   ', phone: '12', email: 'bukan-email', idCard: '!!' });
    await c.save();
    await expect(c.fieldError('Nama')).toHaveText('Nama wajib diisi');
    await expect(c.fieldError('Telepon')).toContainText('Telepon harus 6–15 digit');
    await expect(c.fieldError('E-mail')).toHaveText('Alamat e-mail tidak valid');
    await expect(c.fieldError('No. KTP')).toContainText('Nomor KTP harus');
    expect((await api.ok('customers.list', {})).total).toBe(before);
    // Fixing the fields clears the way: the same dialog saves.
    await c.fill({ name: 'Sari Validasi', phone: '081299990000', email: 'sari@contoh.id', idCard: '' });
    await c.save();
    await c.shell.expectNotification(/Sari Validasi ditambahkan/);
    expect((await api.ok('customers.list', {})).total).toBe(before + 1);
  });

  test('search by code, name, phone, e-mail and id card; status filter; empty result', async ({
    adminPage: page,
    api,
  }) => {
    const a = await api.ok('customers.create', {
      name: 'Cari Satu',
      phone: '085711112222',
      email: 'satu@cari.id',
      idCard: '3273019988770001',
    });
    await api.ok('customers.create', { name: 'Cari Dua', phone: '085733334444', status: 'suspended' });
    const c = new CustomersPage(page);
    await c.goto(new URL(page.url()).origin);

    await c.searchFor('cari');
    await expect(c.table.rows).toHaveCount(2);
    await c.table.expectTotal(2);

    for (const term of [a.customerCode, 'CARI SATU', '1111222', 'SATU@CARI', '998877']) {
      await c.searchFor(term);
      await expect(c.table.rows).toHaveCount(1);
      await expect(c.table.rows.first()).toContainText('Cari Satu');
    }

    await c.searchFor('cari');
    await c.filterStatus('Ditangguhkan');
    await expect(c.table.rows).toHaveCount(1);
    await expect(c.table.rows.first()).toContainText('Cari Dua');

    await c.filterStatus('Semua');
    await c.searchFor('tidak-ada-yang-cocok-xyz');
    await expect(page.getByTestId('empty-state')).toContainText('Tidak ada pelanggan yang cocok');
  });

  test('edit a customer', async ({ adminPage: page, api }) => {
    await api.ok('customers.create', { name: 'Edit Aku', phone: '081200001111' });
    const c = new CustomersPage(page);
    await c.goto(new URL(page.url()).origin);
    await c.searchFor('Edit Aku');
    await c.open('Edit Aku');
    await c.detail.getByRole('button', { name: 'Ubah' }).click();
    await expect(page.getByText('Ubah pelanggan')).toBeVisible();
    await expect(page.getByLabel('Telepon')).toHaveValue('081200001111');
    await c.fill({ name: 'Sudah Diubah', status: 'Nonaktif', notes: 'Pindah rumah' });
    await c.save();
    await c.shell.expectNotification(/Sudah Diubah disimpan/);
    await expect(c.detail).toContainText('Sudah Diubah');
    await expect(c.detail).toContainText('Pindah rumah');
    await page.keyboard.press('Escape');
    await c.searchFor('Sudah Diubah');
    await expect(c.table.rows.first()).toContainText('Nonaktif');
  });

  test('deleting a customer with a PPPoE account is refused with the server message', async ({
    adminPage: page,
    api,
  }) => {
    const pkg = await api.ok('packages.create', {
      name: 'Paket Uji Hapus',
      bandwidthUp: 1024,
      bandwidthDown: 2048,
      price: 100_000,
      billingCycle: 'monthly',
    });
    const cust = await api.ok('customers.create', { name: 'Punya Akun', phone: '081211112222' });
    seedPppoeAccount(api, cust.id, pkg.id, 'punya-akun');
    const c = new CustomersPage(page);
    await c.goto(new URL(page.url()).origin);
    await c.searchFor('Punya Akun');
    await c.open('Punya Akun');
    await expect(c.detail.getByTestId('count-accounts')).toContainText('1');
    await c.deleteFromDetail();
    const toast = c.shell.notification(/Pelanggan tidak dapat dihapus/);
    await expect(toast).toBeVisible();
    await expect(toast).toContainText('Punya Akun punya riwayat (akun PPPoE: 1, langganan: 0');
    await expect(toast).toContainText('ubah statusnya menjadi nonaktif, jangan dihapus');
    expect((await api.call('customers.get', { id: cust.id })).ok).toBe(true);
  });

  test('deleting a fresh customer asks first, then removes it', async ({ adminPage: page, api }) => {
    const cust = await api.ok('customers.create', { name: 'Hapus Saya', phone: '081233334444' });
    const c = new CustomersPage(page);
    await c.goto(new URL(page.url()).origin);
    await c.searchFor('Hapus Saya');
    await c.open('Hapus Saya');
    // Cancel first: nothing happens.
    await c.detail.getByRole('button', { name: 'Hapus', exact: true }).click();
    await page
      .getByRole('dialog')
      .filter({ hasText: 'Hapus pelanggan?' })
      .getByRole('button', { name: 'Batal' })
      .click();
    expect((await api.call('customers.get', { id: cust.id })).ok).toBe(true);
    await c.deleteFromDetail();
    await c.shell.expectNotification(/Hapus Saya dihapus/);
    await expect(page.getByTestId('empty-state')).toBeVisible();
    const gone = await api.call('customers.get', { id: cust.id });
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
  });

  test('sorting is done by the server when a header is clicked', async ({ adminPage: page, api }) => {
    for (const name of ['Urut Beta', 'Urut Alfa', 'Urut Gama']) await api.ok('customers.create', { name });
    const c = new CustomersPage(page);
    await c.goto(new URL(page.url()).origin);
    await c.searchFor('Urut');
    await c.table.sortBy('name');
    await expect
      .poll(() => c.table.column(1))
      .toEqual([
        expect.stringContaining('Urut Alfa'),
        expect.stringContaining('Urut Beta'),
        expect.stringContaining('Urut Gama'),
      ]);
    await c.table.sortBy('name');
    await expect
      .poll(() => c.table.column(1))
      .toEqual([
        expect.stringContaining('Urut Gama'),
        expect.stringContaining('Urut Beta'),
        expect.stringContaining('Urut Alfa'),
      ]);
  });

  test('keyboard: / focuses search, Enter opens a row, Esc closes', async ({ adminPage: page, api }) => {
    await api.ok('customers.create', { name: 'Papan Ketik' });
    const c = new CustomersPage(page);
    await c.goto(new URL(page.url()).origin);
    await page.locator('body').press('/');
    await expect(c.search).toBeFocused();
    await page.keyboard.type('Papan Ketik');
    await page.keyboard.press('Enter');
    await expect(c.table.rows).toHaveCount(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(c.detail).toContainText('Papan Ketik');
    await page.keyboard.press('Escape');
    await expect(c.detail).toBeHidden();
  });

  test('an ended session shows the lock screen; the half-filled form survives and saves after sign-in', async ({
    adminPage: page,
    api,
  }) => {
    const c = new CustomersPage(page);
    await c.openNew();
    await c.fill({ name: 'Setelah Kunci', phone: '081277778888' });
    // End the page's session from outside (as an idle timeout would).
    const cookie = (await page.context().cookies()).find((x) => x.name === 'pppoe_desk_session');
    expect(cookie).toBeTruthy();
    const r = await fetch(`${new URL(page.url()).origin}/api/auth.logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${decodeURIComponent(cookie!.value)}` },
      body: '{}',
    });
    expect(r.status).toBe(200);
    await c.save();
    await expect(c.shell.lockScreen).toBeVisible();
    await c.shell.lockScreen.getByLabel('Kata sandi').fill(ADMIN.password);
    await c.shell.lockScreen.getByRole('button', { name: 'Masuk dan lanjutkan' }).click();
    await expect(c.shell.lockScreen).toBeHidden();
    await c.shell.expectNotification(/Setelah Kunci ditambahkan/);
    const list = await api.ok('customers.list', { search: 'Setelah Kunci' });
    expect(list.total).toBe(1);
  });
});
