import { TripayFake } from '../fakes/gateways';
import { fakeGatewaySettings } from '../fakes/gateways/app-settings';
import { FonnteFake } from '../fakes/messaging/wa-gateways';
import { startReceiver } from '../fakes/webhooks/receiver';
import { expect, signInPage, test } from './fixtures';
import { PHONE, routesIn, sweep } from './helpers/phone-sweep';

/*
 * Every staff screen at phone size (390×844), every tab of it, with rows in its lists: nothing may make
 * the page wider than the screen (a sideways-scrolling page hides its own buttons). Wide tables scroll
 * inside their own box. The screens come from the app's route table (helpers/phone-sweep.ts); this file
 * sweeps the main and admin sections, phone-staff-finance and phone-staff-network the others.
 * Lists the demo leaves empty get rows here, dated "now", so the sweep does not depend on the day: an
 * empty outbox once showed its empty state here while CI, on a day the reminders ran, found it 522 px wide.
 */
test.use({ viewport: PHONE });

const CASHIER = { username: 'kasir-ponsel', password: 'Kasir-Depan-2026!' };
/** The ISP-zone date `days` from now (the business date the app compares expiries with). */
const jakartaDay = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + days * 86_400_000));

test('no staff screen or tab is wider than a phone (390 px)', async ({ page, host, api, request }, info) => {
  test.setTimeout(240_000);
  expect(routesIn(['main', 'network', 'finance', 'admin']).length).toBeGreaterThan(25);
  const fonnte = await new FonnteFake().start();
  const tripay = await new TripayFake().start();
  const receiver = await startReceiver();
  try {
    await api.ok('demo.load', {});
    // Outbox: a broadcast waiting on the local Fonnte fake.
    await api.ok('messages.saveChannel', {
      channel: 'whatsapp',
      enabled: true,
      settings: { provider: 'fonnte', baseUrl: fonnte.url, token: fonnte.token },
      throttle: { minGapSeconds: 60, maxGapSeconds: 60, dailyCap: null, quietStart: null, quietEnd: null },
    });
    await api.ok('messages.broadcast', {
      body: 'Pemeliharaan jaringan malam ini pukul 23.00',
      routerId: null,
      expiresOn: null,
    });
    // Dashboard "expiring soon": an account that ends in three days.
    const pkg = (await api.ok('packages.list', {})).items[0]!;
    const customer = await api.ok('customers.create', {
      name: 'Yohanes Bagus Prasetyo Nugroho',
      phone: '081299990000',
    });
    await api.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id, expiresAt: jakartaDay(3) });
    // A support ticket (customers open them in the portal, which this host does not run).
    api.sql((db) => {
      const t = db.prepare("INSERT INTO tickets (customer_id, category) VALUES (?, 'gangguan')").run(customer.id);
      db.prepare("INSERT INTO ticket_messages (ticket_id, author, body) VALUES (?, 'customer', ?)").run(
        t.lastInsertRowid,
        'Internet mati sejak pagi, lampu LOS merah berkedip',
      );
    });
    // Gateway settings with a transaction on the local Tripay fake.
    await api.ok('gateways.save', fakeGatewaySettings('tripay', tripay, ['QRIS']));
    const bill = (await api.ok('invoices.list', { pageSize: 100 })).items.find((i) => i.outstanding > 0)!;
    await api.ok('gatewayPayments.create', {
      customerId: bill.customerId,
      invoiceId: bill.id,
      provider: 'tripay',
      method: 'QRIS',
    });
    await api.ok('apiKeys.create', { name: 'Aplikasi akuntansi kantor pusat', scopes: ['customers:read'] });
    const hook = await api.ok('webhooks.create', {
      url: receiver.url,
      description: 'Sistem akuntansi',
      events: ['payment.created'],
    });
    receiver.secret = hook.secret;
    // The start's catch-up daily backup may still run: a second backup is refused meanwhile, so wait.
    await expect
      .poll(async () => {
        const { status } = await api.ok('backups.list', {});
        return status.lastDaily !== null && status.running === null;
      })
      .toBe(true);
    await api.ok('backups.create', {});
    // A second staff session (a cashier signed in on another seat).
    await api.ok('users.create', { fullName: 'Kasir Ponsel', role: 'staff', mustChangePassword: false, ...CASHIER });
    expect((await request.post(`${host.url}/api/auth.login`, { data: CASHIER })).ok()).toBeTruthy();

    await signInPage(page, host, '#/dashboard');
    const form = 'a settings form';
    const wide = await sweep(
      page,
      host.url,
      routesIn(['main', 'admin']),
      {
        noRows: {
          '/messages [Kanal]': 'the channel forms',
          '/messages [Templat]': 'the template editor',
          '/settings [Data ISP]': form,
          '/settings [Penagihan]': form,
          '/settings [Halaman isolir]': form,
          '/settings [Cetak]': form,
          '/settings [Cadangan]': form,
          '/settings [Keamanan]': form,
          '/settings [Portal pelanggan]': form,
          '/settings [Jaringan kantor]': form,
          '/settings [Pembaruan]': 'the update status card',
          '/gateway-settings': 'the gateway forms',
        },
        ready: {
          '/dashboard': async (p) => expect(p.getByTestId('dashboard')).toContainText(customer.name),
        },
      },
      info,
    );
    expect(wide).toEqual([]);
  } finally {
    await Promise.all([fonnte.stop(), tripay.stop(), receiver.close()]);
  }
});
