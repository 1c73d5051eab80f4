/**
 * Queuing messages inside the business transaction that causes them: the invoice run, a payment, an
 * isolir, a restore. Each function runs in the caller's transaction, so the message row commits or
 * rolls back with the event; the outbox's unique key makes a repeated event queue nothing new.
 */
import { queueForNewInvoices, queueMany, queueOne } from '../../data/messaging/outbox.repository';
import type { AppContext, CallContext } from '../context';
import { kindSettings, routing, type OutboxKind } from './config';

function target(app: AppContext, kind: OutboxKind) {
  const r = routing(app.sqlite);
  if (!r || !kindSettings(app.sqlite)[kind].enabled) return null;
  return r;
}

/** "Bill issued" for every invoice the run just wrote (ids above `afterId`). */
export function queueBillIssued(call: CallContext, afterId: number): number {
  const { app, session } = call;
  const r = target(app, 'bill_issued');
  if (!r) return 0;
  return queueForNewInvoices(app.sqlite, {
    ...r,
    kind: 'bill_issued',
    afterId,
    userId: session?.userId ?? null,
    now: app.clock.now().toISOString(),
  });
}

function one(
  call: CallContext,
  kind: OutboxKind,
  key: string,
  ids: { customerId: number; invoiceId?: number | null; paymentId?: number | null; ticketId?: number | null },
): number | null {
  const { app, session } = call;
  const r = target(app, kind);
  if (!r) return null;
  return queueOne(app.sqlite, {
    ...r,
    dedupeKey: key,
    kind,
    customerId: ids.customerId,
    invoiceId: ids.invoiceId ?? null,
    paymentId: ids.paymentId ?? null,
    broadcastId: null,
    ticketId: ids.ticketId ?? null,
    userId: session?.userId ?? null,
    now: app.clock.now().toISOString(),
  });
}

/** The receipt of a payment: one per payment. */
export function queuePaymentReceipt(call: CallContext, customerId: number, paymentId: number) {
  return one(call, 'payment_receipt', `payment_receipt:c${customerId}:p${paymentId}`, { customerId, paymentId });
}

/** The isolir notice: one per customer and the overdue invoice that caused it. */
export function queueIsolirNotice(call: CallContext, customerId: number, invoiceId: number) {
  return one(call, 'isolir', `isolir:c${customerId}:i${invoiceId}`, { customerId, invoiceId });
}

/** queueIsolirNotice for many customers in one statement (the automation's batch), in the given order. */
export function queueIsolirNotices(call: CallContext, items: { customerId: number; invoiceId: number }[]): number {
  const { app, session } = call;
  const r = items.length ? target(app, 'isolir') : null;
  if (!r) return 0;
  return queueMany(app.sqlite, {
    ...r,
    kind: 'isolir',
    items: items.map((i) => [`isolir:c${i.customerId}:i${i.invoiceId}`, i.customerId, i.invoiceId]),
    userId: session?.userId ?? null,
    now: app.clock.now().toISOString(),
  });
}

/** The restored notice: one per customer and day (a restore follows the payment that cleared the arrears). */
export function queueRestoredNotice(call: CallContext, customerId: number, businessDay: string) {
  return one(call, 'restored', `restored:c${customerId}:d${businessDay}`, { customerId });
}

/** "Ticket answered": one per staff answer (a second answer is news for the customer too). */
export function queueTicketAnswered(call: CallContext, customerId: number, ticketId: number, messageId: number) {
  return one(call, 'ticket_answered', `ticket_answered:c${customerId}:t${ticketId}:m${messageId}`, {
    customerId,
    ticketId,
  });
}
