import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, signInPage, test } from './fixtures';
import { ADMIN } from './helpers/host';
import { LoginPage } from './pages/LoginPage';
import { BackupsPage } from './pages/OperationsPages';
import { DataTablePart } from './pages/DataTablePart';

/** A sign-in from another computer on the LAN, played by 127.0.0.2 (loopback, nothing leaves this PC). */
function signInFrom(url: string, localAddress: string, password: string, username = ADMIN.username): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${url}/api/auth.login`);
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        localAddress,
        headers: { 'Content-Type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ username, password }));
  });
}

test('audit trail: where each entry came from, shown, filtered and in Indonesian', async ({ page, host }) => {
  expect(await signInFrom(host.url, '127.0.0.2', 'bukan-kata-sandinya')).toBe(401);
  expect(await signInFrom(host.url, '127.0.0.2', ADMIN.password)).toBe(200);
  await signInPage(page, host, '#/audit');
  const table = new DataTablePart(page);
  await expect(table.root.getByRole('columnheader', { name: 'Sumber' })).toBeVisible();
  await expect(table.row(/Gagal masuk/).first()).toContainText('127.0.0.2');
  // The first Admin came from --init-admin: the app itself, shown as "sistem".
  await expect(table.row(/Tambah pengguna/).first()).toContainText('sistem');

  await page.getByRole('combobox', { name: 'Sumber' }).click();
  await page.getByRole('option', { name: '127.0.0.2' }).click();
  await expect(table.rows).toHaveCount(2);
  for (const text of await table.rows.allInnerTexts()) expect(text).toContain('127.0.0.2');
  await table.rows.first().click();
  await expect(page.getByTestId('audit-detail')).toContainText('127.0.0.2');
});

test('back up to folder: only folders allowed in Settings, in Indonesian', async ({ page, host, api }) => {
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-e2e-usb-'));
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-e2e-other-'));
  try {
    await signInPage(page, host, '#/backups');
    const backups = new BackupsPage(page);
    await backups.goto(host.url);
    await page.getByRole('button', { name: /Cadangkan ke folder/ }).click();
    await expect(page.getByTestId('no-allowed-folders')).toContainText('Belum ada folder yang diizinkan');
    await page.getByRole('button', { name: 'Batal' }).click();

    // The Admin allows a folder in Settings → Cadangan; a system folder is refused on its field.
    await page.goto(`${host.url}/#/settings`);
    await page.getByRole('tab', { name: 'Cadangan' }).click();
    const allowed = page.getByRole('combobox', { name: /Folder yang boleh dipakai/ });
    await allowed.fill('/etc');
    await allowed.press('Enter');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect(page.getByText('/etc: Folder sistem')).toBeVisible();
    await page.locator('.mantine-TagsInput-pill').filter({ hasText: '/etc' }).locator('button').click();
    await allowed.fill(usb);
    await allowed.press('Enter');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect(page.getByText('Pengaturan tersimpan')).toBeVisible();
    expect((await api.ok('settings.get', {})).backupAllowedFolders).toEqual([usb]);

    await backups.goto(host.url);
    await page.getByRole('button', { name: /Cadangkan ke folder/ }).click();
    const folder = page.getByRole('combobox', { name: 'Folder' });
    await folder.fill(other);
    await folder.press('Escape');
    await page.getByRole('button', { name: 'Cadangkan ke sini' }).click();
    await expect(page.getByText(/bukan folder cadangan yang diizinkan/)).toBeVisible();
    expect(fs.readdirSync(other)).toEqual([]);

    await folder.fill('');
    await page.getByRole('option', { name: usb }).click();
    await page.getByRole('button', { name: 'Cadangkan ke sini' }).click();
    await expect(page.getByText(/Cadangan dibuat/)).toBeVisible();
    expect(fs.readdirSync(usb).some((f) => f.endsWith('-manual.sqlite'))).toBe(true);
  } finally {
    for (const d of [usb, other]) fs.rmSync(d, { recursive: true, force: true });
  }
});

test('sign-in: five wrong passwords lock this computer only, said in Indonesian', async ({ page, host, api }) => {
  await api.ok('users.create', {
    username: 'kasir.kunci',
    fullName: 'Kasir Kunci',
    role: 'staff',
    password: 'Teh-Manis-Hangat-8',
    mustChangePassword: false,
  });
  // The cashier's own PC on the LAN (127.0.0.2) has signed in before.
  expect(await signInFrom(host.url, '127.0.0.2', 'Teh-Manis-Hangat-8', 'kasir.kunci')).toBe(200);
  const login = new LoginPage(page);
  await login.goto(host.url);
  for (let i = 0; i < 4; i++) {
    await login.signIn('kasir.kunci', `salah-${i}`);
    await expect(login.error).toHaveText('Nama pengguna atau kata sandi salah');
  }
  await login.signIn('kasir.kunci', 'salah-lagi');
  await expect(login.error).toContainText(
    'Terlalu banyak percobaan masuk yang gagal dari perangkat ini: akun ini dikunci di perangkat ini sampai',
  );
  // Someone guessing here does not lock the cashier out of their own PC.
  expect(await signInFrom(host.url, '127.0.0.2', 'Teh-Manis-Hangat-8', 'kasir.kunci')).toBe(200);
});
