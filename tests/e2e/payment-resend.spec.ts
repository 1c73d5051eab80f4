import net from 'node:net';
import type { Api } from './fixtures';
import { expect, signInAsCashier, test } from './fixtures';
import { CashDeskPage } from './pages/CashDeskPage';

/*
 * Issue 17: a payment whose answer is lost on the way back (the office link drops after the request left)
 * is sent again with the same client request id, and the office takes it once. Two processes each time:
 * the office (the built host) and its client (the browser's cash desk, or a seat's HTTP client behind a
 * proxy that drops the office's answer).
 */

/** A customer with one open 150.000 invoice. */
async function billedCustomer(api: Api, name: string, phone: string) {
  await api.ok('settings.update', { autoInvoiceRun: false });
  const pkg = await api.ok('packages.create', {
    name: `Rumah ${phone.slice(-4)}`,
    bandwidthUp: 5120,
    bandwidthDown: 10240,
    price: 150_000,
    billingCycle: 'monthly',
  });
  const c = await api.ok('customers.create', { name, phone });
  await api.ok('subscriptions.create', { customerId: c.id, internetPackageId: pkg.id, billingDay: 1 });
  await api.ok('billing.generateInvoices', {});
  return c;
}

const paymentsOf = async (api: Api, customerId: number) => (await api.ok('payments.list', { customerId })).items;

test.describe('a payment whose answer was lost', () => {
  test.setTimeout(90_000);

  test('cash desk: the network drops after the request left; the desk says the state is unknown, "Kirim ulang" gives one payment', async ({
    page,
    host,
    api,
  }) => {
    const c = await billedCustomer(api, 'Sari Resend', '081399990001');
    await signInAsCashier(page, host, api, 'kasir-resend', 'Kasir Resend');
    const desk = new CashDeskPage(page);
    await desk.goto(host.url);
    await desk.openShift('100000');
    await desk.findAndSelect('Sari Resend', 'Sari Resend');

    // The first send reaches the office and is taken there; its answer never reaches the page.
    const sent: string[] = [];
    let dropped = false;
    await page.route('**/api/payments.create', async (route) => {
      sent.push(route.request().postData() ?? '');
      if (dropped) return route.continue();
      dropped = true;
      const answer = await route.fetch();
      expect(answer.status()).toBe(200);
      await route.abort('connectionreset');
    });
    await desk.amount.fill('150000');
    await page.keyboard.press('Enter');
    const unknown = page.getByTestId('unknown-outcome');
    await expect(unknown).toBeVisible();
    await expect(unknown).toContainText('Status pembayaran belum diketahui');
    await expect(desk.done).toBeHidden();
    const taken = await paymentsOf(api, c.id);
    expect(taken).toHaveLength(1); // the office did take it

    await unknown.getByRole('button', { name: 'Kirim ulang' }).click();
    await expect(desk.done).toContainText(`Pembayaran ${taken[0]!.paymentNumber} diterima`);
    await expect(desk.done.getByTestId('replayed')).toBeVisible();
    await expect(desk.remaining).toHaveText('Rp 0');
    expect(await paymentsOf(api, c.id)).toHaveLength(1);
    // Both sends carried the same id.
    const ids = sent.map((body) => (JSON.parse(body) as { clientRequestId: string }).clientRequestId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);

    // The list shows one payment for the customer.
    await page.goto(`${host.url}/#/payments`);
    await expect(page.getByText(taken[0]!.paymentNumber)).toHaveCount(1);
  });

  test('a seat behind a link that drops the office’s answer: the resend with the same id gives one payment', async ({
    host,
    api,
  }) => {
    const c = await billedCustomer(api, 'Budi Proxy', '081399990002');
    await api.ok('users.create', {
      username: 'kasir-seat',
      fullName: 'Kasir Seat',
      role: 'staff',
      password: 'Kasir-Depan-2026!',
      mustChangePassword: false,
    });
    const office = new URL(host.url);
    // The link between seat and office: forwards the request, and while `drop` is set closes the seat's
    // socket as soon as the office's answer starts coming back (the office has committed by then).
    let drop = true;
    let droppedAnswers = 0;
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((seat) => {
      const upstream = net.connect(Number(office.port), office.hostname);
      for (const s of [seat, upstream]) {
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
      }
      seat.pipe(upstream);
      upstream.on('data', (chunk) => {
        if (drop) {
          droppedAnswers += 1;
          seat.destroy();
          upstream.destroy();
        } else seat.write(chunk);
      });
      upstream.on('end', () => seat.end());
      upstream.on('error', () => seat.destroy());
      seat.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const link = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    try {
      const post = (channel: string, body: unknown, token?: string) =>
        fetch(`${link}/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
      drop = false;
      const login = (await (
        await post('auth.login', { username: 'kasir-seat', password: 'Kasir-Depan-2026!' })
      ).json()) as {
        value: { token: string };
      };
      const token = login.value.token;
      await post('shifts.open', { openingCash: 0 }, token);

      const payment = {
        customerId: c.id,
        amount: 150_000,
        method: 'cash',
        clientRequestId: '5e0b7d1c-2f4a-4c8e-9b6d-1a3f5c7e9d20',
      };
      drop = true;
      await expect(post('payments.create', payment, token)).rejects.toThrow();
      expect(droppedAnswers).toBeGreaterThan(0);
      expect(await paymentsOf(api, c.id)).toHaveLength(1);

      drop = false;
      const again = (await (await post('payments.create', payment, token)).json()) as {
        ok: boolean;
        value: { id: number; replayed?: boolean };
      };
      expect(again.ok).toBe(true);
      expect(again.value.replayed).toBe(true);
      const list = await paymentsOf(api, c.id);
      expect(list.map((p) => p.id)).toEqual([again.value.id]);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => proxy.close(r));
    }
  });
});
