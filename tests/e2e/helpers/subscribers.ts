import type { Api } from '../fixtures';

/*
 * The set-up of the specs about a paying customer (desk, gateway, reseller, automation): a package, a customer
 * subscribed to it, and their PPPoE account as rows only (no router: these specs are about billing, and the
 * sync queue is covered by the network specs). Made through the API as the office would, except the account.
 */

export interface SubscriberSetUp {
  pkg: { name: string; price: number; bandwidthUp: number; bandwidthDown: number };
  customer: { name: string; phone?: string };
  /** The subscription's start (the service's default: today). */
  startDate?: string;
  billingDay?: number;
  /** The PPPoE account's username; none is made without it. Its profile is the package's name, dashed. */
  username?: string;
}

/** Creates the package, the customer, the subscription and (with `username`) an active PPPoE account. */
export async function subscriber(api: Api, s: SubscriberSetUp) {
  const pkg = await api.ok('packages.create', { ...s.pkg, billingCycle: 'monthly' });
  const customer = await api.ok('customers.create', s.customer);
  await api.ok('subscriptions.create', {
    customerId: customer.id,
    internetPackageId: pkg.id,
    ...(s.startDate ? { startDate: s.startDate } : {}),
    ...(s.billingDay ? { billingDay: s.billingDay } : {}),
  });
  if (s.username) {
    const username = s.username;
    api.sql((db) => {
      const now = new Date().toISOString();
      db.prepare(
        `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, status, created_at, updated_at)
         VALUES (?, ?, ?, 'x', ?, 'active', ?, ?)`,
      ).run(customer.id, pkg.id, username, s.pkg.name.replace(/\s+/g, '-'), now, now);
    });
  }
  return { pkg, customer };
}

/** Moves every bill of the customer's due date far into the past (well beyond any grace period), as another program would. */
export function makeOverdue(api: Api, customerId: number) {
  api.sql((db) => db.prepare(`UPDATE invoices SET due_date = '2026-01-10' WHERE customer_id = ?`).run(customerId));
}

/** The PPPoE account's status as stored ('active', 'suspended'…). */
export function accountStatus(api: Api, username: string): string {
  let status = '';
  api.sql((db) => {
    status = (db.prepare('SELECT status FROM pppoe_accounts WHERE username = ?').get(username) as { status: string })
      .status;
  });
  return status;
}
