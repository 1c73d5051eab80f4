/**
 * Billing periods. A subscription's periods start on its billing day (1–28) of a month and last
 * 1, 3 or 12 months (CYCLE_MONTHS). The first period is the one containing the start date; quarterly
 * and yearly periods repeat every 3 / 12 months from there. A period is named by the month it starts in.
 */
import { CYCLE_MONTHS, type BillingCycle } from '../../../src-shared/contract/packages';
import { addDays, addMonths, daysBetween } from '../../../src-shared/dates';
import { periodLabel } from './common';

export interface SubscriptionTerms {
  startDate: string;
  endDate: string | null;
  autoRenew: boolean;
  billingDay: number;
  prorateFirst: boolean;
  fee: number;
  cycle: BillingCycle;
}

const monthIndex = (p: string) => {
  const [y, m] = p.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
};

export const periodStart = (p: string, billingDay: number) => `${p}-${String(billingDay).padStart(2, '0')}`;

export function periodEnd(p: string, billingDay: number, cycle: BillingCycle): string {
  return addDays(periodStart(addMonths(p, CYCLE_MONTHS[cycle]), billingDay), -1);
}

/** The period containing the start date. */
export function firstPeriod(startDate: string, billingDay: number): string {
  const month = startDate.slice(0, 7);
  return Number(startDate.slice(8, 10)) >= billingDay ? month : addMonths(month, -1);
}

export interface PeriodCharge {
  amount: number;
  prorated: boolean;
  /** Days charged when pro-rated. */
  days: number | null;
  from: string;
  to: string;
}

/**
 * What the subscription owes for period `p`, or null when `p` is not one of its periods (before the
 * start, off-cycle for quarterly/yearly, or after a fixed end date without auto-renew).
 */
export function chargeFor(t: SubscriptionTerms, p: string): PeriodCharge | null {
  const first = firstPeriod(t.startDate, t.billingDay);
  const offset = monthIndex(p) - monthIndex(first);
  const months = CYCLE_MONTHS[t.cycle];
  if (offset < 0 || offset % months !== 0) return null;
  const from = periodStart(p, t.billingDay);
  const to = periodEnd(p, t.billingDay, t.cycle);
  if (!t.autoRenew && t.endDate !== null && from > t.endDate) return null;
  if (offset === 0 && t.prorateFirst && t.startDate > from) {
    const total = daysBetween(from, to) + 1;
    const days = daysBetween(t.startDate, to) + 1;
    // Integer rupiah, rounded half up: a pro-rated fee is never fractional.
    return { amount: Math.round((t.fee * days) / total), prorated: true, days, from: t.startDate, to };
  }
  return { amount: t.fee, prorated: false, days: null, from, to };
}

export function describeCharge(packageName: string, p: string, cycle: BillingCycle, charge: PeriodCharge): string {
  const months = CYCLE_MONTHS[cycle];
  const span = months === 1 ? periodLabel(p) : `${periodLabel(p)} s/d ${periodLabel(addMonths(p, months - 1))}`;
  return `Internet ${packageName} — ${span}${charge.prorated ? ` (prorata ${charge.days} hari)` : ''}`;
}
