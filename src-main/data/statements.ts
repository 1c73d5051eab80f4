import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../db/open';

const cache = new WeakMap<Sqlite, Map<string, Statement<unknown[], unknown>>>();

/**
 * A typed prepared statement, cached per connection. better-sqlite3 does not cache prepare(), and a
 * hot path (the cash desk's payment) would otherwise compile a dozen statements per call. Keyed by the
 * connection, so a restore's new connection prepares afresh. `P` are the bound parameters, `R` the row
 * type the SQL's column aliases produce: the one place a row's shape is declared.
 */
export function prepared<P extends unknown[] | object = unknown[], R = unknown>(db: Sqlite, sql: string) {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st as Statement<P extends unknown[] ? P : [P], R>;
}
