/** What a collector's phone reads: the route of assigned customers with open bills, and one customer. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import { AREA_OF, ASSIGNED } from './assignments.repository';

export interface RouteRow {
  customerId: number;
  customerCode: string;
  name: string;
  address: string | null;
  phone: string | null;
  area: string | null;
  outstanding: number;
  openInvoices: number;
  oldestDue: string;
  firstInvoiceId: number;
  lastVisitKind: 'not_home' | 'promised' | 'note' | null;
  lastVisitAt: string | null;
  promisedOn: string | null;
}

/** Assigned customers that owe something, oldest bill first (the screen re-sorts by area or address). */
export function routeOf(db: Sqlite, collectorId: number): RouteRow[] {
  return prepared<[{ collectorId: number }], RouteRow>(
    db,
    `SELECT c.id AS customerId, c.customer_code AS customerCode, c.name, c.address, c.phone, ${AREA_OF} AS area,
       sum(i.amount - i.paid_amount) AS outstanding, count(*) AS openInvoices, min(i.due_date) AS oldestDue,
       (SELECT i2.id FROM invoices i2 WHERE i2.customer_id = c.id AND i2.status IN ('unpaid','partial')
         ORDER BY i2.due_date, i2.id LIMIT 1) AS firstInvoiceId,
       v.kind AS lastVisitKind, v.at AS lastVisitAt, v.promised_on AS promisedOn
     FROM customers c
     JOIN invoices i ON i.customer_id = c.id AND i.status IN ('unpaid','partial')
     LEFT JOIN collector_visits v ON v.id = (SELECT max(v2.id) FROM collector_visits v2 WHERE v2.customer_id = c.id)
     WHERE ${ASSIGNED}
     GROUP BY c.id
     ORDER BY oldestDue, c.id`,
  ).all({ collectorId });
}

export interface OpenInvoiceRow {
  id: number;
  invoiceNumber: string;
  period: string;
  dueDate: string;
  amount: number;
  paidAmount: number;
}

export function openInvoicesOf(db: Sqlite, customerId: number): OpenInvoiceRow[] {
  return prepared<[number], OpenInvoiceRow>(
    db,
    `SELECT id, invoice_number AS invoiceNumber, period, due_date AS dueDate, amount, paid_amount AS paidAmount
     FROM invoices WHERE customer_id = ? AND status IN ('unpaid','partial') ORDER BY due_date, id`,
  ).all(customerId);
}

export interface VisitRow {
  id: number;
  kind: 'not_home' | 'promised' | 'note';
  promisedOn: string | null;
  note: string | null;
  at: string;
  collector: string;
}

export function visitsOf(db: Sqlite, customerId: number, limit: number): VisitRow[] {
  return prepared<[number, number], VisitRow>(
    db,
    `SELECT v.id, v.kind, v.promised_on AS promisedOn, v.note, v.at, u.full_name AS collector
     FROM collector_visits v JOIN users u ON u.id = v.collector_id
     WHERE v.customer_id = ? ORDER BY v.id DESC LIMIT ?`,
  ).all(customerId, limit);
}

export function insertVisit(
  db: Sqlite,
  v: {
    collectorId: number;
    customerId: number;
    kind: VisitRow['kind'];
    promisedOn: string | null;
    note: string | null;
    at: string;
  },
): number {
  const r = prepared(
    db,
    'INSERT INTO collector_visits(collector_id, customer_id, kind, promised_on, note, at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(v.collectorId, v.customerId, v.kind, v.promisedOn, v.note, v.at);
  return Number(r.lastInsertRowid);
}

/** The customer's code, name and phone, only when assigned to the collector. */
export function assignedCustomer(
  db: Sqlite,
  collectorId: number,
  customerId: number,
):
  | { id: number; customerCode: string; name: string; address: string | null; phone: string | null; deposit: number }
  | undefined {
  return prepared<
    [{ collectorId: number; customerId: number }],
    { id: number; customerCode: string; name: string; address: string | null; phone: string | null; deposit: number }
  >(
    db,
    `SELECT c.id, c.customer_code AS customerCode, c.name, c.address, c.phone, c.deposit
     FROM customers c WHERE c.id = @customerId AND ${ASSIGNED}`,
  ).get({ collectorId, customerId });
}
