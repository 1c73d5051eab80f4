import type { TestApp } from '../../helpers/app';

/** A package, n customers each with a monthly subscription (billing day 1), and an open shift for admin. */
export async function seedBilling(
  t: TestApp,
  opts: { customers?: number; price?: number; startDate?: string; openShift?: boolean; billingDay?: number } = {},
) {
  const pkg = await t.ok('packages.create', {
    name: 'Paket Home 10 Mbps',
    bandwidthUp: 5120,
    bandwidthDown: 10240,
    price: opts.price ?? 250_000,
    billingCycle: 'monthly',
  });
  const customers = [];
  const subs = [];
  for (let i = 0; i < (opts.customers ?? 2); i++) {
    const c = await t.ok('customers.create', {
      name: `Pelanggan ${i + 1}`,
      phone: `0812000000${String(i).padStart(2, '0')}`,
    });
    customers.push(c);
    subs.push(
      await t.ok('subscriptions.create', {
        customerId: c.id,
        internetPackageId: pkg.id,
        startDate: opts.startDate ?? '2026-10-01',
        billingDay: opts.billingDay ?? 1,
      }),
    );
  }
  if (opts.openShift !== false) await t.ok('shifts.open', { openingCash: 100_000 });
  return { pkg, customers, subs };
}

/** A PPPoE account row for a customer (no router: isolir only changes rows and queues nothing). */
export function addAccount(
  t: TestApp,
  customerId: number,
  packageId: number,
  username: string,
  expiresAt: string | null = null,
): number {
  const now = t.clock.now().toISOString();
  const r = t.app.ctx.sqlite
    .prepare(
      `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, status, expires_at, created_at, updated_at)
       VALUES (?, ?, ?, 'x', 'Paket-Home-10-Mbps', 'active', ?, ?, ?)`,
    )
    .run(customerId, packageId, username, expiresAt, now, now);
  return Number(r.lastInsertRowid);
}

/** Moves the fake clock and keeps the test's sign-in alive across the jump. */
export function travelTo(t: TestApp, iso: string): void {
  t.clock.set(iso);
  t.app.ctx.sqlite
    .prepare("UPDATE auth_sessions SET expires_at = '9999-12-31T00:00:00.000Z', last_seen_at = ?")
    .run(iso);
}
