import type { BandwidthReport } from '../../../src-shared/contract/reports';
import { trafficByBucket, trafficByPackage, trafficByRouter } from '../../data/reports/bandwidth.queries';
import { topTrafficUsers } from '../../data/reports/top-users.queries';
import type { BrandFilter } from '../../data/reports/brand-filter';
import type { AppContext } from '../context';
import { bucketKeys, KEY_LENGTH, type GroupBy } from './common';

/**
 * Traffic per period, per package, per router and the top users, from the sampled byte counters.
 * `brands` keeps the accounts of those brands' customers (null = all).
 */
export function bandwidthReport(
  app: AppContext,
  input: { from: string; to: string; groupBy: GroupBy; brandId?: number },
  brands: BrandFilter = null,
): BandwidthReport {
  const { from, to, groupBy } = input;
  const db = app.sqlite;
  const len = KEY_LENGTH[groupBy];
  const series = new Map(bucketKeys(from, to, groupBy).map((key) => [key, { key, bytesIn: 0, bytesOut: 0 }]));
  const rows = trafficByBucket(db, from, to, len, brands);
  let samples = 0;
  for (const r of rows) {
    Object.assign(series.get(r.k) ?? {}, { bytesIn: r.bytesIn, bytesOut: r.bytesOut });
    samples += r.n;
  }
  const byPackage = trafficByPackage(db, from, to, brands);
  const byRouter = trafficByRouter(db, from, to, brands);
  const topUsers = topTrafficUsers(db, from, to, brands);
  const report = { from, to, groupBy, series: [...series.values()], byPackage, byRouter, topUsers, samples };
  return input.brandId === undefined ? report : { ...report, brandId: input.brandId };
}
