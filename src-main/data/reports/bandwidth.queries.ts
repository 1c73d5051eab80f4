import type { BandwidthReport } from '../../../src-shared/contract/reports';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import type { BrandFilter } from './brand-filter';

const TOP_USERS = 20;
// usage_daily: bytes_in = downloaded by the customer, bytes_out = uploaded (core/network/usage.ts).

type Range = { from: string; to: string; brands: BrandFilter };

/** Usage rows of `brands` (null = every brand): the account's customer's brand, like invoices and payments. */
const IN_RANGE = (t: string) =>
  `${t}.day BETWEEN @from AND @to AND (@brands IS NULL OR ${t}.account_id IN (SELECT ba.id FROM pppoe_accounts ba
     JOIN customers bc ON bc.id = ba.customer_id WHERE bc.brand_id IN (SELECT value FROM json_each(@brands))))`;

/** Daily usage per bucket: `keyLength` characters of the `YYYY-MM-DD` day name the bucket. */
export function trafficByBucket(db: Sqlite, from: string, to: string, keyLength: number, brands: BrandFilter) {
  return prepared<Range, { k: string; bytesIn: number; bytesOut: number; n: number }>(
    db,
    `SELECT substr(t.day, 1, ${keyLength}) AS k, sum(t.bytes_in) AS bytesIn, sum(t.bytes_out) AS bytesOut, sum(t.samples) AS n
     FROM usage_daily t WHERE ${IN_RANGE('t')} GROUP BY k`,
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
     FROM usage_daily t JOIN pppoe_accounts a ON a.id = t.account_id LEFT JOIN internet_packages p ON p.id = a.internet_package_id
     WHERE ${IN_RANGE('t')} GROUP BY p.id ORDER BY bytesIn + bytesOut DESC`,
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
     FROM usage_daily t LEFT JOIN routers r ON r.id = t.router_id
     WHERE ${IN_RANGE('t')} GROUP BY r.id ORDER BY bytesIn + bytesOut DESC`,
  ).all({ from, to, brands });
}

export function topTrafficUsers(
  db: Sqlite,
  from: string,
  to: string,
  brands: BrandFilter,
): BandwidthReport['topUsers'] {
  return prepared<Range, BandwidthReport['topUsers'][number]>(
    db,
    `SELECT a.id AS accountId, a.username, c.name AS customerName, sum(t.bytes_in) AS bytesIn, sum(t.bytes_out) AS bytesOut
     FROM usage_daily t JOIN pppoe_accounts a ON a.id = t.account_id JOIN customers c ON c.id = a.customer_id
     WHERE ${IN_RANGE('t')} GROUP BY a.id ORDER BY bytesIn + bytesOut DESC, a.id LIMIT ${TOP_USERS}`,
  ).all({ from, to, brands });
}
