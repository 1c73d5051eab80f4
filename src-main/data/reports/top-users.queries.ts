/**
 * The bandwidth report's top users of a range: the accounts with the most traffic (bytes in + out summed
 * over the range), ties by account id, of `brands`' customers.
 *
 * Issue 20: summing every account's days (a week is 350,000 usage rows at 50,000 customers) grew with the
 * data. Now the threshold algorithm (Fagin): walk each day's accounts largest first in usage_daily_day_total_idx
 * (drizzle/0040) `depth` deep, sum the range of every account met, and stop when the 20th of those sums is
 * above the sum of each day's last total read, the most an account not met can have. Otherwise deeper (×4),
 * and when a walk would read a fair share of the range's rows anyway, the plain sum of every account.
 */
import type { BandwidthReport } from '../../../src-shared/contract/reports';
import { addDays } from '../../../src-shared/dates';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import { BRAND_COLUMN, type BrandFilter } from './brand-filter';

export const TOP_USERS = 20;
const FIRST_DEPTH = 64;

type TopUser = BandwidthReport['topUsers'][number];
type Range = { from: string; to: string; brands: BrandFilter };

const TOP_OF = (sums: string) => `
  WITH s AS MATERIALIZED (${sums})
  SELECT a.id AS accountId, a.username, c.name AS customerName, s.bytesIn, s.bytesOut
  FROM s JOIN pppoe_accounts a ON a.id = s.account_id JOIN customers c ON c.id = a.customer_id
  WHERE 1 ${BRAND_COLUMN('c.brand_id')} ORDER BY s.bytesIn + s.bytesOut DESC, a.id LIMIT ${TOP_USERS}`;

/** Every account's sums of the range, then the brand check and the top 20 (the covering index, no row reads). */
export function scanTopUsers(db: Sqlite, from: string, to: string, brands: BrandFilter): TopUser[] {
  return prepared<Range, TopUser>(
    db,
    TOP_OF(`SELECT account_id, sum(bytes_in) AS bytesIn, sum(bytes_out) AS bytesOut FROM usage_daily
            WHERE day BETWEEN @from AND @to GROUP BY account_id`),
  ).all({ from, to, brands });
}

/** The top 20 of the accounts `ids` by their sums over the range (each read by the primary key). */
function candidatesTop(db: Sqlite, ids: number[], range: Range): TopUser[] {
  return prepared<Range & { ids: string }, TopUser>(
    db,
    TOP_OF(`SELECT u.account_id, sum(u.bytes_in) AS bytesIn, sum(u.bytes_out) AS bytesOut
            FROM json_each(@ids) j CROSS JOIN usage_daily u ON u.account_id = j.value AND u.day BETWEEN @from AND @to
            GROUP BY u.account_id`),
  ).all({ ...range, ids: JSON.stringify(ids) });
}

/** The day's `depth` largest totals (bytes in + out) with their accounts, of `brands`' customers. */
function dayLeaders(db: Sqlite, day: string, depth: number, brands: BrandFilter): { id: number; total: number }[] {
  const sql = brands
    ? `SELECT u.account_id AS id, u.bytes_in + u.bytes_out AS total
       FROM usage_daily u INDEXED BY usage_daily_day_total_idx JOIN pppoe_accounts a ON a.id = u.account_id
         JOIN customers c ON c.id = a.customer_id
       WHERE u.day = @day ${BRAND_COLUMN('c.brand_id')} ORDER BY u.bytes_in + u.bytes_out DESC LIMIT @depth`
    : `SELECT account_id AS id, bytes_in + bytes_out AS total FROM usage_daily INDEXED BY usage_daily_day_total_idx
       WHERE day = @day ORDER BY bytes_in + bytes_out DESC LIMIT @depth`;
  return prepared<{ day: string; depth: number; brands?: BrandFilter }, { id: number; total: number }>(db, sql).all(
    brands ? { day, depth, brands } : { day, depth },
  );
}

/** Rows of usage in the range (from the trigger-kept usage_daily_totals): what the plain sum would read. */
function rangeRows(db: Sqlite, range: Range): number {
  return prepared<Range, { n: number }>(
    db,
    `SELECT coalesce(sum(t.rows), 0) AS n FROM usage_daily_totals t WHERE t.day BETWEEN @from AND @to ${BRAND_COLUMN('t.brand_id')}`,
  ).get(range)!.n;
}

export interface TopUsersWalk {
  rows: TopUser[];
  /** Depths walked (0 when the plain sum answered straight away). */
  rounds: number;
  /** Whether the plain sum of every account answered. */
  scanned: boolean;
}

/** The top users and how they were found (`firstDepth`: how deep the first walk of each day goes). */
export function topUsersWalk(db: Sqlite, range: Range, firstDepth = FIRST_DEPTH): TopUsersWalk {
  const days: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) days.push(d);
  // The usage totals only size the work; the answer never depends on them.
  const rows = rangeRows(db, range);
  const met = new Set<number>();
  let rounds = 0;
  for (let depth = firstDepth; days.length * depth * 2 <= rows; depth *= 4) {
    rounds++;
    let bound = 0;
    let exhausted = true;
    for (const day of days) {
      const leaders = dayLeaders(db, day, depth, range.brands);
      for (const l of leaders) met.add(l.id);
      // A day read to its end hides no account; otherwise an account not met had at most the last total.
      if (leaders.length === depth) {
        exhausted = false;
        bound += Math.max(leaders[depth - 1]!.total, 0);
      }
    }
    const top = candidatesTop(db, [...met], range);
    const last = top[TOP_USERS - 1];
    // Strictly above: an account not met with an equal sum and a smaller id would rank before the 20th.
    if (exhausted || (last && last.bytesIn + last.bytesOut > bound)) return { rows: top, rounds, scanned: false };
  }
  return { rows: scanTopUsers(db, range.from, range.to, range.brands), rounds, scanned: true };
}

export function topTrafficUsers(db: Sqlite, from: string, to: string, brands: BrandFilter): TopUser[] {
  return topUsersWalk(db, { from, to, brands }).rows;
}
