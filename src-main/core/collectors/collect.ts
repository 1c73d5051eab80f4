/**
 * Cash a collector took, sent online or replayed from the phone's queue: each idempotency key is credited
 * once (unique index on collector_collections.idempotency_key, claimed in the payment's transaction), a
 * replay returns the first result, and money for a bill meanwhile paid at the desk goes to the customer's
 * deposit with an audit note. One savepoint per payment inside one IMMEDIATE transaction per batch.
 */
import type { SyncResult } from '../../../src-shared/contract/collectors';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import { findPayableInvoice } from '../../data/billing/invoices.repository';
import { findCollectorUser } from '../../data/collectors/assignments.repository';
import {
  findCollectionByKey,
  insertCollection,
  type CollectionRow,
} from '../../data/collectors/collections.repository';
import { assignedCustomer } from '../../data/collectors/route.queries';
import { writeAudit } from '../audit';
import { today } from '../billing/common';
import { recordCollectorPayment } from '../billing/payments';
import type { CallContext } from '../context';
import { commissionFor } from './commission';
import { collectorOf } from './scope';

export interface CollectInput {
  key: string;
  customerId: number;
  invoiceId?: number;
  amount: number;
  collectedAt: string;
}

const replayOf = (c: CollectionRow): SyncResult => ({
  key: c.idempotencyKey,
  status: 'duplicate',
  outcome: c.outcome,
  paymentId: c.paymentId,
  paymentNumber: c.paymentNumber,
  error: null,
});

function collectOne(call: CallContext, collectorId: number, item: CollectInput): SyncResult {
  const { app } = call;
  const db = app.sqlite;
  return db
    .transaction((): SyncResult => {
      const seen = findCollectionByKey(db, item.key);
      if (seen) {
        if (seen.collectorId !== collectorId)
          throw new AppError('CONFLICT', 'That payment key was used by another collector');
        return replayOf(seen);
      }
      const customer = assignedCustomer(db, collectorId, item.customerId);
      // Not assigned and not existing read the same: a collector learns nothing about other customers.
      if (!customer) throw notFound('Customer');
      let depositOnly = false;
      let why: string | null = null;
      if (item.invoiceId !== undefined) {
        const inv = findPayableInvoice(db, item.invoiceId);
        if (!inv || inv.customerId !== customer.id) throw badInput('invoiceId', 'Invoice not found');
        if (inv.status !== 'unpaid' && inv.status !== 'partial') {
          depositOnly = true;
          why = `invoice ${inv.invoiceNumber} was ${inv.status === 'void' ? 'voided' : 'paid'} before this collection arrived`;
        }
      }
      const collector = findCollectorUser(db, collectorId)!;
      const payment = recordCollectorPayment(
        call,
        {
          customerId: customer.id,
          amount: item.amount,
          method: 'cash',
          invoiceId: depositOnly ? undefined : item.invoiceId,
          // The collector confirmed the amount on the phone before it was queued.
          confirmLarge: true,
          notes: `Collected by ${collector.fullName} (${collector.username}) at ${item.collectedAt}${why ? `; to deposit: ${why}` : ''}`,
        },
        { depositOnly },
      );
      const outcome = payment.allocations.length ? 'invoices' : 'deposit';
      const rule = collector.commissionKind
        ? { kind: collector.commissionKind, value: collector.commissionValue ?? 0 }
        : null;
      const commission = commissionFor(rule, item.amount);
      const now = app.clock.now().toISOString();
      insertCollection(db, {
        key: item.key,
        collectorId,
        customerId: customer.id,
        invoiceId: item.invoiceId ?? null,
        paymentId: payment.id,
        amount: item.amount,
        outcome,
        commission,
        collectedAt: item.collectedAt,
        receivedAt: now,
        receivedOn: today(app),
      });
      writeAudit(call, {
        action: 'collector.collect',
        entity: 'payment',
        entityId: payment.id,
        after: {
          payment: payment.paymentNumber,
          collector: collector.username,
          customer: customer.customerCode,
          amount: item.amount,
          outcome,
          commission,
          key: item.key,
          collectedAt: item.collectedAt,
        },
        reason: why ? `by collector ${collector.username}; to deposit: ${why}` : `by collector ${collector.username}`,
      });
      return {
        key: item.key,
        status: 'credited',
        outcome,
        paymentId: payment.id,
        paymentNumber: payment.paymentNumber,
        error: null,
      };
    })
    .immediate();
}

/**
 * Credits each item in order, each in its own savepoint (payment, allocations, key and audit row commit or
 * roll back together): one bad item (not assigned, bad invoice) is reported back and stays on the phone,
 * the others go through. The batch commits once, so 100 payments cost one disk sync, not 100; a batch
 * lost before its answer is simply sent again and answered from the keys.
 */
export function syncCollections(call: CallContext, items: CollectInput[]): { results: SyncResult[] } {
  const collectorId = collectorOf(call);
  const db = call.app.sqlite;
  const results = db
    .transaction(() =>
      items.map((item): SyncResult => {
        try {
          return collectOne(call, collectorId, item);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          return {
            key: item.key,
            status: 'rejected',
            outcome: null,
            paymentId: null,
            paymentNumber: null,
            error: { code: err.code, message: err.message },
          };
        }
      }),
    )
    .immediate();
  return { results };
}
