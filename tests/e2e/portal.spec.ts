import { expect, test, type Page } from '@playwright/test';
import { ADMIN, startHost, type Host } from './helpers/host';

/*
 * The customer portal end to end, at a phone and at a desktop viewport: a customer signs in, sees the
 * bill, the invoices (the PDF opens) and payments, opens a ticket; staff answer it on the Tiket screen;
 * the customer sees the answer.
 */
let host: Host;
let admin: string;
let customer: { code: string; password: string };

async function api<T>(channel: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.url}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.value;
}

test.beforeAll(async () => {
  host = await startHost({ portal: true });
  const r = await fetch(`${host.url}/api/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  admin = ((await r.json()) as { value: { token: string } }).value.token;
  const pkg = await api<{ id: number }>('packages.create', {
    name: 'Paket Rumah 20 Mbps',
    bandwidthUp: 10240,
    bandwidthDown: 20480,
    price: 200_000,
    billingCycle: 'monthly',
  });
  const c = await api<{ id: number; customerCode: string }>('customers.create', { name: 'Budi Santoso' });
  await api('subscriptions.create', {
    customerId: c.id,
    internetPackageId: pkg.id,
    startDate: '2026-01-01',
    billingDay: 1,
  });
  await api('billing.generateInvoices', {});
  await api('shifts.open', { openingCash: 0 });
  await api('payments.create', { customerId: c.id, amount: 50_000, method: 'cash' });
  const { password } = await api<{ password: string }>('customers.resetPortalPassword', { customerId: c.id });
  customer = { code: c.customerCode, password };
});
test.afterAll(async () => {
  await host?.stop();
});

async function customerSignsIn(page: Page) {
  await page.goto(host.portalUrl!);
  await page.getByTestId('portal-login').fill(customer.code);
  await page.getByTestId('portal-password').fill(customer.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('portal-bill')).toContainText('Rp 150.000');
  await expect(page.getByTestId('portal-status')).toHaveText(/Aktif/i);
}

for (const [name, viewport] of [
  ['phone', { width: 360, height: 740 }],
  ['desktop', { width: 1280, height: 800 }],
] as const) {
  test.describe(`portal at ${name} size`, () => {
    test.use({ viewport });

    test('customer sees bill, invoices (PDF), payments, opens a ticket; staff answer; customer sees it', async ({
      page,
      browser,
    }) => {
      await customerSignsIn(page);
      // No horizontal scrolling at phone width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);

      await page.getByRole('tab', { name: 'Tagihan' }).click();
      await expect(page.getByTestId('portal-invoice')).toHaveCount(1);
      await expect(page.getByTestId('portal-payment')).toHaveCount(1);
      await expect(page.getByTestId('portal-payment')).toContainText('Rp 50.000');
      const [popup] = await Promise.all([
        page.waitForEvent('popup'),
        page.getByTestId('portal-invoice').getByRole('button', { name: 'PDF' }).click(),
      ]);
      expect(popup.url()).toMatch(/^blob:/);
      // The browser opened it as a PDF document (its bytes are checked in tests/unit/portal/access.test.ts).
      await popup.waitForLoadState();
      expect(await popup.evaluate(() => document.contentType)).toBe('application/pdf');
      await popup.close();

      const text = `Internet mati (${name})`;
      await page.getByRole('tab', { name: 'Bantuan' }).click();
      await page.getByTestId('ticket-new').click();
      await page.getByTestId('ticket-category').click();
      await page.getByRole('option', { name: 'Gangguan' }).click();
      await page.getByTestId('ticket-text').fill(text);
      await page.getByRole('button', { name: 'Kirim tiket' }).click();
      await expect(page.getByTestId('ticket-status')).toHaveText(/Menunggu petugas/i);

      // Staff, on the desktop app in another browser context.
      const staffCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const staff = await staffCtx.newPage();
      const login = await staff.request.post(`${host.url}/api/auth.login`, {
        data: ADMIN,
        headers: { 'Content-Type': 'application/json' },
      });
      expect(login.ok()).toBeTruthy();
      await staff.goto(`${host.url}/#/tickets`);
      await staff.getByRole('row', { name: new RegExp(text.replace(/[()]/g, '\\$&')) }).click();
      await staff.getByTestId('ticket-reply').fill(`Teknisi datang jam 2 (${name})`);
      await staff.getByRole('button', { name: 'Kirim balasan' }).click();
      await expect(staff.getByTestId('ticket-detail').getByText('Sudah dijawab')).toBeVisible();
      await staffCtx.close();

      // The customer sees the answer.
      await page.getByRole('button', { name: '← Kembali' }).click();
      await page.getByTestId('ticket-item').filter({ hasText: text }).click();
      await expect(page.getByTestId('ticket-message').nth(1)).toContainText(`Teknisi datang jam 2 (${name})`);
      await expect(page.getByTestId('ticket-status')).toHaveText(/Sudah dijawab/i);
    });
  });
}
