import type { BandwidthReport } from '../../../src-shared/contract/reports';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

const TOP_USERS = 20;
// usage_daily: bytes_in = downloaded by the customer, bytes_out = uploaded (core/network/usage.ts).

/** Daily usage per bucket: `keyLength` characters of the `YYYY-MM-DD` day name the bucket. */
export function trafficByBucket(db: Sqlite, from: string, to: string, keyLength: number) {
  return prepared<[string, string], { k: string; bytesIn: number; bytesOut: number; n: number }>(
    db,
    `SELECT substr(day, 1, ${keyLength}) AS k, sum(bytes_in) AS bytesIn, sum(bytes_out) AS bytesOut, sum(samples) AS n
     FROM usage_daily WHERE day BETWEEN ? AND ? GROUP BY k`,
  ).all(from, to);
}

export function trafficByPackage(db: Sqlite, from: string, to: string): BandwidthReport['byPackage'] {
  return prepared<[string, string], BandwidthReport['byPackage'][number]>(
    db,
    `SELECT p.id, coalesce(p.name, '—') AS name, sum(t.bytes_in) AS bytesIn, sum(t.bytes_out) AS bytesOut
     FROM usage_daily t JOIN pppoe_accounts a ON a.id = t.account_id LEFT JOIN internet_packages p ON p.id = a.internet_package_id
     WHERE t.day BETWEEN ? AND ? GROUP BY p.id ORDER BY bytesIn + bytesOut DESC`,
  ).all(from, to);
}

export function trafficByRouter(db: Sqlite, from: string, to: string): BandwidthReport['byRouter'] {
  return prepared<[string, string], BandwidthReport['byRouter'][number]>(
    db,
    `SELECT r.id, coalesce(r.name, '—') AS name, sum(t.bytes_in) AS bytesIn, sum(t.bytes_out) AS bytesOut
     FROM usage_daily t LEFT JOIN routers r ON r.id = t.router_id
     WHERE t.day BETWEEN ? AND ? GROUP BY r.id ORDER BY bytesIn + bytesOut DESC`,
  ).all(from, to);
}

export function topTrafficUsers(db: Sqlite, from: string, to: string): BandwidthReport['topUsers'] {
  return prepared<[string, string], BandwidthReport['topUsers'][number]>(
    db,
    `SELECT a.id AS accountId, a.username, c.name AS customerName, sum(t.bytes_in) AS bytesIn, sum(t.bytes_out) AS bytesOut
     FROM usage_daily t JOIN pppoe_accounts a ON a.id = t.account_id JOIN customers c ON c.id = a.customer_id
     WHERE t.day BETWEEN ? AND ? GROUP BY a.id ORDER BY bytesIn + bytesOut DESC, a.id LIMIT ${TOP_USERS}`,
  ).all(from, to);
}
