import { RouterSim } from '../routeros-sim/simulator';
import { expect, signInPage, test } from './fixtures';
import { PHONE, routesIn, sweep } from './helpers/phone-sweep';

/*
 * The network screens at phone size (390×844), each with rows: two routers on the RouterOS simulator
 * (127.0.0.1), one online with a customer dialled in (/sessions) and a change it refused (/sync, failed),
 * and one switched off with a change waiting for it (/sync, waiting), so the lists do not depend on the
 * demo data, the date or the hour.
 */
test.use({ viewport: PHONE, hostEnv: { PPPOE_DESK_SYNC_RETRY_MS: String(3_600_000) } });

test('no network screen or tab is wider than a phone (390 px)', async ({ page, host, api }, info) => {
  test.setTimeout(240_000);
  const online = await new RouterSim({ identity: 'MikroTik-Kantor' }).start();
  const off = await new RouterSim({ identity: 'MikroTik-Timur' }).start();
  try {
    await api.ok('demo.load', {});
    const pkg = (await api.ok('packages.list', {})).items[0]!;
    const router = async (name: string, sim: RouterSim) =>
      api.ok('routers.create', {
        name,
        host: '127.0.0.1',
        port: sim.target().port,
        username: 'admin',
        password: 'rahasia',
      });
    const kantor = await router('Kantor Pusat', online);
    const timur = await router('Tower Timur', off);
    await off.stop();
    const account = async (name: string, routerId: number) => {
      const c = await api.ok('customers.create', { name, phone: '081234560000' });
      return (await api.ok('pppoe.create', { customerId: c.id, internetPackageId: pkg.id, routerId })).account;
    };
    const dialled = await account('Bambang Pamungkas Wicaksono', kantor.id);
    const waitingFor = await account('Sri Rahayu Kusumawardani', timur.id);
    await expect.poll(() => online.secret(dialled.username), { timeout: 15_000 }).toBeDefined();
    online.connectUser(dialled.username, { address: '10.10.10.254', callerId: 'AA:BB:CC:DD:EE:FF' });
    // One change the router refuses for good (a profile it does not have), so the failed list has a row.
    online.inject('/ppp/secret/add', { kind: 'trap', message: 'input does not match any value of profile' }, 1);
    const refused = await account('Joko Ditolak Purnomo', kantor.id);
    await expect
      .poll(async () => (await api.ok('sync.ops', { status: 'failed', page: 1, pageSize: 25 })).total, {
        timeout: 15_000,
      })
      .toBe(1);

    await signInPage(page, host, '#/dashboard');
    const wide = await sweep(
      page,
      host.url,
      routesIn(['network']),
      {
        noRows: {},
        ready: {
          '/sessions': async (p) => expect(p.locator('main')).toContainText(dialled.username),
          // The failed list first (the refused change), then below the waiting one (the off router's change).
          '/sync': async (p) => expect(p.locator('main tbody')).toContainText(refused.username),
        },
      },
      info,
    );
    const waiting = await sweep(
      page,
      host.url,
      ['/sync'],
      {
        noRows: {},
        ready: {
          '/sync': async (p) => {
            await expect(p.getByTestId('sync-pending').last()).not.toHaveText('0');
            await p.getByText('Menunggu', { exact: true }).click();
            await expect(p.locator('main tbody')).toContainText(waitingFor.username);
          },
        },
      },
      info,
    );
    expect([...wide, ...waiting]).toEqual([]);
  } finally {
    await online.stop();
  }
});
