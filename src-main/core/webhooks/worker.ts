/**
 * Delivers the webhook outbox. Rows are written by the database triggers inside the business
 * transaction; this worker only reads committed ones, so it never sends an event that was rolled back.
 *
 * At least once: a delivery stays `pending` until an attempt's outcome is written, so a crash mid-send
 * resends it after restart (same event id: the receiver dedupes). Attempts run concurrently, at most
 * PER_ENDPOINT per endpoint and MAX_IN_FLIGHT in all, each bounded by a timeout, so a slow or dead
 * receiver holds only its own slots and never the desk (nothing here runs inside a transaction that
 * waits on the network). Order per endpoint is not guaranteed (retries overtake).
 */
import { realTimers, type Timers } from '../../timers';
import {
  dueDeliveriesOf,
  dueEndpointIds,
  pendingDelivery,
  recordAttempt,
  type DueDelivery,
} from '../../data/webhooks/webhooks.repository';
import type { AppContext } from '../context';
import { nextAttemptDelay, retryAfterMs } from './backoff';
import { sendWebhook, type SendOutcome } from './sender';

export const PER_ENDPOINT = 2;
export const MAX_IN_FLIGHT = 16;
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface WebhookWorkerOptions {
  timers?: Timers;
  /** Per-attempt timeout (`PPPOE_DESK_WEBHOOK_TIMEOUT_MS` in the hosts). */
  timeoutMs?: number;
  /** [0, 1) for the jitter; tests pin it. */
  rng?: () => number;
  /** Replaces the HTTP attempt (tests of the retry rules). */
  send?: typeof sendWebhook;
}

/** The exact bytes sent and signed: built from stored values, so every retry sends the same body. */
export function deliveryBody(d: Pick<DueDelivery, 'eventId' | 'eventType' | 'eventCreatedAt' | 'data'>): string {
  return `{"id":${JSON.stringify(d.eventId)},"type":${JSON.stringify(d.eventType)},"createdAt":${JSON.stringify(
    d.eventCreatedAt,
  )},"data":${d.data}}`;
}

export class WebhookWorker {
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly perEndpoint = new Map<number, number>();
  private readonly timers: Timers;
  private readonly timeoutMs: number;
  private readonly rng: () => number;
  private readonly send: typeof sendWebhook;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    opts: WebhookWorkerOptions = {},
  ) {
    this.timers = opts.timers ?? realTimers;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.rng = opts.rng ?? Math.random;
    this.send = opts.send ?? sendWebhook;
  }

  /** Starts every due attempt the limits allow; `onSettled` runs after each one (to pump again). */
  pump(onSettled?: () => void): number {
    if (this.stopped) return 0;
    const db = this.ctx.sqlite;
    const now = this.ctx.clock.now().toISOString();
    let started = 0;
    for (const endpointId of dueEndpointIds(db, now)) {
      const busy = this.perEndpoint.get(endpointId) ?? 0;
      const room = Math.min(PER_ENDPOINT - busy, MAX_IN_FLIGHT - this.inFlight.size);
      if (room <= 0) continue;
      const rows = dueDeliveriesOf(db, endpointId, now, room + busy).filter((d) => !this.inFlight.has(d.id));
      for (const d of rows.slice(0, room)) {
        this.start(d, onSettled);
        started++;
      }
    }
    return started;
  }

  /** Sends one pending delivery now (the test send) and resolves once its outcome is written. */
  async deliverNow(id: number): Promise<void> {
    const running = this.inFlight.get(id);
    if (running) return running;
    const d = pendingDelivery(this.ctx.sqlite, id);
    if (d) await this.start(d);
  }

  /** Resolves when every attempt in flight has finished (stop, tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight.values()]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  get busy(): number {
    return this.inFlight.size;
  }

  private start(d: DueDelivery, onSettled?: () => void): Promise<void> {
    this.perEndpoint.set(d.endpointId, (this.perEndpoint.get(d.endpointId) ?? 0) + 1);
    const run = this.attempt(d)
      .catch((err) => this.ctx.logger.error('webhook attempt failed', { delivery: d.id, error: String(err) }))
      .finally(() => {
        this.inFlight.delete(d.id);
        const left = (this.perEndpoint.get(d.endpointId) ?? 1) - 1;
        if (left > 0) this.perEndpoint.set(d.endpointId, left);
        else this.perEndpoint.delete(d.endpointId);
        onSettled?.();
      });
    this.inFlight.set(d.id, run);
    return run;
  }

  private async attempt(d: DueDelivery): Promise<void> {
    const { ctx } = this;
    let outcome: SendOutcome;
    try {
      outcome = await this.send(
        {
          url: d.url,
          secret: ctx.secrets.decrypt(d.secretEnc),
          eventId: d.eventId,
          eventType: d.eventType,
          body: deliveryBody(d),
          timestamp: Math.floor(ctx.clock.now().getTime() / 1000),
          timeoutMs: this.timeoutMs,
          userAgent: `PPPoE-Desk-Webhooks/${ctx.appVersion}`,
        },
        this.timers,
      );
    } catch (err) {
      outcome = { ok: false, status: null, error: String(err).slice(0, 300), retryAfter: null };
    }
    // A restore may have swapped the database while the request ran: write to the current one only if
    // the row is still there and pending (else the outcome belongs to data that is gone).
    const db = ctx.sqlite;
    if (!pendingDelivery(db, d.id)) return;
    const nowDate = ctx.clock.now();
    const at = nowDate.toISOString();
    const attempts = d.attempts + 1;
    if (outcome.ok) {
      recordAttempt(db, d.id, {
        status: 'delivered',
        attempts,
        lastStatus: outcome.status,
        lastError: null,
        nextAttemptAt: null,
        at,
      });
      return;
    }
    const delay = nextAttemptDelay(attempts, retryAfterMs(outcome.retryAfter, nowDate.getTime()), this.rng());
    recordAttempt(db, d.id, {
      status: delay === null ? 'failed' : 'pending',
      attempts,
      lastStatus: outcome.status,
      lastError: outcome.error,
      nextAttemptAt: delay === null ? null : new Date(nowDate.getTime() + delay).toISOString(),
      at,
    });
    if (delay === null) ctx.logger.warn('webhook delivery gave up', { delivery: d.id, event: d.eventId, attempts });
  }
}
