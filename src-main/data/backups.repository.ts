import type { Sqlite } from '../db/open';

/** Size of the live database in bytes (pages × page size): what a backup copy is expected to reach, for its progress. */
export function databaseBytes(db: Sqlite): number {
  const pages = Number(db.pragma('page_count', { simple: true }));
  const size = Number(db.pragma('page_size', { simple: true }));
  return pages * size;
}
