import { TripayFake } from '../fakes/gateways';
import { fakeGatewaySettings } from '../fakes/gateways/app-settings';
import { expect, signInPage, test } from './fixtures';
import { PHONE, routesIn, sweep } from './helpers/phone-sweep';

/*
 * The finance screens at phone size (390×844), every tab of each, with rows in its lists: besides the
 * demo data an open shift with a payment, a reseller with top-ups (ledger and statement), a field
 * collector's payment waiting to be handed over, a QRIS payment on the local Tripay fake, a bank line to
 * review and a day of bandwidth use. All dated "now", so nothing depends on the date or the hour.
 */
test.use({ viewport: PHONE });

const COLLECTOR = { username: 'penagih-sweep', password: 'Tagih-Lapangan-2026!' };

/** The ISP-zone date `days` from now (the business date the sampler writes and expiries compare with). */
const jakartaDay = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + days * 86_400_000));

test('no finance screen or tab is wider than a phone (390 px)', async ({ page, host, api, request }, info) => {
  test.setTimeout(240_000);
  const tripay = await new TripayFake().start();
  try {
    await api.ok('demo.load', {});
    await api.ok('billing.runAutomation', {});
    // The alerts' "expiring soon" list: an account that ends in three days.
    const pkg = (await api.ok('packages.list', {})).items[0]!;
    const expiring = await api.ok('customers.create', {
      name: 'Yohanes Bagus Prasetyo Nugroho',
      phone: '081299990000',
    });
    await api.ok('pppoe.create', { customerId: expiring.id, internetPackageId: pkg.id, expiresAt: jakartaDay(3) });
    const customers = (await api.ok('customers.list', { pageSize: 25 })).items;
    // Three open bills of three different customers.
    const bills = (await api.ok('invoices.list', { pageSize: 100 })).items.filter((i) => i.outstanding > 0);
    const open = bills.filter((b, i) => bills.findIndex((o) => o.customerId === b.customerId) === i);
    expect(open.length).toBeGreaterThan(2);
    const [first, second, third] = open as [(typeof open)[0], (typeof open)[0], (typeof open)[0]];

    // Shift: open, with one cash payment and one reseller top-up in it.
    await api.ok('shifts.open', { openingCash: 100_000 });
    await api.ok('payments.create', {
      customerId: first.customerId,
      invoiceId: first.id,
      amount: first.outstanding,
      method: 'cash',
      tendered: first.outstanding,
    });
    const reseller = await api.ok('resellers.create', { name: 'Mitra Sejahtera Bersama Kecamatan Cibinong' });
    await api.ok('resellers.assign', { resellerId: reseller.id, customerIds: [customers[0]!.id] });
    await api.ok('resellers.setRule', {
      resellerId: reseller.id,
      internetPackageId: pkg.id,
      kind: 'discount',
      mode: 'percent',
      value: 1000,
    });
    await api.ok('resellers.topup', { resellerId: reseller.id, amount: 250_000, method: 'cash' });
    await api.ok('resellers.topup', {
      resellerId: reseller.id,
      amount: 1_500_000,
      method: 'bank_transfer',
      referenceNumber: 'TRF-2026-000123456',
    });

    // A field collector took a bill's money on their phone: waiting to be handed over, with commission.
    const collector = await api.ok('users.create', {
      fullName: 'Penagih Lapangan Sweep',
      role: 'collector',
      mustChangePassword: false,
      ...COLLECTOR,
    });
    await api.ok('collectors.assign', { collectorId: collector.id, kind: 'customer', customerId: second.customerId });
    await api.ok('collectors.setCommission', { collectorId: collector.id, kind: 'flat', value: 2_500 });
    const login = await request.post(`${host.url}/api/auth.login`, { data: COLLECTOR });
    const { token } = ((await login.json()) as { value: { token: string } }).value;
    const synced = await request.post(`${host.url}/api/collector.sync`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        items: [
          {
            key: 'sweep-0001-0001-0001',
            customerId: second.customerId,
            invoiceId: second.id,
            amount: second.outstanding,
            collectedAt: new Date().toISOString(),
          },
        ],
      },
    });
    expect(await synced.json()).toMatchObject({ ok: true });

    // A QRIS payment waiting on the local Tripay fake.
    await api.ok('gateways.save', fakeGatewaySettings('tripay', tripay, ['QRIS']));
    await api.ok('gatewayPayments.create', {
      customerId: third.customerId,
      invoiceId: third.id,
      provider: 'tripay',
      method: 'QRIS',
    });

    // A bank statement line that matches no bill: it waits in the review list.
    await api.ok('settings.update', { bankAccounts: [{ bank: 'BCA', number: '0123456789', holder: 'RTRW NET' }] });
    const csv = [
      'Informasi Rekening - Mutasi Rekening',
      "No. rekening : ,'0123456789",
      'Nama : ,RTRW NET',
      'Periode : ,01/11/2026 - 30/11/2026',
      'Kode Mata Uang : ,Rp',
      '',
      'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo',
      "'05/11,'TRSF E-BANKING CR 0511/FTSCY/WS95031 777777.00 BAPAK SUBAGYO HADI PRANOTO,'0000,777777.00,CR,0.00",
      '',
    ].join('\n');
    await api.ok('bankStatements.import', {
      fileName: 'mutasi-bca.csv',
      base64: Buffer.from(csv).toString('base64'),
      accountNumber: '0123456789',
    });

    // A day of use for the bandwidth report (the sampler writes these from the routers).
    const account = (await api.ok('pppoe.list', { pageSize: 1 })).items[0]!;
    api.sql((db) =>
      db
        .prepare(
          'INSERT INTO usage_daily(account_id, day, router_id, bytes_in, bytes_out, samples) VALUES (?, ?, NULL, ?, ?, 96)',
        )
        .run(account.id, jakartaDay(), 12_345_678_901, 1_234_567_890),
    );

    await signInPage(page, host, '#/dashboard');
    const wide = await sweep(
      page,
      host.url,
      [...routesIn(['finance']), `/resellers/${reseller.id}`],
      {
        noRows: {
          '/bank-statements [Impor mutasi]': 'the upload form',
          '/collectors [Penugasan & komisi]': 'one card per collector (waited for below)',
        },
        ready: {
          '/automation [Peringatan]': async (p) => expect(p.locator('main')).toContainText(expiring.name),
          '/collectors [Penugasan & komisi]': async (p) =>
            expect(p.getByTestId('collector-card')).toContainText(second.customerName),
          // Every age bucket opened, so its customers' rows are measured too.
          '/reports [Umur piutang]': async (p) => {
            const closed = p.getByTestId('aging-buckets').locator('button[aria-expanded="false"]');
            while ((await closed.count()) > 0) await closed.first().click();
          },
          '/cashdesk': async (p) => {
            await p.getByTestId('desk-search').fill(customers[0]!.name);
            await p.getByTestId('desk-result').first().click();
            await expect(p.getByTestId('desk-amount')).toBeVisible();
          },
        },
      },
      info,
    );
    expect(wide).toEqual([]);
  } finally {
    await tripay.stop();
  }
});
