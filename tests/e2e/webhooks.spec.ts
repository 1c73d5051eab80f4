import { startReceiver, type FakeReceiver } from '../fakes/webhooks/receiver';
import { expect, test } from './fixtures';
import { CashDeskPage } from './pages/CashDeskPage';

let rx: FakeReceiver;
test.beforeEach(async () => {
  rx = await startReceiver();
});
test.afterEach(async () => {
  await rx.close();
});

test.describe('Webhook', () => {
  test.setTimeout(120_000);

  test('add an endpoint (secret shown once), Kirim uji, and a cash-desk payment shows as delivered in the log', async ({
    adminPage: page,
    api,
    host,
  }) => {
    await api.ok('settings.update', { autoInvoiceRun: false });
    const pkg = await api.ok('packages.create', {
      name: 'Rumah 20M',
      bandwidthUp: 5120,
      bandwidthDown: 20480,
      price: 200_000,
      billingCycle: 'monthly',
    });
    const c = await api.ok('customers.create', { name: 'Rina Webhook', phone: '081355556666' });
    await api.ok('subscriptions.create', { customerId: c.id, internetPackageId: pkg.id, billingDay: 1 });
    await api.ok('billing.generateInvoices', {});

    await page.goto(`${host.url}/#/webhooks`);
    await expect(page.getByRole('heading', { name: 'Webhook' })).toBeVisible();
    await page.getByRole('button', { name: 'Tambah endpoint' }).click();
    const form = page.getByTestId('webhook-form');
    // A non-http address is refused on the URL field, in Indonesian; so is an empty event list.
    await form.getByLabel('URL').fill('ftp://127.0.0.1/hook');
    await form.getByRole('button', { name: 'Tambah endpoint' }).click();
    await expect(form.getByText('URL harus alamat http:// atau https://')).toBeVisible();
    await expect(form.getByText('Pilih minimal satu peristiwa')).toBeVisible();
    await form.getByLabel('URL').fill(rx.url);
    await form.getByLabel('Keterangan (opsional)').fill('Aplikasi akuntansi');
    await form.getByLabel('Pembayaran dicatat').check();
    await form.getByLabel('Tagihan lunas').check();
    await form.getByRole('button', { name: 'Tambah endpoint' }).click();

    const shown = page.getByTestId('webhook-secret');
    await expect(shown.getByText(/hanya ditampilkan sekali/)).toBeVisible();
    const secret = (await shown.getByTestId('webhook-secret-value').textContent())!.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    rx.secret = secret;
    await shown.getByRole('button', { name: 'Sudah saya simpan' }).click();
    await expect(shown).toBeHidden();

    const endpoint = (await api.ok('webhooks.list', {})).items[0]!;
    const row = page.getByTestId(`webhook-${endpoint.id}`);
    await expect(row).toContainText(rx.url);
    await expect(row).toContainText(`${secret.slice(0, 10)}…`);
    // Shown once: nowhere on the page after the dialog closed, nor in the list's answer.
    await expect(page.getByText(secret)).toHaveCount(0);
    expect(JSON.stringify(endpoint)).not.toContain(secret.slice(10));

    // Kirim uji: the receiver verifies the signature and answers 200; the screen says so.
    await row.getByRole('button', { name: 'Kirim uji' }).click();
    await expect(page.getByText('Uji terkirim: HTTP 200')).toBeVisible();
    expect(rx.received[0]).toMatchObject({ eventType: 'webhook.test', verified: { ok: true } });

    // A payment at the cash desk reaches the receiver, signed, and shows as delivered in the log.
    const desk = new CashDeskPage(page);
    await desk.goto(host.url);
    await desk.openShift('100000');
    await desk.findAndSelect('rina', 'Rina Webhook');
    await expect(desk.amount).toHaveValue('Rp 200.000');
    await page.keyboard.press('Enter');
    await expect(desk.done).toContainText(/Pembayaran PAY-\d{8}-\d{4} diterima/);
    const got = await rx.waitFor(3);
    const types = got.map((r) => r.eventType).sort();
    expect(types).toEqual(['invoice.paid', 'payment.created', 'webhook.test']);
    expect(got.every((r) => r.verified.ok)).toBe(true);
    const paid = got.find((r) => r.eventType === 'payment.created')!;
    expect(paid.json.data).toMatchObject({ customerId: c.id, amount: 200_000, method: 'cash' });

    await page.goto(`${host.url}/#/webhooks`);
    await page.getByTestId(`webhook-${endpoint.id}`).getByRole('button', { name: 'Log pengiriman' }).click();
    const log = page.getByTestId('webhook-log');
    const paymentRow = log.locator('tr', { hasText: paid.eventId! });
    await expect(paymentRow).toContainText('Pembayaran dicatat');
    await expect(paymentRow).toContainText('Terkirim');
    await expect(paymentRow).toContainText('HTTP 200');
    await page.screenshot({ path: test.info().outputPath('webhooks-log.png'), fullPage: true });

    // Kirim ulang sends the same event id again.
    await paymentRow.getByRole('button', { name: 'Kirim ulang' }).click();
    await expect(page.getByText('Dikirim ulang: HTTP 200')).toBeVisible();
    expect(rx.received.at(-1)!.eventId).toBe(paid.eventId);

    // Hapus: after a confirmation, the endpoint and its log are gone and the receiver hears nothing more.
    await page.keyboard.press('Escape');
    await expect(log).toBeHidden();
    await page.getByTestId(`webhook-${endpoint.id}`).getByRole('button', { name: 'Hapus' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await expect(confirm).toContainText(`Hapus endpoint ${rx.url}?`);
    await confirm.getByRole('button', { name: 'Hapus' }).click();
    await expect(page.getByText(/Endpoint dihapus beserta \d+ riwayat pengiriman/)).toBeVisible();
    await expect(page.getByTestId(`webhook-${endpoint.id}`)).toHaveCount(0);
    expect((await api.ok('webhooks.list', {})).items).toEqual([]);

    // Every change is in the audit trail: who, and from which address.
    const audit = await api.ok('audit.list', { entity: 'webhook_endpoint', page: 1, pageSize: 25 });
    expect(audit.items.map((a) => a.action).sort()).toEqual([
      'webhook.create',
      'webhook.delete',
      'webhook.resend',
      'webhook.test',
    ]);
    expect(audit.items.every((a) => a.username === 'admin' && a.source === '127.0.0.1')).toBe(true);
  });
});
