/** Subscriptions: what each customer is billed for, and which PPPoE account a subscription bills. */
import type { BillingCycle } from '../../../src-shared/contract/packages';
import type { Subscription } from '../../../src-shared/contract/subscriptions';
import type { Sqlite } from '../../db/open';
import { whereOf } from '../sql';
import { prepared } from '../statements';

const SUBSCRIPTION_SELECT = `
  SELECT s.id, s.customer_id AS customerId, c.customer_code AS customerCode, c.name AS customerName,
         s.internet_package_id AS internetPackageId, p.name AS packageName, p.price AS packagePrice,
         p.billing_cycle AS billingCycle, s.pppoe_account_id AS pppoeAccountId, a.username AS pppoeUsername,
         s.start_date AS startDate, s.end_date AS endDate, s.monthly_fee AS monthlyFee, s.fee_note AS feeNote,
         s.status, s.auto_renew AS autoRenew, s.billing_day AS billingDay, s.prorate_first AS prorateFirst,
         s.notes, (SELECT max(period) FROM invoices i WHERE i.subscription_id = s.id) AS lastInvoicedPeriod,
         s.created_at AS createdAt, s.updated_at AS updatedAt
  FROM subscriptions s
  JOIN customers c ON c.id = s.customer_id
  JOIN internet_packages p ON p.id = s.internet_package_id
  LEFT JOIN pppoe_accounts a ON a.id = s.pppoe_account_id`;

const SUBSCRIPTION_BY_ID = `${SUBSCRIPTION_SELECT} WHERE s.id = ?`;

type SubscriptionRow = Omit<Subscription, 'autoRenew' | 'prorateFirst'> & { autoRenew: number; prorateFirst: number };

const toSubscription = (r: SubscriptionRow): Subscription => ({
  ...r,
  autoRenew: r.autoRenew === 1,
  prorateFirst: r.prorateFirst === 1,
});

export function findSubscription(db: Sqlite, id: number): Subscription | undefined {
  const row = prepared<[number], SubscriptionRow>(db, SUBSCRIPTION_BY_ID).get(id);
  return row && toSubscription(row);
}

export interface SubscriptionFilter {
  status?: Subscription['status'];
  customerId?: number;
  internetPackageId?: number;
  /** A LIKE pattern (escaped with `\\`) matched against customer, package and PPPoE username. */
  like?: string;
  page: number;
  pageSize: number;
}

/** One page of subscriptions by customer name, with the filter's count. */
export function listSubscriptions(db: Sqlite, f: SubscriptionFilter): { items: Subscription[]; total: number } {
  const { where: w, params } = whereOf([
    f.status && ['s.status = ?', f.status],
    f.customerId && ['s.customer_id = ?', f.customerId],
    f.internetPackageId && ['s.internet_package_id = ?', f.internetPackageId],
    f.like && [
      "(c.search_text LIKE ? ESCAPE '\\' OR lower(p.name) LIKE ? ESCAPE '\\' OR lower(a.username) LIKE ? ESCAPE '\\')",
      f.like,
      f.like,
      f.like,
    ],
  ]);
  const total = prepared<unknown[], { n: number }>(
    db,
    `SELECT count(*) AS n FROM subscriptions s JOIN customers c ON c.id = s.customer_id
       JOIN internet_packages p ON p.id = s.internet_package_id LEFT JOIN pppoe_accounts a ON a.id = s.pppoe_account_id ${w}`,
  ).get(...params)!.n;
  const rows = prepared<unknown[], SubscriptionRow>(
    db,
    `${SUBSCRIPTION_SELECT} ${w} ORDER BY c.name COLLATE NOCASE, s.id LIMIT ? OFFSET ?`,
  ).all(...params, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: rows.map(toSubscription), total };
}

/** The columns a subscription's create and update write. */
export interface SubscriptionValues {
  customerId: number;
  internetPackageId: number;
  pppoeAccountId: number | null;
  startDate: string;
  endDate: string | null;
  monthlyFee: number;
  feeNote: string | null;
  status: Subscription['status'];
  autoRenew: boolean;
  billingDay: number;
  prorateFirst: boolean;
  notes: string | null;
}

/** The values of SubscriptionValues in the column order both the insert and the update name them. */
const subscriptionColumns = (v: SubscriptionValues) => [
  v.customerId,
  v.internetPackageId,
  v.pppoeAccountId,
  v.startDate,
  v.endDate,
  v.monthlyFee,
  v.feeNote,
  v.status,
  v.autoRenew ? 1 : 0,
  v.billingDay,
  v.prorateFirst ? 1 : 0,
  v.notes,
];

export function insertSubscription(db: Sqlite, v: SubscriptionValues, now: string): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO subscriptions(customer_id, internet_package_id, pppoe_account_id, start_date, end_date, monthly_fee,
         fee_note, status, auto_renew, billing_day, prorate_first, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...subscriptionColumns(v), now, now);
  return Number(lastInsertRowid);
}

export function updateSubscriptionRow(db: Sqlite, id: number, v: SubscriptionValues, now: string): void {
  prepared(
    db,
    `UPDATE subscriptions SET customer_id = ?, internet_package_id = ?, pppoe_account_id = ?, start_date = ?, end_date = ?,
         monthly_fee = ?, fee_note = ?, status = ?, auto_renew = ?, billing_day = ?, prorate_first = ?, notes = ?, updated_at = ?
       WHERE id = ?`,
  ).run(...subscriptionColumns(v), now, id);
}

export function hasInvoices(db: Sqlite, subscriptionId: number): boolean {
  return !!prepared<[number], { one: number }>(
    db,
    'SELECT 1 AS one FROM invoices WHERE subscription_id = ? LIMIT 1',
  ).get(subscriptionId);
}

export function packagePrice(db: Sqlite, packageId: number): number | undefined {
  return prepared<[number], { price: number }>(db, 'SELECT price FROM internet_packages WHERE id = ?').get(packageId)
    ?.price;
}

export interface PackageTerms {
  name: string;
  price: number;
  cycle: BillingCycle;
}

export function findPackageTerms(db: Sqlite, packageId: number): PackageTerms | undefined {
  return prepared<[number], PackageTerms>(
    db,
    'SELECT name, price, billing_cycle AS cycle FROM internet_packages WHERE id = ?',
  ).get(packageId);
}

export function accountOwner(db: Sqlite, accountId: number): number | undefined {
  return prepared<[number], { customerId: number }>(
    db,
    'SELECT customer_id AS customerId FROM pppoe_accounts WHERE id = ?',
  ).get(accountId)?.customerId;
}

/** Another active subscription (not `selfId`) already billing this account. */
export function otherActiveSubscriptionOf(db: Sqlite, accountId: number, selfId: number): number | undefined {
  return prepared<[number, number], { id: number }>(
    db,
    "SELECT id FROM subscriptions WHERE pppoe_account_id = ? AND status = 'active' AND id != ? LIMIT 1",
  ).get(accountId, selfId)?.id;
}

/** A subscription's terms and its latest invoiced period (the account dialog's preview). */
export interface SubscriptionTermsRow {
  id: number;
  startDate: string;
  endDate: string | null;
  autoRenew: boolean;
  billingDay: number;
  prorateFirst: boolean;
  fee: number;
  packageId: number;
  last: string | null;
}

export function subscriptionTerms(db: Sqlite, id: number): SubscriptionTermsRow | undefined {
  const row = prepared<
    [number],
    Omit<SubscriptionTermsRow, 'autoRenew' | 'prorateFirst'> & { autoRenew: number; prorateFirst: number }
  >(
    db,
    `SELECT s.id, s.start_date AS startDate, s.end_date AS endDate, s.auto_renew AS autoRenew, s.billing_day AS billingDay,
            s.prorate_first AS prorateFirst, s.monthly_fee AS fee, s.internet_package_id AS packageId,
            (SELECT max(period) FROM invoices i WHERE i.subscription_id = s.id) AS last
     FROM subscriptions s WHERE s.id = ?`,
  ).get(id);
  return row && { ...row, autoRenew: row.autoRenew === 1, prorateFirst: row.prorateFirst === 1 };
}

/** Billing day, start and cycle of a subscription: the service period printed on its invoices. */
export function servicePeriodTerms(
  db: Sqlite,
  id: number,
): { billingDay: number; startDate: string; cycle: BillingCycle } | undefined {
  return prepared<[number], { billingDay: number; startDate: string; cycle: BillingCycle }>(
    db,
    `SELECT s.billing_day AS billingDay, s.start_date AS startDate, p.billing_cycle AS cycle
       FROM subscriptions s JOIN internet_packages p ON p.id = s.internet_package_id WHERE s.id = ?`,
  ).get(id);
}
