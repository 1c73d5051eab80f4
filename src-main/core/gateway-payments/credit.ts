/**
 * The one way money confirmed by a gateway enters the ledger. Poll, callback and their retries all end
 * here; the (provider, merchant reference) row in gateway_credits, claimed in the same transaction as
 * the payment, makes a second credit of the same money impossible (unique index).
 */
import type { Gateway } from '../../../src-shared/contract/gateway-payments';
import type { GatewayPaymentMethod } from '../../../src-shared/contract/payments';
import { formatRupiah } from '../../../src-shared/money';
import { paymentBrand } from '../../data/brands.repository';
import { findPayableInvoice } from '../../data/billing/invoices.repository';
import { claimCredit, insertReview, setCreditPayment } from '../../data/payments-online/credits.repository';
import {
  findGatewayTxByRef,
  gatewayTxInvoiceIds,
  setGatewayTxCredit,
} from '../../data/payments-online/gateway-transactions.repository';
import { findReseller } from '../../data/resellers/resellers.repository';
import { writeAudit } from '../audit';
import { recordGatewayPayment } from '../billing/payments';
import type { CallContext } from '../context';
import { notifyStaff } from '../messaging/staff-notify';
import { creditTopUp } from '../resellers/topup-credit';
import { creditQueue } from './credit-queue';

export interface ConfirmedPaid {
  provider: Gateway;
  merchantRef: string;
  providerRef: string | null;
  /** What the provider says the customer paid for the order (integer rupiah, fee to the customer excluded). */
  paidAmount: number;
  /** 'poll', 'callback' or 'desk' (a user's "check now"). */
  via: string;
  /** Our status of the attempt before this confirmation (expired / cancelled money goes to the deposit). */
  priorStatus?: string;
}

export type CreditOutcome =
  | { result: 'duplicate' }
  | { result: 'invoices' | 'deposit'; paymentId: number; restoredAccounts: number }
  | { result: 'topup'; movementId: number; resellerId: number }
  | { result: 'review'; reviewId: number; reason: 'unknown_reference' | 'amount_mismatch' };

/**
 * Credits a paid gateway transaction exactly once. Unknown reference or an amount other than asked →
 * review list; paid after we saw it expire or cancelled it, or for bills meanwhile paid at the desk →
 * the customer's deposit; otherwise a payment allocated like cash (its invoices first), receipt number,
 * audit rows and the isolir restore of createPayment. A reseller's top-up of the asked amount goes to
 * their balance (even when paid after it expired: the balance is their deposit). Already credited → nothing.
 */
export function creditPaid(call: CallContext, c: ConfirmedPaid): CreditOutcome {
  const outcome = creditInTransaction(call, c);
  afterCredit(call, c, outcome);
  return outcome;
}

/** The same credit through the group commit: settles once the batch holding it has committed. */
export async function creditPaidQueued(call: CallContext, c: ConfirmedPaid): Promise<CreditOutcome> {
  const outcome = await creditQueue(call.app).submit(() => creditInTransaction(call, c));
  afterCredit(call, c, outcome);
  return outcome;
}

/** After the commit: staff see the money arrive, a customer's or a reseller's (desktop notification, per user's choice). */
export function afterCredit(call: CallContext, c: ConfirmedPaid, outcome: CreditOutcome | null): void {
  if (outcome && 'paymentId' in outcome)
    notifyStaff(call.app, {
      kind: 'payment_online',
      paymentId: outcome.paymentId,
      amount: c.paidAmount,
      provider: c.provider,
      brandId: paymentBrand(call.app.sqlite, outcome.paymentId) ?? null,
    });
  else if (outcome?.result === 'topup')
    notifyStaff(call.app, {
      kind: 'reseller_topup',
      movementId: outcome.movementId,
      resellerId: outcome.resellerId,
      resellerName: findReseller(call.app.sqlite, outcome.resellerId)?.name ?? '',
      amount: c.paidAmount,
      provider: c.provider,
    });
}

/**
 * The credit's writes, in one IMMEDIATE transaction — or, called inside one (observe, the group commit),
 * in a savepoint of it. Notifies nobody: the caller does after its commit (`afterCredit`).
 */
export function creditInTransaction(call: CallContext, c: ConfirmedPaid): CreditOutcome {
  const { app } = call;
  return app.sqlite
    .transaction((): CreditOutcome => {
      const db = app.sqlite;
      const now = app.clock.now().toISOString();
      const tx = findGatewayTxByRef(db, c.merchantRef);
      const known = tx && tx.provider === c.provider ? tx : undefined;
      const covered = known ? gatewayTxInvoiceIds(db, known.id) : [];
      const stillOpen = covered
        .map((i) => findPayableInvoice(db, i.invoiceId))
        .filter((i) => i && (i.status === 'unpaid' || i.status === 'partial'));
      const prior = c.priorStatus ?? known?.status;

      let outcome: 'invoices' | 'deposit' | 'review' | 'topup';
      let reason: 'unknown_reference' | 'amount_mismatch' | null = null;
      let why: string | null = null;
      const late = prior === 'expired' || prior === 'cancelled' || prior === 'failed';
      if (!known) [outcome, reason] = ['review', 'unknown_reference'];
      else if (c.paidAmount !== known.amount) [outcome, reason] = ['review', 'amount_mismatch'];
      else if (known.resellerId !== null)
        [outcome, why] = ['topup', late ? `paid after the attempt was ${prior}` : null];
      else if (late) [outcome, why] = ['deposit', `paid after the attempt was ${prior}`];
      else if (!stillOpen.length) [outcome, why] = ['deposit', 'the bills were paid or voided meanwhile'];
      else outcome = 'invoices';

      const creditId = claimCredit(db, {
        provider: c.provider,
        merchantRef: c.merchantRef,
        providerRef: c.providerRef,
        transactionId: known?.id ?? null,
        amount: c.paidAmount,
        outcome,
        via: c.via,
        now,
      });
      if (creditId === null) return { result: 'duplicate' };

      if (outcome === 'review') {
        const detail =
          reason === 'amount_mismatch'
            ? `${known!.resellerId !== null ? 'reseller top-up: ' : ''}asked ${formatRupiah(known!.amount)}, paid ${formatRupiah(c.paidAmount)}`
            : `no payment attempt ${c.merchantRef} at ${c.provider}`;
        const reviewId = insertReview(db, {
          source: 'gateway',
          provider: c.provider,
          reference: c.merchantRef,
          transactionId: known?.id ?? null,
          customerId: known?.customerId ?? null,
          amount: c.paidAmount,
          reason: reason!,
          detail,
          now,
        });
        if (known) setGatewayTxCredit(db, known.id, 'review', null, now);
        writeAudit(call, {
          action: 'gateway.review',
          entity: 'payment_review',
          entityId: reviewId,
          after: { provider: c.provider, merchantRef: c.merchantRef, amount: c.paidAmount, reason, via: c.via },
          reason: detail,
        });
        return { result: 'review', reviewId, reason: reason! };
      }
      if (outcome === 'topup') return creditTopUp(call, c, known!, why);

      const tx1 = known!;
      const payment = recordGatewayPayment(
        call,
        {
          customerId: tx1.customerId!,
          amount: c.paidAmount,
          method: `gateway/${c.provider}` as GatewayPaymentMethod,
          invoiceId: outcome === 'invoices' ? stillOpen[0]!.id : undefined,
          referenceNumber: c.providerRef ?? c.merchantRef,
          confirmLarge: true,
          notes: `${c.provider} ${c.merchantRef}${why ? ` (${why})` : ''}`,
        },
        { depositOnly: outcome === 'deposit' },
      );
      setCreditPayment(db, creditId, payment.id);
      setGatewayTxCredit(db, tx1.id, outcome === 'invoices' ? 'credited' : 'deposit', payment.id, now);
      writeAudit(call, {
        action: 'gateway.credit',
        entity: 'gateway_transaction',
        entityId: tx1.id,
        after: {
          provider: c.provider,
          merchantRef: c.merchantRef,
          providerRef: c.providerRef,
          amount: c.paidAmount,
          payment: payment.paymentNumber,
          outcome,
          via: c.via,
        },
        reason: why,
      });
      return { result: outcome, paymentId: payment.id, restoredAccounts: payment.restoredAccounts };
    })
    .immediate();
}
