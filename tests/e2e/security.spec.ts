import { ADMIN, expect, signInPage, test, type Api } from './fixtures';
import type { Page } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { CustomersPage } from './pages/CustomersPage';
import { DataTablePart } from './pages/DataTablePart';
import { LoginPage } from './pages/LoginPage';
import { UsersPage } from './pages/UsersPage';

const CASHIER = { username: 'kasir-e2e', password: 'Bakso-Malang-Enak-77' };

async function ensureCashier(api: Api) {
  const existing = await api.ok('users.list', { search: CASHIER.username, active: true });
  if (existing.total === 0) {
    await api.ok('users.create', {
      username: CASHIER.username,
      fullName: 'Kasir Depan',
      role: 'staff',
      password: CASHIER.password,
      mustChangePassword: false,
    });
  }
}

/** The hash paths in the navigation of the signed-in page. */
async function navPaths(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation').getByRole('link');
  await expect(links.first()).toBeVisible();
  return (await links.evaluateAll((as) => as.map((a) => (a.getAttribute('href') ?? '').replace(/^#/, '')))).filter(
    Boolean,
  );
}

test.describe('Keamanan: peran dan hak akses', () => {
  // Several browsers pages and argon2 sign-ins per test on a shared 2-core machine.
  test.describe.configure({ timeout: 90_000 });

  test('a cashier signs in and cannot see or reach owner-only screens; the API says FORBIDDEN', async ({
    browser,
    host,
    api,
  }) => {
    await ensureCashier(api);
    const admin = await browser.newPage();
    await signInPage(admin, host, '#/dashboard');
    const adminPaths = await navPaths(admin);
    expect(adminPaths).toEqual(expect.arrayContaining(['/users', '/audit']));
    await admin.close();

    const page = await browser.newPage();
    const login = new LoginPage(page);
    await login.goto(host.url);
    await login.signIn(CASHIER.username, CASHIER.password);
    await expect(page.getByTestId('user-menu')).toBeVisible();
    const cashierPaths = await navPaths(page);
    // Owner-only screens are not in the cashier's navigation...
    const ownerOnly = adminPaths.filter((p) => !cashierPaths.includes(p));
    expect(ownerOnly).toEqual(expect.arrayContaining(['/users', '/audit']));
    for (const p of ['/users', '/audit', '/settings', '/backups', '/routers']) expect(cashierPaths).not.toContain(p);
    await expect(page.getByRole('navigation')).not.toContainText(/Pengguna|Jejak audit|Pengaturan/);
    // ...and a typed URL shows "not allowed" instead of the screen.
    for (const p of ownerOnly) {
      await page.goto(`${host.url}/#${p}`);
      await expect(page.getByTestId('not-allowed'), p).toBeVisible();
      await expect(page.getByTestId('not-allowed')).toContainText('Tidak diizinkan');
      await expect(page.getByTestId('data-table')).toHaveCount(0);
    }
    // The server check is what counts: the cashier's own session cookie gets FORBIDDEN.
    for (const [channel, input] of [
      ['users.list', {}],
      ['audit.list', {}],
      ['settings.update', { ispName: 'Diretas' }],
      ['users.create', { username: 'hacker', fullName: 'H', role: 'admin', password: 'Sangat-Rahasia-99' }],
    ] as const) {
      const r = await page.request.post(`${host.url}/api/${channel}`, {
        data: input,
        headers: { 'Content-Type': 'application/json' },
      });
      expect(r.status(), channel).toBe(403);
      expect(await r.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // What a cashier may do still works.
    const own = await page.request.post(`${host.url}/api/customers.list`, {
      data: {},
      headers: { 'Content-Type': 'application/json' },
    });
    expect(own.status()).toBe(200);
    await page.close();
  });

  test('admin creates a cashier, who must change the temporary password at first sign-in', async ({
    adminPage: page,
    host,
    browser,
  }) => {
    const users = new UsersPage(page);
    await users.goto(host.url);
    await users.create({ username: 'siti', fullName: 'Siti Kasir', role: /^Staf$/, password: 'Sementara-Kantor-2026' });
    await users.shell.expectNotification(/Pengguna siti dibuat/);
    await expect(users.table.row('siti')).toContainText('Staf');
    await expect(users.table.row('siti')).toContainText('Harus ganti sandi');

    // A weak password is refused next to the field, in Indonesian.
    await page.getByRole('button', { name: /Tambah pengguna/ }).click();
    await users.form.getByLabel(/^Nama pengguna$/).fill('budi');
    await users.form.getByLabel(/^Nama lengkap$/).fill('Budi');
    await users.form.getByLabel(/^Kata sandi awal$/).fill('password123');
    await users.form.getByLabel(/^Ulangi kata sandi$/).fill('password123');
    await users.form.getByRole('button', { name: 'Simpan' }).click();
    await expect(users.form).toContainText('Kata sandi ini terlalu umum');
    await page.keyboard.press('Escape');

    const siti = await browser.newPage();
    const login = new LoginPage(siti);
    await login.goto(host.url);
    await login.signIn('siti', 'Sementara-Kantor-2026');
    // (Found by role: the data-testid sits on Mantine's zero-size modal root.)
    const dialog = siti.getByRole('dialog').filter({ hasText: 'Ganti kata sandi' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(/^Kata sandi saat ini$/).fill('Sementara-Kantor-2026');
    await dialog.getByLabel(/^Kata sandi baru$/).fill('Milik-Pribadi-Baru-5');
    await dialog.getByLabel(/^Ulangi kata sandi$/).fill('Milik-Pribadi-Baru-5');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog).toBeHidden();
    await siti.close();
    await page.reload();
    await expect(users.table.row('siti')).not.toContainText('Harus ganti sandi');
  });

  test('admin resets a password and disables a user: their session ends at once', async ({
    adminPage: page,
    host,
    browser,
    api,
  }) => {
    await ensureCashier(api);
    const cashier = await browser.newPage();
    const login = new LoginPage(cashier);
    await login.goto(host.url);
    await login.signIn(CASHIER.username, CASHIER.password);
    await expect(cashier.getByTestId('user-menu')).toBeVisible();

    const users = new UsersPage(page);
    await users.goto(host.url);
    await users.rowAction(CASHIER.username, /Nonaktifkan/);
    await page
      .getByTestId('confirm-dialog')
      .getByLabel(/Alasan/)
      .fill('Pindah cabang');
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Nonaktifkan' }).click();
    await users.shell.expectNotification(new RegExp(`${CASHIER.username} dinonaktifkan`));

    // The cashier's session ended at once; signing in again is refused.
    const me = await cashier.request.post(`${host.url}/api/auth.me`, {
      data: {},
      headers: { 'Content-Type': 'application/json' },
    });
    expect(me.status()).toBe(401);
    await cashier.reload();
    await expect(cashier.getByRole('button', { name: /^(Masuk|Sign in)$/ })).toBeVisible();
    await login.signIn(CASHIER.username, CASHIER.password);
    await expect(login.error).toContainText('Nama pengguna atau kata sandi salah');
    await cashier.close();

    // The trail shows it with the reason.
    await page.goto(`${host.url}/#/audit`);
    await expect(page.getByRole('heading', { name: 'Jejak audit' })).toBeVisible();
    await page.getByRole('searchbox').fill('Pindah cabang');
    await page.getByRole('searchbox').press('Enter');
    await expect(page.getByTestId('data-table').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('data-table')).toContainText('Nonaktifkan pengguna');

    // Enable again and reset the password: the old one stops working.
    await page.goto(`${host.url}/#/users`);
    await page.getByTestId('active-filter').getByText('Nonaktif', { exact: true }).click();
    await users.rowAction(CASHIER.username, /Aktifkan/);
    await users.shell.expectNotification(new RegExp(`${CASHIER.username} diaktifkan`));
    await page.getByTestId('active-filter').getByText('Aktif', { exact: true }).click();
    await users.rowAction(CASHIER.username, /Atur ulang kata sandi/);
    const reset = page.getByTestId('reset-password-dialog');
    await reset.getByLabel(/^Kata sandi baru$/).fill('Reset-Oleh-Admin-31');
    await reset.getByLabel(/^Ulangi kata sandi$/).fill('Reset-Oleh-Admin-31');
    await reset.getByRole('button', { name: /Atur ulang kata sandi/ }).click();
    await users.shell.expectNotification(new RegExp(`Kata sandi ${CASHIER.username} diatur ulang`));
    const old = await page.request.post(`${host.url}/api/auth.login`, {
      data: CASHIER,
      headers: { 'Content-Type': 'application/json', Cookie: '' },
    });
    expect(old.status()).toBe(401);
    // Restore for other tests.
    await api.ok('users.resetPassword', {
      id: (await api.ok('users.list', { search: CASHIER.username })).items[0]!.id,
      newPassword: CASHIER.password,
    });
    await api.sql((db) =>
      db.prepare('UPDATE users SET must_change_password = 0 WHERE username = ?').run(CASHIER.username),
    );
  });

  test('audit trail: filters and export', async ({ adminPage: page, host, api }) => {
    await api.ok('customers.create', { name: 'Audit Pelanggan' });
    await page.goto(`${host.url}/#/audit`);
    await expect(page.getByRole('heading', { name: 'Jejak audit' })).toBeVisible();
    const table = page.getByTestId('data-table');
    await expect(table).toContainText('Masuk');
    await page.getByRole('combobox', { name: 'Aksi' }).click();
    await page.getByRole('option', { name: 'Tambah pelanggan', exact: true }).click();
    await expect(table.locator('tbody tr').first()).toContainText('Tambah pelanggan');
    await expect(table.locator('tbody tr').filter({ hasNotText: 'Tambah pelanggan' })).toHaveCount(0);
    await table.locator('tbody tr', { hasText: 'Audit Pelanggan' }).click();
    await expect(page.getByTestId('audit-detail')).toContainText('Audit Pelanggan');
    await page.keyboard.press('Escape');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Ekspor CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await (await file.createReadStream())
      .toArray()
      .then((c) => Buffer.concat(c as Buffer[]).toString('utf8'));
    expect(text).toContain('customer.create');
    expect(text).not.toContain('auth.login,');

    // A long trail counts its entries up to 1,000: the list says "1.000+" and still pages forward.
    await api.sql((db) => {
      const ins = db.prepare(
        "INSERT INTO audit_log(at, user_id, username, action, entity, entity_id) VALUES (?, NULL, 'sistem', 'customer.update', 'customer', '1')",
      );
      db.transaction(() => {
        for (let i = 0; i < 1200; i++) ins.run(new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString());
      })();
    });
    await page.reload();
    const trail = new DataTablePart(page);
    await expect(page.getByText('1.000+ catatan')).toBeVisible();
    await expect(trail.summary).toHaveText('1–25 dari 1.000+');
    // (The pager offers the page after the last one known: step to it, as a user would.)
    await trail.goToPage(40);
    await expect(trail.summary).toHaveText('976–1.000 dari 1.001+');
    await trail.goToPage(41);
    await expect(trail.summary).toHaveText('1.001–1.025 dari 1.026+');
    let total = 0;
    api.sql((db) => {
      total = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    });
    const last = Math.ceil(total / 25);
    for (let p = 42; p <= last; p++) await trail.goToPage(p);
    const n = (x: number) => x.toLocaleString('id-ID');
    await expect(trail.summary).toHaveText(`${n((last - 1) * 25 + 1)}–${n(total)} dari ${n(total)}`);
    await expect(page.getByText(`${n(total)} catatan`)).toBeVisible();
  });

  test('an expired session shows the lock screen and keeps the half-filled form', async ({
    adminPage: page,
    host,
    api,
  }) => {
    const customers = new CustomersPage(page);
    await customers.goto(host.url);
    await customers.openNew();
    await customers.fill({ name: 'Pelanggan Setengah Jadi', phone: '081200001111' });
    // The session ends while the form is open (idle timeout passed on the server).
    api.sql((db) =>
      db.prepare(`UPDATE auth_sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE revoked_at IS NULL`).run(),
    );
    await customers.save();
    const shell = new AppShell(page);
    // (The lock screen's data-testid sits on Mantine's zero-size modal root: find the dialog by role.)
    const lock = page.getByRole('dialog').filter({ hasText: 'Sesi berakhir' });
    await expect(lock).toBeVisible();
    await lock.getByLabel(/^Kata sandi$/).fill(ADMIN.password);
    await lock.getByRole('button', { name: 'Masuk dan lanjutkan' }).click();
    await expect(lock).toBeHidden();
    // The call that met the lock is retried: nothing typed was lost.
    await shell.expectNotification(/Pelanggan Setengah Jadi ditambahkan/);
    // (The page's own renewed session: the fixture's API token was expired too.)
    const r = await page.request.post(`${host.url}/api/customers.list`, {
      data: { search: 'Setengah Jadi' },
      headers: { 'Content-Type': 'application/json' },
    });
    expect((await r.json()).value.items.map((c: { phone: string }) => c.phone)).toEqual(['081200001111']);
  });
});
