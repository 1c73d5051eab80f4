/**
 * Invoices: the shared row, reads for one invoice and the list, one-off inserts, voiding, and the paid
 * amount that payments move. The invoice run's set-based statements live in invoice-run.repository.ts.
 */
import { INVOICE_STATUSES, type Invoice, type InvoiceStatus } from '../../../src-shared/contract/invoices';
import type { PaymentMethod } from '../../../src-shared/contract/payments';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export const INVOICE_SELECT = `
  SELECT i.id, i.invoice_number AS invoiceNumber, i.customer_id AS customerId, c.customer_code AS customerCode,
         c.name AS customerName, i.subscription_id AS subscriptionId, i.period, i.invoice_date AS invoiceDate,
         i.due_date AS dueDate, i.amount, i.paid_amount AS paidAmount, i.status, i.description, i.notes,
         i.voided_at AS voidedAt, vu.full_name AS voidedByName, i.void_reason AS voidReason, i.created_at AS createdAt
  FROM invoices i JOIN customers c ON c.id = i.customer_id LEFT JOIN users vu ON vu.id = i.voided_by`;

// Composed once: a statement's cache key is its text, so hot paths should not rebuild it per call.
const INVOICE_BY_ID = `${INVOICE_SELECT} WHERE i.id = ?`;
const OPEN_INVOICES_OF_CUSTOMER = `${INVOICE_SELECT} WHERE i.customer_id = ? AND i.status IN ('unpaid','partial') ORDER BY i.due_date, i.id`;

/** An invoice as stored: `status` is the stored one (unpaid/partial/paid/void), not yet the shown one. */
export type InvoiceRow = Omit<Invoice, 'outstanding' | 'status'> & { status: string };

/** Shown status: stored unpaid/partial become `overdue` once the due date has passed (ISP zone). */
export function displayStatus(stored: string, dueDate: string, todayDate: string): InvoiceStatus {
  if ((stored === 'unpaid' || stored === 'partial') && dueDate < todayDate) return 'overdue';
  const known = INVOICE_STATUSES.find((x) => x === stored);
  if (!known) throw new Error(`Unknown stored invoice status ${stored}`);
  return known;
}

/** The row mapper: shown status and outstanding amount as of `todayDate`. */
export function toInvoice(r: InvoiceRow, todayDate: string): Invoice {
  const isVoid = r.status === 'void';
  return {
    ...r,
    status: displayStatus(r.status, r.dueDate, todayDate),
    outstanding: isVoid ? 0 : Math.max(0, r.amount - r.paidAmount),
  };
}

export function findInvoiceRow(db: Sqlite, id: number): InvoiceRow | undefined {
  return prepared<[number], InvoiceRow>(db, INVOICE_BY_ID).get(id);
}

/** Open invoices of a customer, oldest due first (the cash desk shows them in payment order). */
export function openInvoiceRowsOf(db: Sqlite, customerId: number): InvoiceRow[] {
  return prepared<[number], InvoiceRow>(db, OPEN_INVOICES_OF_CUSTOMER).all(customerId);
}

export interface InvoiceExtras {
  customerAddress: string | null;
  customerPhone: string | null;
  packageName: string | null;
}

export function invoiceExtras(db: Sqlite, id: number): InvoiceExtras | undefined {
  return prepared<[number], InvoiceExtras>(
    db,
    `SELECT c.address AS customerAddress, c.phone AS customerPhone, p.name AS packageName
       FROM invoices i JOIN customers c ON c.id = i.customer_id
       LEFT JOIN subscriptions s ON s.id = i.subscription_id LEFT JOIN internet_packages p ON p.id = s.internet_package_id
       WHERE i.id = ?`,
  ).get(id);
}

export interface InvoiceAllocation {
  paymentId: number;
  paymentNumber: string;
  method: PaymentMethod;
  paidAt: string;
  paymentDate: string;
  amount: number;
  source: 'payment' | 'deposit';
  isLive: boolean;
}

/** The payments (live and voided) that were allocated to an invoice, in allocation order. */
export function invoiceAllocations(db: Sqlite, invoiceId: number): InvoiceAllocation[] {
  return prepared<[number], Omit<InvoiceAllocation, 'isLive'> & { isLive: number }>(
    db,
    `SELECT pa.payment_id AS paymentId, p.payment_number AS paymentNumber, p.method, p.paid_at AS paidAt,
              p.payment_date AS paymentDate, pa.amount, pa.source, pa.is_live AS isLive
       FROM payment_allocations pa JOIN payments p ON p.id = pa.payment_id WHERE pa.invoice_id = ? ORDER BY pa.id`,
  )
    .all(invoiceId)
    .map((a) => ({ ...a, isLive: a.isLive === 1 }));
}

/** SQL condition (on alias `i`) for a shown status; `?` is today's date. */
function statusCondition(status: InvoiceStatus): { sql: string; needsToday: boolean } {
  switch (status) {
    case 'overdue':
      return { sql: "i.status IN ('unpaid','partial') AND i.due_date < ?", needsToday: true };
    case 'unpaid':
    case 'partial':
      return { sql: `i.status = '${status}' AND i.due_date >= ?`, needsToday: true };
    default:
      return { sql: `i.status = '${status}'`, needsToday: false };
  }
}

export interface InvoiceFilter {
  status?: InvoiceStatus;
  openOnly?: boolean;
  period?: string;
  customerId?: number;
  from?: string;
  to?: string;
  /** A LIKE pattern (escaped with `\\`) matched against the number and the customer's search text. */
  like?: string;
  /** The brands the caller may see (null/absent = every brand). */
  brands?: number[] | null;
  sortDir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** One page of invoices with the filter's count and totals (amount, still outstanding). */
export function listInvoiceRows(db: Sqlite, f: InvoiceFilter, todayDate: string) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.status) {
    const c = statusCondition(f.status);
    where.push(c.sql);
    if (c.needsToday) params.push(todayDate);
  }
  if (f.openOnly) where.push("i.status IN ('unpaid','partial')");
  if (f.period) {
    where.push('i.period = ?');
    params.push(f.period);
  }
  if (f.customerId) {
    where.push('i.customer_id = ?');
    params.push(f.customerId);
  }
  if (f.from) {
    where.push('i.invoice_date >= ?');
    params.push(f.from);
  }
  if (f.to) {
    where.push('i.invoice_date <= ?');
    params.push(f.to);
  }
  if (f.brands) {
    where.push('c.brand_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(f.brands));
  }
  if (f.like) {
    const like = f.like;
    where.push("(lower(i.invoice_number) LIKE ? ESCAPE '\\' OR c.search_text LIKE ? ESCAPE '\\')");
    params.push(like, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const agg = prepared<unknown[], { n: number; amount: number; outstanding: number }>(
    db,
    `SELECT count(*) AS n, coalesce(sum(i.amount), 0) AS amount,
              coalesce(sum(CASE WHEN i.status IN ('unpaid','partial') THEN i.amount - i.paid_amount ELSE 0 END), 0) AS outstanding
       FROM invoices i JOIN customers c ON c.id = i.customer_id ${w}`,
  ).get(...params)!;
  const dir = f.sortDir === 'asc' ? 'ASC' : 'DESC';
  const rows = prepared<unknown[], InvoiceRow>(
    db,
    `${INVOICE_SELECT} ${w} ORDER BY i.invoice_date ${dir}, i.id ${dir} LIMIT ? OFFSET ?`,
  ).all(...params, f.pageSize, (f.page - 1) * f.pageSize);
  return { rows, total: agg.n, totalAmount: agg.amount, totalOutstanding: agg.outstanding };
}

export interface NewManualInvoice {
  invoiceNumber: string;
  customerId: number;
  period: string;
  invoiceDate: string;
  dueDate: string;
  amount: number;
  description: string;
  notes: string | null;
  createdBy: number | null;
  now: string;
}

/** A one-off invoice (no subscription). Returns its id. */
export function insertManualInvoice(db: Sqlite, v: NewManualInvoice): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO invoices(invoice_number, customer_id, subscription_id, period, invoice_date, due_date, amount, paid_amount,
                            status, description, notes, created_by, created_at, updated_at)
       VALUES (?, ?, NULL, ?, ?, ?, ?, 0, 'unpaid', ?, ?, ?, ?, ?)`,
  ).run(
    v.invoiceNumber,
    v.customerId,
    v.period,
    v.invoiceDate,
    v.dueDate,
    v.amount,
    v.description,
    v.notes,
    v.createdBy,
    v.now,
    v.now,
  );
  return Number(lastInsertRowid);
}

export function markInvoiceVoid(db: Sqlite, id: number, userId: number | null, reason: string, now: string): void {
  prepared(
    db,
    `UPDATE invoices SET status = 'void', voided_at = ?, voided_by = ?, void_reason = ?, updated_at = ? WHERE id = ?`,
  ).run(now, userId, reason, now, id);
}

/** The fields a payment allocation reads and changes, and what its receipt lists of the invoice. */
export interface PayableInvoice {
  id: number;
  invoiceNumber: string;
  period: string;
  description: string | null;
  amount: number;
  paidAmount: number;
  status: string;
  customerId: number;
}

const PAYABLE = `SELECT id, invoice_number AS invoiceNumber, period, description, amount, paid_amount AS paidAmount, status,
                        customer_id AS customerId FROM invoices`;

const PAYABLE_BY_ID = `${PAYABLE} WHERE id = ?`;

export function findPayableInvoice(db: Sqlite, id: number): PayableInvoice | undefined {
  return prepared<[number], PayableInvoice>(db, PAYABLE_BY_ID).get(id);
}

/** The invoices a payment's live allocations paid, each once (a void reverses them all). */
export function invoicesPaidBy(db: Sqlite, paymentId: number): PayableInvoice[] {
  return prepared<[number], PayableInvoice>(
    db,
    `${PAYABLE} WHERE id IN (SELECT invoice_id FROM payment_allocations WHERE payment_id = ? AND is_live = 1)`,
  ).all(paymentId);
}

/** A customer's unpaid and partly paid invoices in allocation order: oldest due date first. */
export function openPayableInvoices(db: Sqlite, customerId: number): PayableInvoice[] {
  return prepared<[number], PayableInvoice>(
    db,
    `${PAYABLE} WHERE customer_id = ? AND status IN ('unpaid','partial') ORDER BY due_date, id`,
  ).all(customerId);
}

export function setInvoicePaid(db: Sqlite, id: number, paidAmount: number, status: string, now: string): void {
  prepared(db, 'UPDATE invoices SET paid_amount = ?, status = ?, updated_at = ? WHERE id = ?').run(
    paidAmount,
    status,
    now,
    id,
  );
}

/** What the customer still owes on all open invoices. */
export function outstandingOf(db: Sqlite, customerId: number): number {
  return prepared<[number], { s: number }>(
    db,
    `SELECT coalesce(sum(amount - paid_amount), 0) AS s FROM invoices WHERE customer_id = ? AND status IN ('unpaid','partial')`,
  ).get(customerId)!.s;
}

/** True when the customer has an invoice not fully paid that fell due before `cutoff`. */
export function hasOpenInvoiceDueBefore(db: Sqlite, customerId: number, cutoff: string): boolean {
  return !!prepared<[number, string], { one: number }>(
    db,
    `SELECT 1 AS one FROM invoices WHERE customer_id = ? AND status IN ('unpaid','partial') AND due_date < ? LIMIT 1`,
  ).get(customerId, cutoff);
}

/** Count and amount of all invoices past due on `todayDate`, and the first `limit` of them. */
export function overdueInvoices(db: Sqlite, todayDate: string, limit: number) {
  const agg = prepared<[string], { n: number; amount: number }>(
    db,
    `SELECT count(*) AS n, coalesce(sum(amount - paid_amount), 0) AS amount FROM invoices WHERE status IN ('unpaid','partial') AND due_date < ?`,
  ).get(todayDate)!;
  const rows = prepared<[string, number], InvoiceRow>(
    db,
    `${INVOICE_SELECT} WHERE i.status IN ('unpaid','partial') AND i.due_date < ? ORDER BY i.due_date, i.id LIMIT ?`,
  ).all(todayDate, limit);
  return { count: agg.n, amount: agg.amount, rows };
}
