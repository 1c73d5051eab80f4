import { expect, signInPage, test } from './fixtures';
import { BackupsPage } from './pages/OperationsPages';

test('recovery key: shown once with a plain warning, confirmed by typing it back, then never shown again', async ({
  page,
  host,
  api,
}) => {
  await signInPage(page, host, '#/backups');
  const backups = new BackupsPage(page);
  await backups.goto(host.url);
  const pending = page.getByTestId('recovery-key-pending');
  await expect(pending).toContainText('Tanpa kunci pemulihan, data itu hilang untuk selamanya');

  await page.getByRole('button', { name: 'Tampilkan kunci pemulihan' }).click();
  const shown = (await page.getByTestId('recovery-key-value').innerText()).trim();
  const key = shown.split(/\s+/).join('-');
  expect(key).toMatch(/^(\d{6}-){7}\d{6}$/);

  // Confirming needs the tick box; a mistyped group is named under the field and nothing changes.
  const confirm = page.getByRole('button', { name: 'Saya sudah menyimpannya' });
  const field = page.getByLabel('Ketik ulang kunci pemulihan untuk konfirmasi');
  const typo = key.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
  await field.fill(typo);
  await expect(confirm).toBeDisabled();
  await page.getByLabel(/Saya mengerti/).check();
  await confirm.click();
  await expect(page.getByText('Kelompok ke-1 dari kunci pemulihan salah ketik.')).toBeVisible();
  expect((await api.ok('backups.encryption', {})).recoveryKeyConfirmed).toBe(false);

  await field.fill(key);
  await confirm.click();
  await expect(page.getByTestId('recovery-key-stored')).toContainText('Kunci pemulihan sudah disimpan pemilik');
  await expect(pending).toHaveCount(0);
  expect((await api.ok('backups.encryption', {})).recoveryKeyConfirmed).toBe(true);
  const again = await api.call('backups.revealRecoveryKey', {});
  expect(again.ok).toBe(false);
});
