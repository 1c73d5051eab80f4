/** Daily data use per account and the last byte counters of each live session (usage sampler). */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface CounterRow {
  accountId: number;
  ifaceId: string;
  rxBytes: number;
  txBytes: number;
  at: string;
}

export const countersOfRouter = (db: Sqlite, routerId: number): CounterRow[] =>
  prepared<[number], CounterRow>(
    db,
    `SELECT u.account_id AS accountId, u.iface_id AS ifaceId, u.rx_bytes AS rxBytes, u.tx_bytes AS txBytes, u.at
     FROM usage_counters u JOIN pppoe_accounts a ON a.id = u.account_id WHERE a.router_id = ?`,
  ).all(routerId);

export function saveCounter(db: Sqlite, c: CounterRow & { routerId: number; bpsIn: number; bpsOut: number }) {
  prepared(
    db,
    `INSERT INTO usage_counters(account_id, router_id, iface_id, rx_bytes, tx_bytes, at, bps_in, bps_out)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(account_id) DO UPDATE SET router_id = excluded.router_id, iface_id = excluded.iface_id,
       rx_bytes = excluded.rx_bytes, tx_bytes = excluded.tx_bytes, at = excluded.at,
       bps_in = excluded.bps_in, bps_out = excluded.bps_out`,
  ).run(c.accountId, c.routerId, c.ifaceId, c.rxBytes, c.txBytes, c.at, c.bpsIn, c.bpsOut);
}

/** Sessions no longer on the router: their speed is 0 (the counters stay for the next comparison). */
export function zeroSpeedExcept(db: Sqlite, routerId: number, at: string, seen: number[]) {
  prepared(
    db,
    `UPDATE usage_counters SET bps_in = 0, bps_out = 0, at = ?
     WHERE router_id = ? AND (bps_in > 0 OR bps_out > 0) AND account_id NOT IN (SELECT value FROM json_each(?))`,
  ).run(at, routerId, JSON.stringify(seen));
}

/** bytesIn = downloaded by the customer, bytesOut = uploaded; the account's running totals grow too. */
export function addUsage(
  db: Sqlite,
  u: { accountId: number; routerId: number; day: string; bytesIn: number; bytesOut: number },
) {
  prepared(
    db,
    `INSERT INTO usage_daily(account_id, day, router_id, bytes_in, bytes_out, samples) VALUES (?, ?, ?, ?, ?, 1)
     ON CONFLICT(account_id, day) DO UPDATE SET router_id = excluded.router_id,
       bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out, samples = samples + 1`,
  ).run(u.accountId, u.day, u.routerId, u.bytesIn, u.bytesOut);
  prepared(db, 'UPDATE pppoe_accounts SET bytes_in = bytes_in + ?, bytes_out = bytes_out + ? WHERE id = ?').run(
    u.bytesIn,
    u.bytesOut,
    u.accountId,
  );
}

export const usageDays = (db: Sqlite, accountId: number, fromDay: string) =>
  prepared<[number, string], { day: string; bytesIn: number; bytesOut: number }>(
    db,
    `SELECT day, bytes_in AS bytesIn, bytes_out AS bytesOut FROM usage_daily
     WHERE account_id = ? AND day >= ? ORDER BY day`,
  ).all(accountId, fromDay);

export const usageMonths = (db: Sqlite, accountId: number, fromDay: string) =>
  prepared<[number, string], { month: string; bytesIn: number; bytesOut: number }>(
    db,
    `SELECT substr(day, 1, 7) AS month, sum(bytes_in) AS bytesIn, sum(bytes_out) AS bytesOut FROM usage_daily
     WHERE account_id = ? AND day >= ? GROUP BY month ORDER BY month`,
  ).all(accountId, fromDay);

export const currentSpeed = (db: Sqlite, accountId: number) =>
  prepared<[number], { at: string; bpsIn: number; bpsOut: number }>(
    db,
    'SELECT at, bps_in AS bpsIn, bps_out AS bpsOut FROM usage_counters WHERE account_id = ?',
  ).get(accountId);

export function deleteAccountUsage(db: Sqlite, accountId: number) {
  prepared(db, 'DELETE FROM usage_daily WHERE account_id = ?').run(accountId);
  prepared(db, 'DELETE FROM usage_counters WHERE account_id = ?').run(accountId);
}

/** Usage outlives a deleted router (it belongs to the account). */
export function detachRouterUsage(db: Sqlite, routerId: number) {
  prepared(db, 'UPDATE usage_daily SET router_id = NULL WHERE router_id = ?').run(routerId);
  prepared(db, 'UPDATE usage_counters SET router_id = NULL WHERE router_id = ?').run(routerId);
}
