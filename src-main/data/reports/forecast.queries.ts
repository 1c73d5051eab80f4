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
}

/** The billing terms of every active subscription (what the invoice run would charge), of `brands`' customers. */
export function activeSubscriptionTerms(db: Sqlite, brands: BrandFilter): SubscriptionTermsRow[] {
  return prepared<
    { brands: BrandFilter },
    Omit<SubscriptionTermsRow, 'autoRenew' | 'prorateFirst'> & { autoRenew: number; prorateFirst: number }
  >(
    db,
    `SELECT s.start_date AS startDate, s.end_date AS endDate, s.auto_renew AS autoRenew, s.billing_day AS billingDay,
            s.prorate_first AS prorateFirst, s.monthly_fee AS fee, p.billing_cycle AS cycle
     FROM subscriptions s JOIN internet_packages p ON p.id = s.internet_package_id WHERE s.status = 'active' ${BRAND_FILTER('s.customer_id')}`,
  )
    .all({ brands })
    .map((r) => ({ ...r, autoRenew: r.autoRenew === 1, prorateFirst: r.prorateFirst === 1 }));
}
