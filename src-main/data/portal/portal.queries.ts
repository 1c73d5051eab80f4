import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/*
 * What a signed-in customer reads in the portal. Every query is keyed by the session's customer id:
 * no function here takes a record id without it, so one customer can never read another's rows.
 */

export interface PortalCustomerRow {
  code: string;
  name: string;
  phone: string | null;
  email: string | null;
  status: string;
  deposit: number;
  /** Accounts isolated for arrears (or suspended by hand). */
  isolated: number;
}

export function portalCustomer(db: Sqlite, customerId: number): PortalCustomerRow | undefined {
  return prepared<[number], PortalCustomerRow>(
    db,
    `SELECT c.customer_code AS code, c.name, c.phone, c.email, c.status, c.deposit,
            EXISTS (SELECT 1 FROM pppoe_accounts a WHERE a.customer_id = c.id AND a.status = 'suspended') AS isolated
     FROM customers c WHERE c.id = ?`,
  ).get(customerId);
}

export interface PortalInvoiceRow {
  id: number;
  invoiceNumber: string;
  period: string;
  invoiceDate: string;
  dueDate: string;
  amount: number;
  paidAmount: number;
  status: string;
  description: string | null;
}

const INVOICE_COLUMNS = `id, invoice_number AS invoiceNumber, period, invoice_date AS invoiceDate, due_date AS dueDate,
  amount, paid_amount AS paidAmount, status, description`;

/** Invoices still owed, oldest due first (served by invoices_customer_idx). */
export function openInvoicesOf(db: Sqlite, customerId: number, limit = 24): PortalInvoiceRow[] {
  return prepared<[number, number], PortalInvoiceRow>(
    db,
    `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE customer_id = ? AND status IN ('unpaid','partial')
     ORDER BY due_date, id LIMIT ?`,
  ).all(customerId, limit);
}

export function invoicesPage(db: Sqlite, customerId: number, limit: number, offset: number) {
  const items = prepared<[number, number, number], PortalInvoiceRow>(
    db,
    `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE customer_id = ? ORDER BY invoice_date DESC, id DESC LIMIT ? OFFSET ?`,
  ).all(customerId, limit, offset);
  const total = prepared<[number], { n: number }>(db, 'SELECT count(*) AS n FROM invoices WHERE customer_id = ?').get(
    customerId,
  )!.n;
  return { items, total };
}

export interface PortalPaymentRow {
  id: number;
  paymentNumber: string;
  paymentDate: string;
  paidAt: string;
  amount: number;
  method: string;
  status: 'live' | 'void';
}

export function paymentsPage(db: Sqlite, customerId: number, limit: number, offset: number) {
  const items = prepared<[number, number, number], PortalPaymentRow>(
    db,
    `SELECT id, payment_number AS paymentNumber, payment_date AS paymentDate, paid_at AS paidAt, amount, method, status
     FROM payments WHERE customer_id = ? ORDER BY paid_at DESC, id DESC LIMIT ? OFFSET ?`,
  ).all(customerId, limit, offset);
  const total = prepared<[number], { n: number }>(db, 'SELECT count(*) AS n FROM payments WHERE customer_id = ?').get(
    customerId,
  )!.n;
  return { items, total };
}

/** The invoice, only when it is this customer's. */
export function isOwnInvoice(db: Sqlite, customerId: number, invoiceId: number): boolean {
  return !!prepared<[number, number], { one: number }>(
    db,
    'SELECT 1 AS one FROM invoices WHERE id = ? AND customer_id = ?',
  ).get(invoiceId, customerId);
}

export function isOwnPayment(db: Sqlite, customerId: number, paymentId: number): boolean {
  return !!prepared<[number, number], { one: number }>(
    db,
    'SELECT 1 AS one FROM payments WHERE id = ? AND customer_id = ?',
  ).get(paymentId, customerId);
}

export interface PortalServiceRow {
  accountId: number;
  username: string;
  packageName: string;
  downKbps: number;
  upKbps: number;
  monthlyFee: number;
  status: string;
}

/** The customer's PPPoE accounts with their package and the fee their live subscription bills. */
export function servicesOf(db: Sqlite, customerId: number): PortalServiceRow[] {
  return prepared<[number], PortalServiceRow>(
    db,
    `SELECT a.id AS accountId, a.username, p.name AS packageName, p.bandwidth_down AS downKbps, p.bandwidth_up AS upKbps, a.status,
            coalesce((SELECT s.monthly_fee FROM subscriptions s WHERE s.pppoe_account_id = a.id
                        AND s.status IN ('active','suspended') ORDER BY s.id DESC LIMIT 1), p.price) AS monthlyFee
     FROM pppoe_accounts a JOIN internet_packages p ON p.id = a.internet_package_id
     WHERE a.customer_id = ? AND a.status <> 'inactive' ORDER BY a.id`,
  ).all(customerId);
}
