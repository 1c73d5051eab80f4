import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { PushServiceFake } from '../fakes/messaging/push-fake';
import { signInPage } from './fixtures';
import { billedCustomer, portalRig, signInPortal, type PortalRig } from './helpers/portal';

/*
 * Web Push on the portal at a phone's size (390×844).
 *
 * Debian's headless Chromium cannot make a real subscription: pushManager.subscribe() answers
 * "AbortError: Registration failed - permission denied" even with the notifications permission granted
 * (and push needs Google's FCM, which this offline machine cannot reach anyway). So the page's
 * PushManager is replaced by a test double that returns a subscription of the local push service
 * (tests/fakes/messaging/push-fake.ts, HTTPS on 127.0.0.1, trusted by the server through
 * NODE_EXTRA_CA_CERTS). Everything after the browser's subscribe() is real: the portal's POST and its
 * validation, the stored row, the staff's "Kirim uji", the outbox worker's VAPID-signed, aes128gcm
 * encrypted send, and the service worker's `push` handler (driven with the DevTools protocol's
 * ServiceWorker.deliverPushMessage), which shows the notice.
 */
const CA = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fakes/messaging/fixtures/fake-cert.pem');

let rig: PortalRig;
let push: PushServiceFake;
let publicKey: string;

test.use({ viewport: { width: 390, height: 844 } });
test.setTimeout(180_000);

test.beforeAll(async () => {
  push = await new PushServiceFake().start();
  rig = await portalRig({ NODE_EXTRA_CA_CERTS: CA });
  publicKey = (await rig.api<{ publicKey: string }>('messages.push.settings', {})).publicKey;
  push.vapidPublicKey = publicKey;
  await rig.api('messages.push.save', {
    enabled: true,
    subject: 'mailto:noc@netdesa.id',
    quietStart: null,
    quietEnd: null,
  });
});
test.afterAll(async () => {
  await rig?.stop();
  await push?.stop();
});

type Sub = { endpoint: string; keys: { p256dh: string; auth: string } };

/** Replaces the page's PushManager with a double that hands out `sub` and remembers the key it was asked with. */
async function pushDouble(context: BrowserContext, page: Page, sub: Sub) {
  await context.grantPermissions(['notifications'], { origin: rig.portalUrl });
  await page.addInitScript((s: Sub) => {
    const w = window as unknown as { __push: { key: string | null; current: unknown } };
    w.__push = { key: null, current: null };
    const make = () => ({
      endpoint: s.endpoint,
      expirationTime: null,
      toJSON: () => ({ endpoint: s.endpoint, expirationTime: null, keys: s.keys }),
      unsubscribe: async () => {
        w.__push.current = null;
        return true;
      },
    });
    PushManager.prototype.subscribe = async function (opts?: PushSubscriptionOptionsInit) {
      const k = new Uint8Array(opts!.applicationServerKey as ArrayBuffer);
      w.__push.key = btoa(String.fromCharCode(...k))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      w.__push.current = make();
      return w.__push.current as PushSubscription;
    };
    PushManager.prototype.getSubscription = async function () {
      return w.__push.current as PushSubscription | null;
    };
  }, sub);
}

const rows = (customerId: number) =>
  rig.sql((db) =>
    db.prepare('SELECT endpoint, device FROM push_subscriptions WHERE customer_id = ?').all(customerId),
  ) as { endpoint: string; device: string | null }[];

test('a customer turns notices on, gets the test and a bill notice shown by the service worker, and turns them off', async ({
  page,
  context,
}) => {
  // A customer with portal access but no subscription yet: the first bill comes after the phone subscribed.
  const c = await rig.api<{ id: number; customerCode: string }>('customers.create', {
    name: 'Budi Push',
    phone: '081355556666',
  });
  const { password } = await rig.api<{ password: string }>('customers.resetPortalPassword', { customerId: c.id });
  const budi = { id: c.id, code: c.customerCode, password };
  await rig.api('messages.savePrefs', { customerId: budi.id, channel: 'push', optOut: [] });
  const sub = push.subscribe();
  await pushDouble(context, page, sub);

  await signInPortal(page, rig, budi);
  await page.getByRole('tab', { name: 'Akun' }).click();
  await expect(page.getByText('Notifikasi belum aktif di perangkat ini.')).toBeVisible();
  await page.getByRole('button', { name: 'Aktifkan notifikasi' }).click();
  await expect(page.getByText('Notifikasi aktif di perangkat ini.')).toBeVisible();
  // The browser was asked with the ISP's VAPID key, and the server stored this device for Budi.
  expect(await page.evaluate(() => (window as unknown as { __push: { key: string } }).__push.key)).toBe(publicKey);
  expect(rows(budi.id)).toEqual([{ endpoint: sub.endpoint, device: expect.stringMatching(/^Chrome · /) }]);

  // Staff: "Kirim uji" to that device, with the push service's answer.
  const [device] = await rig.api<{ id: number; service: string }[]>('messages.push.devices', { customerId: budi.id });
  expect(device!.service).toBe(new URL(push.origin).host);
  const answer = await rig.api<{ ok: boolean; providerStatus: string }>('messages.push.test', {
    subscriptionId: device!.id,
  });
  expect(answer).toMatchObject({ ok: true, providerStatus: '201' });
  expect(push.received[0]!.payload).toMatchObject({ title: 'Notifikasi uji', url: '/' });

  // The outbox: the bill notice goes by push, encrypted and VAPID-signed, opening the bill's pay page.
  const pkg = await rig.api<{ id: number }>('packages.create', {
    name: 'Paket Budi Push',
    bandwidthUp: 10240,
    bandwidthDown: 20480,
    price: 150_000,
    billingCycle: 'monthly',
  });
  await rig.api('subscriptions.create', {
    customerId: budi.id,
    internetPackageId: pkg.id,
    startDate: '2026-01-01',
    billingDay: 1,
  });
  await rig.api('billing.generateInvoices', {});
  // The background worker sends it; on a loaded 2-core machine that can take a while.
  await expect.poll(() => push.received.length, { timeout: 60_000 }).toBe(2);
  const notice = push.received[1]!.payload as { title: string; body: string; url: string; tag: string };
  expect(notice.url).toMatch(/^\/bayar\/[A-Za-z0-9_-]{22}$/);
  expect(notice.body).not.toContain('Budi');

  // The service worker shows what the push service would deliver.
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
      const r = e.registrations.find((x) => !x.isDeleted && x.scopeURL === rig.portalUrl);
      if (r) resolve(r.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(rig.portalUrl).origin,
    registrationId: await registrationId,
    data: JSON.stringify(notice),
  });
  const shown = async () =>
    page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        tag: n.tag,
        url: (n.data as { url: string }).url,
      })),
    );
  await expect.poll(shown).toEqual([{ title: notice.title, body: notice.body, tag: notice.tag, url: notice.url }]);

  await page.getByRole('button', { name: 'Matikan' }).click();
  await expect(page.getByText('Notifikasi belum aktif di perangkat ini.')).toBeVisible();
  expect(rows(budi.id)).toEqual([]);
});

test('a subscription the server refuses is shown with the field in Indonesian, and nothing is stored', async ({
  page,
  context,
}) => {
  const sari = await billedCustomer(rig, 'Sari Push', 150_000);
  const good = push.subscribe();
  await pushDouble(context, page, { endpoint: good.endpoint.replace('https:', 'http:'), keys: good.keys });
  await signInPortal(page, rig, sari);
  await page.getByRole('tab', { name: 'Akun' }).click();
  await page.getByRole('button', { name: 'Aktifkan notifikasi' }).click();
  await expect(page.getByTestId('push-error')).toHaveText(
    'Notifikasi tidak bisa diaktifkan: subscription.endpoint: Endpoint push harus alamat https://',
  );
  await expect(page.getByText('Notifikasi belum aktif di perangkat ini.')).toBeVisible();
  expect(rows(sari.id)).toEqual([]);
});

test('staff: Pesan → Kanal → Push shows the key, finds a customer\'s device, and "Kirim uji" shows the push service\'s answer', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const joko = await billedCustomer(rig, 'Joko Push', 150_000);
  const sub = push.subscribe();
  rig.sql((db) =>
    db
      .prepare(
        `INSERT INTO push_subscriptions(customer_id, endpoint, p256dh, auth, device) VALUES (?, ?, ?, ?, 'Firefox · Android')`,
      )
      .run(joko.id, sub.endpoint, sub.keys.p256dh, sub.keys.auth),
  );
  await signInPage(page, rig.host, '#/messages');
  await page.getByRole('tab', { name: 'Kanal' }).click();
  await page.getByText('Push (portal)', { exact: true }).click();
  await expect(page.getByTestId('push-public-key')).toHaveText(publicKey);
  await expect(page.getByLabel('Kontak untuk layanan push')).toHaveValue('mailto:noc@netdesa.id');
  await page.getByLabel('ID pelanggan').fill(String(joko.id));
  await page.getByRole('button', { name: 'Cari perangkat' }).click();
  await expect(page.getByLabel('Perangkat', { exact: true }).first()).toHaveValue(
    new RegExp(`^Firefox · Android · ${new URL(push.origin).host}`),
  );
  const before = push.received.length;
  await page.getByRole('button', { name: 'Kirim uji' }).click();
  await expect(page.getByTestId('push-test-answer')).toContainText('201', { timeout: 30_000 });
  expect(push.received.length).toBe(before + 1);

  // The browser dropped the subscription: the answer says so and the device is removed.
  push.unsubscribe(sub.id);
  await page.getByRole('button', { name: 'Kirim uji' }).click();
  await expect(page.getByTestId('push-test-answer')).toContainText('Langganan notifikasi sudah tidak berlaku', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('push-test-answer')).toContainText('410');
  expect(rows(joko.id)).toEqual([]);

  // Quiet hours: a time the app cannot read exactly is refused on its field and nothing is saved; then
  // 22:00–06:00 is kept, and clearing both boxes means "any hour" again.
  const quiet = () =>
    rig.sql((db) =>
      db.prepare(`SELECT quiet_start AS s, quiet_end AS e FROM message_channels WHERE channel = 'push'`).get(),
    ) as { s: string | null; e: string | null };
  const from = page.getByLabel('Jam tenang mulai (JJ:MM, kosong = tanpa)');
  const until = page.getByLabel('Jam tenang selesai (JJ:MM)');
  const form = page.getByTestId('push-settings');
  await expect(from).toHaveValue('');
  await from.fill('22.00');
  await until.fill('06:00');
  await form.getByRole('button', { name: 'Simpan kanal' }).click();
  await expect(form.getByText('Jam harus berformat JJ:mm (24 jam)')).toBeVisible();
  expect(quiet()).toEqual({ s: null, e: null });
  await from.fill('22:00');
  await form.getByRole('button', { name: 'Simpan kanal' }).click();
  await expect(page.getByText('Kanal tersimpan')).toBeVisible();
  await expect(from).toHaveValue('22:00');
  expect(quiet()).toEqual({ s: '22:00', e: '06:00' });
  await from.fill('');
  await until.fill('');
  await form.getByRole('button', { name: 'Simpan kanal' }).click();
  await expect.poll(quiet).toEqual({ s: null, e: null });
});
