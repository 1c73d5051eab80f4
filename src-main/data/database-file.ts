import type { Sqlite } from '../db/open';

/** What app.ts does to the database file as a whole: copy it, mark it, checkpoint it. */

/** A consistent copy of the live database into `file` (which must not exist). */
export function vacuumInto(db: Sqlite, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

/** Marks the file as a PPPoE Desk database (checked before any restore), once. */
export function markApplicationId(db: Sqlite, id: number): void {
  if (db.pragma('application_id', { simple: true }) !== id) db.pragma(`application_id = ${id}`);
}

/** Moves the WAL into the database file and empties it (before a close hands the file on). */
export function checkpointTruncate(db: Sqlite): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
