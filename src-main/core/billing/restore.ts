/**
 * The isolir rule, shared by payments (restore at once when a payment clears the arrears) and the
 * automation (isolate after the grace period, restore on the next tick whatever cleared the arrears).
 */
import type { AppContext, CallContext } from '../context';
import { restoreAccount } from '../network/isolir';
import { queueRestoredNotice } from '../messaging/enqueue';
import { getSettings } from '../settings';
import { billingIsolatedAccountIds, insertAutomationLog } from '../../data/billing/automation.repository';
import { hasOpenInvoiceDueBefore } from '../../data/billing/invoices.repository';
import { addDays, today } from './common';

/** Invoices not fully paid whose due date + grace days lies before today: the customer should be isolated. */
export function arrearsCutoff(app: AppContext): string {
  return addDays(today(app), -getSettings(app).graceDays);
}

export function hasArrears(app: AppContext, customerId: number): boolean {
  return hasOpenInvoiceDueBefore(app.sqlite, customerId, arrearsCutoff(app));
}

export function logAutomation(
  app: AppContext,
  e: {
    action: string;
    customerId?: number | null;
    accountId?: number | null;
    invoiceId?: number | null;
    detail?: string | null;
    result?: string;
  },
): void {
  insertAutomationLog(app.sqlite, {
    at: app.clock.now().toISOString(),
    action: e.action,
    customerId: e.customerId ?? null,
    accountId: e.accountId ?? null,
    invoiceId: e.invoiceId ?? null,
    detail: e.detail ?? null,
    result: e.result ?? 'ok',
  });
}

/**
 * Accounts of a customer that the billing automation isolated and nobody has restored since: still
 * suspended, and the last isolate/restore entry for them in automation_log is an isolate. Accounts a
 * technician suspended by hand are never touched.
 */
export function billingIsolatedAccounts(app: AppContext, customerId: number): number[] {
  return billingIsolatedAccountIds(app.sqlite, customerId);
}

/**
 * Restores the customer's billing-isolated accounts when nothing is overdue beyond the grace period any
 * more. Runs inside the caller's transaction (payment, invoice void, automation tick). Returns how many.
 */
export function restoreIfCleared(call: CallContext, customerId: number, why: string): number {
  const { app } = call;
  const ids = billingIsolatedAccounts(app, customerId);
  if (!ids.length || hasArrears(app, customerId)) return 0;
  let restored = 0;
  for (const id of ids) {
    // A savepoint per account: if restoring one fails, the payment still stands and the next
    // automation tick retries the restore.
    try {
      app.sqlite.transaction(() => {
        restoreAccount(call, id);
        logAutomation(app, { action: 'restore', customerId, accountId: id, detail: why });
      })();
      restored++;
    } catch (err) {
      logAutomation(app, {
        action: 'error',
        customerId,
        accountId: id,
        detail: `restore after ${why}: ${err instanceof Error ? err.message : String(err)}`,
        result: 'failed',
      });
    }
  }
  if (restored) queueRestoredNotice(call, customerId, today(app));
  return restored;
}
