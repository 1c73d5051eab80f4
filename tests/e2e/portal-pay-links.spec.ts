import { expect, test } from '@playwright/test';
import { TripayFake } from '../fakes/gateways';
import { signInPage } from './fixtures';
import { billedCustomer, enableTripay, portalRig, signInPortal, type PortalRig } from './helpers/portal';

/*
 * One bill at a time: the customer pays a single open invoice from the portal's invoice list on a phone
 * (390×844), and the staff copy an open bill's pay link from the invoice list and the invoice itself
 * (the token is made once, audited once) and the link opens that bill's pay page.
 */
let rig: PortalRig;
let fake: TripayFake;

test.setTimeout(120_000);

test.beforeAll(async () => {
  fake = await new TripayFake().start();
  rig = await portalRig();
  await enableTripay(rig, fake, ['QRIS', 'BRIVA']);
});
test.afterAll(async () => {
  await rig?.stop();
  await fake?.stop();
});

const auditCount = (action: string) =>
  rig.sql((db) => (db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n);

/** A customer with the month's bill (Rp 175.000) and a one-off installation bill (Rp 50.000), both open. */
async function twoBills(name: string) {
  const who = await billedCustomer(rig, name);
  await rig.api('billing.generateInvoices', {});
  const extra = await rig.api<{ id: number; invoiceNumber: string }>('invoices.create', {
    customerId: who.id,
    amount: 50_000,
    description: 'Biaya pasang',
  });
  return { ...who, extra };
}

test.describe('portal at phone size', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('each open invoice has its own pay button that pays only that bill', async ({ page }) => {
    const sari = await twoBills('Sari Satu');
    await signInPortal(page, rig, sari);
    await page.getByRole('tab', { name: 'Tagihan' }).click();
    await expect(page.getByTestId('portal-invoice')).toHaveCount(2);
    await expect(page.getByTestId('portal-invoice-pay')).toHaveCount(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: `Bayar Rp 50.000 untuk tagihan ${sari.extra.invoiceNumber}` }).click();
    const view = page.getByTestId('pay-view');
    await expect(view.getByTestId('pay-outstanding')).toHaveText('Rp 50.000');
    await view.getByRole('radio', { name: 'QRIS' }).check();
    await view.getByTestId('pay-create').click();
    await expect(view.getByTestId('pay-qr')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const [tx] = await rig.api<{ amount: number; invoices: { invoiceNumber: string }[] }[]>(
      'gatewayPayments.forCustomer',
      { customerId: sari.id },
    );
    expect(tx!.amount).toBe(50_000);
    expect(tx!.invoices.map((i) => i.invoiceNumber)).toEqual([sari.extra.invoiceNumber]);
  });

  test('a paid invoice has no pay button', async ({ page }) => {
    const tono = await twoBills('Tono Lunas');
    await rig.api('shifts.open', { openingCash: 0 });
    await rig.api('payments.create', { customerId: tono.id, amount: 175_000, method: 'cash' });
    await signInPortal(page, rig, tono);
    await page.getByRole('tab', { name: 'Tagihan' }).click();
    await expect(page.getByTestId('portal-invoice')).toHaveCount(2);
    await expect(page.getByTestId('portal-invoice-pay')).toHaveCount(1);
  });
});

test('staff copy an open bill’s pay link from the list and the invoice; it opens that bill’s pay page', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const ani = await twoBills('Ani Salin');
  await signInPage(page, rig.host, '#/invoices');
  const row = page.getByRole('row').filter({ hasText: ani.extra.invoiceNumber });
  await row.getByRole('button', { name: 'Salin link bayar' }).click();
  await expect(page.getByText(/Link bayar disalin: /)).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(new RegExp(`^${rig.portalUrl.replace(/\/$/, '')}/bayar/[A-Za-z0-9_-]{22}$`));
  expect(auditCount('invoice.pay_link')).toBe(1);

  // The same link again from the invoice itself: no new token, no new audit row.
  await row.getByText(ani.extra.invoiceNumber).click();
  const drawer = page.getByTestId('invoice-drawer');
  await drawer.getByRole('button', { name: 'Salin link bayar' }).click();
  await expect(drawer.getByTestId('pay-link-url')).toHaveValue(copied);
  expect(auditCount('invoice.pay_link')).toBe(1);

  const customer = await context.browser()!.newPage({ viewport: { width: 390, height: 844 } });
  await customer.goto(copied);
  await expect(customer.getByTestId('pay-outstanding')).toHaveText('Rp 50.000');
  await expect(customer.getByText('Ani Salin')).toBeVisible();
  await customer.close();
});
