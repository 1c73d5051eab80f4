import type { Sqlite } from '../db/open';
import { prepared } from './statements';

/** One stored setting: its key and its JSON-encoded value. */
export interface SettingRow {
  key: string;
  value: string;
}

export function readSettingRows(db: Sqlite): SettingRow[] {
  return prepared<[], SettingRow>(db, 'SELECT key, value FROM settings').all();
}

export function upsertSetting(db: Sqlite, key: string, json: string, at: string): void {
  prepared<[string, string, string]>(
    db,
    `INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, json, at);
}
