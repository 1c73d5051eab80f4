/**
 * The durable router queue (`sync_ops`): what the services append, what the per-router worker reads in
 * id order, and how each operation's outcome is recorded. Lists of ids are bound as one JSON array
 * (`json_each`), so one statement serves any number of ids.
 */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/** An operation as the worker reads it. */
export interface OpRow {
  id: number;
  kind: string;
  entityId: number | null;
  payload: string;
  attempts: number;
}

export interface NewOp {
  routerId: number;
  kind: string;
  entity: 'pppoe' | 'package' | 'router';
  entityId: number | null;
  /** JSON text. */
  payload: string;
}

export function insertOp(db: Sqlite, op: NewOp, now: string): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO sync_ops(router_id, kind, entity, entity_id, payload, status, attempts, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
  ).run(op.routerId, op.kind, op.entity, op.entityId, op.payload, now, now);
  return Number(lastInsertRowid);
}

/** Which of the given accounts have a secret upsert not yet applied, as `routerId:accountId` keys. */
export const accountsWithOpenSecretUpserts = (db: Sqlite, accountIds: number[]): Set<string> =>
  new Set(
    prepared<[string], { k: string }>(
      db,
      `SELECT DISTINCT router_id || ':' || entity_id AS k FROM sync_ops
       WHERE entity = 'pppoe' AND entity_id IN (SELECT value FROM json_each(?)) AND kind = 'secret.upsert'
         AND status IN ('pending', 'failed')`,
    )
      .all(JSON.stringify(accountIds))
      .map((r) => r.k),
  );

/** Secret upserts of one account on one router that have not been applied (pending or failed). */
export const openSecretUpserts = (db: Sqlite, routerId: number, accountId: number) =>
  prepared<[number, number], { id: number; payload: string }>(
    db,
    `SELECT id, payload FROM sync_ops WHERE router_id = ? AND entity = 'pppoe' AND entity_id = ? AND kind = 'secret.upsert'
       AND status IN ('pending', 'failed')`,
  ).all(routerId, accountId);

export function dropOpsById(db: Sqlite, ids: number[], reason: string, now: string) {
  prepared(
    db,
    "UPDATE sync_ops SET status = 'dropped', last_error = ?, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))",
  ).run(reason, now, JSON.stringify(ids));
}

/** Everything still queued (pending or failed) for an account on a router is dropped, with the reason. */
export function dropOpenAccountOps(db: Sqlite, routerId: number, accountId: number, reason: string, now: string) {
  prepared(
    db,
    `UPDATE sync_ops SET status = 'dropped', last_error = ?, updated_at = ?
     WHERE router_id = ? AND entity = 'pppoe' AND entity_id = ? AND status IN ('pending', 'failed')`,
  ).run(reason, now, routerId, accountId);
}

/** Older profile upserts of a package on a router are superseded by a newer one. */
export function dropOpenProfileUpserts(db: Sqlite, routerId: number, packageId: number, now: string) {
  prepared(
    db,
    `UPDATE sync_ops SET status = 'dropped', last_error = 'superseded by a newer change', updated_at = ?
     WHERE router_id = ? AND entity = 'package' AND entity_id = ? AND kind = 'profile.upsert' AND status IN ('pending','failed')`,
  ).run(now, routerId, packageId);
}

/** Pending operations of a package on a router are dropped (its profile came from that router). `now` null keeps updated_at. */
export function dropPendingPackageOps(
  db: Sqlite,
  routerId: number,
  packageId: number,
  reason: string,
  now: string | null,
) {
  prepared(
    db,
    `UPDATE sync_ops SET status = 'dropped', last_error = ?, updated_at = coalesce(?, updated_at)
     WHERE router_id = ? AND entity = 'package' AND entity_id = ? AND status = 'pending'`,
  ).run(reason, now, routerId, packageId);
}

export function deleteRouterOps(db: Sqlite, routerId: number) {
  prepared(db, 'DELETE FROM sync_ops WHERE router_id = ?').run(routerId);
}

// The worker's side.

/** Active, unheld routers with pending work (the engine resumes them at start). */
export const routersWithPendingOps = (db: Sqlite): number[] =>
  prepared<[], { id: number }>(
    db,
    "SELECT DISTINCT o.router_id AS id FROM sync_ops o JOIN routers r ON r.id = o.router_id WHERE o.status = 'pending' AND r.is_active = 1 AND r.sync_hold IS NULL",
  )
    .all()
    .map((r) => r.id);

/** Due operations of a router after id `after`, in queue order. */
export const dueOps = (db: Sqlite, routerId: number, now: string, after: number, limit: number): OpRow[] =>
  prepared<[number, string, number, number], OpRow>(
    db,
    `SELECT id, kind, entity_id AS entityId, payload, attempts FROM sync_ops
     WHERE router_id = ? AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND id > ?
     ORDER BY id LIMIT ?`,
  ).all(routerId, now, after, limit);

/** When the earliest retryable trap of a router comes back, if any. */
export const nextRetryAt = (db: Sqlite, routerId: number): string | null =>
  prepared<[number], { at: string | null }>(
    db,
    "SELECT min(next_attempt_at) AS at FROM sync_ops WHERE router_id = ? AND status = 'pending' AND next_attempt_at IS NOT NULL",
  ).get(routerId)?.at ?? null;

export function openCounts(db: Sqlite, routerId: number): { pending: number; failed: number } {
  const c = prepared<[number], { pending: number | null; failed: number | null }>(
    db,
    "SELECT sum(status = 'pending') AS pending, sum(status = 'failed') AS failed FROM sync_ops WHERE router_id = ? AND status IN ('pending', 'failed')",
  ).get(routerId);
  return { pending: c?.pending ?? 0, failed: c?.failed ?? 0 };
}

/** Operations the router confirmed (those still pending: one dropped meanwhile stays dropped), one statement for a batch. */
export function markOpsDone(db: Sqlite, ids: number[], now: string) {
  if (!ids.length) return;
  prepared(
    db,
    `UPDATE sync_ops SET status = 'done', attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL, updated_at = ?
     WHERE id IN (SELECT value FROM json_each(?)) AND status = 'pending'`,
  ).run(now, JSON.stringify(ids));
}

export const markOpFailed = (db: Sqlite, id: number, attempts: number, error: string, now: string) =>
  prepared(
    db,
    "UPDATE sync_ops SET status = 'failed', attempts = ?, last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status = 'pending'",
  ).run(attempts, error, now, id);

export const markOpRetry = (db: Sqlite, id: number, attempts: number, error: string, at: string, now: string) =>
  prepared(
    db,
    "UPDATE sync_ops SET attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'",
  ).run(attempts, error, at, now, id);

/** Accounts of this router the worker has already written to it (only among `ids` when given). */
export function appliedAccountIds(db: Sqlite, routerId: number, ids?: number[]): Set<number> {
  if (ids && !ids.length) return new Set();
  const base = `SELECT DISTINCT entity_id AS id FROM sync_ops
     WHERE router_id = ? AND entity = 'pppoe' AND kind = 'secret.upsert' AND status = 'done'`;
  const rows = ids
    ? prepared<[number, string], { id: number }>(db, `${base} AND entity_id IN (SELECT value FROM json_each(?))`).all(
        routerId,
        JSON.stringify(ids),
      )
    : prepared<[number], { id: number }>(db, base).all(routerId);
  return new Set(rows.map((r) => r.id));
}
