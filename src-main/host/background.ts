import type { App } from '../app';
import { startBillingScheduler } from '../core/billing/scheduler';
import { startBackupScheduler } from '../core/backups/schedule';
import { startNetworkWork } from '../core/network/background';

export interface BackgroundWork {
  stop(): void;
}

/** Starts one piece of long-running work and returns how to stop it. */
export type BackgroundStarter = (app: App) => () => void;

/**
 * Long-running work owned by the main process (router sync workers, billing scheduler, backups).
 * Listed here explicitly; both hosts (Electron and HTTP) call startBackground once after opening the app.
 */
const STARTERS: BackgroundStarter[] = [
  (app) => startBackupScheduler(app),
  (app) => startBillingScheduler(app),
  (app) => startNetworkWork(app.ctx),
];

export function startBackground(app: App, starters: BackgroundStarter[] = STARTERS): BackgroundWork {
  let stops = starters.map((start) => start(app));
  const stopAll = () => {
    for (const stop of stops.reverse()) stop();
    stops = [];
  };
  // A restore swaps the database: stop everything before, start again on the restored data after
  // (so the sync queue and schedules of the restored database resume).
  const off = app.ctx.onDatabaseReplaced((phase) => {
    if (phase === 'before') stopAll();
    else stops = starters.map((start) => start(app));
  });
  return {
    stop() {
      off();
      stopAll();
    },
  };
}
