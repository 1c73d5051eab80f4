/** Deposit refunds: money paid back from a customer's deposit. */
import type { Refund } from '../../../src-shared/contract/refunds';
import { pageMoneyList, type MoneyTable } from './money-list';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

const REFUND_SELECT = `
  SELECT r.id, r.refund_number AS refundNumber, r.customer_id AS customerId, c.customer_code AS customerCode,
         c.name AS customerName, r.amount, r.method, r.refund_date AS refundDate, r.refunded_at AS refundedAt,
         r.reference_number AS referenceNumber, r.reason, r.notes, r.refunded_by AS refundedBy,
         ru.full_name AS refundedByName, r.shift_id AS shiftId, r.status, r.voided_at AS voidedAt,
         vu.full_name AS voidedByName, r.void_reason AS voidReason, r.receipt_prints AS receiptPrints, r.created_at AS createdAt
  FROM deposit_refunds r
  JOIN customers c ON c.id = r.customer_id
  LEFT JOIN users ru ON ru.id = r.refunded_by
  LEFT JOIN users vu ON vu.id = r.voided_by`;

const REFUND_BY_ID = `${REFUND_SELECT} WHERE r.id = ?`;

export function findRefund(db: Sqlite, id: number): Refund | undefined {
  return prepared<[number], Refund>(db, REFUND_BY_ID).get(id);
}

export interface NewRefund {
  refundNumber: string;
  customerId: number;
  amount: number;
  method: Refund['method'];
  refundDate: string;
  refundedAt: string;
  referenceNumber: string | null;
  reason: string;
  notes: string | null;
  refundedBy: number | null;
  shiftId: number | null;
}

/** A live refund, not yet printed. Returns its id. */
export function insertRefund(db: Sqlite, v: NewRefund): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO deposit_refunds(refund_number, customer_id, amount, method, refund_date, refunded_at, reference_number,
         reason, notes, refunded_by, shift_id, status, receipt_prints, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'live', 0, ?)`,
  ).run(
    v.refundNumber,
    v.customerId,
    v.amount,
    v.method,
    v.refundDate,
    v.refundedAt,
    v.referenceNumber,
    v.reason,
    v.notes,
    v.refundedBy,
    v.shiftId,
    v.refundedAt,
  );
  return Number(lastInsertRowid);
}

export function markRefundVoid(db: Sqlite, id: number, userId: number | null, reason: string, now: string): void {
  prepared(
    db,
    `UPDATE deposit_refunds SET status = 'void', voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?`,
  ).run(now, userId, reason, id);
}

export function countRefundReceiptPrint(db: Sqlite, id: number): void {
  prepared(db, 'UPDATE deposit_refunds SET receipt_prints = receipt_prints + 1 WHERE id = ?').run(id);
}

export interface RefundFilter {
  customerId?: number;
  method?: Refund['method'];
  status?: Refund['status'];
  shiftId?: number;
  from?: string;
  to?: string;
  /** A LIKE pattern (escaped with `\\`) matched against number, customer and reference. */
  like?: string;
  page: number;
  pageSize: number;
}

const REFUNDS_LIST: MoneyTable = {
  table: 'deposit_refunds',
  alias: 'r',
  date: 'refund_date',
  number: 'refund_number',
  at: 'refunded_at',
  select: REFUND_SELECT,
};

/** One page of refunds, newest first, with the filter's count and live total. */
export function listRefunds(db: Sqlite, f: RefundFilter) {
  const { rows: items, ...totals } = pageMoneyList<Refund>(db, REFUNDS_LIST, f);
  return { items, ...totals };
}
