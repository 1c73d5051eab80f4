import type { BillingCycle } from '../../../src-shared/contract/packages';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

const byMonth = (rows: { m: string; n: number }[]) => new Map(rows.map((r) => [r.m, r.n]));

/**
 * Net change in active customers per month (`YYYY-MM`) of customer_status_history, from its
 * trigger-maintained monthly summary (report_monthly_customers, drizzle/0023): a row per month instead
 * of a scan of every status change, which was the report's whole cost.
 */
export function activeDeltaByMonth(db: Sqlite): { m: string; d: number }[] {
  return prepared<[], { m: string; d: number }>(
    db,
    `SELECT month AS m, active_delta AS d FROM report_monthly_customers`,
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

/** Customers who became inactive per month, from the first to the last month (`YYYY-MM`) inclusive. */
export function churnedByMonth(db: Sqlite, fromMonth: string, toMonth: string): Map<string, number> {
  return byMonth(
    prepared<[string, string], { m: string; n: number }>(
      db,
      `SELECT month AS m, churned AS n FROM report_monthly_customers WHERE month BETWEEN ? AND ? AND churned != 0`,
    ).all(fromMonth, toMonth),
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

/** Customers per status, from the trigger-maintained report_customer_status (a row per brand × status). */
export function customersByStatus(db: Sqlite): { status: string; customers: number }[] {
  return prepared<[], { status: string; customers: number }>(
    db,
    `SELECT status, sum(customers) AS customers FROM report_customer_status
     GROUP BY status HAVING sum(customers) > 0 ORDER BY status`,
  ).all();
}
