/**
 * A reseller tops up their balance online on a phone (390×844, issue 18), against the local Tripay
 * simulator: "Isi saldo", an amount below the minimum is refused under the field, QRIS is chosen, the
 * QR shows; once the simulator marks it paid the background poller credits it and the balance shows the
 * new amount without a click. The office sees the top-up in the reseller's ledger and in the gateway list,
 * and the signed-in desk shows a desktop notification that the reseller's money came in.
 */
import { TripayFake } from '../fakes/gateways';
import { fakeGatewaySettings } from '../fakes/gateways/app-settings';
import { ADMIN, expect, test } from './fixtures';
import { notificationsListening, recordNotifications, shownNotifications } from './helpers/notifications';
import { LoginPage } from './pages/LoginPage';

const PASSWORD = 'Pulsa-Agen-Online-7';

test.describe('Reseller top-up online', () => {
  test.setTimeout(120_000);
  test.use({ viewport: { width: 390, height: 844 }, hostEnv: { PPPOE_DESK_GATEWAY_POLL_MS: '1000' } });

  test('a reseller tops up by QRIS; the simulator reports it paid and the balance shows the new amount', async ({
    page,
    host,
    api,
    browser,
  }) => {
    const fake = await new TripayFake().start();
    try {
      await api.ok('gateways.save', fakeGatewaySettings('tripay', fake, ['QRIS', 'BRIVA', 'OVO']));
      const r = await api.ok('resellers.create', { name: 'Mitra Online Jaya', phone: '0812 1111 3333' });
      await api.ok('resellers.setLogin', { id: r.id, username: 'mitra-topup', password: PASSWORD });

      // The office's desk, signed in beside the reseller's phone, listening for staff notifications.
      const deskContext = await browser.newContext();
      const desk = await deskContext.newPage();
      await recordNotifications(desk);
      expect((await desk.request.post(`${host.url}/api/auth.login`, { data: ADMIN })).ok()).toBeTruthy();
      await desk.goto(`${host.url}/#/dashboard`);
      await notificationsListening(desk);

      const login = new LoginPage(page);
      await login.goto(host.url);
      await login.signIn('mitra-topup', PASSWORD);
      await expect(page.getByTestId('self-balance')).toHaveText('Rp 0');

      await page.getByText('Isi saldo', { exact: true }).click();
      const view = page.getByTestId('topup-view');
      // Methods grouped by kind, as for customers.
      await expect(view.getByText('Virtual Account', { exact: true })).toBeVisible();
      await expect(view.getByText('Dompet digital', { exact: true })).toBeVisible();

      // Below the minimum: refused under the field, nothing created. (Leaving the field shows or clears its
      // message, which moves what is below it: leave it before clicking further down.)
      await view.getByRole('radio', { name: 'QRIS' }).check();
      await view.getByLabel('Jumlah').fill('5rb');
      await view.getByLabel('Jumlah').blur();
      await view.getByTestId('topup-create').click();
      await expect(view.getByText('Minimal Rp 10.000')).toBeVisible();
      expect(fake.transactions()).toHaveLength(0);

      await view.getByLabel('Jumlah').fill('250rb');
      await view.getByLabel('Jumlah').blur();
      await expect(view.getByText('Minimal Rp 10.000')).toHaveCount(0);
      await view.getByTestId('topup-create').click();
      await expect(view.getByTestId('topup-qr')).toBeVisible();
      await expect(view.getByTestId('topup-state')).toHaveAttribute('data-state', 'pending');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(fake.transactions()).toHaveLength(1);
      expect(fake.transactions()[0]).toMatchObject({ amount: 250_000, customer_name: 'Mitra Online Jaya' });

      // Paid in the reseller's bank app: no click here, the poller and the page's own polling follow.
      fake.markPaid(String(fake.transactions()[0]!.merchant_ref));
      await expect(view.getByTestId('topup-state')).toHaveAttribute('data-state', 'credited', { timeout: 30_000 });
      await expect(page.getByTestId('self-balance')).toHaveText('Rp 250.000');
      await expect(view.getByTestId('topup-item').first()).toContainText('Masuk ke saldo');
      await expect
        .poll(() => shownNotifications(desk))
        .toEqual([{ title: 'Saldo mitra masuk', body: 'Mitra Online Jaya isi saldo Rp 250.000 lewat tripay' }]);
      await deskContext.close();

      // The office: the balance, the ledger's online top-up, and the gateway transactions list.
      expect((await api.ok('resellers.get', { id: r.id })).balance).toBe(250_000);
      const ledger = await api.ok('resellers.ledger', { resellerId: r.id });
      expect(ledger.items).toHaveLength(1);
      expect(ledger.items[0]).toMatchObject({ kind: 'topup', method: 'gateway', amount: 250_000 });
      const list = await api.ok('gatewayPayments.list', { search: 'Mitra Online' });
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ resellerId: r.id, state: 'credited', amount: 250_000 });
    } finally {
      await fake.stop();
    }
  });
});
