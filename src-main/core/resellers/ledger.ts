/**
 * The reseller's balance: top-ups at the office, bills paid from it, commissions, reversals. Each action
 * is one IMMEDIATE transaction that reads the balance under the write lock, writes the movement(s), the
 * customer's payment where there is one, and the audit rows. better-sqlite3 runs a transaction
 * synchronously, so no other request of this process can interleave between the check and the write;
 * the trigger of drizzle/0016_resellers refuses a negative sum whoever writes it.
 */
import type { Movement as MovementOut } from '../../../src-shared/contract/resellers';
import { formatRupiah } from '../../../src-shared/money';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import { oncePerRequest } from '../client-requests';
import type { CallContext } from '../context';
import { recordResellerPayment, voidPayment } from '../billing/payments';
import { today } from '../billing/common';
import { openShiftIdOf } from '../../data/billing/shifts.repository';
import { findRule } from '../../data/resellers/resellers.repository';
import { billForReseller } from '../../data/resellers/resellers.queries';
import {
  balanceOf,
  EMPTY_MOVEMENT,
  findMovement,
  insertMovement,
  listMovements,
  movementsOfPayment,
  type Movement,
  type MovementRow,
} from '../../data/resellers/ledger.repository';
import { resellerRow } from './resellers';
import { splitPayment } from './rules';

const toOut = (r: MovementRow): MovementOut => ({
  id: r.id,
  kind: r.kind,
  amount: r.amount,
  method: r.method,
  referenceNumber: r.referenceNumber,
  paymentId: r.paymentId,
  paymentNumber: r.paymentNumber,
  invoiceId: r.invoiceId,
  invoiceNumber: r.invoiceNumber,
  customerId: r.customerId,
  customerCode: r.customerCode,
  customerName: r.customerName,
  billAmount: r.billAmount,
  share: r.share,
  reversesId: r.reversesId,
  reversedBy: r.reversedBy,
  note: r.note,
  username: r.username,
  businessDate: r.businessDate,
  at: r.at,
});
export { toOut as movementOut };

function write(call: CallContext, m: Omit<Movement, 'businessDate' | 'at' | 'userId'>): MovementOut {
  const { app, session } = call;
  const id = insertMovement(app.sqlite, {
    ...m,
    userId: session?.userId ?? null,
    businessDate: today(app),
    at: app.clock.now().toISOString(),
  });
  return toOut(findMovement(app.sqlite, id)!);
}

export function resellerBalance(call: CallContext, resellerId: number): number {
  return balanceOf(call.app.sqlite, resellerId);
}

export interface TopUpInput {
  resellerId: number;
  amount: number;
  method: 'cash' | 'bank_transfer';
  referenceNumber?: string | null;
  note?: string | null;
  /** Credited once per id (core/client-requests.ts). */
  clientRequestId?: string;
}

/**
 * Money the reseller brought to the office (cash) or transferred (with its reference). It belongs to the
 * cashier's open shift like a desk payment: cash is refused without one (it must be counted at close), a
 * transfer is listed in the shift it was taken in but is not drawer money.
 * Credited once per client request id: a top-up sent again after a lost answer gets the first result.
 */
export function topUp(call: CallContext, input: TopUpInput) {
  return oncePerRequest(
    call,
    'resellers.topup',
    input,
    () => {
      const done = creditTopUp(call, input);
      return {
        value: done,
        wrote: 'reseller_movement',
        entityId: done.movement.id,
        figures: { balance: done.balance },
      };
    },
    // The movement as it is now (reversed since, if it was) and the balance the first answer showed.
    (first) => ({
      movement: toOut(findMovement(call.app.sqlite, first.entityId)!),
      balance: first.figures.balance,
    }),
  );
}

function creditTopUp(call: CallContext, input: TopUpInput) {
  if (input.method !== 'cash' && !input.referenceNumber)
    throw badInput('referenceNumber', 'A reference number is required for a bank transfer');
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const r = resellerRow(call, input.resellerId);
      const shiftId = call.session ? openShiftIdOf(app.sqlite, call.session.userId) : null;
      // The same refusal, in the same words, as a cash payment at the desk.
      if (input.method === 'cash' && shiftId === null)
        throw new AppError('CONFLICT', 'Open a cash shift before taking cash payments');
      const before = balanceOf(app.sqlite, r.id);
      const movement = write(call, {
        ...EMPTY_MOVEMENT,
        resellerId: r.id,
        kind: 'topup',
        amount: input.amount,
        method: input.method,
        referenceNumber: input.referenceNumber ?? null,
        note: input.note ?? null,
        shiftId,
      });
      const balance = before + input.amount;
      writeAudit(call, {
        action: 'reseller.topup',
        entity: 'reseller',
        entityId: r.id,
        before: { balance: before },
        after: {
          balance,
          amount: input.amount,
          method: input.method,
          reference: input.referenceNumber ?? null,
          movement: movement.id,
          shiftId,
        },
      });
      return { movement, balance };
    })
    .immediate();
}

/**
 * Pays one open bill of the reseller's own customer in full from the balance: the customer's payment
 * (method `reseller`, through the same allocation, receipt and isolir-restore path as the desk), the
 * debit, and under a commission rule the commission, in one transaction. Refused, with nothing written,
 * when the balance does not cover the debit.
 */
export function payBill(call: CallContext, resellerId: number, invoiceId: number) {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const r = resellerRow(call, resellerId);
      if (r.status !== 'active') throw new AppError('CONFLICT', `Reseller ${r.code} is suspended`);
      const bill = billForReseller(db, invoiceId);
      // Another reseller's (or nobody's) bill answers exactly like a missing one.
      if (!bill || bill.resellerId !== r.id) throw notFound('Invoice');
      if (bill.status === 'void')
        throw new AppError('CONFLICT', `Invoice ${bill.invoiceNumber} is void; it cannot be paid`);
      if (bill.status === 'paid') throw new AppError('CONFLICT', `Invoice ${bill.invoiceNumber} is already paid`);
      const due = bill.amount - bill.paidAmount;
      const rule = bill.internetPackageId === null ? undefined : findRule(db, r.id, bill.internetPackageId);
      const { share, debit, commission } = splitPayment(rule, due);
      const before = balanceOf(db, r.id);
      if (debit > before)
        throw new AppError('CONFLICT', `The balance ${formatRupiah(before)} does not cover ${formatRupiah(debit)}`);

      const payment = recordResellerPayment(call, {
        customerId: bill.customerId,
        invoiceId: bill.id,
        amount: due,
        method: 'reseller',
        referenceNumber: r.code,
        notes: `Reseller ${r.code} ${r.name}`,
        // The limit guards typed cash amounts; this amount is the bill's own.
        confirmLarge: true,
      });
      const common = {
        ...EMPTY_MOVEMENT,
        resellerId: r.id,
        paymentId: payment.id,
        invoiceId: bill.id,
        customerId: bill.customerId,
      };
      const paid = write(call, { ...common, kind: 'payment', amount: -debit, billAmount: due, share });
      const credited =
        commission > 0
          ? write(call, { ...common, kind: 'commission', amount: commission, billAmount: due, share })
          : null;
      const balance = before - debit + commission;
      writeAudit(call, {
        action: 'reseller.payment',
        entity: 'reseller',
        entityId: r.id,
        before: { balance: before },
        after: {
          balance,
          invoice: bill.invoiceNumber,
          payment: payment.paymentNumber,
          billAmount: due,
          debit,
          commission,
          rule: rule ?? null,
        },
      });
      return {
        paymentId: payment.id,
        paymentNumber: payment.paymentNumber,
        invoiceNumber: bill.invoiceNumber,
        billAmount: due,
        debit,
        commission,
        share,
        balance,
        restoredAccounts: payment.restoredAccounts,
        movements: credited ? [paid, credited] : [paid],
      };
    })
    .immediate();
}

/**
 * Reverses a top-up, or a bill payment (its commission too, and the customer's payment is voided, which
 * gives the invoice its open amount back). A top-up that has been spent since cannot be reversed.
 */
export function voidMovement(call: CallContext, id: number, reason: string) {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const m = findMovement(db, id);
      if (!m) throw notFound('Movement');
      if (m.kind === 'reversal') throw new AppError('CONFLICT', 'A reversal cannot be reversed');
      if (m.reversedBy !== null) throw new AppError('CONFLICT', 'This movement is already reversed');
      const before = balanceOf(db, m.resellerId);
      const targets = m.paymentId !== null ? movementsOfPayment(db, m.paymentId) : [m];
      const net = -targets.reduce((s, t) => s + t.amount, 0);
      if (before + net < 0)
        throw new AppError(
          'CONFLICT',
          `The balance is ${formatRupiah(before)}: the ${formatRupiah(-net)} cannot be taken back (it has been spent since)`,
        );
      if (m.paymentId !== null) voidPayment(call, m.paymentId, reason, { byReseller: true });
      // Credits back before debits, so the running sum never dips below zero on the way.
      const ordered = [...targets].sort((a, b) => a.amount - b.amount);
      const reversals = ordered.map((t) =>
        write(call, {
          ...EMPTY_MOVEMENT,
          resellerId: t.resellerId,
          kind: 'reversal',
          amount: -t.amount,
          paymentId: t.paymentId,
          invoiceId: t.invoiceId,
          customerId: t.customerId,
          reversesId: t.id,
          note: reason,
        }),
      );
      const balance = before + net;
      writeAudit(call, {
        action: 'reseller.void',
        entity: 'reseller',
        entityId: m.resellerId,
        before: { balance: before },
        after: {
          balance,
          reversed: targets.map((t) => ({ id: t.id, kind: t.kind, amount: t.amount })),
          payment: m.paymentNumber,
        },
        reason,
      });
      return { reversals, balance };
    })
    .immediate();
}

export function ledgerPage(
  call: CallContext,
  q: { resellerId: number; from?: string; to?: string; page: number; pageSize: number },
) {
  resellerRow(call, q.resellerId);
  const db = call.app.sqlite;
  const { rows, total } = listMovements(db, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(toOut), total, page: q.page, pageSize: q.pageSize, balance: balanceOf(db, q.resellerId) };
}
