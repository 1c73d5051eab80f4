import { ADMIN, expect, signInPage, test } from './fixtures';
import { CustomersPage } from './pages/CustomersPage';

/** The app locks itself after the idle timeout (Settings), without waiting for a refused call. */
test('after the idle timeout the lock screen covers the app and the half-typed form survives', async ({
  page,
  host,
  api,
}) => {
  await api.ok('settings.update', { sessionTimeoutMinutes: 5 });
  // Playwright's fake clock drives the page's timers: no real waiting.
  await page.clock.install();
  await signInPage(page, host);
  const customers = new CustomersPage(page);
  await customers.openNew();
  await customers.fill({ name: 'Pelanggan Diam', phone: '081277770000' });
  const lock = page.getByRole('dialog').filter({ hasText: 'Sesi berakhir' });

  await page.clock.fastForward('04:00');
  await expect(lock).toBeHidden();
  await page.clock.fastForward('01:30');
  await expect(lock).toBeVisible();

  await lock.getByLabel(/^Kata sandi$/).fill(ADMIN.password);
  await lock.getByRole('button', { name: 'Masuk dan lanjutkan' }).click();
  await expect(lock).toBeHidden();
  await expect(page.getByLabel(/^Nama/).first()).toHaveValue('Pelanggan Diam');
});
