/**
 * The one poll worker: asks the gateways about every pending attempt whose next check (stored, from the
 * poll policy) is due, a bounded number at a time; each gateway's adapter keeps its own request rate.
 * After the PC was off everything is simply overdue: the most overdue go first, a cycle at a time.
 */
import type { Gateway } from '../../../src-shared/contract/gateway-payments';
import {
  dueGatewayTx,
  earliestPollAt,
  type GatewayTxRow,
} from '../../data/payments-online/gateway-transactions.repository';
import type { AppContext, CallContext } from '../context';
import { gatewayFor } from './gateways';
import { observeAnswerQueued, observeFailure } from './observe';

export interface PollerOptions {
  /** Checks in flight at once, over all gateways. */
  concurrency?: number;
  /** Checks per cycle (the rest wait for the next cycle). */
  cycleLimit?: number;
  /** Longest sleep between cycles; a create wakes the worker at once. */
  maxSleepMs?: number;
}

export interface PollSummary {
  due: number;
  checked: number;
  errors: number;
  credited: number;
}

export const GATEWAY_POLLER = 'gatewayPayments.poller';

const systemCall = (app: AppContext): CallContext => ({ app, session: null, transport: 'internal' });

/**
 * Asks the gateway about one attempt and applies the answer (or the failure) through the group commit,
 * waiting for room when it is full. Never throws.
 */
export async function checkOne(call: CallContext, tx: GatewayTxRow, via: string): Promise<'ok' | 'error' | 'credited'> {
  let state;
  try {
    const gateway = gatewayFor(call.app, tx.provider as Gateway);
    state = await gateway.getStatus({
      merchantRef: tx.merchantRef,
      providerRef: tx.providerRef ?? undefined,
      expiresAt: Date.parse(tx.expiresAt),
    });
  } catch (error) {
    try {
      observeFailure(call, tx.id, error);
    } catch (e) {
      call.app.logger.error('gateway poll: recording a failure failed', { error: String(e) });
    }
    return 'error';
  }
  try {
    const credit = await observeAnswerQueued(call, tx.id, state, via, { wait: true });
    return credit && credit.result !== 'duplicate' ? 'credited' : 'ok';
  } catch (e) {
    // Not the gateway's fault: the attempt stays due and is asked again next cycle.
    call.app.logger.error('gateway poll: storing an answer failed', { error: String(e) });
    return 'error';
  }
}

/** One cycle over the due attempts, at most `concurrency` in flight. */
export async function pollOnce(app: AppContext, opts: PollerOptions = {}): Promise<PollSummary> {
  const call = systemCall(app);
  const due = dueGatewayTx(app.sqlite, app.clock.now().toISOString(), opts.cycleLimit ?? 500);
  const summary: PollSummary = { due: due.length, checked: 0, errors: 0, credited: 0 };
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const tx = due[next++]!;
      const r = await checkOne(call, tx, 'poll');
      summary.checked++;
      if (r === 'error') summary.errors++;
      if (r === 'credited') summary.credited++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 10, due.length)) }, worker));
  return summary;
}

export interface GatewayPoller {
  /** Re-plans the next cycle now (a new attempt was created). */
  wake(): void;
  /** Stops; resolves once the cycle in flight has finished. */
  stop(): Promise<void>;
}

/** Starts the worker (host/background.ts). Cycles run back to back while work is due, else it sleeps. */
export function startGatewayPoller(app: AppContext, opts: PollerOptions = {}): GatewayPoller {
  const maxSleep = opts.maxSleepMs ?? 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    let delay = maxSleep;
    try {
      const at = earliestPollAt(app.sqlite);
      if (at) delay = Math.min(maxSleep, Math.max(0, Date.parse(at) - app.clock.now().getTime()));
    } catch (e) {
      app.logger.error('gateway poll: planning failed', { error: String(e) });
    }
    timer = setTimeout(run, delay);
    timer.unref?.();
  };
  const run = () => {
    if (stopped || running) return;
    running = pollOnce(app, opts)
      .then((s) => {
        if (s.checked) app.logger.info('gateway poll cycle', { ...s });
        if (s.credited)
          app.events.emit({ name: 'data.changed', payload: { entity: 'payments', channel: 'gatewayPayments.poll' } });
      })
      .catch((e: unknown) => app.logger.error('gateway poll cycle failed', { error: String(e) }))
      .finally(() => {
        running = null;
        schedule();
      });
  };
  const poller: GatewayPoller = {
    wake: () => {
      if (!running) schedule();
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      if (app.services[GATEWAY_POLLER] === poller) delete app.services[GATEWAY_POLLER];
      await running;
    },
  };
  app.services[GATEWAY_POLLER] = poller;
  schedule();
  return poller;
}

export function wakePoller(app: AppContext): void {
  (app.services[GATEWAY_POLLER] as GatewayPoller | undefined)?.wake();
}
