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

  test('click-to-chat on the customer and the invoice opens WhatsApp with the text filled in; the customer opts out of a kind', async ({
    page,
    host,
    api,
  }) => {
    await api.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222', autoInvoiceRun: false });
    const c = await api.ok('customers.create', { name: 'Sari Wulandari', phone: '0813-7777-1234' });
    const pkg = await api.ok('packages.create', {
      name: 'Paket Rumah 20 Mbps',
      bandwidthUp: 10240,
      bandwidthDown: 20480,
      price: 175_000,
      billingCycle: 'monthly',
    });
    // This month's bill (the ISP's zone), from a subscription that started two months ago.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit' })
      .format(new Date())
      .slice(0, 7);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const start = `${m > 2 ? y : y - 1}-${String(((m + 9) % 12) + 1).padStart(2, '0')}-01`;
    await api.ok('subscriptions.create', {
      customerId: c.id,
      internetPackageId: pkg.id,
      startDate: start,
      billingDay: 1,
    });
    await api.ok('billing.generateInvoices', { period: month });
    const inv = (await api.ok('invoices.list', { customerId: c.id, page: 1, pageSize: 5 })).items[0]!;
    // The desk PC's WhatsApp: the link is caught here, never fetched from the internet.
    const opened: string[] = [];
    await page.context().route('https://wa.me/**', (route) => {
      opened.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/plain', body: 'WhatsApp' });
    });

    await signInPage(page, host, `#/customers/${c.id}`);
    const box = page.getByTestId('customer-messaging');
    await expect(box).toContainText('+6281377771234');
    const popup = page.waitForEvent('popup');
    await box.getByRole('button', { name: 'Chat WhatsApp' }).click();
    await (await popup).waitForLoadState();
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]!);
    expect(url.pathname).toBe('/6281377771234');
    expect(url.searchParams.get('text')).toContain('Sari Wulandari');
    expect(url.searchParams.get('text')).toContain(inv.invoiceNumber);

    // Opt out of the early reminder and prefer e-mail: saved and audited.
    await box.getByRole('checkbox', { name: 'Pengingat awal (H-3)' }).check();
    await box.getByRole('combobox', { name: 'Kanal pilihan' }).click();
    await page.getByRole('option', { name: 'E-mail' }).click();
    await box.getByRole('button', { name: 'Simpan preferensi' }).click();
    await expect(page.getByText('Preferensi pesan tersimpan')).toBeVisible();
    expect(await api.ok('messages.prefs', { customerId: c.id })).toMatchObject({
      channel: 'email',
      optOut: ['reminder_early'],
    });

    // The invoice drawer offers the same, for this invoice.
    await page.goto(`${host.url}/#/invoices`);
    await page.getByRole('row', { name: new RegExp(inv.invoiceNumber) }).click();
    const drawer = page.getByTestId('invoice-drawer');
    const popup2 = page.waitForEvent('popup');
    await drawer.getByRole('button', { name: 'Chat WhatsApp' }).click();
    await (await popup2).waitForLoadState();
    expect(opened).toHaveLength(2);
    expect(new URL(opened[1]!).searchParams.get('text')).toContain(inv.invoiceNumber);
    // Both offers are recorded, the second one for this invoice.
    api.sql((db) => {
      const rows = db.prepare('SELECT customer_id AS c, invoice_id AS i FROM message_link_offers ORDER BY id').all();
      expect(rows).toEqual([
        { c: c.id, i: inv.id },
        { c: c.id, i: inv.id },
      ]);
    });
  });
});
