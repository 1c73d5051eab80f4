import { expect, test } from '@playwright/test';
import { TripayFake } from '../fakes/gateways';
import { RouterSim } from '../routeros-sim/simulator';
import { billedCustomer, enableTripay, portalRig, type PortalRig } from './helpers/portal';

/*
 * The isolir page in the browser. The customer's PPPoE session (RouterOS simulator) has the browser's
 * address, 127.0.0.1; Chromium resolves neverssl.com to 127.0.0.1, standing for the router's dst-nat
 * that sends an isolated customer's plain-HTTP request to the portal. The page (no JavaScript needed)
 * shows the name, the amount due and how to pay; its pay link opens the pay page on the portal, the VA
 * is paid at the Tripay simulator, and the same request then says the service is back.
 */
let rig: PortalRig;
let fake: TripayFake;
let sim: RouterSim;

test.use({
  viewport: { width: 390, height: 844 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--host-resolver-rules=MAP neverssl.com 127.0.0.1',
    ],
  },
});
test.setTimeout(120_000);

test.beforeAll(async () => {
  fake = await new TripayFake().start();
  sim = await new RouterSim({ identity: 'MikroTik-Portal', version: '7.18.2' }).start();
  rig = await portalRig({ PPPOE_DESK_GATEWAY_POLL_MS: '1000' });
  await enableTripay(rig, fake, ['BRIVA']);
});
test.afterAll(async () => {
  await rig?.stop();
  await sim?.stop();
  await fake?.stop();
});

const accountStatus = (username: string) =>
  rig.sql(
    (db) =>
      (db.prepare('SELECT status FROM pppoe_accounts WHERE username = ?').get(username) as { status: string }).status,
  );

test('an isolated customer sees the isolir page with the amount due, pays by its link, and the page says the service is back', async ({
  browser,
  page,
}) => {
  const target = sim.target();
  const router = await rig.api<{ id: number }>('routers.create', {
    name: 'Kantor',
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
  });
  await rig.api('settings.update', { autoInvoiceRun: false, isolirPoolRanges: '127.0.0.1-127.0.0.9' });
  const dewi = await billedCustomer(rig, 'Dewi Lestari');
  await rig.api('pppoe.create', {
    customerId: dewi.id,
    internetPackageId: dewi.packageId,
    routerId: router.id,
    username: 'dewi',
  });
  await expect.poll(() => Boolean(sim.secret('dewi')), { timeout: 20_000 }).toBe(true);
  await rig.api('billing.generateInvoices', {});
  rig.sql((db) => db.prepare(`UPDATE invoices SET due_date = '2026-01-10' WHERE customer_id = ?`).run(dewi.id));
  await rig.api('billing.runAutomation', {});
  expect(accountStatus('dewi')).toBe('suspended');
  // The router gets the isolir profile (and drops the session); the customer's modem dials in again.
  await expect.poll(() => sim.secret('dewi')?.profile, { timeout: 20_000 }).toMatch(/isolir/i);
  await expect.poll(() => sim.activeSessions().length, { timeout: 20_000 }).toBe(0);
  sim.connectUser('dewi', { address: '127.0.0.1' });
  const site = `http://neverssl.com:${new URL(rig.portalUrl).port}/`;

  // A captive-portal checker or an old phone: no JavaScript, everything is in the response.
  const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const old = await plain.newPage();
  await old.goto(site);
  await expect(old.getByRole('heading', { name: 'Layanan internet diisolir' })).toBeVisible();
  await expect(old.getByText('Yth. Dewi Lestari')).toBeVisible();
  await expect(old.getByTestId('amount-due')).toHaveText('Rp 175.000');
  await expect(old.getByText('Bayar tunai di kantor kami')).toBeVisible();
  await expect(old.getByText('layanan aktif kembali secara otomatis')).toBeVisible();
  await plain.close();

  await page.goto(site);
  await expect(page.getByTestId('amount-due')).toHaveText('Rp 175.000');
  const link = page.getByTestId('pay-link');
  await expect(link).toContainText('Rp 175.000');
  await link.click();
  // The pay page on the portal's own address (not replaced by the isolir page), no password asked.
  await expect(page).toHaveURL(new RegExp(`^${rig.portalUrl}bayar/[A-Za-z0-9_-]{22}$`));
  const view = page.getByTestId('pay-view');
  await expect(view).toContainText('Tagihan Dewi Lestari');
  await expect(view.getByTestId('pay-outstanding')).toHaveText('Rp 175.000');
  await view.getByRole('radio', { name: 'BRI' }).check();
  await view.getByTestId('pay-create').click();
  await expect(view.getByTestId('pay-va')).not.toBeEmpty();
  // Asked before paying: not yet.
  await view.getByTestId('pay-check').click();
  await expect(view.getByText('Pembayaran belum diterima')).toBeVisible();

  const [tx] = await rig.api<{ merchantRef: string }[]>('gatewayPayments.forCustomer', { customerId: dewi.id });
  fake.markPaid(tx!.merchantRef);
  await view.getByTestId('pay-check').click();
  await expect(view.getByTestId('pay-state')).toHaveAttribute('data-state', 'credited', { timeout: 30_000 });
  await expect.poll(() => accountStatus('dewi'), { timeout: 20_000 }).toBe('active');
  // The router gets the customer's own profile back and drops the isolir session.
  await expect.poll(() => sim.secret('dewi')?.profile, { timeout: 20_000 }).not.toMatch(/isolir/i);
  await expect.poll(() => sim.activeSessions().length, { timeout: 20_000 }).toBe(0);

  // A session that still holds an isolir-pool address: the same request says the service is back.
  sim.connectUser('dewi', { address: '127.0.0.1' });
  await page.goto(site);
  await expect(page.getByRole('heading', { name: 'Pembayaran sudah diterima' })).toBeVisible();
  await expect(page.getByText('layanan sudah aktif kembali')).toBeVisible();
  await expect(page.getByTestId('amount-due')).toHaveCount(0);

  // On an ordinary address the paid customer never sees the isolir page: the portal answers.
  await rig.api('settings.update', { isolirPoolRanges: '172.30.0.2-172.30.3.254' });
  await page.goto(site);
  await expect(page.getByTestId('portal-login')).toBeVisible();
  await expect(page.getByTestId('amount-due')).toHaveCount(0);
});
