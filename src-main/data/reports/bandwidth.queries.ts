import type { BandwidthReport } from '../../../src-shared/contract/reports';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import { BRAND_COLUMN, type BrandFilter } from './brand-filter';

// usage_daily: bytes_in = downloaded by the customer, bytes_out = uploaded (core/network/usage.ts).

type Range = { from: string; to: string; brands: BrandFilter };

/*
 * Issue 20: the series, packages and routers read usage_daily_totals (per day × brand × package × router,
 * kept by triggers, drizzle/0037_usage_daily_totals.sql): a few hundred rows for a week instead of one per
 * account and day. A group whose usage rows are all gone (rows = 0) is not reported, as the raw sums would not.
 */
const TOTALS_IN_RANGE = `t.day BETWEEN @from AND @to ${BRAND_COLUMN('t.brand_id')}`;

/** Daily usage per bucket: `keyLength` characters of the `YYYY-MM-DD` day name the bucket. */
export function trafficByBucket(db: Sqlite, from: string, to: string, keyLength: number, brands: BrandFilter) {
  return prepared<Range, { k: string; bytesIn: number; bytesOut: number; n: number }>(
    db,
    `SELECT substr(t.day, 1, ${keyLength}) AS k, sum(t.bytes_in) AS bytesIn, sum(t.bytes_out) AS bytesOut, sum(t.samples) AS n
     FROM usage_daily_totals t WHERE ${TOTALS_IN_RANGE} GROUP BY k HAVING sum(t.rows) > 0`,
  ).all({ from, to, brands });
}

export function trafficByPackage(
  db: Sqlite,
  from: string,
  to: string,
  brands: BrandFilter,
): BandwidthReport['byPackage'] {
  return prepared<Range, BandwidthReport['byPackage'][number]>(
    db,
    `SELECT p.id, coalesce(p.name, '—') AS name, sum(t.bytes_in) AS bytesIn, sum(t.bytes_out) AS bytesOut
     FROM usage_daily_totals t LEFT JOIN internet_packages p ON p.id = t.package_id
     WHERE ${TOTALS_IN_RANGE} GROUP BY p.id HAVING sum(t.rows) > 0 ORDER BY bytesIn + bytesOut DESC, p.id`,
  ).all({ from, to, brands });
}

export function trafficByRouter(
  db: Sqlite,
  from: string,
  to: string,
  brands: BrandFilter,
): BandwidthReport['byRouter'] {
  return prepared<Range, BandwidthReport['byRouter'][number]>(
    db,
    `SELECT r.id, coalesce(r.name, '—') AS name, sum(t.bytes_in) AS bytesIn, sum(t.bytes_out) AS bytesOut
     FROM usage_daily_totals t LEFT JOIN routers r ON r.id = t.router_id
     WHERE ${TOTALS_IN_RANGE} GROUP BY r.id HAVING sum(t.rows) > 0 ORDER BY bytesIn + bytesOut DESC, r.id`,
  ).all({ from, to, brands });
}
