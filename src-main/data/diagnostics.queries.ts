import type { Sqlite } from '../db/open';
import { prepared } from './statements';

/** Rows per table, for the diagnostics zip (sizes only, never contents). */
export function tableRowCounts(db: Sqlite): Record<string, number> {
  const tables = prepared<[], { name: string }>(
    db,
    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  ).all();
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    out[name] =
      prepared<[], { n: number }>(db, `SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get()?.n ?? 0;
  }
  return out;
}

export function sqliteVersion(db: Sqlite): string {
  return prepared<[], { v: string }>(db, 'SELECT sqlite_version() AS v').get()?.v ?? '';
}

export function journalMode(db: Sqlite): unknown {
  return db.pragma('journal_mode', { simple: true });
}
