/** Staff users' desktop-notification choices (`staff_notification_prefs`): a kind without a row is on. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export function staffPrefRows(db: Sqlite, userId: number): { kind: string; enabled: boolean }[] {
  return prepared<[number], { kind: string; enabled: number }>(
    db,
    `SELECT kind, enabled FROM staff_notification_prefs WHERE user_id = ?`,
  )
    .all(userId)
    .map((r) => ({ kind: r.kind, enabled: r.enabled === 1 }));
}

export function upsertStaffPref(db: Sqlite, p: { userId: number; kind: string; enabled: boolean; now: string }): void {
  prepared<[{ userId: number; kind: string; enabled: number; now: string }]>(
    db,
    `INSERT INTO staff_notification_prefs(user_id, kind, enabled, updated_at) VALUES (@userId, @kind, @enabled, @now)
     ON CONFLICT(user_id, kind) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
  ).run({ ...p, enabled: p.enabled ? 1 : 0 });
}
