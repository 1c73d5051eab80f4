/**
 * Taking and voiding payments: the cash desk's ledger actions. Each is one IMMEDIATE transaction with
 * its allocations, invoice amounts, deposit movements and audit rows.
 */
import type { GatewayPaymentMethod } from '../../../src-shared/contract/payments';
import { formatRupiah } from '../../../src-shared/money';
import { AppError, badInput } from '../../../src-shared/result';
import { findCustomerDeposit, paymentDepositEffect } from '../../data/billing/deposits.repository';
import {
  findPayableInvoice,
  invoicesPaidBy,
  openPayableInvoices,
  setInvoicePaid,
  type PayableInvoice,
} from '../../data/billing/invoices.repository';
import {
  findPayingCustomer,
  insertAllocation,
  insertPayment,
  liveAllocations,
  markPaymentVoid,
  reverseAllocations,
} from '../../data/billing/payments.repository';
import { openShiftIdOf } from '../../data/billing/shifts.repository';
import { reserveSequence } from '../../data/sequences';
import { writeAudit } from '../audit';
import { oncePerRequest } from '../client-requests';
import type { CallContext } from '../context';
import { queuePaymentReceipt } from '../messaging/enqueue';
import { getSettings } from '../settings';
import { formatPaymentNumber, paymentSequenceName, storedStatus, today, type In } from './common';
import { moveDeposit } from './deposits';
import { canSeeBrand } from '../brands/scope';
import { getPayment, newPaymentDetail, paymentDetail, type NewAllocation } from './paymentDetails';
import { restoreIfCleared } from './restore';

/** Adds (or removes, when negative) an allocation's amount to an invoice and re-derives its stored status. */
function applyToInvoice(
  call: CallContext,
  inv: PayableInvoice,
  delta: number,
  action: string,
  paymentNumber: string,
  reason?: string,
) {
  const { app } = call;
  const paid = inv.paidAmount + delta;
  const status = storedStatus(inv.amount, paid);
  setInvoicePaid(app.sqlite, inv.id, paid, status, app.clock.now().toISOString());
  writeAudit(call, {
    action,
    entity: 'invoice',
    entityId: inv.id,
    before: { paidAmount: inv.paidAmount, status: inv.status },
    after: { paidAmount: paid, status, payment: paymentNumber },
    reason: reason ?? null,
  });
  inv.paidAmount = paid;
  inv.status = status;
}

/**
 * Takes a payment: one IMMEDIATE transaction writes the payment (numbered), its allocations, invoice
 * amounts and statuses, deposit movements, audit rows, and restores isolated accounts when the
 * arrears are cleared. Allocation order: the chosen invoice, then the oldest open invoices (by due
 * date), then whatever is left goes to the customer's deposit.
 */
export function createPayment(call: CallContext, input: In<'payments.create'>) {
  return oncePerRequest(
    call,
    'payments.create',
    input,
    () => {
      const payment = recordPayment(call, input);
      return {
        value: payment,
        wrote: 'payment',
        entityId: payment.id,
        figures: { restoredAccounts: payment.restoredAccounts },
      };
    },
    // The payment as it is now (voided since, if it was) and what the first answer restored.
    (first) => ({ ...paymentDetail(call, first.entityId), restoredAccounts: first.figures.restoredAccounts }),
  );
}

/** How money confirmed by a payment gateway enters the ledger (core/gateway-payments). */
export interface GatewayPaymentInput extends Omit<In<'payments.create'>, 'method'> {
  method: GatewayPaymentMethod;
}

/**
 * A payment a gateway confirmed: allocated like a cash payment (or, with `depositOnly`, all to the
 * deposit: money for a bill that was meanwhile paid at the desk). Runs inside the caller's transaction.
 */
export function recordGatewayPayment(call: CallContext, input: GatewayPaymentInput, opts: { depositOnly?: boolean }) {
  return recordPayment(call, input, opts);
}

/** A bill a reseller paid from their balance (core/resellers/pay.ts). Runs inside the caller's transaction. */
export interface ResellerPaymentInput extends Omit<In<'payments.create'>, 'method' | 'tendered' | 'useDeposit'> {
  method: 'reseller';
}

export function recordResellerPayment(call: CallContext, input: ResellerPaymentInput) {
  return recordPayment(call, input);
}

/**
 * Cash a field collector took (core/collectors): allocated like desk cash, or all to the deposit with
 * `depositOnly`; no cashier shift (the collector hands the cash over at a setoran). Runs inside the
 * caller's transaction.
 */
export function recordCollectorPayment(
  call: CallContext,
  input: In<'payments.create'>,
  opts: { depositOnly: boolean },
) {
  return recordPayment(call, input, { ...opts, fieldCash: true });
}

/**
 * A bank statement line a cashier or the statement import credits (core/reconciliation): a bank transfer
 * allocated like cash, or with `depositOnly` all to the deposit. Runs inside the caller's transaction.
 */
export function recordBankTransfer(
  call: CallContext,
  input: Omit<In<'payments.create'>, 'method'>,
  opts: { depositOnly?: boolean },
) {
  return recordPayment(call, { ...input, method: 'bank_transfer' }, opts);
}

function recordPayment(
  call: CallContext,
  input: In<'payments.create'> | GatewayPaymentInput | ResellerPaymentInput,
  opts: { depositOnly?: boolean; fieldCash?: boolean } = {},
) {
  const { app, session } = call;
  const settings = getSettings(app);
  const isDeposit = input.method === 'deposit';
  if (input.method !== 'cash' && !isDeposit && !input.referenceNumber) {
    throw badInput(
      'referenceNumber',
      'A reference number is required for bank transfer, e-wallet and credit card payments',
    );
  }
  if ('tendered' in input && input.tendered !== undefined && input.method !== 'cash')
    throw badInput('tendered', 'Only cash payments have money tendered');
  if ('tendered' in input && input.tendered !== undefined && input.tendered < input.amount) {
    throw badInput(
      'tendered',
      `Cash tendered (${formatRupiah(input.tendered)}) is less than the amount (${formatRupiah(input.amount)})`,
    );
  }
  const useDeposit = 'useDeposit' in input && input.useDeposit;
  if (isDeposit && useDeposit) throw badInput('useDeposit', 'A deposit payment already uses the deposit');
  if (!isDeposit && input.amount > settings.paymentConfirmLimit && !input.confirmLarge) {
    throw badInput(
      'confirmLarge',
      `${formatRupiah(input.amount)} is above the confirmation limit of ${formatRupiah(settings.paymentConfirmLimit)}: confirm the amount`,
    );
  }

  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const customer = findPayingCustomer(db, input.customerId);
      // A customer of a brand the caller may not see is not there for them (checked before anything is written).
      if (!customer || !canSeeBrand(call, customer.brandId)) throw badInput('customerId', 'Customer not found');

      let shiftId: number | null = null;
      if (session && !opts.fieldCash) {
        shiftId = openShiftIdOf(db, session.userId);
        // Cash must land in a shift so the drawer can be reconciled at close.
        if (input.method === 'cash' && shiftId === null)
          throw new AppError('CONFLICT', 'Open a cash shift before taking cash payments');
      }

      const open = openPayableInvoices(db, customer.id);
      let queue = open;
      let chosenNumber: string | null = null;
      if (input.invoiceId !== undefined) {
        // An open invoice of the customer is already in hand; any other is read for the error it gets.
        const chosen = open.find((o) => o.id === input.invoiceId) ?? findPayableInvoice(db, input.invoiceId);
        if (!chosen) throw badInput('invoiceId', 'Invoice not found');
        if (chosen.customerId !== customer.id) throw badInput('invoiceId', 'That invoice belongs to another customer');
        if (chosen.status === 'void')
          throw new AppError('CONFLICT', `Invoice ${chosen.invoiceNumber} is void; it cannot be paid`);
        if (chosen.status === 'paid') throw new AppError('CONFLICT', `Invoice ${chosen.invoiceNumber} is already paid`);
        queue = [chosen, ...open.filter((o) => o.id !== chosen.id)];
        chosenNumber = chosen.invoiceNumber;
      }
      const outstanding = queue.reduce((s, i) => s + (i.amount - i.paidAmount), 0);

      // Plan: deposit first (when asked), then the money received.
      const plan: NewAllocation[] = [];
      const left = new Map(queue.map((i) => [i.id, i.amount - i.paidAmount]));
      const spread = (budget: number, source: 'payment' | 'deposit') => {
        for (const inv of queue) {
          if (budget <= 0) break;
          const room = left.get(inv.id)!;
          if (room <= 0) continue;
          const take = Math.min(room, budget);
          plan.push({ inv, amount: take, source });
          left.set(inv.id, room - take);
          budget -= take;
        }
        return budget;
      };
      let fromDeposit = 0;
      let received = input.amount;
      if (isDeposit) {
        if (outstanding === 0)
          throw new AppError('CONFLICT', 'This customer has no open invoice to pay from the deposit');
        if (input.amount > outstanding)
          throw badInput('amount', `More than the outstanding ${formatRupiah(outstanding)}`);
        if (!settings.allowNegativeDeposit && input.amount > customer.deposit) {
          throw badInput('amount', `The deposit is only ${formatRupiah(customer.deposit)}`);
        }
        fromDeposit = input.amount;
        spread(fromDeposit, 'deposit');
        received = 0;
      } else {
        if (useDeposit && customer.deposit > 0) {
          fromDeposit = Math.min(customer.deposit, outstanding);
          spread(fromDeposit, 'deposit');
        }
      }
      const toDeposit = isDeposit ? 0 : opts.depositOnly ? received : spread(received, 'payment');

      // Write.
      const now = app.clock.now();
      const date = today(app);
      const ymd = date.replaceAll('-', '');
      const number = formatPaymentNumber(
        settings.paymentPrefix,
        ymd,
        reserveSequence(db, paymentSequenceName(settings.paymentPrefix, ymd), 1),
      );
      const row = {
        paymentNumber: number,
        customerId: customer.id,
        invoiceId: input.invoiceId ?? null,
        amount: received,
        method: input.method,
        paymentDate: date,
        paidAt: now.toISOString(),
        referenceNumber: input.referenceNumber ?? null,
        notes: input.notes ?? null,
        receivedBy: session?.userId ?? null,
        shiftId,
        tendered: input.method === 'cash' && 'tendered' in input ? (input.tendered ?? null) : null,
      };
      const paymentId = insertPayment(db, row);
      for (const a of plan) {
        insertAllocation(db, paymentId, a.inv.id, a.amount, a.source, now.toISOString());
        applyToInvoice(call, a.inv, a.amount, 'invoice.payment', number);
      }
      const depositBefore = customer.deposit;
      if (fromDeposit > 0) moveDeposit(call, customer.id, -fromDeposit, 'applied', { paymentId, note: number });
      if (toDeposit > 0)
        moveDeposit(call, customer.id, toDeposit, plan.some((a) => a.source === 'payment') ? 'overpayment' : 'topup', {
          paymentId,
          note: number,
        });
      if (fromDeposit > 0 || toDeposit > 0) {
        writeAudit(call, {
          action: 'customer.deposit',
          entity: 'customer',
          entityId: customer.id,
          before: { deposit: depositBefore },
          after: { deposit: depositBefore - fromDeposit + toDeposit, payment: number },
        });
      }
      const created = newPaymentDetail(paymentId, row, {
        customer,
        invoiceNumber: chosenNumber,
        receivedByName: session?.fullName ?? null,
        allocations: plan,
        customerDeposit: depositBefore - fromDeposit + toDeposit,
      });
      writeAudit(call, {
        action: 'payment.create',
        entity: 'payment',
        entityId: paymentId,
        after: {
          paymentNumber: number,
          customerId: customer.id,
          amount: received,
          method: input.method,
          fromDeposit,
          toDeposit,
          allocations: plan.map((a) => ({ invoiceId: a.inv.id, amount: a.amount, source: a.source })),
        },
      });
      queuePaymentReceipt(call, customer.id, paymentId);
      const restoredAccounts = restoreIfCleared(call, customer.id, `payment ${number}`);
      return { ...created, restoredAccounts };
    })
    .immediate();
}

/**
 * Voids a payment with a reason and reverses everything it did: allocations stop counting, invoices
 * get their paid amount and status back, deposit credits and debits are reversed. Refused when the
 * deposit it created has been spent since (void the later payment first), unless negative deposits
 * are allowed.
 */
export function voidPayment(call: CallContext, id: number, reason: string, opts: { byReseller?: boolean } = {}) {
  const { app, session } = call;
  const settings = getSettings(app);
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const p = getPayment(call, id);
      if (p.status === 'void') throw new AppError('CONFLICT', `Payment ${p.paymentNumber} is already void`);
      // Its money is on the reseller's ledger: voided there, so the balance gets it back in the same step.
      if (p.method === 'reseller' && !opts.byReseller)
        throw new AppError(
          'CONFLICT',
          `Payment ${p.paymentNumber} was paid by a reseller: void it on the reseller's page`,
        );
      const allocs = liveAllocations(db, id);
      const depositEffect = paymentDepositEffect(db, id);
      const customer = findCustomerDeposit(db, p.customerId)!;
      if (!settings.allowNegativeDeposit && customer.deposit - depositEffect < 0) {
        throw new AppError(
          'CONFLICT',
          `The ${formatRupiah(depositEffect)} this payment put on the deposit has been used since (deposit now ${formatRupiah(customer.deposit)}): void the payment that used it first`,
        );
      }
      // One read of the invoices, not one per allocation; an invoice paid by two allocations (deposit and
      // money) is one object, so the second reversal starts from what the first left.
      const invoices = new Map(invoicesPaidBy(db, id).map((i) => [i.id, i]));
      reverseAllocations(db, id);
      for (const a of allocs) {
        applyToInvoice(call, invoices.get(a.invoiceId)!, -a.amount, 'invoice.payment_void', p.paymentNumber, reason);
      }
      if (depositEffect !== 0) {
        moveDeposit(call, p.customerId, -depositEffect, 'reversal', { paymentId: id, note: `void ${p.paymentNumber}` });
        writeAudit(call, {
          action: 'customer.deposit',
          entity: 'customer',
          entityId: p.customerId,
          before: { deposit: customer.deposit },
          after: { deposit: customer.deposit - depositEffect, payment: p.paymentNumber },
          reason,
        });
      }
      const now = app.clock.now().toISOString();
      markPaymentVoid(db, id, session?.userId ?? null, reason, now);
      writeAudit(call, {
        action: 'payment.void',
        entity: 'payment',
        entityId: id,
        before: { status: 'live', amount: p.amount },
        after: { status: 'void', reversedAllocations: allocs.length, depositReversed: -depositEffect },
        reason,
      });
      return paymentDetail(call, id);
    })
    .immediate();
}
