import type { FinancialReport } from '../../../src-shared/contract/reports';
import {
  collectedByBucket,
  collectedByCashier,
  invoicedByBucket,
  paymentsByMethod,
  refundedByBucket,
  refundsByMethod as refundTotalsByMethod,
  voidedByBucket,
} from '../../data/reports/financial.queries';
import type { BrandFilter } from '../../data/reports/brand-filter';
import type { AppContext } from '../context';
import { bucketKeys, KEY_LENGTH, sqlOffset, type GroupBy } from './common';

/**
 * Invoiced, collected, voided and still-outstanding money per day/month/year, deposit refunds paid out,
 * with the split by payment method and by cashier. Reads the trigger-maintained daily aggregates (per
 * brand); voids come from the (few) void invoices, dated by when they were voided in the ISP zone.
 * `brands` limits it to those brands (null = all).
 */
export function financialReport(
  app: AppContext,
  input: { from: string; to: string; groupBy: GroupBy; brandId?: number },
  brands: BrandFilter = null,
): FinancialReport {
  const { from, to, groupBy } = input;
  const len = KEY_LENGTH[groupBy];
  const db = app.sqlite;
  const inv = invoicedByBucket(db, from, to, len, brands);
  const pay = collectedByBucket(db, from, to, len, brands);
  const refunds = refundedByBucket(db, from, to, len, brands);
  const voids = voidedByBucket(db, { from, to, keyLength: len, offset: sqlOffset(app) }, brands);

  const byKey = new Map(
    bucketKeys(from, to, groupBy).map((key) => [
      key,
      { key, invoiced: 0, collected: 0, voided: 0, outstanding: 0, payments: 0, refunded: 0, refunds: 0 },
    ]),
  );
  for (const r of inv) Object.assign(byKey.get(r.k) ?? {}, { invoiced: r.invoiced, outstanding: r.outstanding });
  for (const r of pay) Object.assign(byKey.get(r.k) ?? {}, { collected: r.collected, payments: r.payments });
  for (const r of voids) Object.assign(byKey.get(r.k) ?? {}, { voided: r.voided });
  for (const r of refunds) Object.assign(byKey.get(r.k) ?? {}, { refunded: r.refunded, refunds: r.refunds });
  const buckets = [...byKey.values()];
  const totals = buckets.reduce(
    (t, b) => ({
      invoiced: t.invoiced + b.invoiced,
      collected: t.collected + b.collected,
      voided: t.voided + b.voided,
      outstanding: t.outstanding + b.outstanding,
      payments: t.payments + b.payments,
      refunded: t.refunded + b.refunded,
      refunds: t.refunds + b.refunds,
    }),
    { invoiced: 0, collected: 0, voided: 0, outstanding: 0, payments: 0, refunded: 0, refunds: 0 },
  );

  const byMethod = paymentsByMethod(db, from, to, brands);
  const byCashier = collectedByCashier(db, from, to, brands);
  const refundsByMethod = refundTotalsByMethod(db, from, to, brands);

  const report = { from, to, groupBy, buckets, totals, byMethod, byCashier, refundsByMethod };
  return input.brandId === undefined ? report : { ...report, brandId: input.brandId };
}
