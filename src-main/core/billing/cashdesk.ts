import {
  accountsOf,
  cashdeskCustomer,
  customerRanks,
  exactCustomerHits,
  partialCustomerHits,
} from '../../data/billing/cashdesk.queries';
import { openInvoiceRowsOf, toInvoice } from '../../data/billing/invoices.repository';
import type { CallContext } from '../context';
import { today, type In } from './common';

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
    // Exact hits on unique indexes first, then substring hits.
    const exact = exactCustomerHits(db, q);
    const partial = partialCustomerHits(db, q, input.limit);
    ids = [...new Set([...exact, ...partial])];
    const exactSet = new Set(exact);
    const rank = customerRanks(db, ids);
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
  const customers = [];
  for (const id of ids) {
    const c = cashdeskCustomer(db, id);
    if (!c) continue;
    const accounts = accountsOf(db, id);
    const openInvoices = openInvoiceRowsOf(db, id).map((r) => toInvoice(r, todayDate));
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
