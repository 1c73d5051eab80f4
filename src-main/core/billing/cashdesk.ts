import type { CallContext } from '../context';
import { likePattern } from '../sql';
import { INVOICE_SELECT, toInvoice, today, type In, type InvoiceRow, stmt } from './common';

/**
 * The cashier's hot path: one call finds customers by code, name, phone, PPPoE username or invoice
 * number and returns each one's open invoices (oldest due first) and deposit. Exact code, username or
 * invoice-number matches come first.
 */
export function cashdeskLookup(call: CallContext, input: In<'cashdesk.lookup'>) {
  const db = call.app.sqlite;
  const todayDate = today(call.app);
  let ids: number[];
  if (input.customerId !== undefined) {
    ids = [input.customerId];
  } else {
    const q = (input.query ?? '').toLowerCase();
    const like = likePattern(q);
    ids = (
      stmt(db,
          `SELECT c.id FROM customers c
           WHERE c.search_text LIKE ? ESCAPE '\\'
              OR c.id IN (SELECT customer_id FROM pppoe_accounts WHERE lower(username) LIKE ? ESCAPE '\\')
              OR c.id IN (SELECT customer_id FROM invoices WHERE invoice_number = upper(?))
           ORDER BY (lower(c.customer_code) = ?
                     OR c.id IN (SELECT customer_id FROM pppoe_accounts WHERE lower(username) = ?)
                     OR c.id IN (SELECT customer_id FROM invoices WHERE invoice_number = upper(?))) DESC,
                    (c.status = 'active') DESC, c.name COLLATE NOCASE, c.id
           LIMIT ?`,
        )
        .all(like, like, q, q, q, q, input.limit) as { id: number }[]
    ).map((r) => r.id);
  }
  const custStmt = stmt(db,
    `SELECT id, customer_code AS customerCode, name, phone, address, status, deposit FROM customers WHERE id = ?`,
  );
  const accStmt = stmt(db, `SELECT username, status FROM pppoe_accounts WHERE customer_id = ? ORDER BY username`);
  const invStmt = stmt(db, `${INVOICE_SELECT} WHERE i.customer_id = ? AND i.status IN ('unpaid','partial') ORDER BY i.due_date, i.id`);
  const customers = [];
  for (const id of ids) {
    const c = custStmt.get(id) as
      | { id: number; customerCode: string; name: string; phone: string | null; address: string | null; status: string; deposit: number }
      | undefined;
    if (!c) continue;
    const accounts = accStmt.all(id) as { username: string; status: string }[];
    const openInvoices = (invStmt.all(id) as InvoiceRow[]).map((r) => toInvoice(r, todayDate));
    customers.push({
      ...c,
      pppoeUsernames: accounts.map((a) => a.username),
      isolated: accounts.some((a) => a.status === 'suspended'),
      openInvoices,
      totalOutstanding: openInvoices.reduce((s, i) => s + i.outstanding, 0),
    });
  }
  return { customers };
}
