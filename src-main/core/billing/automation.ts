/**
 * Billing automation: renew or expire subscriptions, expire accounts past expiresAt, isolate customers
 * overdue beyond the grace period, restore those whose arrears are gone. Every decision is derived from
 * the current state, so a tick is idempotent and a late tick (PC was off) simply catches up. Each
 * customer/account is handled in its own transaction: one failure is logged and does not stop the rest.
 */
import type { BillingCycle } from '../../../src-shared/contract/packages';
import { CYCLE_MONTHS } from '../../../src-shared/contract/packages';
import { addDays, daysBetween } from '../../../src-shared/dates';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { expireAccount, isolateAccount, restoreAccount } from '../network/isolir';
import { getSettings } from '../settings';
import type { Paged } from '../sql';
import { dayStartUtc, INVOICE_SELECT, toInvoice, today, type In, type InvoiceRow, stmt } from './common';
import { arrearsCutoff, billingIsolatedAccounts, hasArrears, logAutomation } from './restore';

/** Items per committed batch. */
const BATCH = 500;

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
      return db.transaction(fn)();
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
  const batched = <T>(items: T[], fn: (item: T) => void) => {
    for (let i = 0; i < items.length; i += BATCH) {
      try {
        db.transaction(() => items.slice(i, i + BATCH).forEach(fn)).immediate();
      } catch (err) {
        const msg = `batch commit failed: ${err instanceof Error ? err.message : String(err)}`;
        res.errors.push(msg);
        app.logger.warn('billing automation batch failed', { error: msg });
      }
    }
  };

  // 1. Subscriptions past their end date: auto-renew extends by whole cycles, the others expire.
  const ended = stmt(
    db,
    `SELECT s.id, s.customer_id AS customerId, s.end_date AS endDate, s.auto_renew AS autoRenew, p.billing_cycle AS cycle
       FROM subscriptions s JOIN internet_packages p ON p.id = s.internet_package_id
       WHERE s.status = 'active' AND s.end_date IS NOT NULL AND s.end_date < ?`,
  ).all(todayDate) as { id: number; customerId: number; endDate: string; autoRenew: number; cycle: BillingCycle }[];
  batched(ended, (s) => {
    const kind = s.autoRenew === 1 ? 'renewed' : 'subscriptionsExpired';
    res[kind] += attempt(`subscription ${s.id}`, { customerId: s.customerId }, () => {
      const now = app.clock.now().toISOString();
      if (s.autoRenew === 1) {
        let end = s.endDate;
        let k = 0;
        while (end < todayDate) end = addMonthsToDate(s.endDate, CYCLE_MONTHS[s.cycle] * ++k);
        stmt(db, 'UPDATE subscriptions SET end_date = ?, updated_at = ? WHERE id = ?').run(end, now, s.id);
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
        stmt(db, "UPDATE subscriptions SET status = 'expired', updated_at = ? WHERE id = ?").run(now, s.id);
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
  const expiring = stmt(
    db,
    `SELECT id, customer_id AS customerId, username, expires_at AS expiresAt FROM pppoe_accounts
       WHERE expires_at IS NOT NULL AND expires_at < ? AND status IN ('active','suspended')`,
  ).all(todayDate) as { id: number; customerId: number; username: string; expiresAt: string }[];
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

  // 3. Isolate: overdue beyond the grace period, not excluded, with an account still active.
  const cutoff = arrearsCutoff(app);
  const overdue = stmt(
    db,
    `SELECT c.id AS customerId,
              (SELECT i.id FROM invoices i WHERE i.customer_id = c.id AND i.status IN ('unpaid','partial') AND i.due_date < ?
               ORDER BY i.due_date, i.id LIMIT 1) AS invoiceId
       FROM customers c
       WHERE c.id IN (SELECT customer_id FROM invoices WHERE status IN ('unpaid','partial') AND due_date < ?)
         AND c.never_isolate = 0
         AND EXISTS (SELECT 1 FROM pppoe_accounts a WHERE a.customer_id = c.id AND a.status = 'active')`,
  ).all(cutoff, cutoff) as { customerId: number; invoiceId: number }[];
  batched(overdue, (o) => {
    res.isolated += attempt(`isolate customer ${o.customerId}`, { customerId: o.customerId }, () => {
      const inv = stmt(db, 'SELECT invoice_number AS n, due_date AS d FROM invoices WHERE id = ?').get(o.invoiceId) as {
        n: string;
        d: string;
      };
      const accounts = stmt(
        db,
        "SELECT id, username FROM pppoe_accounts WHERE customer_id = ? AND status = 'active'",
      ).all(o.customerId) as {
        id: number;
        username: string;
      }[];
      for (const a of accounts) {
        isolateAccount(call, a.id, settings.isolirMode);
        logAutomation(app, {
          action: 'isolate',
          customerId: o.customerId,
          accountId: a.id,
          invoiceId: o.invoiceId,
          detail: `${a.username}: ${inv.n} due ${inv.d}, grace ${settings.graceDays} days (${settings.isolirMode})`,
        });
      }
      return accounts.length;
    });
  });

  // 4. Restore whatever the billing isolated when the arrears are gone (paid elsewhere, voided, excluded).
  const isolatedCustomers = stmt(
    db,
    `SELECT DISTINCT a.customer_id AS customerId, c.never_isolate AS neverIsolate FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id
       WHERE a.status = 'suspended'
         AND (SELECT l.action FROM automation_log l WHERE l.account_id = a.id AND l.action IN ('isolate','restore')
              ORDER BY l.id DESC LIMIT 1) = 'isolate'`,
  ).all() as { customerId: number; neverIsolate: number }[];
  const toRestore = isolatedCustomers.filter((c) => c.neverIsolate === 1 || !hasArrears(app, c.customerId));
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
      return ids.length;
    });
  });
  return res;
}

// ------------------------------------------------------------------ reading

export function automationLog(
  call: CallContext,
  input: In<'automation.log'>,
): Paged<{
  id: number;
  at: string;
  action: string;
  customerId: number | null;
  customerName: string | null;
  accountId: number | null;
  pppoeUsername: string | null;
  invoiceId: number | null;
  invoiceNumber: string | null;
  detail: string | null;
  result: string;
}> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.action) {
    where.push('l.action = ?');
    params.push(input.action);
  }
  if (input.customerId) {
    where.push('l.customer_id = ?');
    params.push(input.customerId);
  }
  // `at` is a UTC instant; from/to are business dates in the ISP zone.
  if (input.from) {
    where.push('l.at >= ?');
    params.push(dayStartUtc(call.app, input.from));
  }
  if (input.to) {
    where.push('l.at < ?');
    params.push(dayStartUtc(call.app, addDays(input.to, 1)));
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const db = call.app.sqlite;
  const total = (stmt(db, `SELECT count(*) AS n FROM automation_log l ${w}`).get(...params) as { n: number }).n;
  const items = stmt(
    db,
    `SELECT l.id, l.at, l.action, l.customer_id AS customerId, c.name AS customerName, l.account_id AS accountId,
              a.username AS pppoeUsername, l.invoice_id AS invoiceId, i.invoice_number AS invoiceNumber, l.detail, l.result
       FROM automation_log l LEFT JOIN customers c ON c.id = l.customer_id LEFT JOIN pppoe_accounts a ON a.id = l.account_id
       LEFT JOIN invoices i ON i.id = l.invoice_id ${w} ORDER BY l.id DESC LIMIT ? OFFSET ?`,
  ).all(...params, input.pageSize, (input.page - 1) * input.pageSize) as never[];
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export function billingAlerts(call: CallContext, input: In<'billing.alerts'>) {
  const { app } = call;
  const db = app.sqlite;
  const todayDate = today(app);
  const cutoff = arrearsCutoff(app);
  const agg = stmt(
    db,
    `SELECT count(*) AS n, coalesce(sum(amount - paid_amount), 0) AS amount FROM invoices WHERE status IN ('unpaid','partial') AND due_date < ?`,
  ).get(todayDate) as { n: number; amount: number };
  const overdue = (
    stmt(
      db,
      `${INVOICE_SELECT} WHERE i.status IN ('unpaid','partial') AND i.due_date < ? ORDER BY i.due_date, i.id LIMIT ?`,
    ).all(todayDate, input.limit) as InvoiceRow[]
  ).map((r) => ({
    ...toInvoice(r, todayDate),
    daysOverdue: daysBetween(r.dueDate, todayDate),
    isolationDue: r.dueDate < cutoff,
  }));
  const until = addDays(todayDate, getSettings(app).expiryAlertDays);
  const expWhere = `a.expires_at IS NOT NULL AND a.expires_at >= ? AND a.expires_at <= ? AND a.status IN ('active','suspended')`;
  const expiringCount = (
    stmt(db, `SELECT count(*) AS n FROM pppoe_accounts a WHERE ${expWhere}`).get(todayDate, until) as { n: number }
  ).n;
  const expiring = (
    stmt(
      db,
      `SELECT a.id AS accountId, a.username, a.customer_id AS customerId, c.customer_code AS customerCode, c.name AS customerName,
                a.expires_at AS expiresAt
         FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id WHERE ${expWhere} ORDER BY a.expires_at, a.id LIMIT ?`,
    ).all(todayDate, until, input.limit) as {
      accountId: number;
      username: string;
      customerId: number;
      customerCode: string;
      customerName: string;
      expiresAt: string;
    }[]
  ).map((a) => ({ ...a, daysLeft: daysBetween(todayDate, a.expiresAt) }));
  return { today: todayDate, overdueCount: agg.n, overdueAmount: agg.amount, overdue, expiringCount, expiring };
}
