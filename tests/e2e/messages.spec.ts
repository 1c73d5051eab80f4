import { expect, signInPage, test } from './fixtures';
import { FonnteFake } from '../fakes/messaging/wa-gateways';

const CUSTOMERS = 50;

test.describe('Pesan (issue 16: reminders and notices from a durable outbox)', () => {
  test.setTimeout(180_000);

  test('the owner configures WhatsApp, previews a template, broadcasts to 50 customers, sees a failure and resends it', async ({
    page,
    host,
    api,
  }) => {
    const fonnte = await new FonnteFake().start();
    try {
      await api.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222', autoInvoiceRun: false });
      const ids: number[] = [];
      for (let i = 0; i < CUSTOMERS; i++) {
        const c = await api.ok('customers.create', {
          name: `Warga ${i + 1}`,
          phone: `0813-5000-${String(i).padStart(4, '0')}`,
        });
        ids.push(c.id);
      }
      // WhatsApp refuses one number: that message fails, with the reason.
      fonnte.invalidTargets.add('6281350000007');

      await signInPage(page, host, '#/messages');
      await expect(page.getByRole('heading', { name: 'Pesan ke pelanggan' })).toBeVisible();

      // 1. The channel: Fonnte at the local fake, no gap and no quiet hours (the test runs at any hour).
      await page.getByRole('tab', { name: 'Kanal' }).click();
      await page.getByLabel('Alamat server (kosongkan untuk bawaan penyedia)').fill(fonnte.url);
      await page.getByLabel('Token').fill(fonnte.token);
      await page.getByLabel('Jeda terpendek (detik)').fill('0');
      await page.getByLabel('Jeda terpanjang (detik)').fill('0');
      await page.getByLabel('Batas per hari (kosong = tanpa batas)').fill('');
      await page.getByLabel('Jam tenang mulai (JJ:MM, kosong = tanpa)').fill('');
      await page.getByLabel('Jam tenang selesai (JJ:MM)').fill('');
      await page.getByRole('button', { name: 'Simpan kanal' }).click();
      await expect(page.getByText('Kanal tersimpan')).toBeVisible();
      // The token is never sent back: the form only says one is stored.
      await expect(page.getByText('Tersimpan (kosongkan untuk tetap memakai yang lama)')).toBeVisible();
      expect(JSON.stringify(await api.ok('messages.channels', {}))).not.toContain(fonnte.token);

      // 2. A template previewed with a real customer; an unknown placeholder is refused on saving.
      await page.getByRole('tab', { name: 'Templat' }).click();
      await page.getByRole('combobox', { name: 'Jenis pesan' }).click();
      await page.getByRole('option', { name: 'Siaran' }).click();
      await page.getByLabel('Nomor pelanggan (ID)').fill(String(ids[2]));
      const text = page.getByLabel('Teks', { exact: true });
      // Opened with the text in use: the app's own broadcast text until the ISP writes one.
      await expect(page.getByText('Teks bawaan aplikasi')).toBeVisible();
      await expect(text).toHaveValue(/\{isi_pengumuman\}/);
      await text.fill('Halo {nama} ({kode_pelanggan})');
      await page.getByRole('button', { name: 'Pratinjau', exact: true }).click();
      const preview = page.getByTestId('template-preview');
      await expect(preview).toContainText('Halo Warga 3 (CUST0003)');
      await expect(preview).toContainText('Untuk: +6281350000002');
      await text.fill('Halo {nama}, salam {nama_ispp}');
      await page.getByRole('button', { name: 'Simpan teks' }).click();
      await expect(page.getByText('Placeholder nama_ispp tidak dikenal: maksudnya nama_isp?')).toBeVisible();
      expect((await api.ok('messages.kinds', {})).find((k) => k.kind === 'broadcast')!.texts.id).toEqual({});

      // The push notice's title: previewed with a sample announcement, saved, then back to the default.
      await page.getByRole('combobox', { name: 'Bagian' }).click();
      await page.getByRole('option', { name: 'Judul notifikasi push' }).click();
      await expect(text).toHaveValue('Pemberitahuan {nama_isp}');
      await text.fill('Kabar dari {nama_isp}');
      await page.getByLabel('Contoh isi pengumuman untuk pratinjau').fill('Gangguan di area Utara');
      await page.getByRole('button', { name: 'Pratinjau', exact: true }).click();
      await expect(preview).toContainText('Kabar dari Net Desa');
      await expect(preview).toContainText('Gangguan di area Utara');
      // No device of this customer is subscribed: push cannot reach them, and the preview says so.
      await expect(preview).toContainText('Pelanggan ini tidak bisa dihubungi lewat kanal ini');
      await page.getByRole('button', { name: 'Simpan teks' }).click();
      await expect(page.getByText('Teks tersimpan')).toBeVisible();
      await expect(page.getByText('Teks milik ISP')).toBeVisible();
      expect((await api.ok('messages.kinds', {})).find((k) => k.kind === 'broadcast')!.texts.id).toEqual({
        pushTitle: 'Kabar dari {nama_isp}',
      });
      await page.getByRole('button', { name: 'Pakai teks bawaan' }).click();
      await expect(page.getByText('Teks bawaan aplikasi')).toBeVisible();
      await expect(text).toHaveValue('Pemberitahuan {nama_isp}');
      expect((await api.ok('messages.kinds', {})).find((k) => k.kind === 'broadcast')!.texts.id).toEqual({});

      // SMS: the preview says how many SMS the text takes.
      await page.getByRole('combobox', { name: 'Bagian' }).click();
      await page.getByRole('option', { name: 'SMS', exact: true }).click();
      await page.getByRole('button', { name: 'Pratinjau', exact: true }).click();
      await expect(page.getByTestId('template-preview-sms')).toHaveText('1 SMS · GSM-7 · 32 karakter');

      // 3. The broadcast: 50 messages queued, progress while they drain, one failure.
      await page.getByRole('tab', { name: 'Antrian & riwayat' }).click();
      await page.getByRole('button', { name: 'Siaran baru' }).click();
      await page.getByLabel('Isi pesan').fill('Gangguan jaringan di RT 03 sedang diperbaiki.');
      await page.getByRole('button', { name: 'Masukkan ke antrian' }).click();
      const progress = page.getByTestId('broadcast-progress');
      await expect(progress).toContainText(`dari ${CUSTOMERS} selesai`);
      await expect(progress).toContainText(`${CUSTOMERS} dari ${CUSTOMERS} selesai`);
      await expect(progress).toContainText(`${CUSTOMERS - 1} terkirim · 1 gagal`);
      expect(fonnte.messages).toHaveLength(CUSTOMERS - 1);

      // 4. The failure with its reason; the number is fixed at the provider; resend.
      await page.getByRole('combobox', { name: 'Status' }).click();
      await page.getByRole('option', { name: 'Gagal' }).click();
      const failed = page.getByRole('row', { name: /Warga 8/ });
      await expect(failed).toContainText('Nomor tidak terdaftar di WhatsApp / alamat ditolak');
      fonnte.invalidTargets.clear();
      await failed.getByRole('button', { name: 'Kirim ulang' }).click();
      await expect(page.getByText('Pesan masuk antrian lagi')).toBeVisible();
      await expect(progress).toContainText(`${CUSTOMERS} terkirim · 0 gagal`);
      await expect(page.getByTestId('message-counts')).toContainText(`${CUSTOMERS} terkirim`);
      // Every customer got the broadcast exactly once.
      const to = fonnte.messages.map((m) => m.to);
      expect(to).toHaveLength(CUSTOMERS);
      expect(new Set(to).size).toBe(CUSTOMERS);
      // The dashboard counts the outbox too.
      await page.goto(`${host.url}/#/dashboard`);
      await expect(page.getByTestId('dashboard-messages')).toContainText(`0 antri · ${CUSTOMERS} terkirim · 0 gagal`);
    } finally {
      await fonnte.stop();
    }
  });
});
