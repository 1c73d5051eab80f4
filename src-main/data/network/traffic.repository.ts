/** Who is on a router (its accounts by name) and their logins; usage itself is in usage.repository.ts. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import { deleteAccountUsage, detachRouterUsage } from './usage.repository';

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

export function deleteAccountTraffic(db: Sqlite, accountId: number) {
  prepared(db, 'DELETE FROM traffic_samples WHERE account_id = ?').run(accountId);
  deleteAccountUsage(db, accountId);
}

/** Samples outlive a deleted router (they belong to the account). */
export function detachRouterTraffic(db: Sqlite, routerId: number) {
  prepared(db, 'UPDATE traffic_samples SET router_id = NULL WHERE router_id = ?').run(routerId);
  detachRouterUsage(db, routerId);
}
