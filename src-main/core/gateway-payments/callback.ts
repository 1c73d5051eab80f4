/**
 * A gateway's callback, as a core function (the HTTP receiver on the portal's address mounts it later;
 * the staff host can mount it behind a per-gateway setting, default off). The signature is checked on
 * the raw body first: a bad one is refused and nothing is written. A good one is only a hint: the status
 * is confirmed with the provider before any credit, and the credit is idempotent, so a replay or a
 * callback racing the poller credits nothing twice. The credit goes through the group commit: the ack
 * (200) is returned only after its transaction committed; a full queue answers 503 with Retry-After and a
 * failed commit 503, so the provider sends it again.
 */
import type { Gateway } from '../../../src-shared/contract/gateway-payments';
import { findGatewayTxByRef } from '../../data/payments-online/gateway-transactions.repository';
import { isGatewayError, type CallbackAck, type CallbackInput } from '../../integrations/payments';
import type { AppContext, CallContext } from '../context';
import { creditPaidQueued } from './credit';
import { QueueFull } from './group-commit';
import { gatewayFor, gatewayRow } from './gateways';
import { observeAnswerQueued, orderAmountPaid } from './observe';

export interface CallbackResult {
  /** What to answer the provider. */
  ack: CallbackAck;
  outcome:
    | 'rejected'
    | 'disabled'
    | 'pending'
    | 'credited'
    | 'review'
    | 'duplicate'
    | 'unconfirmed'
    | 'busy'
    | 'ignored';
  /** Seconds for a Retry-After header (the credit queue was full). */
  retryAfter?: number;
}

const text = (status: number, body: string): CallbackAck => ({ status, contentType: 'text/plain', body });

export async function handleGatewayCallback(
  app: AppContext,
  provider: Gateway,
  input: CallbackInput,
): Promise<CallbackResult> {
  const call: CallContext = { app, session: null, transport: 'internal', source: `callback:${provider}` };
  if (!gatewayRow(app, provider).enabled) return { ack: text(404, 'gateway not enabled'), outcome: 'disabled' };
  const gateway = gatewayFor(app, provider);
  let event;
  try {
    event = gateway.verifyCallback(input);
  } catch (e) {
    app.logger.warn('gateway callback refused', { provider, kind: isGatewayError(e) ? e.kind : 'error' });
    return { ack: text(isGatewayError(e) && e.kind === 'parse' ? 400 : 401, 'rejected'), outcome: 'rejected' };
  }
  try {
    const tx = findGatewayTxByRef(app.sqlite, event.merchantRef);
    if (tx && tx.provider === provider) {
      const state = await gateway.getStatus({
        merchantRef: tx.merchantRef,
        providerRef: tx.providerRef ?? undefined,
        expiresAt: Date.parse(tx.expiresAt),
      });
      const credit = await observeAnswerQueued(call, tx.id, state, 'callback');
      if (!credit) return { ack: event.ack, outcome: state.status === 'paid' ? 'duplicate' : 'pending' };
      return {
        ack: event.ack,
        outcome: credit.result === 'review' || credit.result === 'duplicate' ? credit.result : 'credited',
      };
    }
    // A reference we never created: money the provider confirms as paid waits on the review list.
    const found = await gateway.findByMerchantRef(event.merchantRef);
    if (!found || found.status !== 'paid') return { ack: event.ack, outcome: 'ignored' };
    const credit = await creditPaidQueued(call, {
      provider,
      merchantRef: event.merchantRef,
      providerRef: found.providerRef ?? null,
      paidAmount: orderAmountPaid(found, 0),
      via: 'callback',
    });
    return { ack: event.ack, outcome: credit.result === 'duplicate' ? 'duplicate' : 'review' };
  } catch (e) {
    if (e instanceof QueueFull)
      return { ack: text(503, 'busy: try again later'), outcome: 'busy', retryAfter: e.retryAfterSeconds };
    // Could not confirm (or commit) now: the provider retries the callback, and the poller asks on its own.
    app.logger.warn('gateway callback not confirmed', { provider, error: e instanceof Error ? e.message : String(e) });
    return { ack: text(503, 'try again later'), outcome: 'unconfirmed' };
  }
}
