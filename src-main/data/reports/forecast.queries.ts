import type { BillingCycle } from '../../../src-shared/contract/packages';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import { BRAND_COLUMN, type BrandFilter } from './brand-filter';

export interface SubscriptionTermsRow {
  startDate: string;
  endDate: string | null;
  autoRenew: boolean;
  billingDay: number;
  prorateFirst: boolean;
  fee: number;
  cycle: BillingCycle;
  /** Active subscriptions with exactly these terms. */
  count: number;
}

/**
 * The distinct billing terms of the active subscriptions of `brands`' customers, each with how many
 * subscriptions share them (what the invoice run would charge depends on the terms alone), so the forecast
 * evaluates each set of terms once. Issue 20: read from report_subscription_terms (drizzle/0040, kept by
 * triggers), a row per set of terms × package × brand, instead of grouping every active subscription.
 */
export function activeSubscriptionTerms(db: Sqlite, brands: BrandFilter): SubscriptionTermsRow[] {
  return prepared<
    { brands: BrandFilter },
    Omit<SubscriptionTermsRow, 'autoRenew' | 'prorateFirst'> & { autoRenew: number; prorateFirst: number }
  >(
    db,
    `SELECT t.start_date AS startDate, nullif(t.end_date, '') AS endDate, t.auto_renew AS autoRenew,
            t.billing_day AS billingDay, t.prorate_first AS prorateFirst, t.monthly_fee AS fee, p.billing_cycle AS cycle,
            sum(t.subscriptions) AS count
     FROM report_subscription_terms t JOIN internet_packages p ON p.id = t.package_id
     WHERE t.subscriptions > 0 ${BRAND_COLUMN('t.brand_id')}
     GROUP BY t.start_date, t.end_date, t.auto_renew, t.billing_day, t.prorate_first, t.monthly_fee, p.billing_cycle`,
  )
    .all({ brands })
    .map((r) => ({ ...r, autoRenew: r.autoRenew === 1, prorateFirst: r.prorateFirst === 1 }));
}
