/** Which subscription bills a PPPoE account, and the active accounts that none bills. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface AccountRef {
  id: number;
  customerId: number;
  packageId: number;
  username: string;
}

export function findAccountRef(db: Sqlite, accountId: number): AccountRef | undefined {
  return prepared<[number], AccountRef>(
    db,
    'SELECT id, customer_id AS customerId, internet_package_id AS packageId, username FROM pppoe_accounts WHERE id = ?',
  ).get(accountId);
}

/**
 * The active subscription billing this account: the one linked to it, else an active unlinked one of
 * the same customer and package. Customer first, so the lookup uses subs_customer_idx.
 */
export function coveringSubscription(db: Sqlite, a: AccountRef): { id: number; accountId: number | null } | undefined {
  return prepared<
    { customerId: number; accountId: number; packageId: number },
    { id: number; accountId: number | null }
  >(
    db,
    `SELECT s.id, s.pppoe_account_id AS accountId FROM subscriptions s
     WHERE s.customer_id = @customerId AND s.status = 'active'
       AND (s.pppoe_account_id = @accountId OR (s.pppoe_account_id IS NULL AND s.internet_package_id = @packageId))
     ORDER BY s.pppoe_account_id IS NULL, s.id LIMIT 1`,
  ).get({ customerId: a.customerId, accountId: a.id, packageId: a.packageId });
}

/** The account's active subscriptions on another package than `packageId`. */
export function subscriptionsOffPackage(db: Sqlite, accountId: number, packageId: number): number[] {
  return prepared<[number, number], { id: number }>(
    db,
    "SELECT id FROM subscriptions WHERE pppoe_account_id = ? AND status = 'active' AND internet_package_id != ?",
  )
    .all(accountId, packageId)
    .map((r) => r.id);
}

/** The account's subscriptions that never invoiced anything, every column (for the audit row). */
export function uninvoicedSubscriptions(db: Sqlite, accountId: number): ({ id: number } & Record<string, unknown>)[] {
  return prepared<[number], { id: number } & Record<string, unknown>>(
    db,
    `SELECT * FROM subscriptions s WHERE s.pppoe_account_id = ?
       AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.subscription_id = s.id)`,
  ).all(accountId);
}

/** Deletes a subscription that has no financial history (the caller checked: no invoices). */
export function deleteSubscription(db: Sqlite, id: number): void {
  prepared(db, 'DELETE FROM subscriptions WHERE id = ?').run(id);
}

// ------------------------------------------------------------------ unbilled accounts

const UNBILLED_WHERE = `a.status = 'active' AND c.status != 'inactive'
  AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.customer_id = a.customer_id AND s.status = 'active'
    AND (s.pppoe_account_id = a.id OR (s.pppoe_account_id IS NULL AND s.internet_package_id = a.internet_package_id)))`;
const UNBILLED_FROM = 'FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id';

export interface UnbilledAccount {
  accountId: number;
  username: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  packageName: string;
  price: number;
  createdAt: string;
}

/** Active accounts of billable customers that no active subscription bills: how many, and the first `limit`. */
export function unbilledAccounts(db: Sqlite, limit: number): { count: number; items: UnbilledAccount[] } {
  const count = prepared<[], { n: number }>(db, `SELECT count(*) AS n ${UNBILLED_FROM} WHERE ${UNBILLED_WHERE}`).get()!
    .n;
  const items = prepared<[number], UnbilledAccount>(
    db,
    `SELECT a.id AS accountId, a.username, a.customer_id AS customerId, c.customer_code AS customerCode,
            c.name AS customerName, p.name AS packageName, p.price, a.created_at AS createdAt
     ${UNBILLED_FROM} JOIN internet_packages p ON p.id = a.internet_package_id WHERE ${UNBILLED_WHERE}
     ORDER BY a.id LIMIT ?`,
  ).all(limit);
  return { count, items };
}

export function unbilledAccountIds(db: Sqlite): number[] {
  return prepared<[], { id: number }>(db, `SELECT a.id ${UNBILLED_FROM} WHERE ${UNBILLED_WHERE} ORDER BY a.id`)
    .all()
    .map((r) => r.id);
}
