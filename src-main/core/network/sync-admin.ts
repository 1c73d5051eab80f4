import type { z } from 'zod';
import type { RetryOutcome, SyncOp, syncContract } from '../../../src-shared/contract/sync';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import type { Paged } from '../sql';
import type { SyncEngine } from './engine';
import { SYNC_ENGINE } from './queue';
import { lastDrift, releaseHolds } from './restore-hold';

type S = typeof syncContract;
type In<K extends keyof S> = z.output<S[K]['input']>;

const engineOf = (call: CallContext) => call.app.services[SYNC_ENGINE] as SyncEngine | undefined;

export function syncStatus(call: CallContext) {
  const rows = call.app.sqlite
    .prepare(
      `SELECT r.id AS routerId, r.name, r.state, r.last_seen_at AS lastSeenAt,
              (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'pending') AS pending,
              (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'failed') AS failed,
              coalesce((SELECT o.last_error FROM sync_ops o WHERE o.router_id = r.id AND o.status IN ('pending','failed') AND o.last_error IS NOT NULL
                        ORDER BY o.updated_at DESC LIMIT 1), r.last_error) AS lastError,
              (SELECT min(o.created_at) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'pending') AS oldestPendingAt,
              r.sync_hold AS hold, r.sync_hold_since AS holdSince
       FROM routers r ORDER BY r.name COLLATE NOCASE`,
    )
    .all() as {
    routerId: number;
    name: string;
    state: string;
    lastSeenAt: string | null;
    pending: number;
    failed: number;
    lastError: string | null;
    oldestPendingAt: string | null;
    hold: string | null;
    holdSince: string | null;
  }[];
  const engine = engineOf(call);
  return {
    routers: rows.map(({ hold, holdSince, ...r }) => {
      const st = engine?.status(r.routerId);
      const last = st?.last;
      return {
        ...r,
        hold: hold
          ? { reason: 'restore' as const, since: holdSince ?? '', drift: lastDrift(call.app, r.routerId) }
          : null,
        state: r.state as 'unknown' | 'online' | 'offline' | 'auth_failed',
        running: st?.running ?? false,
        nextRetryAt: st?.nextRetryAt ?? null,
        lastRun: last ? { at: last.at, applied: last.applied, failed: last.failed, error: last.connectionError } : null,
      };
    }),
  };
}

export function summarize(kind: string, payload: string): string {
  const p = JSON.parse(payload) as Record<string, unknown>;
  switch (kind) {
    case 'profile.upsert':
      return `profile ${p.name} (rate-limit ${p.rateLimit}${p.remoteAddress ? `, pool ${p.remoteAddress}` : ''})`;
    case 'profile.ensure':
      return `isolir profile ${p.name} (created only if missing)`;
    case 'secret.upsert':
      return `secret ${p.name}${p.previousName ? ` (was ${p.previousName})` : ''}: profile ${p.profile}${p.remoteAddress ? `, IP ${p.remoteAddress}` : ''}${p.disabled ? ', disabled' : ''}`;
    case 'secret.remove':
      return `remove secret ${p.name}`;
    case 'session.kick':
      return `kick session of ${p.name}`;
    default:
      return kind;
  }
}

/** The payload's fields a screen shows, whatever the kind. */
export function opDetails(payload: string): SyncOp['details'] {
  const p = JSON.parse(payload) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return {
    name: String(p.name ?? ''),
    profile: str(p.profile),
    previousName: str(p.previousName),
    ip: str(p.remoteAddress) && 'profile' in p ? str(p.remoteAddress) : null,
    disabled: p.disabled === true,
    rateLimit: str(p.rateLimit),
    pool: str(p.remoteAddress) && !('profile' in p) ? str(p.remoteAddress) : null,
  };
}

export function listOps(call: CallContext, input: In<'sync.ops'>): Paged<SyncOp> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.routerId) {
    where.push('router_id = ?');
    params.push(input.routerId);
  }
  if (input.status) {
    where.push('status = ?');
    params.push(input.status);
  } else where.push("status IN ('pending', 'failed')");
  const w = `WHERE ${where.join(' AND ')}`;
  const db = call.app.sqlite;
  const total = (db.prepare(`SELECT count(*) AS n FROM sync_ops ${w}`).get(...params) as { n: number }).n;
  // Pending/failed read in queue order; history newest first.
  const order = input.status === 'done' || input.status === 'dropped' ? 'id DESC' : 'id ASC';
  const rows = db
    .prepare(
      `SELECT id, router_id AS routerId, kind, entity, entity_id AS entityId, payload, status, attempts, last_error AS lastError,
              next_attempt_at AS nextAttemptAt, created_at AS createdAt, updated_at AS updatedAt
       FROM sync_ops ${w} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as (Omit<SyncOp, 'summary' | 'details'> & {
    payload: string;
  })[];
  return {
    items: rows.map(({ payload, ...r }) => ({
      ...r,
      summary: summarize(r.kind, payload),
      details: opDetails(payload),
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/**
 * Failed (or waiting) operations go back to the front of their router's queue, and each router gets a
 * fresh connection attempt now; answers with what that attempt did.
 */
export async function retryOps(
  call: CallContext,
  input: In<'sync.retry'>,
): Promise<{ retried: number; outcomes: RetryOutcome[] }> {
  const { app } = call;
  const routers = new Set<number>();
  const retried = app.sqlite.transaction(() => {
    const where = input.ids ? `id IN (${input.ids.map(() => '?').join(',')})` : 'router_id = ?';
    const params = input.ids ?? [input.routerId!];
    const rows = app.sqlite
      .prepare(`SELECT id, router_id AS routerId FROM sync_ops WHERE ${where} AND status IN ('failed', 'pending')`)
      .all(...params) as { id: number; routerId: number }[];
    const upd = app.sqlite.prepare(
      "UPDATE sync_ops SET status = 'pending', next_attempt_at = NULL, attempts = 0, updated_at = ? WHERE id = ?",
    );
    const now = app.clock.now().toISOString();
    for (const r of rows) {
      upd.run(now, r.id);
      routers.add(r.routerId);
    }
    if (rows.length)
      writeAudit(call, { action: 'sync.retry', entity: 'sync_op', after: { ids: rows.map((r) => r.id) } });
    // Sending the queue of a router held after a restore is the owner's choice: the hold ends.
    releaseHolds(call, [...new Set([...routers, ...(input.routerId ? [input.routerId] : [])])]);
    return rows.length;
  })();
  if (input.routerId) routers.add(input.routerId);
  const engine = engineOf(call);
  if (!engine) return { retried, outcomes: [] };
  const outcomes = await Promise.all(
    [...routers].map(async (routerId) => {
      const r = await engine.retryNow(routerId);
      const row = app.sqlite
        .prepare(
          "SELECT r.name, (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'pending') AS pending FROM routers r WHERE r.id = ?",
        )
        .get(routerId) as { name: string; pending: number } | undefined;
      return {
        routerId,
        name: row?.name ?? `#${routerId}`,
        applied: r.applied,
        failed: r.failed,
        pending: row?.pending ?? 0,
        error: r.connectionError,
      };
    }),
  );
  return { retried, outcomes };
}

/** Gives up on operations (the router is fixed by hand, or the change is no longer wanted). Audited. */
export function dropOps(call: CallContext, input: In<'sync.drop'>): { dropped: number } {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const rows = app.sqlite
      .prepare(
        `SELECT id, router_id AS routerId, kind, payload, status FROM sync_ops WHERE id IN (${input.ids.map(() => '?').join(',')}) AND status IN ('pending','failed')`,
      )
      .all(...input.ids) as { id: number; routerId: number; kind: string; payload: string; status: string }[];
    const upd = app.sqlite.prepare(
      "UPDATE sync_ops SET status = 'dropped', last_error = coalesce(?, last_error), updated_at = ? WHERE id = ?",
    );
    const now = app.clock.now().toISOString();
    for (const r of rows) upd.run(input.reason ? `dropped: ${input.reason}` : null, now, r.id);
    if (rows.length) {
      writeAudit(call, {
        action: 'sync.drop',
        entity: 'sync_op',
        before: rows.map((r) => ({
          id: r.id,
          routerId: r.routerId,
          status: r.status,
          op: summarize(r.kind, r.payload),
        })),
        reason: input.reason ?? null,
      });
    }
    return { dropped: rows.length };
  })();
}
