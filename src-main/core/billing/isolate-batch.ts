/**
 * The automation's isolation of one batch of overdue customers, set-based (issue 20: ~5,000 on the first
 * overdue day ≤ 300 ms). A profile of the item-by-item path showed a savepoint per customer, two reads of
 * each account, and one insert per account into automation_log, audit_log and the sync queue dominating;
 * here each is one statement per batch. It writes the same rows in the same order as isolating customer by
 * customer (tests/unit/billing/isolate-batch.test.ts compares every table), and throws rather than guess:
 * the caller rolls the batch back and redoes it item by item, so one bad customer cannot stop the others.
 */
import type { CallContext } from '../context';
import { queueIsolirNotices } from '../messaging/enqueue';
import { isolateActiveAccounts, type IsolirMode } from '../network/isolir';
import {
  insertAutomationLogs,
  type AutomationLogEntry,
  type CustomerToIsolate,
} from '../../data/billing/automation.repository';
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
  const at = app.clock.now().toISOString();
  const accounts: AccountRow[] = [];
  const log: AutomationLogEntry[] = [];
  const notices: { customerId: number; invoiceId: number }[] = [];
  for (const o of batch) {
    const list = byCustomer.get(o.customerId) ?? [];
    for (const a of list) {
      accounts.push(a);
      log.push({
        at,
        action: 'isolate',
        customerId: o.customerId,
        accountId: a.id,
        invoiceId: o.invoiceId,
        detail: `${a.username}: ${o.invoiceNumber} due ${o.dueDate}, grace ${settings.graceDays} days (${settings.isolirMode})`,
        result: 'ok',
      });
    }
    if (list.length) notices.push({ customerId: o.customerId, invoiceId: o.invoiceId });
  }
  isolateActiveAccounts(call, accounts, settings.isolirMode);
  insertAutomationLogs(app.sqlite, log);
  queueIsolirNotices(call, notices);
  return accounts.length;
}
