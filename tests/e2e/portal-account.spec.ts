import { expect, test, type Page } from '@playwright/test';
import { businessDate } from '../../src-shared/dates';
import { billedCustomer, portalRig, signInPortal, type PortalRig } from './helpers/portal';

/*
 * The portal at a phone's size: the contact form and the password change with bad input (an Indonesian
 * message under the field it names, nothing written) and good input (saved, audited, seen by staff); the
 * usage chart and its table; the offline view (the service worker's copy of the app and the last bill,
 * with an offline notice).
 */
let rig: PortalRig;
let budi: Awaited<ReturnType<typeof billedCustomer>>;

test.use({ viewport: { width: 360, height: 740 } });

test.beforeAll(async () => {
  rig = await portalRig();
  budi = await billedCustomer(rig, 'Budi Akun', 200_000);
  await rig.api('billing.generateInvoices', {});
});
test.afterAll(async () => {
  await rig?.stop();
});

const auditCount = (action: string) =>
  rig.sql((db) => (db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n);

async function openAccount(page: Page) {
  await signInPortal(page, rig, budi);
  await page.getByRole('tab', { name: 'Akun' }).click();
}

test('contact form: bad phone and e-mail are refused under their fields and nothing is written; good ones are saved and audited', async ({
  page,
}) => {
  await openAccount(page);
  const phone = page.getByLabel('Telepon');
  const email = page.getByLabel('E-mail');
  await phone.fill('12ab');
  await email.fill('budi@');
  await page.getByRole('button', { name: 'Simpan kontak' }).click();
  await expect(page.getByText('Telepon harus 6–15 digit (boleh spasi, strip dan + di depan)')).toBeVisible();
  expect((await rig.api<{ phone: string }>('customers.get', { id: budi.id })).phone).toBe('081355556666');
  expect(auditCount('portal.update_contact')).toBe(0);

  await phone.fill('0812-7777-8888');
  await page.getByRole('button', { name: 'Simpan kontak' }).click();
  await expect(page.getByText('Alamat e-mail tidak valid')).toBeVisible();
  await expect(page.getByText('Telepon harus 6–15 digit')).toHaveCount(0);
  expect(auditCount('portal.update_contact')).toBe(0);

  await email.fill('budi@contoh.id');
  await page.getByRole('button', { name: 'Simpan kontak' }).click();
  await expect(page.getByText('Tersimpan.')).toBeVisible();
  const c = await rig.api<{ phone: string; email: string }>('customers.get', { id: budi.id });
  expect(c.email).toBe('budi@contoh.id');
  expect(c.phone).toMatch(/7777.?8888/);
  expect(auditCount('portal.update_contact')).toBe(1);
});

test('password change: a wrong current password and a weak new one are refused under their fields; a good one signs in', async ({
  page,
  browser,
}) => {
  await openAccount(page);
  const current = page.getByLabel('Kata sandi saat ini');
  const next = page.getByLabel('Kata sandi baru');
  const save = page.getByRole('button', { name: 'Simpan kata sandi' });
  await current.fill('salah-sekali-123');
  await next.fill('Kebun-Mangga-77');
  await save.click();
  await expect(page.getByText('Kata sandi saat ini salah')).toBeVisible();
  await current.fill(budi.password);
  await next.fill('pendek');
  await save.click();
  await expect(page.getByText('Kata sandi minimal 8 karakter')).toBeVisible();
  await next.fill('password123');
  await save.click();
  await expect(page.getByText('Kata sandi ini terlalu umum; pilih yang lain')).toBeVisible();
  expect(auditCount('portal.change_password')).toBe(0);

  await next.fill('Kebun-Mangga-77');
  await save.click();
  await expect(page.getByText('Kata sandi diganti.')).toBeVisible();
  expect(auditCount('portal.change_password')).toBe(1);
  // The new password signs in elsewhere; the old one no longer does.
  const other = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await other.newPage();
  await phone.goto(rig.portalUrl);
  await phone.getByTestId('portal-login').fill(budi.code);
  await phone.getByTestId('portal-password').fill(budi.password);
  await phone.getByRole('button', { name: 'Masuk' }).click();
  await expect(phone.getByText('salah')).toBeVisible();
  await phone.getByTestId('portal-password').fill('Kebun-Mangga-77');
  await phone.getByRole('button', { name: 'Masuk' }).click();
  await expect(phone.getByTestId('portal-bill')).toBeVisible();
  await other.close();
  budi.password = 'Kebun-Mangga-77';
});

test('usage: this month and last month per day as a chart and as a table', async ({ page }) => {
  const today = businessDate(new Date(), 'Asia/Jakarta');
  const lastMonthDay = `${shiftMonth(today.slice(0, 7))}-15`;
  rig.sql((db) => {
    const now = new Date().toISOString();
    const acc = db
      .prepare(
        `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, status, created_at, updated_at)
         VALUES (?, ?, 'budi-akun', 'x', 'P', 'active', ?, ?)`,
      )
      .run(budi.id, budi.packageId, now, now).lastInsertRowid;
    const put = db.prepare(
      'INSERT INTO usage_daily(account_id, day, bytes_in, bytes_out, samples) VALUES (?, ?, ?, ?, 1)',
    );
    put.run(acc, today, 3_500_000_000, 500_000_000);
    put.run(acc, lastMonthDay, 1_250_000_000, 250_000_000);
  });
  await signInPortal(page, rig, budi);
  await page.getByRole('tab', { name: 'Pemakaian' }).click();
  const usage = page.getByTestId('portal-usage');
  await expect(usage.getByTestId('usage-totals')).toContainText('3,5 GB');
  await expect(usage.getByTestId('usage-totals')).toContainText('0,5 GB');
  await expect(usage.getByTestId('usage-speed')).toHaveText('Belum ada data dari router');
  // The chart draws a bar for the day with data.
  await expect(usage.getByTestId('usage-chart').locator('.recharts-bar-rectangle path').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await usage.getByText('Tabel', { exact: true }).click();
  const table = usage.getByTestId('usage-table');
  const day = Number(today.slice(8));
  await expect(table.locator('tbody tr')).toHaveCount(day);
  await expect(table.locator('tbody tr').last()).toContainText('3,5');

  await usage.getByText('Bulan lalu', { exact: true }).click();
  await expect(usage.getByTestId('usage-totals')).toContainText('1,25 GB');
  await expect(table.locator('tbody tr').nth(14)).toContainText('1,25');
});

function shiftMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

test('offline: the worker of this build precaches the app at install, drops older caches, and the app opens from it with the HTTP cache cleared', async ({
  page,
  context,
}) => {
  // A cache left by an earlier build, made before this build's worker is installed.
  await page.goto(`${rig.portalUrl}manifest.webmanifest`);
  await page.evaluate(async () => {
    await (await caches.open('portal-shell-0123456789ab')).put('/old', new Response('old build'));
  });
  await signInPortal(page, rig, budi);
  await expect(page.getByTestId('portal-bill')).toContainText('Rp 200.000');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The worker's cache is named after this build (scripts/portal-sw-version.mjs), and only that cache is left.
  const swText = await (await page.request.get(`${rig.portalUrl}sw.js`)).text();
  const current = /'(portal-shell-[0-9a-f]{12})'/.exec(swText)?.[1];
  expect(current, 'sw.js names its build’s cache').toBeTruthy();
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([current]);
  // Installed = the page and every script and style it names are in that cache (not only fetched later).
  const named = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[href]')]
      .map((e) => new URL('src' in e ? e.src : e.href).pathname)
      .filter((p) => p.startsWith('/assets/')),
  );
  expect(named.length).toBeGreaterThan(0);
  const cached = await page.evaluate(
    async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname),
    current!,
  );
  expect(cached).toEqual(expect.arrayContaining(['/', ...named]));
  // The service worker takes control of the page (clients.claim) before the network goes.
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  // Nothing may come from the browser's HTTP cache: only the worker's own cache can serve the app now.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('portal-offline')).toContainText('Anda sedang offline');
  await expect(page.getByTestId('portal-bill')).toContainText('Rp 200.000');

  await context.setOffline(false);
  await page.reload();
  await expect(page.getByTestId('portal-bill')).toContainText('Rp 200.000');
  await expect(page.getByTestId('portal-offline')).toHaveCount(0);
});
