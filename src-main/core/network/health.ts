import { RouterError } from '../../routeros/client';
import type { AppContext } from '../context';
import { SYNC_ENGINE, type SyncWaker } from './queue';
import { describeRouterError } from './router-access';

export type RouterState = 'unknown' | 'online' | 'offline' | 'auth_failed';

interface Seen {
  identity?: string | null;
  version?: string | null;
  uptime?: string | null;
}

/**
 * Records a router's health. Writes the routers row on every call (last seen, uptime) but pushes a
 * `router.status` event only when the state changes, so screens update without a flood. A router that
 * answers again is used at once: its waiting changes go now, not at the end of a backoff.
 */
export function markRouterOnline(app: AppContext, routerId: number, seen: Seen = {}) {
  const now = app.clock.now().toISOString();
  const before = app.sqlite.prepare('SELECT state FROM routers WHERE id = ?').get(routerId) as
    | { state: string }
    | undefined;
  if (!before) return;
  app.sqlite
    .prepare(
      `UPDATE routers SET state = 'online', last_seen_at = ?, last_error = NULL,
         identity = coalesce(?, identity), version = coalesce(?, version), uptime = coalesce(?, uptime) WHERE id = ?`,
    )
    .run(now, seen.identity ?? null, seen.version ?? null, seen.uptime ?? null, routerId);
  if (before.state !== 'online') {
    emitStatus(app, routerId, 'online', null);
    (app.services[SYNC_ENGINE] as SyncWaker | undefined)?.wake(routerId, true);
  }
}

export function markRouterDown(app: AppContext, routerId: number, err: unknown) {
  const state: RouterState = err instanceof RouterError && err.kind === 'auth' ? 'auth_failed' : 'offline';
  const message = describeRouterError(err);
  const before = app.sqlite.prepare('SELECT state, last_error AS lastError FROM routers WHERE id = ?').get(routerId) as
    | { state: string; lastError: string | null }
    | undefined;
  if (!before) return;
  app.sqlite.prepare('UPDATE routers SET state = ?, last_error = ? WHERE id = ?').run(state, message, routerId);
  if (before.state !== state) emitStatus(app, routerId, state, message);
}

function emitStatus(app: AppContext, routerId: number, state: RouterState, error: string | null) {
  app.events.emit({ name: 'router.status', payload: { routerId, state, error } });
}

/** A transport-level failure (router down, dropped, slow) as opposed to the router refusing one command. */
export const isConnectionError = (err: unknown) => err instanceof RouterError && err.kind !== 'trap';
