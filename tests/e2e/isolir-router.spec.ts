import { expect as pwExpect } from '@playwright/test';
import { RouterSim } from '../routeros-sim/simulator';
import { expect, test as base } from './fixtures';

/** A RouterOS 6.49 simulator with the operator's own firewall rules, for this file. */
const test = base.extend<object, { sim: RouterSim }>({
  sim: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none
    async ({}, use) => {
      const sim = await new RouterSim({ identity: 'MikroTik-Isolir', version: '6.49.10' }).start();
      const filter = sim.state.menu('/ip/firewall/filter');
      filter.add({ chain: 'forward', action: 'accept', 'connection-state': 'established,related', comment: 'defconf' });
      sim.state.menu('/ip/firewall/nat').add({ chain: 'srcnat', action: 'masquerade', 'out-interface': 'ether1' });
      await use(sim);
      await sim.stop();
    },
    { scope: 'worker' },
  ],
});

const MENUS = ['/ip/pool', '/ppp/profile', '/ip/firewall/nat', '/ip/firewall/filter', '/ppp/secret'];

test('isolir page on the router: set the address, preview the diff, apply, nothing left to do, remove', async ({
  adminPage: page,
  api,
  host,
  sim,
}) => {
  const router = await api.ok('routers.create', {
    name: 'Isolir Kantor',
    host: '127.0.0.1',
    port: sim.target().port,
    username: 'admin',
    password: 'rahasia',
  });
  // The sync worker makes the router's isolir profile (profile.ensure) soon after the router is added.
  await pwExpect.poll(() => sim.profiles().some((p) => p.name === 'ISOLIR'), { timeout: 15_000 }).toBe(true);
  const before = JSON.stringify(MENUS.map((m) => sim.rows(m)));

  // Settings → Halaman isolir: the portal address the router sends isolated customers to.
  await page.goto(`${host.url}/#/settings`);
  await page.getByRole('tab', { name: 'Halaman isolir' }).click();
  await page.getByLabel('Alamat halaman isolir (portal)').fill('192.168.88.300');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await pwExpect(page.getByText('Alamat halaman isolir harus alamat IPv4 (mis. 192.168.88.10)')).toBeVisible();
  await page.getByLabel('Alamat halaman isolir (portal)').fill('192.168.88.10');
  await page.getByRole('button', { name: 'Tambah rekening' }).click();
  await page.getByLabel('Bank').fill('BRI');
  await page.getByLabel('Nomor rekening').fill('0123-01-000123-50-1');
  await page.getByLabel('Atas nama').fill('CV Net Desa');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await pwExpect(page.getByText('Pengaturan tersimpan').first()).toBeVisible();
  expect((await api.ok('settings.get', {})).bankAccounts).toEqual([
    { bank: 'BRI', number: '0123-01-000123-50-1', holder: 'CV Net Desa' },
  ]);

  await page.goto(`${host.url}/#/routers`);
  await page.getByRole('row').filter({ hasText: 'Isolir Kantor' }).getByRole('button', { name: 'Aksi' }).click();
  await page.getByRole('menuitem', { name: 'Halaman isolir di router' }).click();
  const panel = page.getByTestId('isolir-setup');
  await panel.getByTestId('isolir-preview-apply').click();
  const diff = panel.getByTestId('isolir-diff');
  await pwExpect(diff.locator('tr[data-action="add"]')).toHaveCount(7);
  await pwExpect(diff.locator('tr[data-action="set"]')).toHaveCount(1); // the isolir profile, taken over
  await pwExpect(diff).toContainText('Arahkan HTTP ke halaman isolir');
  await pwExpect(diff).toContainText('ditaruh sebelum aturan');
  expect(JSON.stringify(MENUS.map((m) => sim.rows(m)))).toBe(before); // the preview wrote nothing

  await panel.getByTestId('isolir-run').click();
  await pwExpect(page.getByText('8 perubahan diterapkan di router')).toBeVisible();
  await pwExpect(panel.getByTestId('isolir-nothing')).toContainText('sudah terpasang lengkap');
  expect(sim.rows('/ip/firewall/filter').map((r) => r.comment)).toEqual([
    'pppoe-desk:isolir:dns-udp',
    'pppoe-desk:isolir:dns-tcp',
    'pppoe-desk:isolir:portal',
    'pppoe-desk:isolir:https-drop',
    'pppoe-desk:isolir:drop-rest',
    'defconf',
  ]);

  await panel.getByTestId('isolir-preview-remove').click();
  await pwExpect(diff.locator('tr[data-action="remove"]')).toHaveCount(7);
  await pwExpect(diff.locator('tr[data-action="set"]')).toHaveCount(1); // put back as profile.ensure made it
  await panel.getByTestId('isolir-run').click();
  await pwExpect(page.getByText('Pengaturan isolir dilepas dari router (8 perubahan)')).toBeVisible();
  await pwExpect(panel.getByTestId('isolir-nothing')).toContainText('Tidak ada objek PPPoE Desk');
  expect(JSON.stringify(MENUS.map((m) => sim.rows(m)))).toBe(before);
  const audit = await api.ok('audit.list', { entity: 'router', entityId: String(router.id), page: 1, pageSize: 25 });
  expect(audit.items.map((a) => a.action).filter((a) => a.startsWith('router.isolir'))).toEqual([
    'router.isolir.remove',
    'router.isolir.apply',
  ]);
});
