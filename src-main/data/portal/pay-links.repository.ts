import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/** The invoice and its customer behind a pay-link token. */
export interface PayLinkRow {
  invoiceId: number;
  customerId: number;
}

export function findPayLink(db: Sqlite, token: string): PayLinkRow | undefined {
  return prepared<[string], PayLinkRow>(
    db,
    `SELECT l.invoice_id AS invoiceId, i.customer_id AS customerId
       FROM portal_pay_links l JOIN invoices i ON i.id = l.invoice_id WHERE l.token = ?`,
  ).get(token);
}

export function payLinkTokenOf(db: Sqlite, invoiceId: number): string | undefined {
  return prepared<[number], { token: string }>(db, 'SELECT token FROM portal_pay_links WHERE invoice_id = ?').get(
    invoiceId,
  )?.token;
}

/** Keeps the first token of an invoice: a second caller's insert is ignored (unique invoice_id). */
export function insertPayLink(db: Sqlite, token: string, invoiceId: number, at: string): void {
  prepared(db, 'INSERT OR IGNORE INTO portal_pay_links(token, invoice_id, created_at) VALUES (?, ?, ?)').run(
    token,
    invoiceId,
    at,
  );
}

export interface PayInvoiceRow {
  id: number;
  customerId: number;
  invoiceNumber: string;
  period: string;
  dueDate: string;
  amount: number;
  paidAmount: number;
  status: string;
}

/** One invoice for a pay page (any status: a paid or void one says so). */
export function payInvoice(db: Sqlite, invoiceId: number): PayInvoiceRow | undefined {
  return prepared<[number], PayInvoiceRow>(
    db,
    `SELECT id, customer_id AS customerId, invoice_number AS invoiceNumber, period, due_date AS dueDate, amount,
            paid_amount AS paidAmount, status FROM invoices WHERE id = ?`,
  ).get(invoiceId);
}

/** The customer's attempts that still wait for money, newest first, with the invoices each covers. */
export function pendingAttemptsOf(db: Sqlite, customerId: number, now: string): { id: number; invoiceIds: string }[] {
  return prepared<[number, string], { id: number; invoiceIds: string }>(
    db,
    `SELECT t.id, (SELECT group_concat(gi.invoice_id) FROM gateway_transaction_invoices gi WHERE gi.transaction_id = t.id)
              AS invoiceIds
       FROM gateway_transactions t
      WHERE t.customer_id = ? AND t.status = 'pending' AND t.credit_state = 'none' AND t.expires_at > ?
        AND (t.va_number IS NOT NULL OR t.qr_string IS NOT NULL OR t.checkout_url IS NOT NULL OR t.pay_code IS NOT NULL)
      ORDER BY t.id DESC LIMIT 5`,
  ).all(customerId, now);
}

/** The invoices an attempt covers (to check a pay link's attempt is for its invoice). */
export function attemptCovers(db: Sqlite, txId: number, invoiceId: number): boolean {
  return !!prepared<[number, number], { one: number }>(
    db,
    'SELECT 1 AS one FROM gateway_transaction_invoices WHERE transaction_id = ? AND invoice_id = ?',
  ).get(txId, invoiceId);
}
