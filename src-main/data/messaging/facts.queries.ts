/**
 * What the worker reads about a message when its turn comes: the customer (address, standing), the
 * invoice (still open? due when? how much left?) and the payment (still live?). Read fresh at send
 * time, so a bill paid since it was queued is never reminded.
 */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface CustomerFacts {
  id: number;
  code: string;
  name: string;
  phone: string | null;
  email: string | null;
  status: string;
  packageName: string | null;
  /** Accounts the billing isolated and nobody restored since. */
  isolated: number;
}

export function customerFacts(db: Sqlite, customerId: number): CustomerFacts | undefined {
  return prepared<[number], CustomerFacts>(
    db,
    `SELECT c.id, c.customer_code AS code, c.name, c.phone, c.email, c.status,
        (SELECT p.name FROM subscriptions s JOIN internet_packages p ON p.id = s.internet_package_id
          WHERE s.customer_id = c.id AND s.status = 'active' ORDER BY s.id DESC LIMIT 1) AS packageName,
        (SELECT COUNT(*) FROM pppoe_accounts a WHERE a.customer_id = c.id AND a.status = 'suspended'
          AND (SELECT l.action FROM automation_log l WHERE l.account_id = a.id AND l.action IN ('isolate','restore')
               ORDER BY l.id DESC LIMIT 1) = 'isolate') AS isolated
       FROM customers c WHERE c.id = ?`,
  ).get(customerId);
}

export interface InvoiceFacts {
  id: number;
  customerId: number;
  number: string;
  period: string;
  dueDate: string;
  amount: number;
  paidAmount: number;
  status: string;
  packageName: string | null;
}

export function invoiceFacts(db: Sqlite, invoiceId: number): InvoiceFacts | undefined {
  return prepared<[number], InvoiceFacts>(
    db,
    `SELECT i.id, i.customer_id AS customerId, i.invoice_number AS number, i.period, i.due_date AS dueDate, i.amount, i.paid_amount AS paidAmount, i.status,
        (SELECT p.name FROM subscriptions s JOIN internet_packages p ON p.id = s.internet_package_id WHERE s.id = i.subscription_id) AS packageName
       FROM invoices i WHERE i.id = ?`,
  ).get(invoiceId);
}

export interface PaymentFacts {
  id: number;
  number: string;
  amount: number;
  method: string;
  paidAt: string;
  status: string;
  invoiceNumber: string | null;
  period: string | null;
}

export function paymentFacts(db: Sqlite, paymentId: number): PaymentFacts | undefined {
  return prepared<[number], PaymentFacts>(
    db,
    `SELECT p.id, p.payment_number AS number, p.amount, p.method, p.paid_at AS paidAt, p.status,
        i.invoice_number AS invoiceNumber, i.period
       FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id WHERE p.id = ?`,
  ).get(paymentId);
}

/** The customer's newest invoice that is not void (for a preview). */
export function latestInvoiceOf(db: Sqlite, customerId: number): number | null {
  return (
    prepared<[number], { id: number }>(
      db,
      `SELECT id FROM invoices WHERE customer_id = ? AND status <> 'void' ORDER BY id DESC LIMIT 1`,
    ).get(customerId)?.id ?? null
  );
}

export function latestPaymentOf(db: Sqlite, customerId: number): number | null {
  return (
    prepared<[number], { id: number }>(
      db,
      `SELECT id FROM payments WHERE customer_id = ? AND status = 'live' ORDER BY id DESC LIMIT 1`,
    ).get(customerId)?.id ?? null
  );
}
