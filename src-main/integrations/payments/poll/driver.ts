import { isGatewayError } from '../errors';
import { realClock, type Clock } from '../http/clock';
import type { PaymentState } from '../types';
import { afterCheck, DEFAULT_POLL_POLICY, dueChecks, type PollPolicy, type PollState } from './policy';

export type CheckOutcome = { state: PaymentState } | { error: unknown };

export interface PollCycleOptions {
  states: Iterable<PollState>;
  /** Checks at most this many transactions in one cycle (the rest wait for the next cycle). */
  limit?: number;
  /** Checks in flight at once; the gateway's rate limiter still caps the request rate. */
  concurrency: number;
  /** Asks the provider (usually gateway.getStatus). */
  check: (state: PollState, signal?: AbortSignal) => Promise<PaymentState>;
  /** Receives the updated poll state and the outcome of each check, as each one finishes. */
  onResult: (next: PollState, outcome: CheckOutcome) => void | Promise<void>;
  policy?: PollPolicy;
  clock?: Clock;
  signal?: AbortSignal;
}

export interface PollCycleSummary {
  due: number;
  checked: number;
  settled: number;
  errors: number;
}

/**
 * One poll cycle: picks the due checks and runs them with bounded concurrency. A failing provider
 * costs that transaction a backoff, never the cycle; a cancelled cycle (shutdown) stops taking work
 * and records nothing for the checks it abandoned.
 */
export async function runPollCycle(o: PollCycleOptions): Promise<PollCycleSummary> {
  const clock = o.clock ?? realClock;
  const policy = o.policy ?? DEFAULT_POLL_POLICY;
  const due = dueChecks(o.states, clock.now(), o.limit ?? Number.MAX_SAFE_INTEGER, policy);
  const summary: PollCycleSummary = { due: due.length, checked: 0, settled: 0, errors: 0 };
  let next = 0;
  let recordError: unknown;

  const worker = async () => {
    while (next < due.length && !o.signal?.aborted) {
      const { state } = due[next++]!;
      let outcome: CheckOutcome;
      try {
        outcome = { state: await o.check(state, o.signal) };
      } catch (error) {
        if (o.signal?.aborted || (isGatewayError(error) && error.kind === 'aborted')) return;
        outcome = { error };
      }
      const updated = afterCheck(state, clock.now(), 'state' in outcome ? { status: outcome.state.status } : outcome);
      summary.checked++;
      if ('error' in outcome) summary.errors++;
      else if (outcome.state.status !== 'pending') summary.settled++;
      try {
        await o.onResult(updated, outcome);
      } catch (e) {
        recordError ??= e;
      }
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, due.length)) }, worker));
  if (recordError !== undefined) throw recordError;
  return summary;
}
