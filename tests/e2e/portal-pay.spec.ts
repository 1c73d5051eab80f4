import { expect, test } from '@playwright/test';
import { TripayFake } from '../fakes/gateways';
import { billedCustomer, enableTripay, portalRig, signInPortal, type PortalRig } from './helpers/portal';

/*
 * Paying online from the portal on a phone (390×844), against the local Tripay simulator: the customer
 * opens Bayar online on the home bill, picks QRIS, sees the QR; once the simulator marks it paid, the
 * background poller credits it and the open page turns to "received" by itself, with the receipt.
 */
let rig: PortalRig;
let fake: TripayFake;

test.use({ viewport: { width: 390, height: 844 } });
test.setTimeout(120_000);

test.beforeAll(async () => {
  fake = await new TripayFake().start();
  // The poller checks a new payment after 1 s instead of 1 min.
  rig = await portalRig({ PPPOE_DESK_GATEWAY_POLL_MS: '1000' });
  await enableTripay(rig, fake, ['QRIS', 'BRIVA', 'OVO']);
});
test.afterAll(async () => {
  await rig?.stop();
  await fake?.stop();
});

test('a customer pays the bill by QRIS on a phone; the page follows it to paid and opens the receipt', async ({
  page,
}) => {
  const budi = await billedCustomer(rig, 'Budi Bayar');
  await rig.api('billing.generateInvoices', {});
  await signInPortal(page, rig, budi);
  await expect(page.getByTestId('portal-bill')).toContainText('Rp 175.000');

  await page.getByTestId('pay-online').click();
  const view = page.getByTestId('pay-view');
  await expect(view.getByTestId('pay-outstanding')).toHaveText('Rp 175.000');
  // Methods grouped by kind, in the customer's words.
  await expect(view.getByText('QRIS (semua aplikasi bank & dompet digital)')).toBeVisible();
  await expect(view.getByText('Virtual Account', { exact: true })).toBeVisible();
  await expect(view.getByText('Dompet digital', { exact: true })).toBeVisible();
  // Nothing chosen yet: told so, nothing created.
  await view.getByTestId('pay-create').click();
  await expect(view.getByText('Pilih cara bayar dulu')).toBeVisible();
  expect(fake.transactions()).toHaveLength(0);

  await view.getByRole('radio', { name: 'QRIS' }).check();
  await view.getByTestId('pay-create').click();
  await expect(view.getByTestId('pay-qr')).toBeVisible();
  await expect(view.getByTestId('pay-state')).toHaveAttribute('data-state', 'pending');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(fake.transactions()).toHaveLength(1);

  // Paid in the customer's bank app: no click here, the poller and the page's own polling follow.
  const [tx] = await rig.api<{ merchantRef: string }[]>('gatewayPayments.forCustomer', { customerId: budi.id });
  fake.markPaid(tx!.merchantRef);
  await expect(view.getByTestId('pay-state')).toHaveAttribute('data-state', 'credited', { timeout: 30_000 });
  await expect(view.getByText('Pembayaran diterima')).toBeVisible();

  const [popup] = await Promise.all([page.waitForEvent('popup'), view.getByTestId('pay-receipt').click()]);
  await popup.waitForLoadState();
  expect(await popup.evaluate(() => document.contentType)).toBe('application/pdf');
  await popup.close();

  // Back home: nothing owed, the payment is in the history.
  await page.getByTestId('pay-back').click();
  await expect(page.getByTestId('portal-bill')).toContainText('Rp 0');
  await page.getByRole('tab', { name: 'Tagihan' }).click();
  await expect(page.getByTestId('portal-payment')).toContainText('Rp 175.000');
});
