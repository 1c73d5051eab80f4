/**
 * The review list: money that arrived but could not be applied by itself, resolved by staff (audited):
 * to a customer's deposit or invoice, or — a reseller's top-up — to that reseller's balance.
 */
import type { GatewayPaymentMethod } from '../../../src-shared/contract/payments';
import type { PaymentReview } from '../../../src-shared/contract/gateway-payments';
import { AppError, badInput } from '../../../src-shared/result';
import { findCustomerDeposit } from '../../data/billing/deposits.repository';
import { findPayableInvoice } from '../../data/billing/invoices.repository';
import { findReview, listReviews, resolveReview, type ReviewRow } from '../../data/payments-online/credits.repository';
import { findGatewayTx, setGatewayTxCredit } from '../../data/payments-online/gateway-transactions.repository';
import { writeAudit } from '../audit';
import { recordGatewayPayment } from '../billing/payments';
import type { CallContext } from '../context';
import { creditTopUp } from '../resellers/topup-credit';
import type { In } from './types';

export function listPaymentReviews(call: CallContext, input: In<'paymentReviews.list'>): PaymentReview[] {
  return listReviews(call.app.sqlite, input.status, 500);
}

/**
 * Sends a reviewed amount to a customer's deposit or to an invoice (allocated like cash from that
 * invoice on): one transaction with the payment, the review's resolution and the audit row.
 */
export function resolvePaymentReview(call: CallContext, input: In<'paymentReviews.resolve'>): PaymentReview {
  const { app, session } = call;
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const review = findReview(db, input.id);
      if (!review) throw new AppError('NOT_FOUND', 'Review entry not found');
      if (review.status !== 'open') throw new AppError('CONFLICT', 'This review entry is already resolved');
      if (review.source !== 'gateway' || !review.provider)
        throw new AppError('CONFLICT', 'Only gateway review entries can be resolved here');
      if (input.to === 'reseller') return resolveToReseller(call, review, input.reason);
      const customerId = input.customerId;
      if (customerId === undefined || !findCustomerDeposit(db, customerId))
        throw badInput('customerId', 'Customer not found');
      if (input.to === 'invoice') {
        const inv = input.invoiceId === undefined ? undefined : findPayableInvoice(db, input.invoiceId);
        if (!inv) throw badInput('invoiceId', 'Choose the invoice to pay');
        if (inv.customerId !== customerId) throw badInput('invoiceId', 'That invoice belongs to another customer');
        if (inv.status !== 'unpaid' && inv.status !== 'partial')
          throw badInput('invoiceId', `Invoice ${inv.invoiceNumber} is not open`);
      }
      const payment = recordGatewayPayment(
        call,
        {
          customerId,
          amount: review.amount,
          method: `gateway/${review.provider}` as GatewayPaymentMethod,
          invoiceId: input.to === 'invoice' ? input.invoiceId : undefined,
          referenceNumber: review.reference,
          confirmLarge: true,
          notes: input.notes ?? `review #${review.id}`,
        },
        { depositOnly: input.to === 'deposit' },
      );
      const now = app.clock.now().toISOString();
      resolveReview(db, review.id, {
        resolution: input.to,
        paymentId: payment.id,
        customerId,
        by: session?.userId ?? null,
        now,
      });
      if (review.transactionId)
        setGatewayTxCredit(db, review.transactionId, input.to === 'deposit' ? 'deposit' : 'credited', payment.id, now);
      writeAudit(call, {
        action: 'payment_review.resolve',
        entity: 'payment_review',
        entityId: review.id,
        before: { status: 'open', amount: review.amount, reason: review.reason },
        after: { status: 'resolved', to: input.to, customerId, payment: payment.paymentNumber },
        reason: input.reason,
      });
      return findReview(db, review.id)!;
    })
    .immediate();
}

/**
 * A reseller top-up's money (paid, but not the amount asked) into that reseller's balance: the top-up
 * movement, the review's resolution and the audit rows, inside the caller's transaction.
 */
function resolveToReseller(call: CallContext, review: ReviewRow, reason: string): PaymentReview {
  const db = call.app.sqlite;
  const tx = review.transactionId === null ? undefined : findGatewayTx(db, review.transactionId);
  if (!tx || tx.resellerId === null)
    throw badInput('to', 'Only the money of a reseller top-up can go to a reseller balance');
  const credit = creditTopUp(
    call,
    {
      provider: tx.provider,
      merchantRef: tx.merchantRef,
      providerRef: tx.providerRef,
      paidAmount: review.amount,
      via: 'review',
    },
    tx,
    `review #${review.id}`,
  );
  resolveReview(db, review.id, {
    resolution: 'reseller',
    paymentId: null,
    customerId: null,
    by: call.session?.userId ?? null,
    now: call.app.clock.now().toISOString(),
  });
  writeAudit(call, {
    action: 'payment_review.resolve',
    entity: 'payment_review',
    entityId: review.id,
    before: { status: 'open', amount: review.amount, reason: review.reason },
    after: { status: 'resolved', to: 'reseller', resellerId: tx.resellerId, movement: credit.movementId },
    reason,
  });
  return findReview(db, review.id)!;
}
