/**
 * Customer deposits: the ledger of movements (deposit_ledger) and the cached balance on customers.deposit,
 * always written together by the caller's transaction.
 */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export type DepositKind = 'overpayment' | 'topup' | 'applied' | 'reversal' | 'refund';

export interface DepositMovement {
  customerId: number;
  amount: number;
  kind: DepositKind;
  paymentId: number | null;
  refundId: number | null;
  invoiceId: number | null;
  userId: number | null;
  note: string | null;
  at: string;
}

/** One ledger row plus the same amount on the customer's cached balance. */
export function insertDepositMovement(db: Sqlite, m: DepositMovement): void {
  prepared(
    db,
    `INSERT INTO deposit_ledger(customer_id, amount, kind, payment_id, refund_id, invoice_id, user_id, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(m.customerId, m.amount, m.kind, m.paymentId, m.refundId, m.invoiceId, m.userId, m.note, m.at);
  prepared(db, 'UPDATE customers SET deposit = deposit + ?, updated_at = ? WHERE id = ?').run(
    m.amount,
    m.at,
    m.customerId,
  );
}

/** The customer's id and deposit, or undefined when there is no such customer. */
export function findCustomerDeposit(db: Sqlite, customerId: number): { id: number; deposit: number } | undefined {
  return prepared<[number], { id: number; deposit: number }>(db, 'SELECT id, deposit FROM customers WHERE id = ?').get(
    customerId,
  );
}

/** The deposit of a customer known to exist. */
export function depositOf(db: Sqlite, customerId: number): number {
  return prepared<[number], { deposit: number }>(db, 'SELECT deposit FROM customers WHERE id = ?').get(customerId)!
    .deposit;
}

/** The net effect a payment had on the deposit (credits minus debits). */
export function paymentDepositEffect(db: Sqlite, paymentId: number): number {
  return prepared<[number], { s: number }>(
    db,
    'SELECT coalesce(sum(amount), 0) AS s FROM deposit_ledger WHERE payment_id = ?',
  ).get(paymentId)!.s;
}

/** The customer's deposit just before a refund was paid out (so a reprint shows the same figures). */
export function depositBeforeRefund(db: Sqlite, customerId: number, refundId: number): number {
  return prepared<[number, number], { s: number }>(
    db,
    `SELECT coalesce(sum(amount), 0) AS s FROM deposit_ledger
       WHERE customer_id = ? AND id < (SELECT min(id) FROM deposit_ledger WHERE refund_id = ? AND kind = 'refund')`,
  ).get(customerId, refundId)!.s;
}
