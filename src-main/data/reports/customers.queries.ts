import type { BillingCycle } from '../../../src-shared/contract/packages';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

const byMonth = (rows: { m: string; n: number }[]) => new Map(rows.map((r) => [r.m, r.n]));

/** Net change in active customers per month (`YYYY-MM`), from customer_status_history. */
export function activeDeltaByMonth(db: Sqlite): { m: string; d: number }[] {
  return prepared<[], { m: string; d: number }>(
    db,
    `SELECT substr(changed_on, 1, 7) AS m,
            sum((to_status = 'active') - (coalesce(from_status, '') = 'active')) AS d
     FROM customer_status_history GROUP BY m`,
  ).all();
}

/** Customers who joined per month between two days. */
export function joinedByMonth(db: Sqlite, from: string, to: string): Map<string, number> {
  return byMonth(
    prepared<[string, string], { m: string; n: number }>(
      db,
      `SELECT substr(join_date, 1, 7) AS m, count(*) AS n FROM customers WHERE join_date BETWEEN ? AND ? GROUP BY m`,
    ).all(from, to),
  );
}

/** Customers who became inactive per month between two days. */
export function churnedByMonth(db: Sqlite, from: string, to: string): Map<string, number> {
  return byMonth(
    prepared<[string, string], { m: string; n: number }>(
      db,
      `SELECT substr(changed_on, 1, 7) AS m, count(*) AS n FROM customer_status_history
       WHERE to_status = 'inactive' AND coalesce(from_status, '') != 'inactive' AND changed_on BETWEEN ? AND ? GROUP BY m`,
    ).all(from, to),
  );
}

/** Money collected per month between two days (deposit payments move no money). */
export function collectedByMonth(db: Sqlite, from: string, to: string): Map<string, number> {
  return byMonth(
    prepared<[string, string], { m: string; n: number }>(
      db,
      `SELECT substr(day, 1, 7) AS m, sum(amount) AS n FROM report_daily_payments
       WHERE day BETWEEN ? AND ? AND method != 'deposit' GROUP BY m`,
    ).all(from, to),
  );
}

/** Active subscriptions and their summed fees per package. */
export function activeSubscriptionsByPackage(
  db: Sqlite,
): { packageId: number; name: string; cycle: BillingCycle; subscriptions: number; fees: number }[] {
  return prepared<[], { packageId: number; name: string; cycle: BillingCycle; subscriptions: number; fees: number }>(
    db,
    `SELECT p.id AS packageId, p.name, p.billing_cycle AS cycle, count(s.id) AS subscriptions, coalesce(sum(s.monthly_fee), 0) AS fees
     FROM internet_packages p JOIN subscriptions s ON s.internet_package_id = p.id AND s.status = 'active'
     GROUP BY p.id ORDER BY subscriptions DESC, p.name`,
  ).all();
}

export function customersByStatus(db: Sqlite): { status: string; customers: number }[] {
  return prepared<[], { status: string; customers: number }>(
    db,
    `SELECT status, count(*) AS customers FROM customers GROUP BY status ORDER BY status`,
  ).all();
}
