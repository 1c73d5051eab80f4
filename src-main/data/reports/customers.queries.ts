import type { BillingCycle } from '../../../src-shared/contract/packages';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import { BRAND_COLUMN, type BrandFilter } from './brand-filter';

/*
 * The customers report's reads; `brands` keeps those brands' customers (null = every brand). The
 * summaries are kept per brand (drizzle/0028), so one brand reads its own rows.
 */

const byMonth = (rows: { m: string; n: number }[]) => new Map(rows.map((r) => [r.m, r.n]));

/**
 * Net change in active customers per month (`YYYY-MM`) of customer_status_history, from its
 * trigger-maintained monthly summary (report_monthly_customers): a row per month and brand instead
 * of a scan of every status change, which was the report's whole cost.
 */
export function activeDeltaByMonth(db: Sqlite, brands: BrandFilter): { m: string; d: number }[] {
  return prepared<{ brands: BrandFilter }, { m: string; d: number }>(
    db,
    `SELECT month AS m, sum(active_delta) AS d FROM report_monthly_customers WHERE 1 ${BRAND_COLUMN('brand_id')}
     GROUP BY month`,
  ).all({ brands });
}

type Range = { from: string; to: string; brands: BrandFilter };

/** Customers who joined per month between two days. */
export function joinedByMonth(db: Sqlite, from: string, to: string, brands: BrandFilter): Map<string, number> {
  return byMonth(
    prepared<Range, { m: string; n: number }>(
      db,
      `SELECT substr(join_date, 1, 7) AS m, count(*) AS n FROM customers
       WHERE join_date BETWEEN @from AND @to ${BRAND_COLUMN('brand_id')} GROUP BY m`,
    ).all({ from, to, brands }),
  );
}

/** Customers who became inactive per month, from the first to the last month (`YYYY-MM`) inclusive. */
export function churnedByMonth(db: Sqlite, fromMonth: string, toMonth: string, brands: BrandFilter) {
  return byMonth(
    prepared<Range, { m: string; n: number }>(
      db,
      `SELECT month AS m, sum(churned) AS n FROM report_monthly_customers
       WHERE month BETWEEN @from AND @to ${BRAND_COLUMN('brand_id')} GROUP BY month HAVING sum(churned) != 0`,
    ).all({ from: fromMonth, to: toMonth, brands }),
  );
}

/** Money collected per month between two days (deposit payments move no money). */
export function collectedByMonth(db: Sqlite, from: string, to: string, brands: BrandFilter): Map<string, number> {
  return byMonth(
    prepared<Range, { m: string; n: number }>(
      db,
      `SELECT substr(day, 1, 7) AS m, sum(amount) AS n FROM report_daily_payments
       WHERE day BETWEEN @from AND @to ${BRAND_COLUMN('brand_id')} AND method != 'deposit' GROUP BY m`,
    ).all({ from, to, brands }),
  );
}

/**
 * Active subscriptions (of `brands`' customers) and their summed fees per package, from the
 * trigger-maintained report_package_subscriptions (a row per package × brand, drizzle/0035) instead of
 * every active subscription joined to its customer, which was the report's whole cost at 50,000.
 */
export function activeSubscriptionsByPackage(
  db: Sqlite,
  brands: BrandFilter,
): { packageId: number; name: string; cycle: BillingCycle; subscriptions: number; fees: number }[] {
  return prepared<
    { brands: BrandFilter },
    { packageId: number; name: string; cycle: BillingCycle; subscriptions: number; fees: number }
  >(
    db,
    `SELECT p.id AS packageId, p.name, p.billing_cycle AS cycle, sum(r.subscriptions) AS subscriptions, sum(r.fees) AS fees
     FROM report_package_subscriptions r JOIN internet_packages p ON p.id = r.package_id
     WHERE 1 ${BRAND_COLUMN('r.brand_id')}
     GROUP BY p.id HAVING sum(r.subscriptions) > 0 ORDER BY subscriptions DESC, p.name`,
  ).all({ brands });
}

/** Customers per status, from the trigger-maintained report_customer_status (a row per brand × status). */
export function customersByStatus(db: Sqlite, brands: BrandFilter): { status: string; customers: number }[] {
  return prepared<{ brands: BrandFilter }, { status: string; customers: number }>(
    db,
    `SELECT status, sum(customers) AS customers FROM report_customer_status WHERE 1 ${BRAND_COLUMN('brand_id')}
     GROUP BY status HAVING sum(customers) > 0 ORDER BY status`,
  ).all({ brands });
}
