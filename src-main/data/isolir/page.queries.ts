/** What the isolir page shows about the customer behind a PPPoE session. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface IsolirSubject {
  accountId: number;
  status: string;
  customerId: number;
  customerName: string;
  customerCode: string;
  /** Still owed on open invoices (integer rupiah). */
  due: number;
}

export const isolirSubject = (db: Sqlite, routerId: number, username: string) =>
  prepared<[number, string], IsolirSubject>(
    db,
    `SELECT a.id AS accountId, a.status, c.id AS customerId, c.name AS customerName, c.customer_code AS customerCode,
       (SELECT coalesce(sum(i.amount - i.paid_amount), 0) FROM invoices i
         WHERE i.customer_id = c.id AND i.status IN ('unpaid', 'partial')) AS due
     FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id
     WHERE a.router_id = ? AND a.username = ? COLLATE NOCASE`,
  ).get(routerId, username);
