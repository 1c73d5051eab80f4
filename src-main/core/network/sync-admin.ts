import type { z } from 'zod';
import type { RetryOutcome, SyncOp, syncContract } from '../../../src-shared/contract/sync';
import {
  dropOp,
  openOpsById,
  openOpsOf,
  pageOps,
  resetOp,
  routerPending,
  routerQueues,
} from '../../data/network/sync-status.queries';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import type { Paged } from '../../data/sql';
import type { SyncEngine } from './engine';
import { SYNC_ENGINE } from './queue';
import { lastDrift } from './drift-seen';
import { releaseHolds } from './restore-hold';

type S = typeof syncContract;
type In<K extends keyof S> = z.output<S[K]['input']>;

const engineOf = (call: CallContext) => call.app.services[SYNC_ENGINE] as SyncEngine | undefined;

export function syncStatus(call: CallContext) {
  const rows = routerQueues(call.app.sqlite);
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
  const { rows, total } = pageOps(
    call.app.sqlite,
    { routerId: input.routerId, status: input.status },
    input.pageSize,
    (input.page - 1) * input.pageSize,
  );
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
    const rows = openOpsOf(app.sqlite, input.ids ? { ids: input.ids } : { routerId: input.routerId! });
    const now = app.clock.now().toISOString();
    for (const r of rows) {
      resetOp(app.sqlite, r.id, now);
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
      const row = routerPending(app.sqlite, routerId);
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
    const rows = openOpsById(app.sqlite, input.ids);
    const now = app.clock.now().toISOString();
    for (const r of rows) dropOp(app.sqlite, r.id, input.reason ? `dropped: ${input.reason}` : null, now);
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
