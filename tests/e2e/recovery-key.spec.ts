import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN, expect, signInPage, test } from './fixtures';
import { startHost } from './helpers/host';
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

test("a backup of another (dead) computer restores with that computer's recovery key", async ({ page, host }) => {
  // The old computer: its own installation and key; a backup copied to a "USB stick"; then it is gone.
  const old = await startHost();
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-e2e-usb-'));
  try {
    const post = async (channel: string, input: unknown, token?: string) => {
      const r = await fetch(`${old.url}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input),
      });
      const body = (await r.json()) as { ok: boolean; value: Record<string, string> };
      expect(body.ok, `${channel}: ${JSON.stringify(body)}`).toBe(true);
      return body.value;
    };
    const { token } = await post('auth.login', ADMIN);
    await post('customers.create', { name: 'Pelanggan Komputer Lama' }, token);
    const { recoveryKey } = await post('backups.revealRecoveryKey', {}, token);
    // The start's catch-up daily backup runs first: wait for it (a second backup is refused meanwhile).
    const running = async () => {
      const r = await fetch(`${old.url}/api/backups.list`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      });
      return ((await r.json()) as { value: { status: { running: string | null } } }).value.status.running;
    };
    await expect.poll(running).toBeNull();
    const backup = await post('backups.create', {}, token);
    const file = path.join(usb, backup.fileName!);
    fs.copyFileSync(backup.file!, file);
    await old.stop();

    await signInPage(page, host, '#/backups');
    await new BackupsPage(page).goto(host.url);
    await page.getByRole('button', { name: 'Pulihkan dari file…' }).click();
    await page.getByLabel('File cadangan').fill(file);
    await page.getByRole('button', { name: 'Periksa file' }).click();
    const dialog = page.getByTestId('restore-dialog');
    await expect(dialog.getByText('Cadangan ini dibuat oleh komputer lain')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Pulihkan sekarang' })).toBeDisabled();
    await dialog.getByLabel('Kunci pemulihan').fill(recoveryKey!);
    await dialog.getByRole('button', { name: 'Periksa dengan kunci ini' }).click();
    await expect(dialog.getByText('Cadangan utuh')).toBeVisible();
    await dialog.getByRole('button', { name: 'Pulihkan sekarang' }).click();
    const summary = page.getByTestId('restore-summary');
    await expect(summary).toContainText('Pemulihan selesai');
    await expect(summary.getByTestId('restore-counts')).toContainText('1');
    // The restored data has its own accounts: this session is not among them.
    await expect(summary).toContainText('silakan masuk lagi');
  } finally {
    await old.stop();
    fs.rmSync(usb, { recursive: true, force: true });
  }
});
