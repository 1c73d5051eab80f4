import { TripayFake } from '../fakes/gateways';
import { fakeGatewaySettings } from '../fakes/gateways/app-settings';
import { expect, test, signInAsCashier } from './fixtures';
import { accountStatus as statusOf, makeOverdue, subscriber } from './helpers/subscribers';
import { CashDeskPage } from './pages/CashDeskPage';

test.describe('Pembayaran online (payment gateway)', () => {
  test.setTimeout(120_000);
  // The poller checks a new payment after 1 s instead of 1 min: the customer's payment is seen without a click.
  test.use({ hostEnv: { PPPOE_DESK_GATEWAY_POLL_MS: '1000' } });

  test('a cashier creates a QRIS payment; once the simulator marks it paid the invoice turns paid and the isolated account is restored without a click', async ({
    page,
    host,
    api,
  }) => {
    const fake = await new TripayFake().start();
    try {
      await api.ok('settings.update', { autoInvoiceRun: false });
      await api.ok('gateways.save', fakeGatewaySettings('tripay', fake, ['QRIS', 'BRIVA']));
      // An account the billing automation isolates for the overdue bill (no router: rows only).
      const { customer: c } = await subscriber(api, {
        pkg: { name: 'Rumah 20M', bandwidthUp: 10240, bandwidthDown: 20480, price: 175_000 },
        customer: { name: 'Dewi Lestari', phone: '081355556666' },
        startDate: '2026-10-01',
        billingDay: 1,
        username: 'dewi-qris',
      });
      expect((await api.ok('billing.generateInvoices', { period: '2026-10' })).created).toBe(1);
      // Overdue well past the grace period, so the automation isolates the account.
      makeOverdue(api, c.id);
      await api.ok('billing.runAutomation', {}); // the scheduler's own tick may have isolated it already
      const accountStatus = () => statusOf(api, 'dewi-qris');
      expect(accountStatus()).toBe('suspended');
      await signInAsCashier(page, host, api, 'kasir2', 'Kasir Dua');
      const desk = new CashDeskPage(page);
      await desk.goto(host.url);
      await desk.openShift('100000');
      await desk.findAndSelect('dewi', 'Dewi Lestari');
      await page.getByTestId('pay-online').click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('pay-online-method')).toHaveValue('QRIS');
      await dialog.getByTestId('pay-online-create').click();
      await expect(dialog.getByTestId('gateway-qr')).toBeVisible();
      await expect(dialog.getByTestId('gateway-state')).toHaveAttribute('data-state', 'pending');

      const [tx] = await api.ok('gatewayPayments.forCustomer', { customerId: c.id });
      expect(fake.transactions()).toHaveLength(1);
      fake.markPaid(tx!.merchantRef);

      // No click: the poller sees the payment, credits it, and the open dialog follows.
      await expect(dialog.getByTestId('gateway-state')).toHaveAttribute('data-state', 'credited', { timeout: 30_000 });
      const invoices = await api.ok('invoices.list', { customerId: c.id });
      expect(invoices.items.map((i) => i.status)).toEqual(['paid']);
      expect(accountStatus()).toBe('active');
      const payments = await api.ok('payments.list', { customerId: c.id });
      expect(payments.items.map((p) => p.method)).toEqual(['gateway/tripay']);
    } finally {
      await fake.stop();
    }
  });
});
