import type { Sqlite } from './open';

/**
 * Keeps SQLite's planner statistics (sqlite_stat1) current, as SQLite recommends for a long-lived connection
 * (PRAGMA optimize, https://sqlite.org/pragma.html#pragma_optimize). The app never gathered any, so the planner
 * guessed: it read every active account through the status index instead of the partial index made for the
 * billing tick's expiry check (issue 20), while every benchmark, which runs `PRAGMA optimize` after its seed,
 * measured the plans chosen with statistics. 0x10002: look at every table, analyse those never analysed or
 * whose size changed a lot since (usually none: then it only reads their size estimates). analysis_limit
 * samples about 1,000 rows per index, so even a first run on a 500,000-customer file takes milliseconds, not a
 * pass over gigabytes.
 */
export function refreshPlannerStatistics(db: Sqlite): void {
  db.pragma('analysis_limit = 1000');
  db.pragma('optimize = 0x10002');
}
