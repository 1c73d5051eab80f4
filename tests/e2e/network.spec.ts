import { expect as pwExpect, type Locator, type Page } from '@playwright/test';
import { RouterSim } from '../routeros-sim/simulator';
import { AppShell } from './pages/AppShell';
import { DataTablePart } from './pages/DataTablePart';
import { expect, test as base } from './fixtures';

/** A RouterOS simulator on 127.0.0.1 for the whole file; the app under test talks to it over TCP. */
const test = base.extend<object, { sim: RouterSim }>({
  sim: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none
    async ({}, use) => {
      const sim = await new RouterSim({ identity: 'MikroTik-Kantor' }).start();
      await use(sim);
      await sim.stop();
    },
    { scope: 'worker' },
  ],
});

/** Routers screen. */
class RoutersPage {
  readonly table: DataTablePart;
  constructor(readonly page: Page) {
    this.table = new DataTablePart(page);
  }
  async goto(url: string) {
    await this.page.goto(`${url}/#/routers`);
    await pwExpect(this.page.getByRole('heading', { name: /^(Router|Routers)$/ })).toBeVisible();
  }
  get dialog(): Locator {
    return this.page.getByTestId('router-form');
  }
  async add(f: { name: string; host: string; port: number; username: string; password: string }) {
    await this.page
      .getByRole('button', { name: /Tambah router|Add router/ })
      .first()
      .click();
    const d = this.dialog;
    await d.getByLabel(/^Nama/).fill(f.name);
    await d.getByLabel(/^Host/).fill(f.host);
    await d.getByLabel(/^Port API/).fill(String(f.port));
    await d.getByLabel(/^Pengguna API/).fill(f.username);
    await d.getByLabel(/^Kata sandi/).fill(f.password);
  }
}

/** Akun PPPoE screen. */
class PppoePage {
  readonly table: DataTablePart;
  constructor(readonly page: Page) {
    this.table = new DataTablePart(page);
  }
  async goto(url: string) {
    await this.page.goto(`${url}/#/pppoe`);
    await pwExpect(this.page.getByRole('heading', { name: /Akun PPPoE|PPPoE accounts/ })).toBeVisible();
  }
  get dialog(): Locator {
    return this.page.getByTestId('pppoe-form');
  }
  async pick(label: RegExp, typed: string, option: RegExp) {
    const input = this.dialog.getByRole('combobox', { name: label });
    await input.click();
    await input.fill(typed);
    await this.page.getByRole('option', { name: option }).click();
  }
}

test.describe('MikroTik: routers and PPPoE accounts against the simulator', () => {
  // No automatic router retries during these tests: one landing between the router coming back and the
  // click on "Coba sekarang" applied the change first and the button was gone (seen on a loaded machine).
  test.use({ hostEnv: { PPPOE_DESK_SYNC_RETRY_MS: String(3_600_000) } });
  test('add a router, test it, create an account and find it on the router', async ({
    adminPage: page,
    api,
    host,
    sim,
  }) => {
    const shell = new AppShell(page);
    const routers = new RoutersPage(page);
    await routers.goto(host.url);
    await routers.add({
      name: 'Kantor Pusat',
      host: '127.0.0.1',
      port: sim.target().port,
      username: 'admin',
      password: 'salah',
    });
    // Wrong password first: the test names the reason.
    await routers.dialog.getByTestId('router-test').click();
    await pwExpect(routers.dialog.getByTestId('router-test-result')).toHaveAttribute('data-ok', 'false');
    await pwExpect(routers.dialog.getByTestId('router-test-result')).toContainText(
      'Nama pengguna atau kata sandi salah',
    );
    await routers.dialog.getByLabel(/^Kata sandi/).fill('rahasia');
    await routers.dialog.getByTestId('router-test').click();
    const ok = routers.dialog.getByTestId('router-test-result');
    await pwExpect(ok).toHaveAttribute('data-ok', 'true');
    await pwExpect(ok).toContainText('MikroTik-Kantor');
    await pwExpect(ok).toContainText('7.19.4');
    await routers.dialog.getByRole('button', { name: 'Simpan' }).click();
    await shell.expectNotification(/Router Kantor Pusat ditambahkan/);
    const row = routers.table.row('Kantor Pusat');
    await pwExpect(row).toContainText('127.0.0.1');
    const saved = (await api.ok('routers.list', {})).items[0]!;
    expect(saved).toMatchObject({ name: 'Kantor Pusat', hasPassword: true });
    expect(JSON.stringify(saved)).not.toContain('rahasia');

    await api.ok('packages.create', {
      name: 'Home 10 Mbps',
      bandwidthUp: 2000,
      bandwidthDown: 10000,
      price: 150_000,
      billingCycle: 'monthly',
    });
    const customer = await api.ok('customers.create', { name: 'Budi Santoso', phone: '081234567890' });

    const pppoe = new PppoePage(page);
    await pppoe.goto(host.url);
    await page
      .getByRole('button', { name: /Akun baru|New account/ })
      .first()
      .click();
    await pppoe.pick(/^Pelanggan/, 'Budi', /Budi Santoso/);
    // Username and password are generated from the customer.
    await pwExpect(pppoe.dialog.getByRole('textbox', { name: /^Username/ })).toHaveValue('budi.santoso');
    await pwExpect(pppoe.dialog.getByRole('textbox', { name: /^Kata sandi/ })).toHaveValue(
      /^[a-km-zA-HJ-NP-Z2-9]{10}$/,
    );
    await pppoe.pick(/^Paket/, 'Home', /Home 10 Mbps/);
    await pwExpect(pppoe.dialog.getByRole('combobox', { name: /^Router/ })).toHaveValue('Kantor Pusat');
    await pppoe.dialog.getByRole('textbox', { name: /^IP statis/ }).fill('10.10.0.300');
    await pppoe.dialog.getByTestId('pppoe-save').click();
    await pwExpect(
      pppoe.dialog.getByText('Must be an IPv4 address like 10.10.0.5').or(pppoe.dialog.getByText(/IPv4/)),
    ).toBeVisible();
    await pppoe.dialog.getByRole('textbox', { name: /^IP statis/ }).fill('10.10.0.30');
    await pppoe.dialog.getByTestId('pppoe-save').click();
    const creds = page.getByTestId('pppoe-credentials');
    await pwExpect(creds.getByTestId('cred-username')).toHaveText('budi.santoso');
    const password = (await creds.getByTestId('cred-password').textContent())!.trim();
    await page.keyboard.press('Escape');

    // The background sync worker puts it on the router within seconds.
    await expect.poll(() => sim.secret('budi.santoso')?.password, { timeout: 15_000 }).toBe(password);
    expect(sim.secret('budi.santoso')).toMatchObject({
      profile: 'Home-10-Mbps',
      'remote-address': '10.10.0.30',
      comment: customer.customerCode,
      disabled: 'false',
    });
    expect(sim.profiles().find((p) => p.name === 'Home-10-Mbps')).toMatchObject({ 'rate-limit': '2M/10M' });
    const accRow = pppoe.table.row('budi.santoso');
    await pwExpect(accRow).toContainText('sinkron');

    // Disable from the list: the secret is disabled and the live session kicked.
    sim.connectUser('budi.santoso');
    // Enter on the row's "…" button opens its menu, not the row (the edit form).
    await accRow.getByRole('button', { name: /Aksi untuk budi.santoso/ }).focus();
    await page.keyboard.press('Enter');
    await pwExpect(page.getByRole('menuitem', { name: /Nonaktifkan/ })).toBeVisible();
    await pwExpect(pppoe.dialog).toBeHidden();
    await page.getByRole('menuitem', { name: /Nonaktifkan/ }).click();
    await shell.expectNotification(/budi.santoso dinonaktifkan/);
    await expect.poll(() => sim.secret('budi.santoso')?.disabled, { timeout: 15_000 }).toBe('true');
    await expect.poll(() => sim.activeSessions().length, { timeout: 15_000 }).toBe(0);
  });

  test('router health, queue while the router is off, drift fix from the UI', async ({
    adminPage: page,
    api,
    host,
    sim,
  }) => {
    const routers = new RoutersPage(page);
    const existing = (await api.ok('routers.list', {})).items.find((r) => r.name === 'Kantor Pusat');
    const router =
      existing ??
      (await api.ok('routers.create', {
        name: 'Kantor Pusat',
        host: '127.0.0.1',
        port: sim.target().port,
        username: 'admin',
        password: 'rahasia',
      }));
    if (!(await api.ok('packages.list', {})).total) {
      await api.ok('packages.create', {
        name: 'Home 10 Mbps',
        bandwidthUp: 2000,
        bandwidthDown: 10000,
        price: 150_000,
        billingCycle: 'monthly',
      });
    }
    // A secret someone added by hand shows up as a difference and is removed with "App → router".
    sim.addSecret({ name: 'tamu-liar', password: 'x', profile: 'default' });
    await page.goto(`${host.url}/#/routers/${router.id}/drift`);
    const panel = page.getByTestId('drift-panel');
    const diffRow = panel.locator('tr[data-key="extra:tamu-liar"]');
    await pwExpect(diffRow).toBeVisible();
    // "Fix all" first shows a dry run in the user's language; cancelling it changes nothing.
    await panel.getByTestId('drift-fix-all').click();
    await page.getByRole('menuitem', { name: 'Semua: aplikasi → router' }).click();
    const dry = panel.getByTestId('drift-dry-run');
    await pwExpect(dry).toContainText('Ini akan mengubah 1 hal');
    await pwExpect(dry).toContainText('→ hapus secret tamu-liar dari router');
    await dry.getByRole('button', { name: 'Batal' }).click();
    await pwExpect(dry).toBeHidden();
    expect(sim.secret('tamu-liar')).toBeDefined();
    await diffRow.getByRole('button', { name: /Aplikasi → router/ }).click();
    await expect.poll(() => sim.secret('tamu-liar'), { timeout: 15_000 }).toBeUndefined();
    await panel.getByRole('button', { name: 'Cek lagi' }).click();
    await pwExpect(panel.getByTestId('drift-clean')).toBeVisible();
    await page.keyboard.press('Escape');

    // Router off: the change waits in the queue and is applied when it is back.
    await sim.stop();
    const customer = await api.ok('customers.create', { name: 'Siti Aminah' });
    const pkg = (await api.ok('packages.list', {})).items[0]!;
    await api.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id, routerId: router.id });
    // The dashboard says work is waiting (not "running smoothly") while the router is off.
    await page.goto(`${host.url}/#/dashboard`);
    await pwExpect(page.getByTestId('dashboard')).toContainText(/\d+ perubahan menunggu router/, { timeout: 15_000 });
    await page.goto(`${host.url}/#/sync`);
    const card = page.getByTestId('sync-router-card').filter({ hasText: 'Kantor Pusat' });
    await pwExpect(card.getByTestId('sync-pending')).not.toHaveText('0', { timeout: 15_000 });
    // Nothing applied yet: the bar is empty, not full.
    await pwExpect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0');
    await sim.start();
    // "Coba sekarang" connects at once (whatever the backoff) and says what that attempt did.
    await card.getByRole('button', { name: 'Coba sekarang' }).click();
    const shell = new AppShell(page);
    await shell.expectNotification(/1 perubahan diterapkan/);
    expect(sim.secret('siti.aminah')).toBeDefined();
    await pwExpect(card.getByTestId('sync-pending')).toHaveText('0');
    await pwExpect(card.getByTestId('sync-last-run')).toContainText('1 diterapkan');
    await routers.goto(host.url);
    await pwExpect(routers.table.row('Kantor Pusat').getByTestId('router-state')).toHaveText('Online', {
      timeout: 15_000,
    });
    // Enter on the row's "…" button opens its menu, not the row (the edit form).
    await routers.table.row('Kantor Pusat').getByRole('button', { name: 'Aksi' }).focus();
    await page.keyboard.press('Enter');
    await pwExpect(page.getByRole('menuitem', { name: 'Cek perbedaan' })).toBeVisible();
    await pwExpect(routers.dialog).toBeHidden();
    await page.keyboard.press('Escape');
    await pwExpect(page.getByRole('menuitem', { name: 'Cek perbedaan' })).toBeHidden();
  });

  test('import secrets from the router with the wizard', async ({ adminPage: page, api, host, sim }) => {
    const existing = (await api.ok('routers.list', {})).items.find((r) => r.name === 'Kantor Pusat');
    const router =
      existing ??
      (await api.ok('routers.create', {
        name: 'Kantor Pusat',
        host: '127.0.0.1',
        port: sim.target().port,
        username: 'admin',
        password: 'rahasia',
      }));
    sim.addProfile({ name: 'paket-20M', 'rate-limit': '5M/20M 10M/40M 4M/16M 8/8 8' });
    sim.addSecret({ name: 'warung.bu.tini', password: 'Tini-2024', profile: 'paket-20M', comment: 'Warung Bu Tini' });
    sim.addSecret({ name: 'pak.rt', password: 'Rt-05', profile: 'paket-20M', comment: 'PLG0042', disabled: 'yes' });
    await page.goto(`${host.url}/#/routers/${router.id}/import`);
    const wizard = page.getByTestId('import-wizard');
    const profiles = wizard.getByTestId('import-profiles');
    const row = profiles.getByRole('row').filter({ hasText: 'paket-20M' });
    await pwExpect(row).toContainText('↓ 20 Mbps / ↑ 5 Mbps');
    await row.getByRole('textbox', { name: 'Nama paket' }).fill('Bisnis 20M');
    await row.getByRole('textbox', { name: 'Harga' }).fill('350000');
    const secrets = wizard.getByTestId('import-secrets');
    const rt = secrets.locator('tr[data-secret="pak.rt"]');
    await pwExpect(rt).toContainText('pelanggan baru PLG0042');
    // The comment is only a code: the name proposed is the username, and it can be corrected here.
    const rtName = rt.getByRole('textbox', { name: 'Nama pelanggan untuk pak.rt' });
    await pwExpect(rtName).toHaveValue('pak.rt');
    await pwExpect(
      secrets.locator('tr[data-secret="warung.bu.tini"]').getByRole('textbox', { name: /^Nama pelanggan/ }),
    ).toHaveValue('Warung Bu Tini');
    await rtName.fill('Pak RT 05');
    const rtPhone = rt.getByRole('textbox', { name: 'Telepon pelanggan untuk pak.rt' });
    await rtPhone.fill('abc-telp');
    await wizard.getByTestId('import-apply').click();
    // Checked like the customer form: the message is on the field, in Indonesian, and nothing is saved.
    await pwExpect(rt.locator('.mantine-TextInput-error')).toContainText(/Telepon/);
    expect((await api.ok('pppoe.list', { search: 'pak.rt' })).total).toBe(0);
    await rtPhone.fill('0812 3456 7890');
    await wizard.getByTestId('import-apply').click();
    await pwExpect(wizard.getByTestId('import-result')).toContainText('1 paket');
    const accounts = (await api.ok('pppoe.list', { search: 'pak.rt' })).items;
    expect(accounts[0]).toMatchObject({
      customerCode: 'PLG0042',
      customerName: 'Pak RT 05',
      status: 'inactive',
      packageName: 'Bisnis 20M',
    });
    expect((await api.ok('customers.get', { id: accounts[0]!.customerId })).phone).toBe('0812 3456 7890');
    const tini = (await api.ok('pppoe.list', { search: 'warung' })).items[0]!;
    expect(tini).toMatchObject({ customerName: 'Warung Bu Tini', status: 'active' });
    expect((await api.ok('packages.list', { search: 'Bisnis' })).items[0]).toMatchObject({
      price: 350_000,
      bandwidthDown: 20000,
      bandwidthUp: 5000,
    });
    // The burst settings stay on the router; Bu Tini's comment becomes her customer code.
    await expect.poll(() => sim.secret('warung.bu.tini')?.comment, { timeout: 15_000 }).toBe(tini.customerCode);
    expect(sim.profiles().find((p) => p.name === 'paket-20M')!['rate-limit']).toBe('5M/20M 10M/40M 4M/16M 8/8 8');
  });
});
