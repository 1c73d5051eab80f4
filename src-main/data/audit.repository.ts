import type { Sqlite } from '../db/open';
import { prepared } from './statements';

/** One audit row as written: snapshots are JSON text with secrets already masked. */
export interface AuditRowInput {
  at: string;
  userId: number | null;
  username: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  source: string | null;
}

/** Appends one audit row. There is no update or delete path. */
export function insertAuditRow(db: Sqlite, r: AuditRowInput): void {
  prepared<unknown[]>(
    db,
    `INSERT INTO audit_log(at, user_id, username, action, entity, entity_id, before, after, reason, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.at, r.userId, r.username, r.action, r.entity, r.entityId, r.before, r.after, r.reason, r.source);
}

/** Whether the user signed in from `source` (null: no address) at or after `since`. */
export function signedInFromSince(db: Sqlite, userId: number, source: string | null, since: string): boolean {
  return (
    prepared<[string, string | null, string], { one: number }>(
      db,
      // `+source`: search by the user (audit_entity_idx: a few rows per sign-in), not by the address,
      // which on the office PC matches most of the trail.
      `SELECT 1 AS one FROM audit_log WHERE entity = 'user' AND entity_id = ? AND action = 'auth.login' AND +source IS ? AND at >= ? LIMIT 1`,
    ).get(String(userId), source, since) !== undefined
  );
}
