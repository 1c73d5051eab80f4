import { expect, test } from './fixtures';
import { SetupPage } from './pages/SetupPage';
import { WizardSteps } from './pages/OperationsPages';
import { RouterSim } from '../routeros-sim/simulator';

test.use({ initAdmin: false });

// A 1×1 PNG.
const LOGO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('first-run wizard: Admin, ISP details with logo and zone, router test and import, empty start', async ({
  page,
  host,
  api,
}) => {
  const sim = await new RouterSim().start();
  try {
    // The router already serves customers: two profiles (one without a rate-limit) and three PPPoE secrets.
    sim.state.menu('/ppp/profile').add({ name: 'paket-10m', 'rate-limit': '5M/10M' });
    sim.state.menu('/ppp/profile').add({ name: 'lama-tanpa-limit' });
    sim.state
      .menu('/ppp/secret')
      .add({ name: 'joko', password: 'rahasia3', profile: 'lama-tanpa-limit', service: 'pppoe' });
    sim.state.menu('/ppp/secret').add({ name: 'budi', password: 'rahasia1', profile: 'paket-10m', service: 'pppoe' });
    sim.state.menu('/ppp/secret').add({ name: 'siti', password: 'rahasia2', profile: 'paket-10m', service: 'pppoe' });

    const setup = new SetupPage(page);
    await setup.goto(host.url);
    await setup.createAdmin('Ibu Admin', 'admin', 'Uji-Coba-E2E-2026');

    const wizard = new WizardSteps(page);
    // ISP details: the server's rule shows under the field; Enter submits (keyboard only).
    await wizard.ispDetails({ name: '   ' });
    await wizard.submitWithEnter();
    await expect(page.getByText('Nama ISP wajib diisi')).toBeVisible();
    await wizard.ispDetails({
      name: 'Net Kampung Sejahtera',
      address: 'Jl. Merdeka 1, Makassar',
      phone: '0411-123456',
      logo: LOGO,
      timeZone: 'WITA (Asia/Makassar)',
    });
    await wizard.submitWithEnter();

    // Router: a wrong password fails the test with the router's reason, the right one connects.
    await wizard.routerForm({ host: '127.0.0.1', port: sim.port, username: 'admin', password: 'salah' });
    await page.getByRole('button', { name: 'Uji koneksi' }).click();
    // The same result view as the Routers screen: the reason as a title, the router's words translated.
    await expect(wizard.testResult()).toContainText('Nama pengguna atau kata sandi salah');
    await page.getByLabel('Kata sandi router').fill('rahasia');
    await page.getByRole('button', { name: 'Uji koneksi' }).click();
    await expect(wizard.testResult()).toContainText('Terhubung');
    await expect(wizard.testResult()).toContainText('MikroTik');
    await page.getByRole('button', { name: 'Simpan router' }).click();

    // Import offer: the profile becomes a package at the typed price, the secrets become customers.
    await expect(page.getByText('Di router ada')).toBeVisible();
    await page.getByLabel('Harga paket paket-10m').fill('150000');
    await expect(page.getByText('2 akun PPPoE akan diimpor')).toBeVisible();
    // The profile without a readable rate-limit needs its speeds as well as a price.
    await page.getByLabel('Harga paket lama-tanpa-limit').fill('100000');
    await expect(page.getByText('2 akun PPPoE akan diimpor')).toBeVisible();
    await page.getByLabel('Kecepatan unduh lama-tanpa-limit (kbps)').fill('4000');
    await page.getByLabel('Kecepatan unggah lama-tanpa-limit (kbps)').fill('1000');
    await expect(page.getByText('3 akun PPPoE akan diimpor')).toBeVisible();
    await page.getByRole('button', { name: 'Impor', exact: true }).click();
    await expect(page.getByTestId('router-imported')).toContainText('2 paket, 3 pelanggan dan 3 akun PPPoE');
    await page.getByRole('button', { name: 'Lanjut' }).click();

    await setup.startEmpty();
    await expect(page.getByTestId('user-menu')).toContainText('Ibu Admin');

    const s = await api.ok('settings.get', {});
    expect(s).toMatchObject({
      ispName: 'Net Kampung Sejahtera',
      ispAddress: 'Jl. Merdeka 1, Makassar',
      ispPhone: '0411-123456',
      timeZone: 'Asia/Makassar',
    });
    expect(s.ispLogo.startsWith('data:image/png;base64,')).toBe(true);
    const customers = await api.ok('customers.list', {});
    expect(customers.total).toBe(3);
    const packages = await api.ok('packages.list', { sort: { field: 'name', dir: 'asc' } });
    expect(packages.items.map((p) => [p.name, p.price, p.bandwidthDown, p.bandwidthUp])).toEqual([
      ['lama-tanpa-limit', 100000, 4000, 1000],
      ['paket-10m', 150000, 10000, 5000],
    ]);
  } finally {
    await sim.stop();
  }
});
