/**
 * The reseller balance ledger: append-only movements whose sum is the balance (drizzle/0016_resellers' triggers
 * refuse UPDATE, DELETE and a row that would take the sum below zero).
 */
import type { Sqlite } from '../../db/open';
import { whereOf } from '../sql';
import { prepared } from '../statements';

export type LedgerKind = 'topup' | 'payment' | 'commission' | 'reversal';

export interface Movement {
  resellerId: number;
  kind: LedgerKind;
  amount: number;
  method: 'cash' | 'bank_transfer' | 'gateway' | null;
  referenceNumber: string | null;
  paymentId: number | null;
  invoiceId: number | null;
  customerId: number | null;
  billAmount: number | null;
  share: number | null;
  reversesId: number | null;
  note: string | null;
  userId: number | null;
  /** Top-ups: the shift of the cashier who took it (a cash one counts in that drawer). */
  shiftId: number | null;
  businessDate: string;
  at: string;
}

/** A movement's optional fields, none set: spread it, then set what the movement has. */
export const EMPTY_MOVEMENT = {
  method: null,
  referenceNumber: null,
  paymentId: null,
  invoiceId: null,
  customerId: null,
  billAmount: null,
  share: null,
  reversesId: null,
  note: null,
  shiftId: null,
} as const satisfies Partial<Movement>;

export function insertMovement(db: Sqlite, m: Movement): number {
  return Number(
    prepared(
      db,
      `INSERT INTO reseller_ledger(reseller_id, kind, amount, method, reference_number, payment_id, invoice_id,
         customer_id, bill_amount, share, reverses_id, note, user_id, shift_id, business_date, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      m.resellerId,
      m.kind,
      m.amount,
      m.method,
      m.referenceNumber,
      m.paymentId,
      m.invoiceId,
      m.customerId,
      m.billAmount,
      m.share,
      m.reversesId,
      m.note,
      m.userId,
      m.shiftId,
      m.businessDate,
      m.at,
    ).lastInsertRowid,
  );
}

/** The balance: the sum of every movement (read through the covering index). */
export function balanceOf(db: Sqlite, resellerId: number): number {
  return prepared<[number], { s: number }>(
    db,
    'SELECT coalesce(sum(amount), 0) AS s FROM reseller_ledger WHERE reseller_id = ?',
  ).get(resellerId)!.s;
}

export interface MovementRow extends Movement {
  id: number;
  username: string | null;
  customerCode: string | null;
  customerName: string | null;
  invoiceNumber: string | null;
  paymentNumber: string | null;
  /** Set when a later row reversed this one. */
  reversedBy: number | null;
}

const ROW = `l.id, l.reseller_id AS resellerId, l.kind, l.amount, l.method, l.reference_number AS referenceNumber,
  l.payment_id AS paymentId, l.invoice_id AS invoiceId, l.customer_id AS customerId, l.bill_amount AS billAmount,
  l.share, l.reverses_id AS reversesId, l.note, l.user_id AS userId, l.shift_id AS shiftId, l.business_date AS businessDate, l.at,
  u.username, c.customer_code AS customerCode, c.name AS customerName, i.invoice_number AS invoiceNumber,
  p.payment_number AS paymentNumber, (SELECT r.id FROM reseller_ledger r WHERE r.reverses_id = l.id) AS reversedBy`;
const FROM = `FROM reseller_ledger l LEFT JOIN users u ON u.id = l.user_id LEFT JOIN customers c ON c.id = l.customer_id
  LEFT JOIN invoices i ON i.id = l.invoice_id LEFT JOIN payments p ON p.id = l.payment_id`;

export function findMovement(db: Sqlite, id: number): MovementRow | undefined {
  return prepared<[number], MovementRow>(db, `SELECT ${ROW} ${FROM} WHERE l.id = ?`).get(id);
}

/** The payment and commission rows one bill payment wrote. */
export function movementsOfPayment(db: Sqlite, paymentId: number): MovementRow[] {
  return prepared<[number], MovementRow>(
    db,
    `SELECT ${ROW} ${FROM} WHERE l.payment_id = ? AND l.kind IN ('payment', 'commission') ORDER BY l.id`,
  ).all(paymentId);
}

/** Movements of a reseller, newest first, optionally within business dates [from, to]. */
export function listMovements(
  db: Sqlite,
  q: { resellerId: number; from?: string; to?: string; limit: number; offset: number },
): { rows: MovementRow[]; total: number } {
  const { where, params } = whereOf([
    ['l.reseller_id = ?', q.resellerId],
    q.from ? ['l.business_date >= ?', q.from] : null,
    q.to ? ['l.business_date <= ?', q.to] : null,
  ]);
  const rows = prepared<unknown[], MovementRow>(
    db,
    `SELECT ${ROW} ${FROM} ${where} ORDER BY l.id DESC LIMIT ? OFFSET ?`,
  ).all(...params, q.limit, q.offset);
  const total = prepared<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM reseller_ledger l ${where}`).get(
    ...params,
  )!.n;
  return { rows, total };
}

/** Every movement of a reseller within business dates [from, to], oldest first (the monthly statement). */
export function movementsBetween(db: Sqlite, resellerId: number, from: string, to: string): MovementRow[] {
  return prepared<[number, string, string], MovementRow>(
    db,
    `SELECT ${ROW} ${FROM} WHERE l.reseller_id = ? AND l.business_date BETWEEN ? AND ? ORDER BY l.id`,
  ).all(resellerId, from, to);
}

/** The balance at the start of a business date (sum of everything before it). */
export function balanceBefore(db: Sqlite, resellerId: number, date: string): number {
  return prepared<[number, string], { s: number }>(
    db,
    'SELECT coalesce(sum(amount), 0) AS s FROM reseller_ledger WHERE reseller_id = ? AND business_date < ?',
  ).get(resellerId, date)!.s;
}

export interface ShiftTopUpRow extends Omit<MovementRow, 'method'> {
  /** Always set on a top-up. */
  method: 'cash' | 'bank_transfer';
  resellerCode: string;
  resellerName: string;
}

/** The top-ups taken in a shift (every method, reversed ones too: `reversedBy` is set), oldest first. */
export function topUpsOfShift(db: Sqlite, shiftId: number): ShiftTopUpRow[] {
  return prepared<[number], ShiftTopUpRow>(
    db,
    `SELECT ${ROW}, rs.code AS resellerCode, rs.name AS resellerName ${FROM} JOIN resellers rs ON rs.id = l.reseller_id
     WHERE l.shift_id = ? AND l.kind = 'topup' ORDER BY l.id`,
  ).all(shiftId);
}
