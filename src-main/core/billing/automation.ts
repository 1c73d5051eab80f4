/**
 * Billing automation: renew or expire subscriptions, expire accounts past expiresAt, isolate customers
 * overdue beyond the grace period, restore those whose arrears are gone. Every decision is derived from
 * the current state, so a tick is idempotent and a late tick (PC was off) simply catches up. Each
 * customer/account is handled in its own transaction: one failure is logged and does not stop the rest.
 *
 * Isolate/restore look only at what changed since the last clean tick (customers marked by triggers in
 * automation_dirty, invoices that crossed the cutoff since automation_watermark), so a quiet tick costs the same
 * at 5,000 customers as at 500,000. Everyone is checked on the first tick after the database opens, after a tick
 * with errors, and when the cutoff moved back (more grace days, a clock set back): then the marks cannot be
 * trusted to cover every decision, and checking everyone is what every tick did before. A tick during which another
 * connection committed leaves the marks and the watermark for the next one.
 */
import { CYCLE_MONTHS } from '../../../src-shared/contract/packages';
import { addDays, daysBetween } from '../../../src-shared/dates';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { queueIsolirNotice, queueRestoredNotice } from '../messaging/enqueue';
import { expireAccount, isolateAccount, restoreAccount } from '../network/isolir';
import { getSettings } from '../settings';
import type { Paged } from '../../data/sql';
import type { Sqlite } from '../../db/open';
import {
  accountsPastExpiry,
  activeAccountsOf,
  automationWatermark,
  customersToIsolate,
  customersToRestore,
  dataVersion,
  endedSubscriptions,
  expireSubscription,
  expiringAccounts,
  hasAutomationMarks,
  listAutomationLog,
  setSubscriptionEndDate,
  settleAutomation,
  type AutomationLogRow,
  type CustomerToIsolate,
} from '../../data/billing/automation.repository';
import { overdueInvoices, toInvoice } from '../../data/billing/invoices.repository';
import { dayStartUtc, today, type In } from './common';
import { isolateBatch, logIsolation } from './isolate-batch';
import { arrearsCutoff, billingIsolatedAccounts, logAutomation } from './restore';

/** Items per committed batch. */
const BATCH = 500;
/**
 * Customers per set-based isolation (one commit each): 5,000 instead of 500 saved ~40 ms of the 5,000-customer
 * tick's ~270 ms CPU (fewer commits rewriting the same index pages). A failing one is redone in BATCH-sized
 * batches item by item, as before.
 */
const ISOLATE_BATCH = 5_000;

export interface AutomationResult {
  ranAt: string;
  today: string;
  isolated: number;
  restored: number;
  expired: number;
  renewed: number;
  subscriptionsExpired: number;
  invoiceRuns: { period: string; created: number }[];
  errors: string[];
  /** Whom isolate/restore looked at: every customer, or the changes since the last clean tick (not in the API). */
  checked?: 'everyone' | 'changes';
}

/** Adds whole months to a calendar date, clamping the day to the month's length (31 Jan + 1 → 28/29 Feb). */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Open databases whose first tick checked everyone: later ticks check the changes. Keyed by the connection, so a
 * restored backup (a new connection) starts with a full check too.
 */
const checkedEveryone = new WeakSet<Sqlite>();

/**
 * The cutoff the last clean tick left, when this tick may check only the changes since it; null: check everyone.
 */
function changesSince(app: CallContext['app'], cutoff: string): string | null {
  if (!checkedEveryone.has(app.sqlite)) return null;
  const since = automationWatermark(app.sqlite);
  return since !== null && since <= cutoff ? since : null;
}

export function runAutomation(call: CallContext): AutomationResult {
  const { app } = call;
  const db = app.sqlite;
  const settings = getSettings(app);
  const todayDate = today(app);
  const res: AutomationResult = {
    ranAt: app.clock.now().toISOString(),
    today: todayDate,
    isolated: 0,
    restored: 0,
    expired: 0,
    renewed: 0,
    subscriptionsExpired: 0,
    invoiceRuns: [],
    errors: [],
  };
  // One savepoint wrapper for the whole tick: better-sqlite3 builds four wrapper functions per
  // db.transaction() call, which cost more than the savepoint itself when made once per item.
  const inSavepoint = db.transaction((fn: () => number) => fn());
  /**
   * Runs one item (a subscription, an account, a customer) in its own savepoint and returns how many
   * actions it took; a failure rolls back just that item, is logged, and the rest go on.
   */
  const attempt = (
    what: string,
    ids: { customerId?: number | null; accountId?: number | null },
    fn: () => number,
  ): number => {
    try {
      return inSavepoint(fn);
    } catch (err) {
      const msg = `${what}: ${err instanceof Error ? err.message : String(err)}`;
      res.errors.push(msg);
      app.logger.warn('billing automation step failed', { what, error: msg });
      try {
        logAutomation(app, { action: 'error', ...ids, detail: msg, result: 'failed' });
      } catch {
        /* the log is best effort; the error is in res.errors and the app log */
      }
      return 0;
    }
  };
  /**
   * Items are committed in batches (one IMMEDIATE transaction, so one fsync, per BATCH items): the first
   * overdue day of a 5,000-customer ISP is seconds of work, not thousands of commits.
   */
  const batched = <T>(items: T[], fn: (item: T) => void, before?: (batch: T[]) => void) => {
    for (let i = 0; i < items.length; i += BATCH) {
      const batch = items.slice(i, i + BATCH);
      try {
        db.transaction(() => {
          before?.(batch);
          batch.forEach(fn);
        }).immediate();
      } catch (err) {
        const msg = `batch commit failed: ${err instanceof Error ? err.message : String(err)}`;
        res.errors.push(msg);
        app.logger.warn('billing automation batch failed', { error: msg });
      }
    }
  };

  // 1. Subscriptions past their end date: auto-renew extends by whole cycles, the others expire.
  const ended = endedSubscriptions(db, todayDate);
  batched(ended, (s) => {
    const kind = s.autoRenew ? 'renewed' : 'subscriptionsExpired';
    res[kind] += attempt(`subscription ${s.id}`, { customerId: s.customerId }, () => {
      const now = app.clock.now().toISOString();
      if (s.autoRenew) {
        let end = s.endDate;
        let k = 0;
        while (end < todayDate) end = addMonthsToDate(s.endDate, CYCLE_MONTHS[s.cycle] * ++k);
        setSubscriptionEndDate(db, s.id, end, now);
        writeAudit(call, {
          action: 'subscription.renew',
          entity: 'subscription',
          entityId: s.id,
          before: { endDate: s.endDate },
          after: { endDate: end },
        });
        logAutomation(app, {
          action: 'renew',
          customerId: s.customerId,
          detail: `subscription ${s.id}: end date ${s.endDate} → ${end}`,
        });
      } else {
        expireSubscription(db, s.id, now);
        writeAudit(call, {
          action: 'subscription.expire',
          entity: 'subscription',
          entityId: s.id,
          before: { status: 'active' },
          after: { status: 'expired' },
        });
        logAutomation(app, {
          action: 'subscription.expire',
          customerId: s.customerId,
          detail: `subscription ${s.id} ended ${s.endDate}`,
        });
      }
      return 1;
    });
  });

  // 2. Accounts past expiresAt (a business date: the account works through that day).
  const expiring = accountsPastExpiry(db, todayDate);
  batched(expiring, (a) => {
    res.expired += attempt(`expire ${a.username}`, { customerId: a.customerId, accountId: a.id }, () => {
      expireAccount(call, a.id);
      logAutomation(app, {
        action: 'expire',
        customerId: a.customerId,
        accountId: a.id,
        detail: `${a.username} expired on ${a.expiresAt}`,
      });
      return 1;
    });
  });

  // 3. Isolate: overdue beyond the grace period, not excluded, with an account still active. Each batch is
  // isolated set-based; if that throws, the batch is rolled back and redone customer by customer.
  const cutoff = arrearsCutoff(app);
  const since = changesSince(app, cutoff);
  res.checked = since === null ? 'everyone' : 'changes';
  // Commits by other connections change it (our own do not): then a mark may have come after the reads below.
  const version = dataVersion(db);
  const overdue = customersToIsolate(db, cutoff, since);
  // Read inside each batch's transaction, so it is what the customer has when isolated.
  let activeAccounts = new Map<number, { id: number; username: string }[]>();
  const isolateOne = (o: CustomerToIsolate) => {
    res.isolated += attempt(`isolate customer ${o.customerId}`, { customerId: o.customerId }, () => {
      const accounts = activeAccounts.get(o.customerId) ?? [];
      for (const a of accounts) {
        isolateAccount(call, a.id, settings.isolirMode);
        logIsolation(call, o, a, settings);
      }
      if (accounts.length) queueIsolirNotice(call, o.customerId, o.invoiceId);
      return accounts.length;
    });
  };
  for (let i = 0; i < overdue.length; i += ISOLATE_BATCH) {
    const batch = overdue.slice(i, i + ISOLATE_BATCH);
    try {
      res.isolated += db.transaction(() => isolateBatch(call, batch, settings)).immediate();
    } catch (err) {
      app.logger.warn('billing automation: batch isolation failed, isolating one by one', {
        error: err instanceof Error ? err.message : String(err),
      });
      batched(
        batch,
        isolateOne,
        (b) =>
          (activeAccounts = activeAccountsOf(
            db,
            b.map((o) => o.customerId),
          )),
      );
    }
  }

  // 4. Restore whatever the billing isolated when the arrears are gone (paid elsewhere, voided, excluded).
  // This tick's isolations marked their customers too: they are checked here (they have arrears: no restore).
  const toRestore = customersToRestore(db, cutoff, since !== null);
  batched(toRestore, (c) => {
    res.restored += attempt(`restore customer ${c.customerId}`, { customerId: c.customerId }, () => {
      const ids = billingIsolatedAccounts(app, c.customerId);
      for (const id of ids) {
        restoreAccount(call, id);
        logAutomation(app, {
          action: 'restore',
          customerId: c.customerId,
          accountId: id,
          detail: c.neverIsolate ? 'customer marked never isolate' : 'arrears cleared',
        });
      }
      if (ids.length) queueRestoredNotice(call, c.customerId, todayDate);
      return ids.length;
    });
  });

  // 5. Every marked customer has now been checked against the current state, this tick's own changes included (an
  // isolated customer is no restore candidate, a restored one no isolation candidate): the marks go and the cutoff
  // is remembered. Steps 3 to 5 are synchronous, so in this process nothing else writes in between; another
  // connection's commit shows in data_version, read inside the settling transaction (it holds the write lock).
  // A quiet tick (same cutoff, no marks) has nothing to settle: no commit, so no fsync (most of its time).
  if (!res.errors.length && since === cutoff && !hasAutomationMarks(db)) return res;
  try {
    const outcome = db
      .transaction(() => {
        const outcome = res.errors.length ? 'errors' : dataVersion(db) !== version ? 'overlapped' : 'clean';
        settleAutomation(db, outcome, cutoff, app.clock.now().toISOString());
        return outcome;
      })
      .immediate();
    if (outcome === 'clean') checkedEveryone.add(db);
  } catch (err) {
    res.errors.push(`automation watermark: ${err instanceof Error ? err.message : String(err)}`);
  }
  return res;
}

// ------------------------------------------------------------------ reading

export function automationLog(call: CallContext, input: In<'automation.log'>): Paged<AutomationLogRow> {
  // `at` is a UTC instant; from/to are business dates in the ISP zone.
  const { items, total } = listAutomationLog(call.app.sqlite, {
    ...(input.action ? { action: input.action } : {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(input.from ? { atFrom: dayStartUtc(call.app, input.from) } : {}),
    ...(input.to ? { atBefore: dayStartUtc(call.app, addDays(input.to, 1)) } : {}),
    page: input.page,
    pageSize: input.pageSize,
  });
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export function billingAlerts(call: CallContext, input: In<'billing.alerts'>) {
  const { app } = call;
  const db = app.sqlite;
  const todayDate = today(app);
  const cutoff = arrearsCutoff(app);
  const due = overdueInvoices(db, todayDate, input.limit);
  const overdue = due.rows.map((r) => ({
    ...toInvoice(r, todayDate),
    daysOverdue: daysBetween(r.dueDate, todayDate),
    isolationDue: r.dueDate < cutoff,
  }));
  const until = addDays(todayDate, getSettings(app).expiryAlertDays);
  const exp = expiringAccounts(db, todayDate, until, input.limit);
  const expiring = exp.items.map((a) => ({ ...a, daysLeft: daysBetween(todayDate, a.expiresAt) }));
  return {
    today: todayDate,
    overdueCount: due.count,
    overdueAmount: due.amount,
    overdue,
    expiringCount: exp.count,
    expiring,
  };
}
