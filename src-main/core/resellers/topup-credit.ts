/**
 * A reseller's online top-up entering their balance: called by the gateway credit (gateway-payments/
 * credit.ts) inside its transaction, after the (provider, merchant reference) row was claimed in
 * gateway_credits — so poll, callback and their replays reach this at most once. The ledger's unique
 * index on a gateway top-up's reference refuses a second row whoever writes it.
 */
import type { GatewayTxRow } from '../../data/payments-online/gateway-transactions.repository';
import { setGatewayTxCredit } from '../../data/payments-online/gateway-transactions.repository';
import { balanceOf, EMPTY_MOVEMENT, insertMovement } from '../../data/resellers/ledger.repository';
import { writeAudit } from '../audit';
import { today } from '../billing/common';
import type { CallContext } from '../context';

/** What the gateway confirmed (gateway-payments/credit.ts' ConfirmedPaid, the fields used here). */
export interface PaidTopUp {
  provider: string;
  merchantRef: string;
  providerRef: string | null;
  paidAmount: number;
  via: string;
}

/**
 * The top-up movement (method `gateway`, reference = our merchant reference), the attempt marked
 * credited, and the audit row with the balance before and after. `why`: a note when it was paid late.
 */
export function creditTopUp(
  call: CallContext,
  c: PaidTopUp,
  tx: GatewayTxRow,
  why: string | null,
): { result: 'topup'; movementId: number; resellerId: number } {
  const { app, session } = call;
  const db = app.sqlite;
  const resellerId = tx.resellerId!;
  const now = app.clock.now().toISOString();
  const before = balanceOf(db, resellerId);
  const movementId = insertMovement(db, {
    ...EMPTY_MOVEMENT,
    resellerId,
    kind: 'topup',
    amount: c.paidAmount,
    method: 'gateway',
    referenceNumber: c.merchantRef,
    note: `${c.provider} ${c.providerRef ?? c.merchantRef}${why ? ` (${why})` : ''}`,
    userId: session?.userId ?? null,
    businessDate: today(app),
    at: now,
  });
  setGatewayTxCredit(db, tx.id, 'credited', null, now);
  writeAudit(call, {
    action: 'reseller.topup',
    entity: 'reseller',
    entityId: resellerId,
    before: { balance: before },
    after: {
      balance: before + c.paidAmount,
      amount: c.paidAmount,
      method: 'gateway',
      provider: c.provider,
      reference: c.merchantRef,
      providerRef: c.providerRef,
      transaction: tx.id,
      movement: movementId,
      via: c.via,
    },
    reason: why,
  });
  return { result: 'topup', movementId, resellerId };
}
