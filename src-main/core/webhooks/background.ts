/**
 * The webhook worker as background work: pump at start (what a restart left pending resumes), after
 * every commit the app announces (data.changed after a payment, an invoice run, a gateway credit…),
 * after each attempt, at the next planned retry, and at least every IDLE_MS for rows written by work
 * that announces nothing. The same rounds prune the history older than 30 days (history.ts).
 */
import { realTimers, type Timers } from '../../timers';
import { nextRetryAt } from '../../data/webhooks/webhooks.repository';
import type { AppContext } from '../context';
import { pruneHistoryBatch, PRUNE_EVERY_MS } from './history';
import { WebhookWorker, type WebhookWorkerOptions } from './worker';

export const IDLE_MS = 15_000;
/** Events that follow a commit which may have written outbox rows (not router status or progress ticks). */
const WAKING = new Set<string>(['data.changed', 'automation.ran', 'bank.progress', 'staff.notify']);
export const WEBHOOK_WORKER = 'webhooks.worker';

export interface WebhookWorkOptions extends WebhookWorkerOptions {
  timers?: Timers;
  idleMs?: number;
}

export function startWebhooks(ctx: AppContext, opts: WebhookWorkOptions = {}): () => Promise<void> {
  const timers = opts.timers ?? realTimers;
  const idleMs = opts.idleMs ?? IDLE_MS;
  const envTimeout = Number(process.env.PPPOE_DESK_WEBHOOK_TIMEOUT_MS);
  const worker = new WebhookWorker(ctx, {
    ...opts,
    timeoutMs: opts.timeoutMs ?? (envTimeout > 0 ? envTimeout : undefined),
  });
  ctx.services[WEBHOOK_WORKER] = worker;
  let stopped = false;
  let handle: unknown = null;
  let queued = false;
  let prunedAt = Number.NEGATIVE_INFINITY;

  const prune = () => {
    const now = ctx.clock.now().getTime();
    if (now - prunedAt < PRUNE_EVERY_MS) return;
    // Set first: a prune that throws is tried again in PRUNE_EVERY_MS, not on every round.
    prunedAt = now;
    const r = pruneHistoryBatch(ctx);
    // A full batch: the next round continues.
    if (r.more) prunedAt = Number.NEGATIVE_INFINITY;
    if (r.deliveries || r.events)
      ctx.logger.info('webhook history pruned', { deliveries: r.deliveries, events: r.events });
  };

  const run = () => {
    queued = false;
    if (stopped) return;
    try {
      prune();
      worker.pump(wake);
      if (handle !== null) timers.clearTimeout(handle);
      const at = nextRetryAt(ctx.sqlite);
      const wait = at === null ? idleMs : Math.min(idleMs, Math.max(0, Date.parse(at) - ctx.clock.now().getTime()));
      handle = timers.setTimeout(run, wait);
    } catch (err) {
      ctx.logger.error('webhook worker round failed', { error: String(err) });
      handle = timers.setTimeout(run, idleMs);
    }
  };
  /** Coalesces a burst of wake-ups (an invoice run's events, many attempts ending) into one pump. */
  function wake() {
    if (queued || stopped) return;
    queued = true;
    setImmediate(run);
  }
  const off = ctx.events.subscribe((e) => {
    if (WAKING.has(e.name)) wake();
  });
  wake();
  return async () => {
    stopped = true;
    off();
    if (handle !== null) timers.clearTimeout(handle);
    await worker.stop();
    if (ctx.services[WEBHOOK_WORKER] === worker) delete ctx.services[WEBHOOK_WORKER];
  };
}

/** The running worker, if the background work is started (the test send goes through it). */
export const webhookWorkerOf = (ctx: AppContext): WebhookWorker | undefined => {
  const w = ctx.services[WEBHOOK_WORKER];
  return w instanceof WebhookWorker ? w : undefined;
};
