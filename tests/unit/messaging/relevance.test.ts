import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src-shared/dates';
import { relevance, type RelevanceFacts } from '../../../src-main/integrations/messaging/relevance';
import { MESSAGE_KINDS } from '../../../src-main/integrations/messaging/templates/kinds';

const due = '2026-07-10';
const open = (today: string, extra: Partial<RelevanceFacts> = {}): RelevanceFacts => ({
  today,
  invoice: { status: 'open', dueDate: due },
  customer: { isolated: false },
  ...extra,
});

describe('catch-up relevance', () => {
  it('an H-3 caught up after the PC was off: sent before the due date, cancelled on it and after', () => {
    expect(relevance('reminder_early', open('2026-07-07'))).toEqual({ send: true });
    expect(relevance('reminder_early', open('2026-07-08'))).toEqual({ send: true });
    expect(relevance('reminder_early', open('2026-07-10'))).toEqual({ send: false, reason: 'due_date_reached' });
    expect(relevance('reminder_early', open('2026-07-12'))).toEqual({ send: false, reason: 'already_overdue' });
    // On H-1 the newer H-1 reminder is due too: only that one goes.
    expect(relevance('reminder_early', open('2026-07-09', { newerReminderDue: true }))).toEqual({
      send: false,
      reason: 'superseded',
    });
  });

  it('nothing for a paid or voided bill', () => {
    for (const kind of ['bill_issued', 'reminder_early', 'reminder_final', 'due_today', 'overdue'] as const) {
      expect(relevance(kind, { today: '2026-07-09', invoice: { status: 'paid', dueDate: due } })).toEqual({
        send: false,
        reason: 'invoice_paid',
      });
      expect(relevance(kind, { today: '2026-07-09', invoice: { status: 'void', dueDate: due } })).toEqual({
        send: false,
        reason: 'invoice_void',
      });
    }
  });

  it('due today only on the day; overdue only after it', () => {
    expect(relevance('due_today', open(due))).toEqual({ send: true });
    expect(relevance('due_today', open('2026-07-11'))).toEqual({ send: false, reason: 'already_overdue' });
    expect(relevance('overdue', open(due))).toEqual({ send: false, reason: 'not_overdue' });
    expect(relevance('overdue', open('2026-07-11'))).toEqual({ send: true });
  });

  it('isolir and restore notices follow the customer state now', () => {
    expect(relevance('isolir', { today: due, customer: { isolated: true } })).toEqual({ send: true });
    expect(relevance('isolir', { today: due, customer: { isolated: false } })).toEqual({
      send: false,
      reason: 'not_isolated_anymore',
    });
    expect(relevance('restored', { today: due, customer: { isolated: true } })).toEqual({
      send: false,
      reason: 'isolated_again',
    });
    expect(relevance('restored', { today: due, customer: { isolated: false } })).toEqual({ send: true });
  });

  it('receipts, tickets, broadcasts, opt-out and terminated customers', () => {
    expect(relevance('payment_receipt', { today: due, payment: { voided: true } })).toEqual({
      send: false,
      reason: 'payment_voided',
    });
    expect(
      relevance('payment_receipt', {
        today: due,
        payment: { voided: false },
        customer: { isolated: false, terminated: true },
      }),
    ).toEqual({ send: true });
    expect(relevance('ticket_answered', { today: due, ticket: { exists: false } })).toEqual({
      send: false,
      reason: 'ticket_gone',
    });
    expect(relevance('broadcast', { today: '2026-07-11', broadcast: { expiresOn: due } })).toEqual({
      send: false,
      reason: 'broadcast_expired',
    });
    expect(relevance('broadcast', { today: due, broadcast: { expiresOn: due } })).toEqual({ send: true });
    expect(relevance('bill_issued', open(due, { customer: { isolated: false, optedOut: true } }))).toEqual({
      send: false,
      reason: 'opted_out',
    });
    expect(relevance('restored', { today: due, customer: { isolated: false, terminated: true } })).toEqual({
      send: false,
      reason: 'customer_terminated',
    });
    expect(relevance('overdue', { today: due })).toEqual({ send: false, reason: 'missing_facts' });
  });

  it('property: no reminder of any kind is ever sent for a paid bill, and no before-due reminder once due', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MESSAGE_KINDS),
        fc.integer({ min: -10, max: 10 }),
        fc.boolean(),
        (kind, offset, newer) => {
          const today = addDays(due, offset);
          const paid = relevance(kind, {
            ...open(today, { newerReminderDue: newer }),
            invoice: { status: 'paid', dueDate: due },
          });
          if (['bill_issued', 'reminder_early', 'reminder_final', 'due_today', 'overdue'].includes(kind))
            expect(paid.send).toBe(false);
          const r = relevance(kind, open(today, { newerReminderDue: newer }));
          if ((kind === 'reminder_early' || kind === 'reminder_final') && offset >= 0) expect(r.send).toBe(false);
        },
      ),
    );
  });
});
