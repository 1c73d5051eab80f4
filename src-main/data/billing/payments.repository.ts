/** Payments and their allocations to invoices. */
import type { Payment, PaymentMethod } from '../../../src-shared/contract/payments';
import { pageMoneyList, type MoneyTable } from './money-list';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

const PAYMENT_SELECT = `
  SELECT p.id, p.payment_number AS paymentNumber, p.customer_id AS customerId, c.customer_code AS customerCode,
         c.name AS customerName, p.invoice_id AS invoiceId, i.invoice_number AS invoiceNumber, p.amount, p.method,
         p.payment_date AS paymentDate, p.paid_at AS paidAt, p.reference_number AS referenceNumber, p.notes,
         p.received_by AS receivedBy, ru.full_name AS receivedByName, p.shift_id AS shiftId, p.tendered,
         coalesce((SELECT sum(a.amount) FROM payment_allocations a WHERE a.payment_id = p.id AND a.source = 'deposit'), 0) AS fromDeposit,
         coalesce((SELECT sum(a.amount) FROM payment_allocations a WHERE a.payment_id = p.id AND a.source = 'payment'), 0) AS allocated,
         p.status, p.voided_at AS voidedAt, vu.full_name AS voidedByName, p.void_reason AS voidReason,
         p.receipt_prints AS receiptPrints, p.created_at AS createdAt
  FROM payments p
  JOIN customers c ON c.id = p.customer_id
  LEFT JOIN invoices i ON i.id = p.invoice_id
  LEFT JOIN users ru ON ru.id = p.received_by
  LEFT JOIN users vu ON vu.id = p.voided_by`;

const PAYMENT_BY_ID = `${PAYMENT_SELECT} WHERE p.id = ?`;

export type PaymentRow = Omit<Payment, 'change' | 'toDeposit'>;

/** The row mapper: change due and the part of the money received that went to the deposit. */
export function toPayment(r: PaymentRow): Payment {
  // Money received that no invoice took went to the deposit (deposit-method payments receive nothing).
  const toDeposit = r.method === 'deposit' ? 0 : Math.max(0, r.amount - r.allocated);
  return { ...r, toDeposit, change: r.tendered !== null ? Math.max(0, r.tendered - r.amount) : 0 };
}

export function findPayment(db: Sqlite, id: number): Payment | undefined {
  const row = prepared<[number], PaymentRow>(db, PAYMENT_BY_ID).get(id);
  return row && toPayment(row);
}

/** What taking a payment reads of its customer: the deposit, the brand (scope) and what the answer shows. */
export interface PayingCustomer {
  id: number;
  deposit: number;
  brandId: number;
  code: string;
  name: string;
}

export function findPayingCustomer(db: Sqlite, id: number): PayingCustomer | undefined {
  return prepared<[number], PayingCustomer>(
    db,
    'SELECT id, deposit, brand_id AS brandId, customer_code AS code, name FROM customers WHERE id = ?',
  ).get(id);
}

export interface PaymentAllocation {
  invoiceId: number;
  invoiceNumber: string;
  period: string;
  description: string | null;
  invoiceAmount: number;
  invoiceOutstanding: number;
  amount: number;
  source: 'payment' | 'deposit';
  isLive: boolean;
}

/** Where the payment's money went (live and reversed allocations), in allocation order. */
export function paymentAllocations(db: Sqlite, paymentId: number): PaymentAllocation[] {
  return prepared<[number], Omit<PaymentAllocation, 'isLive'> & { isLive: number }>(
    db,
    `SELECT a.invoice_id AS invoiceId, i.invoice_number AS invoiceNumber, i.period, i.description, i.amount AS invoiceAmount,
              CASE WHEN i.status = 'void' THEN 0 ELSE i.amount - i.paid_amount END AS invoiceOutstanding,
              a.amount, a.source, a.is_live AS isLive
       FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = ? ORDER BY a.id`,
  )
    .all(paymentId)
    .map((a) => ({ ...a, isLive: a.isLive === 1 }));
}

export interface PaymentFilter {
  customerId?: number;
  method?: PaymentMethod;
  status?: 'live' | 'void';
  shiftId?: number;
  from?: string;
  to?: string;
  /** A LIKE pattern (escaped with `\\`) matched against number, customer and reference. */
  like?: string;
  /** The brands the caller may see (null/absent = every brand). */
  brands?: number[] | null;
  page: number;
  pageSize: number;
}

const PAYMENTS_LIST: MoneyTable = {
  table: 'payments',
  alias: 'p',
  date: 'payment_date',
  number: 'payment_number',
  at: 'paid_at',
  select: PAYMENT_SELECT,
};

/** One page of payments, newest first, with the filter's count and live total. */
export function listPayments(db: Sqlite, f: PaymentFilter) {
  const { rows, ...totals } = pageMoneyList<PaymentRow>(db, PAYMENTS_LIST, f);
  return { items: rows.map(toPayment), ...totals };
}

export interface NewPayment {
  paymentNumber: string;
  customerId: number;
  invoiceId: number | null;
  amount: number;
  method: PaymentMethod;
  paymentDate: string;
  paidAt: string;
  referenceNumber: string | null;
  notes: string | null;
  receivedBy: number | null;
  shiftId: number | null;
  tendered: number | null;
}

/** A live payment, not yet printed. Returns its id. */
export function insertPayment(db: Sqlite, v: NewPayment): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO payments(payment_number, customer_id, invoice_id, amount, method, payment_date, paid_at, reference_number, notes,
                            received_by, shift_id, tendered, status, receipt_prints, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'live', 0, ?)`,
  ).run(
    v.paymentNumber,
    v.customerId,
    v.invoiceId,
    v.amount,
    v.method,
    v.paymentDate,
    v.paidAt,
    v.referenceNumber,
    v.notes,
    v.receivedBy,
    v.shiftId,
    v.tendered,
    v.paidAt,
  );
  return Number(lastInsertRowid);
}

export function insertAllocation(
  db: Sqlite,
  paymentId: number,
  invoiceId: number,
  amount: number,
  source: 'payment' | 'deposit',
  now: string,
): void {
  prepared(
    db,
    `INSERT INTO payment_allocations(payment_id, invoice_id, amount, source, is_live, created_at) VALUES (?, ?, ?, ?, 1, ?)`,
  ).run(paymentId, invoiceId, amount, source, now);
}

export function liveAllocations(db: Sqlite, paymentId: number): { id: number; invoiceId: number; amount: number }[] {
  return prepared<[number], { id: number; invoiceId: number; amount: number }>(
    db,
    `SELECT id, invoice_id AS invoiceId, amount FROM payment_allocations WHERE payment_id = ? AND is_live = 1`,
  ).all(paymentId);
}

/** The payment's allocations stop counting (kept as history). */
export function reverseAllocations(db: Sqlite, paymentId: number): void {
  prepared(db, 'UPDATE payment_allocations SET is_live = 0 WHERE payment_id = ?').run(paymentId);
}

export function markPaymentVoid(db: Sqlite, id: number, userId: number | null, reason: string, now: string): void {
  prepared(db, `UPDATE payments SET status = 'void', voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?`).run(
    now,
    userId,
    reason,
    id,
  );
}

export function countPaymentReceiptPrint(db: Sqlite, id: number): void {
  prepared(db, 'UPDATE payments SET receipt_prints = receipt_prints + 1 WHERE id = ?').run(id);
}
