import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';

test('sign in (wrong password first), change the password, sign out, sign in with the new one', async ({
  page,
  host,
}) => {
  const login = new LoginPage(page);
  await login.goto(host.url);
  await login.signIn(ADMIN.username, 'bukan-sandinya');
  await expect(login.error).toHaveText('Nama pengguna atau kata sandi salah');
  await login.signIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await expect(page.getByTestId('user-menu')).toBeVisible();

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Ganti kata sandi' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ganti kata sandi' });
  await dialog.getByLabel('Kata sandi saat ini').fill('salah-juga-123');
  await dialog.getByLabel('Kata sandi baru').fill('Pelangi-Senja-42');
  await dialog.getByLabel('Ulangi kata sandi').fill('Pelangi-Senja-42');
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  // The server's per-field answer lands under the field.
  await expect(dialog.getByText('Kata sandi saat ini salah')).toBeVisible();
  await dialog.getByLabel('Kata sandi saat ini').fill(ADMIN.password);
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await shell.expectNotification('Kata sandi telah diganti');
  await expect(dialog).toBeHidden();

  await shell.signOut();
  await login.signIn(ADMIN.username, ADMIN.password);
  await expect(login.error).toBeVisible();
  await login.signIn(ADMIN.username, 'Pelangi-Senja-42');
  await expect(page.getByTestId('user-menu')).toBeVisible();
});
