import { expect, test } from '@playwright/test';
import { ADMIN, startHost, type Host } from './helpers/host';
import { notificationsListening, recordNotifications, shownNotifications } from './helpers/notifications';

/*
 * Staff desktop notifications in the browser host: a customer opens a ticket in the portal and the
 * signed-in desk shows a Notification; the user switches the kind off in Menu → Notifikasi desktop.
 * The page's Notification is a recorder (Chromium's real pop-up cannot be observed from a test).
 */
let host: Host;
let customer: { code: string; password: string };

async function staffApi<T>(channel: string, input: unknown, token: string): Promise<T> {
  const res = await fetch(`${host.url}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.value;
}

async function portalTicket(text: string) {
  const login = await fetch(`${host.portalUrl}api/portal.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: customer.code, password: customer.password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const r = await fetch(`${host.portalUrl}api/portal.tickets.open`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ category: 'gangguan', text }),
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { value: { ticket: { id: number } } }).value.ticket.id;
}

test.beforeAll(async () => {
  host = await startHost({ portal: true });
  const r = await fetch(`${host.url}/api/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const token = ((await r.json()) as { value: { token: string } }).value.token;
  const c = await staffApi<{ id: number; customerCode: string }>('customers.create', { name: 'Dewi Lestari' }, token);
  const { password } = await staffApi<{ password: string }>(
    'customers.resetPortalPassword',
    { customerId: c.id },
    token,
  );
  customer = { code: c.customerCode, password };
});
test.afterAll(async () => {
  await host?.stop();
});

test('a new ticket shows a desktop notification on the signed-in desk; the user can switch the kind off', async ({
  page,
}) => {
  await recordNotifications(page);
  const r = await page.request.post(`${host.url}/api/auth.login`, { data: ADMIN });
  expect(r.ok()).toBeTruthy();
  await page.goto(`${host.url}/#/dashboard`);
  await notificationsListening(page);

  const first = await portalTicket('Internet mati sejak pagi');
  await expect
    .poll(() => shownNotifications(page))
    .toEqual([{ title: 'Tiket baru', body: `Tiket #${first} dari Dewi Lestari` }]);

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Notifikasi desktop' }).click();
  const sw = page.getByRole('switch', { name: 'Tiket baru dari pelanggan' });
  await expect(sw).toBeChecked();
  await sw.click();
  await expect(sw).not.toBeChecked();
  await expect
    .poll(async () => (await page.request.post(`${host.url}/api/messages.staffPrefs`, { data: {} })).json())
    .toMatchObject({ value: { ticket_new: false, router_down: true } });
});
