import type { CustomersReport } from '../../../src-shared/contract/reports';
import { CYCLE_MONTHS } from '../../../src-shared/contract/packages';
import {
  activeDeltaByMonth,
  activeSubscriptionsByPackage,
  churnedByMonth,
  collectedByMonth,
  customersByStatus,
  joinedByMonth,
} from '../../data/reports/customers.queries';
import type { BrandFilter } from '../../data/reports/brand-filter';
import type { AppContext } from '../context';
import { bucketKeys, monthBounds } from './common';

/**
 * Growth and churn per month. A customer's status over time comes from customer_status_history
 * (one row per change); the number active at a date is the running sum of (to = active) − (from =
 * active). Every customer has an initial history row on its join date (a trigger writes it on insert),
 * so the replay needs nothing else. Churned = became inactive. `brands` limits it to those brands' customers.
 */
export function customersReport(
  app: AppContext,
  input: { from: string; to: string; brandId?: number },
  brands: BrandFilter = null,
): CustomersReport {
  const db = app.sqlite;
  const months = bucketKeys(input.from, input.to, 'month');
  const firstDay = monthBounds(months[0]!).first;

  // Net change in active customers per month, and the active count before the range.
  const deltas = activeDeltaByMonth(db, brands);
  const delta = new Map<string, number>();
  for (const r of deltas) delta.set(r.m, (delta.get(r.m) ?? 0) + r.d);
  let active = 0;
  for (const [m, d] of delta) if (m < months[0]!) active += d;

  const lastDay = monthBounds(months.at(-1)!).last;
  const newByMonth = joinedByMonth(db, firstDay, lastDay, brands);
  const churnByMonth = churnedByMonth(db, months[0]!, months.at(-1)!, brands);
  const collectedMonthly = collectedByMonth(db, firstDay, lastDay, brands);

  const rows = months.map((period) => {
    const activeAtStart = active;
    active += delta.get(period) ?? 0;
    const n = newByMonth.get(period) ?? 0;
    const churned = churnByMonth.get(period) ?? 0;
    const collected = collectedMonthly.get(period) ?? 0;
    return {
      period,
      new: n,
      churned,
      net: n - churned,
      activeAtStart,
      activeAtEnd: active,
      churnRate: activeAtStart > 0 ? churned / activeAtStart : 0,
      collected,
      arpu: active > 0 ? Math.round(collected / active) : 0,
    };
  });
  const totNew = rows.reduce((s, r) => s + r.new, 0);
  const totChurn = rows.reduce((s, r) => s + r.churned, 0);
  const totCollected = rows.reduce((s, r) => s + r.collected, 0);
  const avgActive = rows.reduce((s, r) => s + r.activeAtEnd, 0) / rows.length;
  const startActive = rows[0]?.activeAtStart ?? 0;

  const byPackage = activeSubscriptionsByPackage(db, brands).map((r) => ({
    packageId: r.packageId,
    name: r.name,
    subscriptions: r.subscriptions,
    // Quarterly and yearly fees spread over their months, so packages compare per month.
    monthlyValue: Math.round(r.fees / CYCLE_MONTHS[r.cycle]),
  }));
  const byStatus = customersByStatus(db, brands);

  const report = {
    from: input.from,
    to: input.to,
    months: rows,
    totals: {
      new: totNew,
      churned: totChurn,
      net: totNew - totChurn,
      churnRate: startActive + totNew > 0 ? totChurn / (startActive + totNew) : 0,
      arpu: avgActive > 0 ? Math.round(totCollected / rows.length / avgActive) : 0,
    },
    byPackage,
    byStatus,
  };
  return input.brandId === undefined ? report : { ...report, brandId: input.brandId };
}
