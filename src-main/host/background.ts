import type { App } from '../app';
import { startBillingScheduler } from '../core/billing/scheduler';
import { startBackupScheduler } from '../core/backups/schedule';
import { startMessaging } from '../core/messaging/background';
import { startGatewayPoller } from '../core/gateway-payments/poller';
import { startNetworkWork } from '../core/network/background';
import { startWebhooks } from '../core/webhooks/background';

export interface BackgroundWork {
  /** Stops every piece; the promise settles once what was in flight finished (the server awaits it). */
  stop(): void | Promise<void>;
}

/**
 * Starts one piece of long-running work and returns how to stop it; a stop may return a promise that
 * settles once what was in flight has finished (a router sync step).
 */
export type BackgroundStarter = (app: App) => () => unknown;

/**
 * Long-running work owned by the main process (router sync workers, billing scheduler, backups, the
 * payment-gateway poller).
 * Listed here explicitly; both hosts (Electron and HTTP) call startBackground once after opening the app.
 */
const STARTERS: BackgroundStarter[] = [
  (app) => startBackupScheduler(app),
  (app) => startBillingScheduler(app),
  (app) => startNetworkWork(app.ctx),
  (app) => startMessaging(app),
  (app) => {
    const poller = startGatewayPoller(app.ctx);
    return () => poller.stop();
  },
  (app) => startWebhooks(app.ctx),
];

export function startBackground(app: App, starters: BackgroundStarter[] = STARTERS): BackgroundWork {
  let stops: (() => unknown)[] = starters.map((start) => start(app));
  const stopAll = () => {
    const settled = stops.reverse().map((stop) => stop());
    stops = [];
    return Promise.all(settled).then(() => undefined);
  };
  const startAll = () => {
    if (!stops.length) stops = starters.map((start) => start(app));
  };
  // A restore swaps the database: stop everything first and let work in flight finish on the current
  // data ('prepare'), start again on the restored data after (so the sync queue and schedules of the
  // restored database resume), or on the same data if the restore gave up before the swap.
  const off = app.ctx.onDatabaseReplaced((phase) => {
    if (phase === 'prepare') return stopAll();
    if (phase === 'before') void stopAll();
    else if (phase === 'after' || phase === 'cancelled') startAll();
  });
  return {
    stop() {
      off();
      return stopAll();
    },
  };
}
