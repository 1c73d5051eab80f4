import type { BandwidthReport } from '../../../src-shared/contract/reports';
import {
  topTrafficUsers,
  trafficByBucket,
  trafficByPackage,
  trafficByRouter,
} from '../../data/reports/bandwidth.queries';
import type { AppContext } from '../context';
import { bucketKeys, KEY_LENGTH, type GroupBy } from './common';

/** Traffic per period, per package, per router and the top users, from the sampled byte counters. */
export function bandwidthReport(
  app: AppContext,
  input: { from: string; to: string; groupBy: GroupBy },
): BandwidthReport {
  const { from, to, groupBy } = input;
  const db = app.sqlite;
  const len = KEY_LENGTH[groupBy];
  const series = new Map(bucketKeys(from, to, groupBy).map((key) => [key, { key, bytesIn: 0, bytesOut: 0 }]));
  const rows = trafficByBucket(db, from, to, len);
  let samples = 0;
  for (const r of rows) {
    Object.assign(series.get(r.k) ?? {}, { bytesIn: r.bytesIn, bytesOut: r.bytesOut });
    samples += r.n;
  }
  const byPackage = trafficByPackage(db, from, to);
  const byRouter = trafficByRouter(db, from, to);
  const topUsers = topTrafficUsers(db, from, to);
  return { from, to, groupBy, series: [...series.values()], byPackage, byRouter, topUsers, samples };
}
