/** Who is on a router (its accounts by name), their logins, and the byte counters sampled from it. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface AccountRef {
  id: number;
  username: string;
  customerName: string;
  customerCode: string;
  lastLogin: string | null;
}

export const routerAccountRefs = (db: Sqlite, routerId: number): AccountRef[] =>
  prepared<[number], AccountRef>(
    db,
    `SELECT a.id, a.username, c.name AS customerName, c.customer_code AS customerCode, a.last_login AS lastLogin
     FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id WHERE a.router_id = ?`,
  ).all(routerId);

export function setLastLogin(db: Sqlite, id: number, at: string, ip: string | null) {
  prepared(db, 'UPDATE pppoe_accounts SET last_login = ?, last_ip = ? WHERE id = ?').run(at, ip, id);
}

/** The account's name on its router (for its PPPoE interface). */
export const accountOnRouter = (db: Sqlite, id: number) =>
  prepared<[number], { username: string; routerId: number | null }>(
    db,
    'SELECT username, router_id AS routerId FROM pppoe_accounts WHERE id = ?',
  ).get(id);

/** bytesIn = downloaded by the customer, bytesOut = uploaded; the account's totals grow with the sample. */
export function addSample(
  db: Sqlite,
  s: { accountId: number; routerId: number; at: string; day: string; bytesIn: number; bytesOut: number },
) {
  prepared(
    db,
    'INSERT INTO traffic_samples(account_id, router_id, at, day, bytes_in, bytes_out) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(s.accountId, s.routerId, s.at, s.day, s.bytesIn, s.bytesOut);
  prepared(db, 'UPDATE pppoe_accounts SET bytes_in = bytes_in + ?, bytes_out = bytes_out + ? WHERE id = ?').run(
    s.bytesIn,
    s.bytesOut,
    s.accountId,
  );
}

export const usageByDay = (db: Sqlite, accountId: number, fromDay: string) =>
  prepared<[number, string], { day: string; bytesIn: number; bytesOut: number }>(
    db,
    `SELECT day, sum(bytes_in) AS bytesIn, sum(bytes_out) AS bytesOut FROM traffic_samples
     WHERE account_id = ? AND day >= ? GROUP BY day ORDER BY day`,
  ).all(accountId, fromDay);

export function deleteAccountTraffic(db: Sqlite, accountId: number) {
  prepared(db, 'DELETE FROM traffic_samples WHERE account_id = ?').run(accountId);
}

/** Samples outlive a deleted router (they belong to the account). */
export function detachRouterTraffic(db: Sqlite, routerId: number) {
  prepared(db, 'UPDATE traffic_samples SET router_id = NULL WHERE router_id = ?').run(routerId);
}
