import type { AppContext } from '../context';
import { getSettings } from '../settings';

/**
 * Billing day and pro-rating of a new subscription starting on `startDate`, as Settings say: the start
 * date's day (capped at 28, every month has it) or one fixed day for everyone; pro-rate the first invoice or not.
 */
export function settingsTerms(app: AppContext, startDate: string): { billingDay: number; prorateFirst: boolean } {
  const s = getSettings(app);
  return {
    billingDay: s.billingDayMode === 'fixed' ? s.fixedBillingDay : Math.min(28, Number(startDate.slice(8, 10))),
    prorateFirst: s.prorateFirstInvoice,
  };
}
