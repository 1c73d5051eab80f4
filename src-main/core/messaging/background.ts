/**
 * The outbox worker as background work: recover what a crash left "sending", then drain whenever
 * something is due — at the throttle's next moment, after a business change (data.changed), and at
 * least every minute (the daily reminder pass runs on the same tick). Messages that failed for good are
 * told to staff as one desktop notice per batch (see FAILED_NOTICE_EVERY_MS), not one per message.
 */
import { realTimers, type Timers } from '../../timers';
import type { AppContext } from '../context';
import { scheduleMessages } from './schedule';
import { notifyStaff } from './staff-notify';
import { MessageWorker, type WorkerOptions } from './worker';

export const IDLE_MS = 60_000;
export const MESSAGE_WORKER = 'messages.worker';
/**
 * A batch's failures are told when the queue is empty (a broadcast or the morning's reminders have
 * drained), or every 10 minutes while a long batch is still draining.
 */
export const FAILED_NOTICE_EVERY_MS = 10 * 60_000;

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
  let failed = 0;
  let firstFailedAt = 0;

  const round = async () => {
    scheduleMessages(app.ctx);
    const r = await worker.drain();
    const now = app.ctx.clock.now().getTime();
    if (r.failed > 0) {
      if (failed === 0) firstFailedAt = now;
      failed += r.failed;
    }
    // Nothing queued at all: the batch is over. Rows waiting for a retry hours away keep it open, and
    // the 10-minute rule tells what failed meanwhile (a round runs at least every minute).
    if (failed > 0 && (r.nextAt === null || now - firstFailedAt >= FAILED_NOTICE_EVERY_MS)) {
      notifyStaff(app.ctx, { kind: 'messages_failed', count: failed });
      failed = 0;
    }
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
