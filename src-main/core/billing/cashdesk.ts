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
    const col = (sql: string, ...p: unknown[]) => (stmt(db, sql).all(...p) as { id: number }[]).map((r) => r.id);
    // Exact hits on unique indexes first: customer code, PPPoE username, invoice number.
    const exact = [
      ...col('SELECT id FROM customers WHERE customer_code = ?', q.toUpperCase()),
      ...col('SELECT customer_id AS id FROM pppoe_accounts WHERE username = ? COLLATE NOCASE', q),
      ...col('SELECT customer_id AS id FROM invoices WHERE invoice_number = ?', q.toUpperCase()),
    ];
    // Then substring hits, each source cut at the limit. The covering search index is ordered by
    // search_text, which starts with the customer code, so the scan stops early in code order.
    const partial = [
      ...col("SELECT id FROM customers WHERE search_text LIKE ? ESCAPE '\\' LIMIT ?", like, input.limit),
      ...col(
        "SELECT customer_id AS id FROM pppoe_accounts WHERE username LIKE ? ESCAPE '\\' LIMIT ?",
        like,
        input.limit,
      ),
    ];
    ids = [...new Set([...exact, ...partial])];
    const exactSet = new Set(exact);
    const rank = new Map(
      (ids.length
        ? (stmt(
            db,
            `SELECT id, status = 'active' AS active, customer_code AS code FROM customers WHERE id IN (${ids.map(() => '?').join(',')})`,
          ).all(...ids) as {
            id: number;
            active: number;
            code: string;
          }[])
        : []
      ).map((r) => [r.id, r]),
    );
    // Exact first, then active customers, then by code.
    ids.sort((x, y) => {
      const ex = Number(exactSet.has(y)) - Number(exactSet.has(x));
      if (ex) return ex;
      const a = rank.get(x);
      const b = rank.get(y);
      return (b?.active ?? 0) - (a?.active ?? 0) || (a?.code ?? '').localeCompare(b?.code ?? '');
    });
    ids = ids.slice(0, input.limit);
  }
  const custStmt = stmt(
    db,
    `SELECT id, customer_code AS customerCode, name, phone, address, status, deposit FROM customers WHERE id = ?`,
  );
  const accStmt = stmt(db, `SELECT username, status FROM pppoe_accounts WHERE customer_id = ? ORDER BY username`);
  const invStmt = stmt(
    db,
    `${INVOICE_SELECT} WHERE i.customer_id = ? AND i.status IN ('unpaid','partial') ORDER BY i.due_date, i.id`,
  );
  const customers = [];
  for (const id of ids) {
    const c = custStmt.get(id) as
      | {
          id: number;
          customerCode: string;
          name: string;
          phone: string | null;
          address: string | null;
          status: string;
          deposit: number;
        }
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
