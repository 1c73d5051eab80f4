import { expect, test } from './fixtures';
import { PackagesPage } from './pages/PackagesPage';

test.describe('Paket Internet (packages)', () => {
  test('create a package with features as tags; duration follows the cycle', async ({ adminPage: page, api, host }) => {
    const p = new PackagesPage(page);
    await p.goto(host.url);
    await p.openNew();
    await p.fill({
      name: 'Paket Uji 15 Mbps',
      down: '15000',
      up: '7500',
      price: '175000',
      features: ['Unlimited', 'Streaming HD', 'Gratis instalasi'],
    });
    // kbps → Mbps hint and rupiah grouping.
    await expect(p.dialog.getByText('= 15 Mbps')).toBeVisible();
    await expect(p.dialog.getByLabel(/^Harga/)).toHaveValue('Rp 175.000');
    await expect(p.dialog.getByLabel('Durasi')).toHaveValue('30');
    await p.fill({ cycle: 'Triwulan' });
    await expect(p.dialog.getByLabel('Durasi')).toHaveValue('90');
    await p.save();
    await p.shell.expectNotification(/Paket Uji 15 Mbps ditambahkan/);
    const row = p.table.row('Paket Uji 15 Mbps');
    await expect(row).toContainText('15 Mbps');
    await expect(row).toContainText('Rp 175.000');
    await expect(row).toContainText('Triwulan');
    await expect(row).toContainText('Unlimited · Streaming HD · Gratis instalasi');
    const saved = (await api.ok('packages.list', { search: 'Paket Uji 15' })).items[0]!;
    expect(saved).toMatchObject({
      bandwidthDown: 15000,
      bandwidthUp: 7500,
      price: 175000,
      billingCycle: 'quarterly',
      durationDays: 90,
    });
    expect(saved.features).toEqual(['Unlimited', 'Streaming HD', 'Gratis instalasi']);
  });

  test('validation errors appear next to the fields', async ({ adminPage: page, api, host }) => {
    await api.ok('packages.create', {
      name: 'Paket Kembar',
      bandwidthUp: 1024,
      bandwidthDown: 2048,
      price: 50_000,
      billingCycle: 'monthly',
    });
    const p = new PackagesPage(page);
    await p.goto(host.url);
    await p.openNew();
    await p.save();
    await expect(p.fieldError('Nama paket')).toHaveText('Nama wajib diisi');
    await expect(p.fieldError('Download')).toHaveText('Harus berupa angka kbps');
    await expect(p.fieldError('Harga')).toHaveText('Harus berupa angka');
    await p.fill({ name: 'Paket Kembar', down: '4', up: '1024', price: '60000', profileName: 'bad name!' });
    await p.save();
    await expect(p.fieldError('Download')).toHaveText('Minimal 8 kbps');
    await expect(p.fieldError('Profil router')).toContainText('Profil router hanya boleh huruf');
    await p.fill({ down: '2048', profileName: '' });
    await p.save();
    // The duplicate name is refused by the database's unique index and lands on the field.
    await expect(p.fieldError('Nama paket')).toHaveText('Paket dengan nama ini sudah ada');
    expect((await api.ok('packages.list', { search: 'Paket Kembar' })).total).toBe(1);
  });

  test('edit a package and deactivate it from the list', async ({ adminPage: page, api, host }) => {
    await api.ok('packages.create', {
      name: 'Paket Ubah',
      bandwidthUp: 1000,
      bandwidthDown: 3000,
      price: 120_000,
      billingCycle: 'monthly',
      features: ['Lama'],
    });
    const p = new PackagesPage(page);
    await p.goto(host.url);
    await p.openEdit('Paket Ubah');
    await expect(p.dialog.getByText('= 3 Mbps')).toBeVisible();
    await p.dialog.getByLabel(/^Harga/).fill('135000');
    await p.dialog.getByRole('button', { name: /Lama/ }).or(p.dialog.locator('.mantine-Pill-remove')).first().click();
    await p.fill({ features: ['Baru'] });
    await p.save();
    await p.shell.expectNotification(/Paket Ubah disimpan/);
    const row = p.table.row('Paket Ubah');
    await expect(row).toContainText('Rp 135.000');
    await expect(row).toContainText('Baru');
    await expect(row).not.toContainText('Lama');

    await row.locator('.mantine-Switch-track').click();
    await p.shell.expectNotification(/Paket Ubah dinonaktifkan/);
    await page.getByTestId('active-filter').getByText('Nonaktif', { exact: true }).click();
    await expect(p.table.rows).toHaveCount(1);
    await expect(p.table.rows.first()).toContainText('Paket Ubah');
    const saved = (await api.ok('packages.list', { search: 'Paket Ubah' })).items[0]!;
    expect(saved).toMatchObject({ price: 135000, isActive: false, features: ['Baru'] });
  });

  test('deleting a package in use is refused; an unused one is deleted after confirming', async ({
    adminPage: page,
    api,
    host,
  }) => {
    const used = await api.ok('packages.create', {
      name: 'Paket Terpakai',
      bandwidthUp: 1024,
      bandwidthDown: 2048,
      price: 80_000,
      billingCycle: 'monthly',
    });
    await api.ok('packages.create', {
      name: 'Paket Bebas',
      bandwidthUp: 1024,
      bandwidthDown: 2048,
      price: 81_000,
      billingCycle: 'yearly',
    });
    const cust = await api.ok('customers.create', { name: 'Pemakai Paket' });
    const now = new Date().toISOString();
    api.sql((db) =>
      db
        .prepare(
          `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, created_at, updated_at)
           VALUES (?, ?, 'pemakai', 'seeded', 'default', ?, ?)`,
        )
        .run(cust.id, used.id, now, now),
    );
    const p = new PackagesPage(page);
    await p.goto(host.url);
    await expect(p.table.row('Paket Terpakai')).toContainText('1');
    await p.delete('Paket Terpakai');
    const toast = p.shell.notification(/Paket tidak dapat dihapus/);
    await expect(toast).toBeVisible();
    await expect(toast).toContainText('Paket Terpakai dipakai oleh 1 akun PPPoE');
    await expect(p.table.row('Paket Terpakai')).toBeVisible();

    await p.delete('Paket Bebas');
    await p.shell.expectNotification(/Paket Bebas dihapus/);
    await expect(p.table.row('Paket Bebas')).toHaveCount(0);
    expect((await api.ok('packages.list', { search: 'Paket Bebas' })).total).toBe(0);
  });

  test('search and the cycle filter are answered by the server', async ({ adminPage: page, api, host }) => {
    await api.ok('packages.create', {
      name: 'Saring Bulanan',
      bandwidthUp: 1024,
      bandwidthDown: 2048,
      price: 70_000,
      billingCycle: 'monthly',
    });
    await api.ok('packages.create', {
      name: 'Saring Tahunan',
      bandwidthUp: 1024,
      bandwidthDown: 2048,
      price: 700_000,
      billingCycle: 'yearly',
    });
    const p = new PackagesPage(page);
    await p.goto(host.url);
    await p.searchFor('saring');
    await expect(p.table.rows).toHaveCount(2);
    await page.getByTestId('cycle-filter').click();
    await page.getByRole('option', { name: 'Tahunan' }).click();
    await expect(p.table.rows).toHaveCount(1);
    await expect(p.table.rows.first()).toContainText('Saring Tahunan');
    await expect(p.table.rows.first()).toContainText('365 hari');
  });
});
