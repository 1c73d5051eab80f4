import { expect, test } from './fixtures';

/*
 * Issue 12 §4: an account created with a package is billed (the dialog shows the subscription and the
 * first invoice), a suspended customer needs an override with a reason, and active accounts nobody
 * bills are a dashboard alert with a one-click fix.
 */
test.describe('Accounts are billed', () => {
  test.setTimeout(90_000);

  test('the account dialog shows what will be billed; a suspended customer needs an override reason', async ({
    adminPage: page,
    host,
    api,
  }) => {
    await api.ok('settings.update', {
      autoInvoiceRun: false,
      billingDayMode: 'fixed',
      fixedBillingDay: 1,
      prorateFirstInvoice: true,
    });
    const pkg = await api.ok('packages.create', {
      name: 'Rumah 20M',
      bandwidthUp: 5000,
      bandwidthDown: 20000,
      price: 300_000,
      billingCycle: 'monthly',
    });
    const active = await api.ok('customers.create', { name: 'Andi Aktif' });
    const suspended = await api.ok('customers.create', { name: 'Sinta Tangguh', status: 'suspended' });

    const create = async (customer: string) => {
      await page.goto(`${host.url}/#/pppoe/new`);
      const form = page.getByTestId('pppoe-form');
      await form.getByLabel('Pelanggan').fill(customer);
      await page.getByRole('option', { name: new RegExp(customer) }).click();
      await form.getByLabel('Paket').click();
      await page.getByRole('option', { name: /Rumah 20M/ }).click();
      return form;
    };

    // Fixed billing day 1 with pro-rating: the first invoice covers the rest of this month only.
    let form = await create('Andi Aktif');
    await expect(form.getByTestId('account-billing-terms')).toContainText('Rumah 20M: Rp 300.000 bulanan');
    await expect(form.getByTestId('account-billing-terms')).toContainText('ditagih setiap tanggal 1');
    await expect(form.getByTestId('account-first-invoice')).toContainText(/prorata \d+ hari/);
    await form.getByTestId('pppoe-save').click();
    await expect(form).toBeHidden();
    // The new login is shown once; close it.
    const credentials = page.getByRole('dialog', { name: 'Login PPPoE' });
    await expect(credentials).toContainText('andi.aktif');
    await page.keyboard.press('Escape');
    await expect(credentials).toBeHidden();
    const subs = await api.ok('subscriptions.list', { customerId: active.id });
    expect(subs.items).toMatchObject([
      { internetPackageId: pkg.id, billingDay: 1, prorateFirst: true, status: 'active' },
    ]);

    // Suspended: warned in the dialog, asked for a reason on save, refused without one.
    form = await create('Sinta Tangguh');
    await expect(form.getByTestId('account-customer-warning')).toContainText('Ditangguhkan');
    await form.getByTestId('pppoe-save').click();
    const override = page.getByTestId('override-dialog');
    await expect(override).toContainText('sedang ditangguhkan');
    await override.getByTestId('override-confirm').click();
    await expect(override).toContainText('Alasan wajib diisi');
    expect((await api.ok('pppoe.list', { customerId: suspended.id })).total).toBe(0);
    await override.getByTestId('override-reason').fill('Tunggakan sudah dibayar ke teknisi');
    await override.getByTestId('override-confirm').click();
    await expect(form).toBeHidden();
    const accounts = await api.ok('pppoe.list', { customerId: suspended.id });
    expect(accounts.items).toMatchObject([{ status: 'active' }]);
    const audit = await api.ok('audit.list', { action: 'pppoe.create' });
    expect(audit.items.find((a) => a.entityId === String(accounts.items[0]!.id))?.reason).toBe(
      'Tunggakan sudah dibayar ke teknisi',
    );
  });

  test('active accounts that nobody bills are a dashboard alert, fixed in one click', async ({
    adminPage: page,
    host,
    api,
  }) => {
    const pkg = await api.ok('packages.create', {
      name: 'Hemat 5M',
      bandwidthUp: 1000,
      bandwidthDown: 5000,
      price: 120_000,
      billingCycle: 'monthly',
    });
    const c = await api.ok('customers.create', { name: 'Lama Tanpa Tagihan' });
    // An account from before accounts came with subscriptions.
    api.sql((db) =>
      db
        .prepare(
          `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, status)
           VALUES (?, ?, 'lama.tanpa', 'x', 'Hemat-5M', 'active')`,
        )
        .run(c.id, pkg.id),
    );
    await page.goto(`${host.url}/#/dashboard`);
    const alert = page.getByTestId('alert-unbilled');
    await expect(alert).toContainText('1 akun PPPoE aktif belum ditagih');
    await expect(alert).toContainText('lama.tanpa');
    await alert.getByTestId('unbilled-fix').click();
    await page
      .getByTestId('confirm-dialog')
      .getByRole('button', { name: /Buat langganan/ })
      .click();
    await expect(alert).toBeHidden();
    expect((await api.ok('subscriptions.list', { customerId: c.id })).items).toMatchObject([
      { pppoeUsername: 'lama.tanpa', monthlyFee: 120_000, status: 'active' },
    ]);
  });
});
