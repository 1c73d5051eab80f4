import fs from 'node:fs';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db, Sqlite } from './open';

export interface MigrationInfo {
  /** Number of migrations in the folder (the app's schema version). */
  latest: number;
  /** Number already applied in this database. */
  applied: number;
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

export function readJournal(migrationsFolder: string): Journal {
  return JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

/** Schema version = number of applied drizzle migrations (0 for an empty database). */
export function appliedMigrations(sqlite: Sqlite): number {
  const t = sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'").get();
  if (!t) return 0;
  return (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}

export function migrationInfo(sqlite: Sqlite, migrationsFolder: string): MigrationInfo {
  return { latest: readJournal(migrationsFolder).entries.length, applied: appliedMigrations(sqlite) };
}

export class NewerDatabaseError extends Error {
  constructor(applied: number, latest: number) {
    super(
      `This database was written by a newer version of PPPoE Desk (schema ${applied}, this app knows ${latest}). Update the app.`,
    );
  }
}

/**
 * Brings the schema up to date. When migrations are pending on a database that already has data,
 * `backup` is called first (the caller writes a verified copy). foreign_keys is switched off outside
 * the migration transaction (table rebuilds need it) and checked after; a violation aborts the start.
 */
export function runMigrations(
  sqlite: Sqlite,
  db: Db,
  migrationsFolder: string,
  backup?: (reason: string) => void,
): MigrationInfo {
  const before = migrationInfo(sqlite, migrationsFolder);
  if (before.applied > before.latest) throw new NewerDatabaseError(before.applied, before.latest);
  if (before.applied === before.latest) return before;
  if (before.applied > 0 && backup) backup(`before-migration-${before.applied}-to-${before.latest}`);
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new Error(
        `Migration left ${violations.length} foreign key violation(s); restore the backup taken before it.`,
      );
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return migrationInfo(sqlite, migrationsFolder);
}
