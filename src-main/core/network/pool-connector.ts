import { RouterError } from '../../routeros/client';
import { RouterConnection } from '../../routeros/connection';
import { RouterPool, type PoolOptions } from '../../routeros/pool';
import type { AppContext } from '../context';
import { markRouterDown, markRouterOnline } from './health';
import type { RouterConnector } from './connector';
import { retryTiming } from './retry-timing';

/**
 * The production connector: the adapter's RouterPool (one persistent connection per router with
 * keepalive and reconnect). Pool health changes land in the routers table and the `router.status` event.
 */
export function poolConnector(
  app: AppContext,
  opts: Omit<PoolOptions, 'onStateChange'> = {},
): RouterConnector & { close(): Promise<void>; connecting(routerId: number): boolean } {
  const timing = retryTiming();
  const pool = new RouterPool({
    backoffInitialMs: timing.poolInitialMs,
    backoffMaxMs: timing.poolMaxMs,
    ...opts,
    onStateChange: (h) => {
      const id = Number(h.routerId);
      try {
        if (h.status === 'online')
          markRouterOnline(app, id, {
            identity: h.identity ?? null,
            version: h.version ?? null,
            uptime: h.uptime ?? null,
          });
        else if (h.status === 'offline' || h.status === 'auth_failed') {
          markRouterDown(
            app,
            id,
            new RouterError(
              h.status === 'auth_failed' ? 'auth' : (h.lastErrorKind ?? 'unreachable'),
              h.lastError ?? 'offline',
            ),
          );
        }
      } catch (err) {
        // The database may be closing while a socket reports its end.
        app.logger.warn('router health update failed', { routerId: id, error: String(err) });
      }
    },
  });
  return {
    async client(routerId, target, opts = {}) {
      pool.set(routerId, target);
      await pool.connect(routerId, { freshSince: opts.freshSince ?? (opts.fresh ? pool.now() : undefined) });
      return pool.client(routerId);
    },
    retry(routerId, target) {
      pool.set(routerId, target);
      const since = pool.now();
      // Started now; whoever needs the answer joins it with client(…, { freshSince }).
      pool.connect(routerId, { freshSince: since }).catch(() => undefined);
      return since;
    },
    connect: (target) => RouterConnection.open(target),
    release: (routerId) => void pool.delete(routerId).catch(() => undefined),
    connecting: (routerId) => pool.connecting(routerId),
    close: () => pool.close(),
  };
}
