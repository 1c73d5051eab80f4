import type { BandwidthReport } from '../../../src-shared/contract/reports';
import type { AppContext } from '../context';
import { bucketKeys, KEY_LENGTH, type GroupBy } from './common';

const TOP_USERS = 20;
// bytes_in = downloaded by the customer, bytes_out = uploaded (as the sampler stores them).

/** Traffic per period, per package, per router and the top users, from the sampled byte counters. */
export function bandwidthReport(
  app: AppContext,
  input: { from: string; to: string; groupBy: GroupBy },
): BandwidthReport {
  const { from, to, groupBy } = input;
  const db = app.sqlite;
  const len = KEY_LENGTH[groupBy];
  const series = new Map(bucketKeys(from, to, groupBy).map((key) => [key, { key, bytesIn: 0, bytesOut: 0 }]));
  const rows = db
    .prepare(
      `SELECT substr(day, 1, ${len}) AS k, sum(bytes_in) AS bytesIn, sum(bytes_out) AS bytesOut, count(*) AS n
       FROM traffic_samples WHERE day BETWEEN ? AND ? GROUP BY k`,
    )
    .all(from, to) as { k: string; bytesIn: number; bytesOut: number; n: number }[];
  let samples = 0;
  for (const r of rows) {
    Object.assign(series.get(r.k) ?? {}, { bytesIn: r.bytesIn, bytesOut: r.bytesOut });
    samples += r.n;
  }
  const byPackage = db
    .prepare(
      `SELECT p.id, coalesce(p.name, '—') AS name, sum(t.bytes_in) AS bytesIn, sum(t.bytes_out) AS bytesOut
       FROM traffic_samples t JOIN pppoe_accounts a ON a.id = t.account_id LEFT JOIN internet_packages p ON p.id = a.internet_package_id
       WHERE t.day BETWEEN ? AND ? GROUP BY p.id ORDER BY bytesIn + bytesOut DESC`,
    )
    .all(from, to) as BandwidthReport['byPackage'];
  const byRouter = db
    .prepare(
      `SELECT r.id, coalesce(r.name, '—') AS name, sum(t.bytes_in) AS bytesIn, sum(t.bytes_out) AS bytesOut
       FROM traffic_samples t LEFT JOIN routers r ON r.id = t.router_id
       WHERE t.day BETWEEN ? AND ? GROUP BY r.id ORDER BY bytesIn + bytesOut DESC`,
    )
    .all(from, to) as BandwidthReport['byRouter'];
  const topUsers = db
    .prepare(
      `SELECT a.id AS accountId, a.username, c.name AS customerName, sum(t.bytes_in) AS bytesIn, sum(t.bytes_out) AS bytesOut
       FROM traffic_samples t JOIN pppoe_accounts a ON a.id = t.account_id JOIN customers c ON c.id = a.customer_id
       WHERE t.day BETWEEN ? AND ? GROUP BY a.id ORDER BY bytesIn + bytesOut DESC, a.id LIMIT ${TOP_USERS}`,
    )
    .all(from, to) as BandwidthReport['topUsers'];
  return { from, to, groupBy, series: [...series.values()], byPackage, byRouter, topUsers, samples };
}
