import { activeRouterIds } from '../../data/network/routers.repository';
import type { AppContext } from '../context';
import { SyncEngine, realTimers, type EngineOptions, type Timers } from './engine';
import { pollRouter } from './sessions';
import { SYNC_ENGINE } from './queue';
import { checkHeldRouters } from './restore-hold';
import { retryTiming } from './retry-timing';

export interface NetworkWorkOptions extends EngineOptions {
  timers?: Timers;
  /** Health, presence and traffic poll interval per router. */
  pollMs?: number;
}

/**
 * Starts the sync engine (one worker per router, resuming whatever the queue holds after a restart)
 * and the router poller (health → `router.status`, who is online, byte counters every pollMs).
 */
export function startNetworkWork(app: AppContext, opts: NetworkWorkOptions = {}): () => Promise<void> {
  const timers = opts.timers ?? realTimers;
  const engine = new SyncEngine(app, opts).start();
  const pollMs = opts.pollMs ?? retryTiming().pollMs;
  let handle: unknown = null;
  let stopped = false;
  const round = async () => {
    // A router found back online wakes its sync worker (markRouterOnline).
    await Promise.all(activeRouterIds(app.sqlite).map((id) => pollRouter(app, id)));
  };
  const tick = () => {
    if (stopped) return;
    void round()
      .catch((err) => app.logger.warn('router poll round failed', { error: String(err) }))
      .finally(() => {
        if (!stopped) handle = timers.setTimeout(tick, pollMs);
      });
  };
  handle = timers.setTimeout(tick, 1000);
  // Held after a restore (the app restarted since): check the differences again for the Sync screen.
  void checkHeldRouters(app).catch((err) => app.logger.warn('difference check failed', { error: String(err) }));
  // Resolves once the sync steps in flight have finished, so a restore never swaps the database under them.
  return () => {
    stopped = true;
    if (handle) timers.clearTimeout(handle);
    if (app.services[SYNC_ENGINE] === engine) delete app.services[SYNC_ENGINE];
    return engine.stop();
  };
}
