import { expect, test } from './fixtures';

/**
 * Field collector on a phone (390×844): takes three cash payments with the network cut, sees them as
 * "only on this phone", reconnects; the office then has each payment exactly once (a replay of the same
 * keys adds nothing) and counts the hand-over.
 */
const COLLECTOR = { username: 'penagih-e2e', password: 'Jalan-Kaki-Desa-5' };
const PHONE = { width: 390, height: 844 };

test('a collector takes three payments offline, reconnects, the office sees each once', async ({
  browser,
  host,
  api,
  adminPage,
}) => {
  const month = new Date().toISOString().slice(0, 7);
  const pkg = await api.ok('packages.create', {
    name: 'Paket Desa 5 Mbps',
    bandwidthUp: 2048,
    bandwidthDown: 5120,
    price: 150_000,
    billingCycle: 'monthly',
  });
  const names = ['Bu Sumi', 'Pak Darto', 'Mbak Rini'];
  for (const [i, name] of names.entries()) {
    const c = await api.ok('customers.create', {
      name,
      address: `Gang ${i + 1}, RT 03 Krajan`,
      phone: `08123000000${i}`,
    });
    await api.ok('subscriptions.create', {
      customerId: c.id,
      internetPackageId: pkg.id,
      startDate: `${month}-01`,
      billingDay: 1,
    });
  }
  const other = await api.ok('customers.create', { name: 'Pak Jauh', address: 'RT 09 Kidul' });
  await api.ok('subscriptions.create', {
    customerId: other.id,
    internetPackageId: pkg.id,
    startDate: `${month}-01`,
    billingDay: 1,
  });
  await api.ok('billing.generateInvoices', { period: month });
  const user = await api.ok('users.create', {
    ...COLLECTOR,
    fullName: 'Budi Penagih',
    role: 'collector',
    mustChangePassword: false,
  });
  await api.ok('collectors.assign', { collectorId: user.id, kind: 'area', area: 'RT 03' });

  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const login = await page.request.post(`${host.url}/api/auth.login`, {
    data: COLLECTOR,
    headers: { 'Content-Type': 'application/json' },
  });
  expect(login.ok()).toBeTruthy();
  await page.goto(`${host.url}/#/collect`);
  const items = page.getByTestId('route-item');
  await expect(items).toHaveCount(3);
  await expect(page.getByText('Pak Jauh')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  await context.setOffline(true);
  await expect(page.getByTestId('offline-badge')).toBeVisible();
  for (const name of names) {
    await items.filter({ hasText: name }).click();
    const sheet = page.getByRole('dialog');
    await expect(sheet.getByTestId('collect-amount')).toHaveValue('Rp 150.000');
    // The earlier takes' toasts cover neither whose sheet this is nor its button (at the top they did).
    const title = (await sheet.getByRole('heading', { name }).boundingBox())!;
    const take = sheet.getByRole('button', { name: 'Terima tunai' });
    const button = (await take.boundingBox())!;
    for (const toast of await page.locator('.mantine-Notification-root').all()) {
      const t = (await toast.boundingBox())!;
      for (const b of [title, button]) expect(t.y >= b.y + b.height || t.y + t.height <= b.y, name).toBe(true);
    }
    await take.click();
    await sheet.getByTestId('collect-confirm').click();
    await expect(sheet).toBeHidden();
  }
  await expect(page.getByTestId('pending-count')).toHaveText('3 pembayaran masih di HP');
  await expect(page.getByTestId('pending-item')).toHaveCount(3);
  await expect(page.getByTestId('bag-total')).toHaveText('Rp 450.000');
  const paymentsNow = () => {
    let n = -1;
    api.sql((db) => {
      n = (db.prepare('SELECT count(*) AS n FROM payments').get() as { n: number }).n;
    });
    return n;
  };
  expect(paymentsNow()).toBe(0);
  const queued = await page.evaluate(() =>
    Object.entries(localStorage)
      .filter(([k]) => k.startsWith('pppoe-desk.collector-queue.'))
      .flatMap(
        ([, v]) =>
          JSON.parse(v) as {
            key: string;
            customerId: number;
            invoiceId: number;
            amount: number;
            collectedAt: string;
          }[],
      ),
  );
  expect(queued).toHaveLength(3);

  await context.setOffline(false);
  await expect(page.getByTestId('pending-panel')).toBeHidden();
  await expect(page.getByTestId('recent-item')).toHaveCount(3);
  await expect(items).toHaveCount(0);
  expect(paymentsNow()).toBe(3);

  // The phone sending the same keys again (a lost answer, a second tab) changes nothing.
  const replay = await page.request.post(`${host.url}/api/collector.sync`, {
    data: {
      items: queued.map(({ key, customerId, invoiceId, amount, collectedAt }) => ({
        key,
        customerId,
        invoiceId,
        amount,
        collectedAt,
      })),
    },
    headers: { 'Content-Type': 'application/json' },
  });
  const body = (await replay.json()) as { ok: boolean; value: { results: { status: string }[] } };
  expect(body.value.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  expect(paymentsNow()).toBe(3);
  await context.close();

  // The office: the hand-over shows the three payments once and is counted with no variance.
  await adminPage.goto(`${host.url}/#/collectors`);
  const card = adminPage.getByTestId('handover-card').filter({ hasText: 'Budi Penagih' });
  await expect(card.getByTestId('handover-expected')).toHaveText('Rp 450.000');
  await expect(card.getByTestId('handover-items').locator('tr')).toHaveCount(3);
  await card.getByRole('button', { name: 'Hitung setoran' }).click();
  await adminPage.getByTestId('handover-counted').fill('450000');
  await expect(adminPage.getByTestId('handover-variance')).toHaveText('Selisih: Rp 0');
  await adminPage.getByRole('button', { name: 'Simpan setoran' }).click();
  await expect(adminPage.getByTestId('settlements').locator('tbody tr')).toHaveCount(1);
  await expect(card.getByTestId('handover-expected')).toHaveText('Rp 0');
});
