import type { Sqlite } from '../../../src-main/db/open';

/** The audit rows written under one actor name, oldest first. */
export function listAuditRows(db: Sqlite, username: string) {
  return db
    .prepare('SELECT action, entity, source, after FROM audit_log WHERE username = ? ORDER BY id')
    .all(username) as { action: string; entity: string; source: string | null; after: string | null }[];
}
