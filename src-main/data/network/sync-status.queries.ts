/** What the Sync screen reads of the queue, and the rows the owner's retry/drop act on. */
import type { SyncOp } from '../../../src-shared/contract/sync';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface RouterQueueRow {
  routerId: number;
  name: string;
  state: 'unknown' | 'online' | 'offline' | 'auth_failed';
  lastSeenAt: string | null;
  pending: number;
  failed: number;
  lastError: string | null;
  oldestPendingAt: string | null;
  hold: string | null;
  holdSince: string | null;
}

export const routerQueues = (db: Sqlite): RouterQueueRow[] =>
  prepared<[], RouterQueueRow>(
    db,
    `SELECT r.id AS routerId, r.name, r.state, r.last_seen_at AS lastSeenAt,
            (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'pending') AS pending,
            (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'failed') AS failed,
            coalesce((SELECT o.last_error FROM sync_ops o WHERE o.router_id = r.id AND o.status IN ('pending','failed') AND o.last_error IS NOT NULL
                      ORDER BY o.updated_at DESC LIMIT 1), r.last_error) AS lastError,
            (SELECT min(o.created_at) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'pending') AS oldestPendingAt,
            r.sync_hold AS hold, r.sync_hold_since AS holdSince
     FROM routers r ORDER BY r.name COLLATE NOCASE`,
  ).all();

export type OpListRow = Omit<SyncOp, 'summary' | 'details'> & { payload: string };

/** One page of the queue: pending and failed in queue order, or one status (history newest first). */
export function pageOps(
  db: Sqlite,
  f: { routerId?: number; status?: SyncOp['status'] },
  limit: number,
  offset: number,
): { rows: OpListRow[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.routerId) {
    where.push('router_id = ?');
    params.push(f.routerId);
  }
  if (f.status) {
    where.push('status = ?');
    params.push(f.status);
  } else where.push("status IN ('pending', 'failed')");
  const w = `WHERE ${where.join(' AND ')}`;
  const total = prepared<(string | number)[], { n: number }>(db, `SELECT count(*) AS n FROM sync_ops ${w}`).get(
    ...params,
  )!.n;
  const order = f.status === 'done' || f.status === 'dropped' ? 'id DESC' : 'id ASC';
  const rows = prepared<(string | number)[], OpListRow>(
    db,
    `SELECT id, router_id AS routerId, kind, entity, entity_id AS entityId, payload, status, attempts, last_error AS lastError,
            next_attempt_at AS nextAttemptAt, created_at AS createdAt, updated_at AS updatedAt
     FROM sync_ops ${w} ORDER BY ${order} LIMIT ? OFFSET ?`,
  ).all(...params, limit, offset);
  return { rows, total };
}

/** Open (failed or pending) operations: these ids, or all of one router. */
export const openOpsOf = (db: Sqlite, which: { ids: number[] } | { routerId: number }) =>
  'ids' in which
    ? prepared<[string], { id: number; routerId: number }>(
        db,
        "SELECT id, router_id AS routerId FROM sync_ops WHERE id IN (SELECT value FROM json_each(?)) AND status IN ('failed', 'pending')",
      ).all(JSON.stringify(which.ids))
    : prepared<[number], { id: number; routerId: number }>(
        db,
        "SELECT id, router_id AS routerId FROM sync_ops WHERE router_id = ? AND status IN ('failed', 'pending')",
      ).all(which.routerId);

/** Back to the front of the queue: pending, due now, attempts counted afresh. */
export function resetOp(db: Sqlite, id: number, now: string) {
  prepared(
    db,
    "UPDATE sync_ops SET status = 'pending', next_attempt_at = NULL, attempts = 0, updated_at = ? WHERE id = ?",
  ).run(now, id);
}

export const routerPending = (db: Sqlite, routerId: number) =>
  prepared<[number], { name: string; pending: number }>(
    db,
    "SELECT r.name, (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'pending') AS pending FROM routers r WHERE r.id = ?",
  ).get(routerId);

export const openOpsById = (db: Sqlite, ids: number[]) =>
  prepared<[string], { id: number; routerId: number; kind: string; payload: string; status: string }>(
    db,
    "SELECT id, router_id AS routerId, kind, payload, status FROM sync_ops WHERE id IN (SELECT value FROM json_each(?)) AND status IN ('pending','failed')",
  ).all(JSON.stringify(ids));

/** Given up by the owner; `lastError` null keeps the operation's last error. */
export function dropOp(db: Sqlite, id: number, lastError: string | null, now: string) {
  prepared(
    db,
    "UPDATE sync_ops SET status = 'dropped', last_error = coalesce(?, last_error), updated_at = ? WHERE id = ?",
  ).run(lastError, now, id);
}
