/**
 * The outbox worker as background work: recover what a crash left "sending", then drain whenever
 * something is due — at the throttle's next moment, after a business change (data.changed), and at
 * least every minute (the daily reminder pass runs on the same tick).
 */
import { realTimers, type Timers } from '../../timers';
import type { AppContext } from '../context';
import { scheduleMessages } from './schedule';
import { MessageWorker, type WorkerOptions } from './worker';

export const IDLE_MS = 60_000;
export const MESSAGE_WORKER = 'messages.worker';

export interface MessagingWorkOptions extends WorkerOptions {
  timers?: Timers;
  idleMs?: number;
}

export function startMessaging(
  app: { readonly ctx: AppContext },
  opts: MessagingWorkOptions = {},
): () => Promise<void> {
  const timers = opts.timers ?? realTimers;
  const idleMs = opts.idleMs ?? IDLE_MS;
  const worker = new MessageWorker(app, opts);
  app.ctx.services[MESSAGE_WORKER] = worker;
  let stopped = false;
  let handle: unknown = null;
  let running: Promise<void> | null = null;
  let again = false;

  const round = async () => {
    scheduleMessages(app.ctx);
    const r = await worker.drain();
    return r.nextAt;
  };
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    running = round()
      .catch((err) => {
        app.ctx.logger.error('message worker round failed', { error: String(err) });
        return null;
      })
      .then((nextAt) => {
        running = null;
        if (stopped) return;
        if (again) {
          again = false;
          return run();
        }
        const now = app.ctx.clock.now().getTime();
        const wait = nextAt === null ? idleMs : Math.min(idleMs, Math.max(0, nextAt - now));
        handle = timers.setTimeout(run, wait);
      });
  };
  const off = app.ctx.events.subscribe((e) => {
    if (e.name === 'data.changed') run();
  });
  running = worker
    .recover()
    .catch((err) => app.ctx.logger.error('message worker recovery failed', { error: String(err) }))
    .then(() => {
      running = null;
      run();
    });
  return async () => {
    stopped = true;
    off();
    if (handle !== null) timers.clearTimeout(handle);
    await running;
    if (app.ctx.services[MESSAGE_WORKER] === worker) delete app.ctx.services[MESSAGE_WORKER];
    await worker.close();
  };
}
