/**
 * What a reseller (and the office, on the reseller's page) sees of their customers: each keyed by the
 * reseller id, so a customer of another reseller is simply not in the result.
 */
import type { Sqlite } from '../../db/open';
import { likePattern, whereOf } from '../sql';
import { prepared } from '../statements';

export interface ResellerCustomerRow {
  id: number;
  customerCode: string;
  name: string;
  phone: string | null;
  address: string | null;
  status: 'active' | 'inactive' | 'suspended';
  /** Unpaid amount of open invoices. */
  outstanding: number;
  openInvoices: number;
  /** PPPoE accounts suspended (isolated or by hand). */
  suspendedAccounts: number;
  accounts: number;
}

export function listResellerCustomers(
  db: Sqlite,
  q: { resellerId: number; search?: string; limit: number; offset: number },
): { rows: ResellerCustomerRow[]; total: number } {
  const { where, params } = whereOf([
    ['rc.reseller_id = ?', q.resellerId],
    q.search ? ["c.search_text LIKE ? ESCAPE '\\'", likePattern(q.search.toLowerCase())] : null,
  ]);
  const rows = prepared<unknown[], ResellerCustomerRow>(
    db,
    `SELECT c.id, c.customer_code AS customerCode, c.name, c.phone, c.address, c.status,
       (SELECT coalesce(sum(i.amount - i.paid_amount), 0) FROM invoices i
          WHERE i.customer_id = c.id AND i.status IN ('unpaid','partial')) AS outstanding,
       (SELECT count(*) FROM invoices i WHERE i.customer_id = c.id AND i.status IN ('unpaid','partial')) AS openInvoices,
       (SELECT count(*) FROM pppoe_accounts a WHERE a.customer_id = c.id AND a.status = 'suspended') AS suspendedAccounts,
       (SELECT count(*) FROM pppoe_accounts a WHERE a.customer_id = c.id) AS accounts
     FROM reseller_customers rc JOIN customers c ON c.id = rc.customer_id ${where}
     ORDER BY c.name COLLATE NOCASE, c.id LIMIT ? OFFSET ?`,
  ).all(...params, q.limit, q.offset);
  const total = prepared<unknown[], { n: number }>(
    db,
    `SELECT count(*) AS n FROM reseller_customers rc JOIN customers c ON c.id = rc.customer_id ${where}`,
  ).get(...params)!.n;
  return { rows, total };
}

export interface ResellerBillRow {
  id: number;
  invoiceNumber: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  period: string;
  dueDate: string;
  amount: number;
  paidAmount: number;
  status: 'unpaid' | 'partial';
  internetPackageId: number | null;
  packageName: string | null;
}

const BILL = `SELECT i.id, i.invoice_number AS invoiceNumber, i.customer_id AS customerId, c.customer_code AS customerCode,
    c.name AS customerName, i.period, i.due_date AS dueDate, i.amount, i.paid_amount AS paidAmount, i.status,
    s.internet_package_id AS internetPackageId, p.name AS packageName
  FROM invoices i JOIN reseller_customers rc ON rc.customer_id = i.customer_id JOIN customers c ON c.id = i.customer_id
  LEFT JOIN subscriptions s ON s.id = i.subscription_id LEFT JOIN internet_packages p ON p.id = s.internet_package_id`;

/** Open bills of a reseller's customers (optionally one customer), oldest due first. */
export function openBillsOfReseller(db: Sqlite, resellerId: number, customerId?: number): ResellerBillRow[] {
  if (customerId !== undefined)
    return prepared<[number, number], ResellerBillRow>(
      db,
      `${BILL} WHERE rc.reseller_id = ? AND i.customer_id = ? AND i.status IN ('unpaid','partial') ORDER BY i.due_date, i.id`,
    ).all(resellerId, customerId);
  return prepared<[number], ResellerBillRow>(
    db,
    `${BILL} WHERE rc.reseller_id = ? AND i.status IN ('unpaid','partial') ORDER BY i.due_date, i.id LIMIT 500`,
  ).all(resellerId);
}

/** One invoice with its owner reseller (null: not a reseller's customer) and the package it bills. */
export function billForReseller(
  db: Sqlite,
  invoiceId: number,
): (Omit<ResellerBillRow, 'status'> & { status: string; resellerId: number | null }) | undefined {
  return prepared<[number], Omit<ResellerBillRow, 'status'> & { status: string; resellerId: number | null }>(
    db,
    `SELECT i.id, i.invoice_number AS invoiceNumber, i.customer_id AS customerId, c.customer_code AS customerCode,
       c.name AS customerName, i.period, i.due_date AS dueDate, i.amount, i.paid_amount AS paidAmount, i.status,
       s.internet_package_id AS internetPackageId, p.name AS packageName, rc.reseller_id AS resellerId
     FROM invoices i JOIN customers c ON c.id = i.customer_id
     LEFT JOIN reseller_customers rc ON rc.customer_id = i.customer_id
     LEFT JOIN subscriptions s ON s.id = i.subscription_id LEFT JOIN internet_packages p ON p.id = s.internet_package_id
     WHERE i.id = ?`,
  ).get(invoiceId);
}
