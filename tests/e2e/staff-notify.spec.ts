import { expect, test } from '@playwright/test';
import { ADMIN, startHost, type Host } from './helpers/host';

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
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const notes: { title: string; body?: string }[] = [];
    const names: string[] = [];
    w.__notes = notes;
    w.__streamNames = names;
    w.Notification = class {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      constructor(title: string, opts?: { body?: string }) {
        notes.push({ title, body: opts?.body });
      }
    };
    // Which events the page listens to on its open stream: the test waits for that, never for time.
    const streams: EventSource[] = [];
    const add = EventSource.prototype.addEventListener as (this: EventSource, ...a: unknown[]) => void;
    EventSource.prototype.addEventListener = function (this: EventSource, name: string, ...rest: unknown[]) {
      names.push(name);
      if (!streams.includes(this)) streams.push(this);
      add.call(this, name, ...rest);
    } as typeof EventSource.prototype.addEventListener;
    w.__streamOpen = () => names.includes('staff.notify') && streams.some((s) => s.readyState === EventSource.OPEN);
  });
  const r = await page.request.post(`${host.url}/api/auth.login`, { data: ADMIN });
  expect(r.ok()).toBeTruthy();
  await page.goto(`${host.url}/#/dashboard`);
  // The page listens for staff.notify on an open stream: an event sent now reaches it.
  await page.waitForFunction(() => (window as unknown as { __streamOpen(): boolean }).__streamOpen());

  const first = await portalTicket('Internet mati sejak pagi');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes))
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
