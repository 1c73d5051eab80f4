import { accountRow, type AccountRow } from '../../data/network/account-state.repository';
import { activeRouterIds } from '../../data/network/routers.repository';
import {
  accountsWithOpenSecretUpserts,
  dropOpenAccountOps,
  dropOpenProfileUpserts,
  dropOpsById,
  insertOp,
  openSecretUpserts,
  type NewOp,
} from '../../data/network/sync-ops.repository';
import { ENSURED_PROFILE } from './isolir-router/desired';
import type { AppContext } from '../context';
import { secretState, type SecretState } from './desired';

/** Operation kinds the sync worker understands. */
export type SyncOpKind = 'profile.upsert' | 'profile.ensure' | 'secret.upsert' | 'secret.remove' | 'session.kick';

export interface ProfilePayload {
  name: string;
  rateLimit: string;
  remoteAddress: string | null;
}
export type SecretUpsertPayload = SecretState & { previousName?: string | null };
export interface NamePayload {
  name: string;
}

/** Something that wakes the per-router worker after new operations were queued (the sync engine). */
export interface SyncWaker {
  /** `force`: the router answers again, so go now whatever the backoff. */
  wake(routerId: number, force?: boolean): void;
}
export const SYNC_ENGINE = 'network.syncEngine';

function wake(app: AppContext, routerId: number) {
  // The caller is still inside its transaction; the engine defers the real work to a timer, so it only
  // ever sees committed rows (a rolled-back enqueue simply finds nothing).
  (app.services[SYNC_ENGINE] as SyncWaker | undefined)?.wake(routerId);
}

/**
 * Appends one durable router operation. Must run inside the caller's transaction so the desired state
 * and the queued operation commit (or roll back) together.
 */
export function enqueueOp(
  app: AppContext,
  routerId: number,
  kind: SyncOpKind,
  entity: 'pppoe' | 'package' | 'router',
  entityId: number | null,
  payload: object,
): number {
  const id = insertOp(
    app.sqlite,
    { routerId, kind, entity, entityId, payload: JSON.stringify(payload) },
    app.clock.now().toISOString(),
  );
  wake(app, routerId);
  return id;
}

/**
 * The payload of a secret upsert for the account and the ids of the older upserts it supersedes
 * (`old`: the account's open upserts on its router, oldest first as the store gives them).
 */
function secretUpsert(
  account: AccountRow,
  old: { id: number; payload: string }[],
  previousName?: string | null,
): { payload: SecretUpsertPayload; superseded: number[] } {
  // A rename still pending must keep the oldest known router name, or the old secret would be orphaned.
  let carriedName = previousName ?? null;
  for (const o of old) {
    const p = JSON.parse(o.payload) as SecretUpsertPayload;
    if (p.previousName) carriedName = p.previousName;
    else if (!carriedName && p.name !== account.username) carriedName = p.name;
  }
  const payload: SecretUpsertPayload = { ...secretState(account) };
  if (carriedName && carriedName.toLowerCase() !== account.username.toLowerCase()) payload.previousName = carriedName;
  return { payload, superseded: old.map((o) => o.id) };
}

/**
 * Queues "make the router's secret match this account". Older queued or failed upserts for the same
 * account on that router are superseded: each upsert carries the complete state, so only the newest matters.
 */
export function enqueueSecretUpsert(app: AppContext, account: AccountRow, previousName?: string | null): number | null {
  if (account.routerId === null) return null;
  const old = openSecretUpserts(app.sqlite, account.routerId, account.id);
  const { payload, superseded } = secretUpsert(account, old, previousName);
  if (superseded.length)
    dropOpsById(app.sqlite, superseded, 'superseded by a newer change', app.clock.now().toISOString());
  return enqueueOp(app, account.routerId, 'secret.upsert', 'pppoe', account.id, payload);
}

export function enqueueKick(app: AppContext, routerId: number, accountId: number, username: string): number {
  return enqueueOp(app, routerId, 'session.kick', 'pppoe', accountId, { name: username } satisfies NamePayload);
}

export function enqueueSecretRemove(app: AppContext, routerId: number, accountId: number, username: string): number {
  // Anything still queued for this account on that router is moot once it is removed.
  dropOpenAccountOps(app.sqlite, routerId, accountId, 'superseded: account removed', app.clock.now().toISOString());
  return enqueueOp(app, routerId, 'secret.remove', 'pppoe', accountId, { name: username } satisfies NamePayload);
}

/** Re-reads the account and queues its full state (plus a kick when the change must reach a live session). */
export function syncAccount(
  app: AppContext,
  accountId: number,
  opts: { kick?: boolean; previousName?: string | null } = {},
) {
  const a = accountRow(app.sqlite, accountId);
  if (a) syncAccountRow(app, a, opts);
}

/** syncAccount for a caller that has just read the account's row in this transaction (isolir: saves a read). */
export function syncAccountRow(
  app: AppContext,
  a: AccountRow,
  opts: { kick?: boolean; previousName?: string | null } = {},
) {
  if (a.routerId === null) return;
  enqueueSecretUpsert(app, a, opts.previousName);
  if (opts.kick) enqueueKick(app, a.routerId, a.id, a.username);
}

/**
 * syncAccountRow for many accounts (each at most once), as the automation's batch needs it: the same
 * operations in the same order (upsert, then kick, account by account), with one read for which accounts
 * have upserts to supersede (few: most have nothing queued) instead of one per account, one update dropping
 * them, and each router woken once. Inside the caller's transaction.
 */
export function syncAccountRows(app: AppContext, rows: AccountRow[], opts: { kick?: boolean } = {}) {
  const routed = rows.filter((a) => a.routerId !== null);
  if (!routed.length) return;
  if (new Set(routed.map((a) => a.id)).size !== routed.length) throw new Error('syncAccountRows: an account twice');
  // Most accounts have nothing queued: only those that do are read one by one, as enqueueSecretUpsert does.
  const open = accountsWithOpenSecretUpserts(
    app.sqlite,
    routed.map((a) => a.id),
  );
  const superseded: number[] = [];
  const ops: NewOp[] = [];
  for (const a of routed) {
    const routerId = a.routerId!;
    const old = open.has(`${routerId}:${a.id}`) ? openSecretUpserts(app.sqlite, routerId, a.id) : [];
    const up = secretUpsert(a, old);
    superseded.push(...up.superseded);
    ops.push({ routerId, kind: 'secret.upsert', entity: 'pppoe', entityId: a.id, payload: JSON.stringify(up.payload) });
    if (opts.kick)
      ops.push({
        routerId,
        kind: 'session.kick',
        entity: 'pppoe',
        entityId: a.id,
        payload: JSON.stringify({ name: a.username } satisfies NamePayload),
      });
  }
  const now = app.clock.now().toISOString();
  if (superseded.length) dropOpsById(app.sqlite, superseded, 'superseded by a newer change', now);
  for (const op of ops) insertOp(app.sqlite, op, now);
  for (const routerId of new Set(routed.map((a) => a.routerId!))) wake(app, routerId);
}

/**
 * Makes sure the router has its isolir profile. Only created when missing (slow, address-listed `ISOLIR`
 * for the redirect rules): an ISP's own isolir profile is never overwritten.
 */
export function enqueueIsolirProfile(app: AppContext, routerId: number, name: string) {
  return enqueueOp(app, routerId, 'profile.ensure', 'router', routerId, {
    name,
    rateLimit: ENSURED_PROFILE['rate-limit'],
    addressList: ENSURED_PROFILE['address-list'],
  });
}

/** Queues a profile upsert for one package on every active router. */
export function enqueueProfileEverywhere(
  app: AppContext,
  pkg: { id: number; profileName: string; bandwidthUp: number; bandwidthDown: number; ipPool: string | null },
  rateLimit: string,
) {
  for (const routerId of activeRouterIds(app.sqlite)) {
    dropOpenProfileUpserts(app.sqlite, routerId, pkg.id, app.clock.now().toISOString());
    enqueueOp(app, routerId, 'profile.upsert', 'package', pkg.id, {
      name: pkg.profileName,
      rateLimit,
      remoteAddress: pkg.ipPool,
    } satisfies ProfilePayload);
  }
}
