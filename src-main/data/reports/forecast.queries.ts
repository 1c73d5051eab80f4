import type { BillingCycle } from '../../../src-shared/contract/packages';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import { BRAND_FILTER, type BrandFilter } from './brand-filter';

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
 * subscriptions share them (what the invoice run would charge depends on the terms alone). Issue 20: the
 * forecast evaluates each set of terms once instead of once per subscription (a handful of sets for
 * 50,000 subscriptions).
 */
export function activeSubscriptionTerms(db: Sqlite, brands: BrandFilter): SubscriptionTermsRow[] {
  return prepared<
    { brands: BrandFilter },
    Omit<SubscriptionTermsRow, 'autoRenew' | 'prorateFirst'> & { autoRenew: number; prorateFirst: number }
  >(
    db,
    `SELECT s.start_date AS startDate, s.end_date AS endDate, s.auto_renew AS autoRenew, s.billing_day AS billingDay,
            s.prorate_first AS prorateFirst, s.monthly_fee AS fee, p.billing_cycle AS cycle, count(*) AS count
     FROM subscriptions s JOIN internet_packages p ON p.id = s.internet_package_id WHERE s.status = 'active' ${BRAND_FILTER('s.customer_id')}
     GROUP BY s.start_date, s.end_date, s.auto_renew, s.billing_day, s.prorate_first, s.monthly_fee, p.billing_cycle`,
  )
    .all({ brands })
    .map((r) => ({ ...r, autoRenew: r.autoRenew === 1, prorateFirst: r.prorateFirst === 1 }));
}
