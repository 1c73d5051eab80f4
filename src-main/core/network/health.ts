import { RouterError } from '../../routeros/client';
import { routerBrand } from '../../data/brands.repository';
import { findRouter, routerHealth, setRouterOnline, setRouterState } from '../../data/network/routers.repository';
import type { AppContext } from '../context';
import { notifyStaff } from '../messaging/staff-notify';
import { SYNC_ENGINE, type SyncWaker } from './queue';
import { describeRouterError } from './router-errors';

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
  const before = routerHealth(app.sqlite, routerId);
  if (!before) return;
  setRouterOnline(app.sqlite, routerId, app.clock.now().toISOString(), {
    identity: seen.identity ?? null,
    version: seen.version ?? null,
    uptime: seen.uptime ?? null,
  });
  if (before.state !== 'online') {
    emitStatus(app, routerId, 'online', null);
    (app.services[SYNC_ENGINE] as SyncWaker | undefined)?.wake(routerId, true);
  }
}

export function markRouterDown(app: AppContext, routerId: number, err: unknown) {
  const state: RouterState = err instanceof RouterError && err.kind === 'auth' ? 'auth_failed' : 'offline';
  const message = describeRouterError(err);
  const before = routerHealth(app.sqlite, routerId);
  if (!before) return;
  setRouterState(app.sqlite, routerId, state, message);
  if (before.state !== state) {
    emitStatus(app, routerId, state, message);
    // Only online → down is news for staff (offline ↔ auth_failed is the same outage).
    if (before.state === 'online')
      notifyStaff(app, {
        kind: 'router_down',
        routerId,
        routerName: findRouter(app.sqlite, routerId)?.name ?? `#${routerId}`,
        brandId: routerBrand(app.sqlite, routerId) ?? null,
      });
  }
}

function emitStatus(app: AppContext, routerId: number, state: RouterState, error: string | null) {
  app.events.emit({ name: 'router.status', payload: { routerId, state, error } });
}
