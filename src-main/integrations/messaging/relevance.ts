/**
 * Whether a queued message still makes sense when its turn comes — after the PC was off for days the
 * worker must not send an H-3 for a bill that is already overdue, nor any reminder for a paid bill.
 * The answer is "send" or "cancel, because …"; the worker records the reason on the outbox row.
 */
import type { MessageKind } from './templates/kinds';

export interface RelevanceFacts {
  /** Today's local date in the ISP's zone. */
  today: string;
  invoice?: { status: 'open' | 'paid' | 'void'; dueDate: string };
  customer?: {
    /** Currently isolated on the router (isolir). */
    isolated: boolean;
    /** The subscription has ended: nothing but receipts goes out any more. */
    terminated?: boolean;
    /** The customer opted out of this kind after it was queued. */
    optedOut?: boolean;
  };
  payment?: { voided: boolean };
  ticket?: { exists: boolean };
  /** A broadcast about an outage is stale after its end date. */
  broadcast?: { expiresOn?: string | null };
  /** Another reminder for the same invoice is due today or earlier and is newer than this one. */
  newerReminderDue?: boolean;
}

export type CancelReason =
  | 'missing_facts'
  | 'opted_out'
  | 'customer_terminated'
  | 'invoice_paid'
  | 'invoice_void'
  | 'due_date_reached'
  | 'already_overdue'
  | 'not_overdue'
  | 'superseded'
  | 'not_isolated_anymore'
  | 'isolated_again'
  | 'payment_voided'
  | 'ticket_gone'
  | 'broadcast_expired';

export type Relevance = { send: true } | { send: false; reason: CancelReason };

const SEND: Relevance = { send: true };
const cancel = (reason: CancelReason): Relevance => ({ send: false, reason });

const INVOICE_KINDS = new Set<MessageKind>(['bill_issued', 'reminder_early', 'reminder_final', 'due_today', 'overdue']);

export function relevance(kind: MessageKind, f: RelevanceFacts): Relevance {
  if (f.customer?.optedOut) return cancel('opted_out');
  if (f.customer?.terminated && kind !== 'payment_receipt') return cancel('customer_terminated');

  if (INVOICE_KINDS.has(kind)) {
    const inv = f.invoice;
    if (!inv) return cancel('missing_facts');
    if (inv.status === 'paid') return cancel('invoice_paid');
    if (inv.status === 'void') return cancel('invoice_void');
    const today = f.today;
    switch (kind) {
      case 'bill_issued':
        return SEND;
      case 'reminder_early':
      case 'reminder_final':
        if (today > inv.dueDate) return cancel('already_overdue');
        // On the due date itself the "due today" notice says it.
        if (today === inv.dueDate) return cancel('due_date_reached');
        return f.newerReminderDue ? cancel('superseded') : SEND;
      case 'due_today':
        if (today > inv.dueDate) return cancel('already_overdue');
        return SEND;
      case 'overdue':
        if (today <= inv.dueDate) return cancel('not_overdue');
        return f.newerReminderDue ? cancel('superseded') : SEND;
    }
  }

  switch (kind) {
    case 'isolir':
      if (!f.customer) return cancel('missing_facts');
      return f.customer.isolated ? SEND : cancel('not_isolated_anymore');
    case 'restored':
      if (!f.customer) return cancel('missing_facts');
      return f.customer.isolated ? cancel('isolated_again') : SEND;
    case 'payment_receipt':
      if (!f.payment) return cancel('missing_facts');
      return f.payment.voided ? cancel('payment_voided') : SEND;
    case 'ticket_answered':
      if (!f.ticket) return cancel('missing_facts');
      return f.ticket.exists ? SEND : cancel('ticket_gone');
    case 'broadcast': {
      const until = f.broadcast?.expiresOn;
      return until && f.today > until ? cancel('broadcast_expired') : SEND;
    }
    default:
      return SEND;
  }
}
