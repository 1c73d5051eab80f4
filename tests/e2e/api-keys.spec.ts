import { expect, test } from './fixtures';

test.describe('Kunci API (API keys)', () => {
  test('create a key: the secret is shown once and works; revoke it: the API refuses it', async ({
    adminPage: page,
    api,
    host,
  }) => {
    await page.goto(`${host.url}/#/api-keys`);
    await expect(page.getByRole('heading', { name: 'Kunci API' })).toBeVisible();
    await page.getByRole('button', { name: 'Buat kunci' }).click();
    const form = page.getByTestId('api-key-form');
    // Empty submit: the fields say what is missing, in Indonesian.
    await form.getByRole('button', { name: 'Buat kunci' }).click();
    await expect(form.getByText('Nama wajib diisi')).toBeVisible();
    await expect(form.getByText('Pilih minimal satu cakupan')).toBeVisible();
    await form.getByLabel('Nama').fill('Aplikasi akuntansi');
    await form.getByLabel('Baca pelanggan').check();
    await form.getByLabel('Alamat yang diizinkan').fill('127.0.0.1\n10.0.0.0/24');
    await form.getByRole('button', { name: 'Buat kunci' }).click();

    const shown = page.getByTestId('api-key-secret');
    await expect(shown.getByText(/hanya ditampilkan sekali/)).toBeVisible();
    const secret = (await shown.getByTestId('api-key-secret-value').textContent())!.trim();
    expect(secret).toMatch(/^pdk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const list = await fetch(`${host.url}/api/v1/customers`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(list.status).toBe(200);
    await shown.getByRole('button', { name: 'Sudah saya simpan' }).click();
    await expect(shown).toBeHidden();

    // Shown once: the list never holds the secret, only its prefix; last use is filled in.
    const key = (await api.ok('apiKeys.list', {})).items.find((k) => k.name === 'Aplikasi akuntansi')!;
    await page.reload();
    const row = page.getByTestId(`api-key-${key.id}`);
    await expect(row).toContainText(`pdk_${key.prefix}_…`);
    await expect(row).toContainText('127.0.0.1, 10.0.0.0/24');
    await expect(row).toContainText('Aktif');
    await expect(row).not.toContainText('Belum pernah');
    await page.screenshot({ path: test.info().outputPath('api-keys.png'), fullPage: true });
    await expect(page.getByText(secret)).toHaveCount(0);

    await row.getByRole('button', { name: 'Cabut' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.getByLabel('Alasan (opsional)').fill('Mitra berhenti');
    await confirm.getByRole('button', { name: 'Cabut' }).click();
    await expect(row).toContainText('Dicabut');
    await expect(row.getByRole('button', { name: 'Cabut' })).toHaveCount(0);
    const after = await fetch(`${host.url}/api/v1/customers`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(after.status).toBe(401);
  });
});
