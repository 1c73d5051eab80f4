/**
 * Applies what a gateway said about one attempt (or that it did not answer): the stored status, the next
 * poll time from the poll policy, the gateway's health, and — when it says paid — the credit, all in
 * one transaction.
 */
import { isGatewayError, nextCheckAt, type PaymentState, type PollState } from '../../integrations/payments';
import { recordGatewayError, recordGatewaySuccess } from '../../data/payments-online/gateway-settings.repository';
import {
  findGatewayTx,
  setGatewayTxObserved,
  type GatewayTxRow,
} from '../../data/payments-online/gateway-transactions.repository';
import type { CallContext } from '../context';
import { afterCredit, creditInTransaction, type ConfirmedPaid, type CreditOutcome } from './credit';
import { creditQueue } from './credit-queue';
import { gatewayPollPolicy } from './poll-timing';

/** A create that found nothing at the provider this long after it began never reached it. */
const NOT_FOUND_AFTER_MS = 10 * 60_000;

export function pollStateOf(tx: GatewayTxRow): PollState {
  return {
    merchantRef: tx.merchantRef,
    createdAt: Date.parse(tx.createdAt),
    expiresAt: Date.parse(tx.expiresAt),
    status: tx.status === 'cancelled' ? 'pending' : tx.status,
    lastCheckedAt: tx.lastCheckedAt ? Date.parse(tx.lastCheckedAt) : undefined,
    consecutiveErrors: tx.consecutiveErrors,
  };
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** Keys never reach raw answers (the adapters scrub them); cap the size kept per row. */
const rawText = (raw: unknown) => {
  const text = JSON.stringify(raw ?? null);
  return text.length > 20_000 ? text.slice(0, 20_000) : text;
};

/** What was paid for the order: the provider's paid total less a fee the customer paid on top. */
export function orderAmountPaid(state: PaymentState, asked: number): number {
  if (state.paidAmount === undefined) return state.amount ?? asked;
  return state.paidAmount - (state.fees?.customer ?? 0);
}

export function observeAnswer(call: CallContext, txId: number, state: PaymentState, via: string): CreditOutcome | null {
  const r = call.app.sqlite.transaction(() => observeInTransaction(call, txId, state, via)).immediate();
  if (r) afterCredit(call, r.paid, r.outcome);
  return r?.outcome ?? null;
}

/**
 * The same through the group commit (the poller and callbacks): settles once the batch holding it has
 * committed. `wait`: wait for room in a full queue (the poller); otherwise a full queue throws QueueFull.
 */
export async function observeAnswerQueued(
  call: CallContext,
  txId: number,
  state: PaymentState,
  via: string,
  opts: { wait?: boolean } = {},
): Promise<CreditOutcome | null> {
  const queue = creditQueue(call.app);
  const work = () => observeInTransaction(call, txId, state, via);
  const r = await (opts.wait ? queue.submitWhenRoom(work) : queue.submit(work));
  if (r) afterCredit(call, r.paid, r.outcome);
  return r?.outcome ?? null;
}

/** The writes of one answer; run inside a transaction (or a savepoint of the group commit's). */
function observeInTransaction(
  call: CallContext,
  txId: number,
  state: PaymentState,
  via: string,
): { paid: ConfirmedPaid; outcome: CreditOutcome } | null {
  const { app } = call;
  const db = app.sqlite;
  const tx = findGatewayTx(db, txId);
  if (!tx) return null;
  const now = app.clock.now();
  // Our cancel stays while the provider still calls it pending or expired; paid money is credited.
  const status = tx.status === 'cancelled' && state.status !== 'paid' ? 'cancelled' : state.status;
  const checked = { ...pollStateOf(tx), lastCheckedAt: now.getTime(), consecutiveErrors: 0 };
  // Settled (paid, expired, failed) or already credited: nothing more to ask.
  const next =
    tx.creditState !== 'none' ? null : nextCheckAt({ ...checked, status: state.status }, gatewayPollPolicy());
  setGatewayTxObserved(db, tx.id, {
    status,
    rawStatus: state.rawStatus,
    rawLast: rawText(state.raw),
    providerRef: state.providerRef ?? null,
    paidAmount: state.status === 'paid' ? orderAmountPaid(state, tx.amount) : null,
    paidAt: state.status === 'paid' ? iso(state.paidAt ?? now.getTime()) : null,
    lastCheckedAt: now.toISOString(),
    consecutiveErrors: 0,
    nextPollAt: iso(next),
    now: now.toISOString(),
  });
  recordGatewaySuccess(db, tx.provider, now.toISOString());
  if (state.status !== 'paid' || tx.creditState !== 'none') return null;
  const paid: ConfirmedPaid = {
    provider: tx.provider,
    merchantRef: tx.merchantRef,
    providerRef: state.providerRef ?? tx.providerRef,
    paidAmount: orderAmountPaid(state, tx.amount),
    via,
    priorStatus: tx.status,
  };
  return { paid, outcome: creditInTransaction(call, paid) };
}

/** The provider did not answer (or refused): back off this attempt, mark the gateway unhealthy. */
export function observeFailure(call: CallContext, txId: number, error: unknown): void {
  const { app } = call;
  app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const tx = findGatewayTx(db, txId);
      if (!tx) return;
      const now = app.clock.now();
      const neverCreated =
        isGatewayError(error) &&
        error.kind === 'not_found' &&
        !tx.providerRef &&
        now.getTime() - Date.parse(tx.createdAt) >= NOT_FOUND_AFTER_MS;
      const errors = tx.consecutiveErrors + 1;
      const next = neverCreated
        ? null
        : nextCheckAt(
            { ...pollStateOf(tx), lastCheckedAt: now.getTime(), consecutiveErrors: errors },
            gatewayPollPolicy(),
          );
      setGatewayTxObserved(db, tx.id, {
        status: neverCreated ? 'failed' : tx.status,
        rawStatus: null,
        rawLast: null,
        providerRef: null,
        paidAmount: null,
        paidAt: null,
        lastCheckedAt: now.toISOString(),
        consecutiveErrors: errors,
        nextPollAt: iso(next),
        now: now.toISOString(),
      });
      const message = error instanceof Error ? error.message : String(error);
      if (!(isGatewayError(error) && error.kind === 'not_found'))
        recordGatewayError(db, tx.provider, now.toISOString(), message);
    })
    .immediate();
}
