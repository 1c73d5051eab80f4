import type { ForecastReport } from '../../../src-shared/contract/reports';
import { addMonths } from '../../../src-shared/dates';
import { chargeFor } from '../billing/periods';
import { activeSubscriptionTerms } from '../../data/reports/forecast.queries';
import type { BrandFilter } from '../../data/reports/brand-filter';
import { invoicedTotals } from '../../data/reports/financial.queries';
import type { AppContext } from '../context';
import { monthBounds, today } from './common';

const WINDOW_MONTHS = 6;

/**
 * Expected invoicing for the coming months = what the invoice run would charge each active
 * subscription (the same chargeFor() rule), and expected collection = that × the collection rate
 * observed on the invoices of the last six complete months (paid ÷ invoiced, voids excluded).
 * `brands` limits both to those brands' customers (null = all).
 */
export function forecastReport(
  app: AppContext,
  input: { months: number; brandId?: number },
  brands: BrandFilter = null,
): ForecastReport {
  const current = today(app).slice(0, 7);
  const from = monthBounds(addMonths(current, -WINDOW_MONTHS)).first;
  const to = monthBounds(addMonths(current, -1)).last;
  const agg = invoicedTotals(app.sqlite, from, to, brands);
  const collected = agg.invoiced - agg.outstanding;
  const rate = agg.invoiced > 0 ? collected / agg.invoiced : 1;

  // One row per distinct set of terms with its count of subscriptions (issue 20).
  const subs = activeSubscriptionTerms(app.sqlite, brands);

  const months = Array.from({ length: input.months }, (_, i) => addMonths(current, i + 1)).map((period) => {
    let expectedInvoicing = 0;
    let subscriptions = 0;
    for (const s of subs) {
      const charge = chargeFor(s, period);
      if (charge) {
        expectedInvoicing += charge.amount * s.count;
        subscriptions += s.count;
      }
    }
    return { period, subscriptions, expectedInvoicing, expectedCollection: Math.round(expectedInvoicing * rate) };
  });

  const report = {
    basedOn: { from, to, invoiced: agg.invoiced, collected, collectionRate: rate },
    months,
    method:
      `Expected invoicing: for each active subscription, the amount the invoice run would charge in that month ` +
      `(its cycle, billing day, end date and fee). Expected collection: expected invoicing × ${(rate * 100).toFixed(1)}%, ` +
      `the share of invoices issued ${from} – ${to} that has been paid (voided invoices excluded)` +
      (agg.invoiced === 0 ? '; no invoices in that window yet, so 100% is assumed.' : '.'),
  };
  return input.brandId === undefined ? report : { ...report, brandId: input.brandId };
}
