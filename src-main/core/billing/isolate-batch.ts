/**
 * The automation's isolation of one batch of overdue customers without a savepoint per customer (issue 20:
 * ~5,000 on the first overdue day ≤ 300 ms). A profile of the item-by-item path showed the per-customer
 * savepoints, two reads of each account and per-customer reads of the messaging settings and the sync queue;
 * here the accounts are read once per batch, changed by one UPDATE, their router operations and the isolir
 * notices queued together. (Inserting the audit and log rows by one INSERT…SELECT json_each was measured too:
 * no faster than a prepared insert per row, so they stay per row.) It writes the same rows in the same order
 * as isolating customer by customer (tests/unit/billing/isolate-batch.test.ts compares every table), and
 * throws rather than guess: the caller rolls the batch back and redoes it item by item, so one bad customer
 * cannot stop the others.
 */
import type { CallContext } from '../context';
import { queueIsolirNotices } from '../messaging/enqueue';
import { isolateActiveAccounts, type IsolirMode } from '../network/isolir';
import { logAutomation } from './restore';
import type { CustomerToIsolate } from '../../data/billing/automation.repository';
import { activeAccountRowsOf, type AccountRow } from '../../data/network/account-state.repository';

/** Isolates the batch's customers' active accounts inside the caller's transaction; returns how many. */
export function isolateBatch(
  call: CallContext,
  batch: CustomerToIsolate[],
  settings: { isolirMode: IsolirMode; graceDays: number },
): number {
  const { app } = call;
  // Read inside the batch's transaction, so it is what the customer has when isolated.
  const byCustomer = new Map<number, AccountRow[]>();
  for (const a of activeAccountRowsOf(
    app.sqlite,
    batch.map((o) => o.customerId),
  )) {
    let list = byCustomer.get(a.customerId);
    if (!list) byCustomer.set(a.customerId, (list = []));
    list.push(a);
  }
  const accounts: AccountRow[] = [];
  const notices: { customerId: number; invoiceId: number }[] = [];
  for (const o of batch) {
    const list = byCustomer.get(o.customerId) ?? [];
    accounts.push(...list);
    if (list.length) notices.push({ customerId: o.customerId, invoiceId: o.invoiceId });
  }
  isolateActiveAccounts(call, accounts, settings.isolirMode);
  for (const o of batch) for (const a of byCustomer.get(o.customerId) ?? []) logIsolation(call, o, a, settings);
  queueIsolirNotices(call, notices);
  return accounts.length;
}

/** The automation log's line for one isolated account (both paths write the same text). */
export function logIsolation(
  call: CallContext,
  o: CustomerToIsolate,
  a: { id: number; username: string },
  settings: { isolirMode: IsolirMode; graceDays: number },
) {
  logAutomation(call.app, {
    action: 'isolate',
    customerId: o.customerId,
    accountId: a.id,
    invoiceId: o.invoiceId,
    detail: `${a.username}: ${o.invoiceNumber} due ${o.dueDate}, grace ${settings.graceDays} days (${settings.isolirMode})`,
  });
}
