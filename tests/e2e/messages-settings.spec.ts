import { expect, signInPage, test } from './fixtures';
import { SmtpFake } from '../fakes/messaging/smtp-fake';

test.describe('Pesan settings (issue 16: channels, kinds, click-to-chat)', () => {
  test.setTimeout(120_000);

  test('the owner sets up e-mail against a local SMTP server, sends a test, and a bad port is refused naming the field', async ({
    page,
    host,
    api,
  }) => {
    const smtp = await new SmtpFake({ security: 'none', user: 'billing@netdesa.id', password: 'smtp-rahasia' }).start();
    try {
      await api.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222', autoInvoiceRun: false });
      await signInPage(page, host, '#/messages');
      await page.getByRole('tab', { name: 'Kanal' }).click();
      await page.getByText('E-mail', { exact: true }).click();

      await page.getByLabel('Server SMTP').fill('127.0.0.1');
      await page.getByLabel('Port', { exact: true }).fill('70000');
      await page.getByRole('combobox', { name: 'Keamanan' }).click();
      await page.getByRole('option', { name: 'Tanpa (relay di LAN)' }).click();
      await page.getByLabel('Nama pengguna').fill('billing@netdesa.id');
      await page.getByLabel('Kata sandi').fill('smtp-rahasia');
      await page.getByLabel('Alamat pengirim').fill('billing@netdesa.id');

      // A bad port: the Indonesian message stands under the Port field, and nothing is saved.
      await page.getByRole('button', { name: 'Simpan kanal' }).click();
      await expect(page.getByText('Port: 1 sampai 65535')).toBeVisible();
      expect((await api.ok('messages.channels', {})).find((c) => c.channel === 'email')).toBeUndefined();

      // The test goes out with the settings as typed, and shows the server's own answer.
      await page.getByLabel('Port', { exact: true }).fill(String(smtp.port));
      await page.getByLabel('Kirim uji ke alamat e-mail').fill('pemilik@netdesa.id');
      await page.getByRole('button', { name: 'Kirim uji' }).click();
      const answer = page.getByTestId('test-answer');
      await expect(answer).toContainText('Pesan uji diterima penyedia');
      await expect(answer).toContainText('Ok: queued as FAKE1');
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]!.envelope.to).toEqual(['pemilik@netdesa.id']);
      expect((await api.ok('messages.channels', {})).find((c) => c.channel === 'email')).toBeUndefined();

      await page.getByRole('button', { name: 'Simpan kanal' }).click();
      await expect(page.getByText('Kanal tersimpan')).toBeVisible();
      const saved = (await api.ok('messages.channels', {})).find((c) => c.channel === 'email');
      expect(saved).toMatchObject({
        provider: 'smtp',
        fields: { host: '127.0.0.1', port: smtp.port, security: 'none' },
      });
      expect(JSON.stringify(saved)).not.toContain('smtp-rahasia');
      await expect(page.getByText('Tersimpan (kosongkan untuk tetap memakai yang lama)')).toBeVisible();

      // A kind's day: the early reminder moves from H-3 to H-5.
      await page.getByRole('tab', { name: 'Jenis & jadwal' }).click();
      const early = page.getByTestId('kind-reminder_early');
      await early.getByRole('textbox').fill('5');
      await early.getByRole('button', { name: 'Simpan' }).click();
      await expect(page.getByText('Pengingat awal (H-3) tersimpan')).toBeVisible();
      const kinds = await api.ok('messages.kinds', {});
      expect(kinds.find((k) => k.kind === 'reminder_early')).toMatchObject({ days: 5, enabled: true });
    } finally {
      await smtp.stop();
    }
  });
});
