import { ADMIN, expect, signInPage, test } from './fixtures';

/**
 * Issue 17: every session shows where it comes from, and an Admin ends one at once. A cashier is signed in
 * on a phone (second browser context); the Admin ends that session from Pengguna → Sesi aktif: the phone's
 * screen locks by itself with the reason (its event stream is refused), its next request gets 401, and
 * after signing in again the cashier sees their own sessions.
 */
const CASHIER = { username: 'kasir-hp', password: 'Loket-Depan-77' };
const ANDROID =
  'Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

test('an Admin ends the session of another browser; it returns to sign-in saying why', async ({
  browser,
  host,
  api,
  page,
}) => {
  await api.ok('users.create', { fullName: 'Kasir Ponsel', role: 'staff', mustChangePassword: false, ...CASHIER });
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: ANDROID });
  try {
    const phone = await phoneContext.newPage();
    const signIn = await phone.request.post(`${host.url}/api/auth.login`, {
      data: CASHIER,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(signIn.ok()).toBeTruthy();
    await phone.goto(`${host.url}/#/customers`);
    await expect(phone.getByRole('heading', { name: 'Pelanggan' }).first()).toBeVisible();

    await signInPage(page, host, '#/users');
    const panel = page.getByTestId('active-sessions');
    const row = panel.getByTestId('session-row').filter({ hasText: CASHIER.username });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Chrome · Android');
    await expect(row).toContainText('127.0.0.1');
    // The admin's own browser session is marked, not endable.
    await expect(
      panel.getByTestId('session-row').filter({ hasText: ADMIN.username }).getByText('Sesi ini'),
    ).toBeVisible();

    await row.getByRole('button', { name: 'Akhiri sesi' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: 'Akhiri sesi ini?' });
    await expect(confirm).toContainText('Chrome · Android');
    await confirm.getByRole('button', { name: 'Akhiri sesi' }).click();
    await expect(page.getByText(`Sesi ${CASHIER.username} diakhiri`)).toBeVisible();
    await expect(row).toHaveCount(0);

    // The phone locks without anyone touching it, and says why.
    const lock = phone.getByRole('dialog').filter({ hasText: 'Sesi berakhir' });
    await expect(lock).toBeVisible();
    await expect(lock.getByTestId('lock-reason')).toHaveText('Sesi ini diakhiri oleh Admin: silakan masuk lagi');
    const refused = await phone.request.post(`${host.url}/api/customers.list`, {
      data: {},
      headers: { 'Content-Type': 'application/json' },
    });
    expect(refused.status()).toBe(401);

    // Signing in again works; the cashier's own list shows this one session.
    await lock.getByLabel(/^Kata sandi$/).fill(CASHIER.password);
    await lock.getByRole('button', { name: 'Masuk dan lanjutkan' }).click();
    await expect(lock).toBeHidden();
    await phone.getByTestId('user-menu').click();
    await phone.getByRole('menuitem', { name: 'Sesi saya' }).click();
    const mine = phone.getByTestId('my-sessions').getByTestId('session-row');
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText('Sesi ini');

    const audit = await api.ok('audit.list', { action: 'user.end_session' });
    expect(audit.items.map((i) => i.username)).toEqual([ADMIN.username]);
  } finally {
    await phoneContext.close();
  }
});
