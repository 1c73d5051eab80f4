import type { Sqlite } from '../db/open';
import { prepared } from './statements';

/** Size of the live database in bytes (pages × page size): what a backup copy is expected to reach, for its progress. */
export function databaseBytes(db: Sqlite): number {
  const pages = Number(db.pragma('page_count', { simple: true }));
  const size = Number(db.pragma('page_size', { simple: true }));
  return pages * size;
}

/** What a backup file's own tables say about it, read before it is trusted (core/backups/verify.ts). */
export function applicationId(db: Sqlite): number {
  return Number(db.pragma('application_id', { simple: true }));
}

export function hasTable(db: Sqlite, name: string): boolean {
  return !!prepared<[string], { one: number }>(
    db,
    "SELECT 1 AS one FROM sqlite_master WHERE type='table' AND name=?",
  ).get(name);
}

/** The journal timestamps of the migrations drizzle applied to the file, in order. */
export function appliedMigrationTimes(db: Sqlite): number[] {
  return prepared<[], { at: number }>(db, 'SELECT created_at AS at FROM __drizzle_migrations ORDER BY id')
    .all()
    .map((r) => Number(r.at));
}

/** The ISP name stored in the file's settings (JSON text), or undefined. */
export function storedIspName(db: Sqlite): string | undefined {
  return prepared<[], { value: string }>(db, "SELECT value FROM settings WHERE key='ispName'").get()?.value;
}
