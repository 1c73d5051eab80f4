/**
 * The billing automation's reads and writes: what is due (ended subscriptions, expiring accounts,
 * overdue customers, accounts to restore) and its log (automation_log), which also tells which
 * suspended accounts the billing isolated (as opposed to a technician by hand).
 */
import type { BillingCycle } from '../../../src-shared/contract/packages';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface AutomationLogEntry {
  at: string;
  action: string;
  customerId: number | null;
  accountId: number | null;
  invoiceId: number | null;
  detail: string | null;
  result: string;
}

export function insertAutomationLog(db: Sqlite, e: AutomationLogEntry): void {
  prepared(
    db,
    `INSERT INTO automation_log(at, action, customer_id, account_id, invoice_id, detail, result) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.at, e.action, e.customerId, e.accountId, e.invoiceId, e.detail, e.result);
}

/** The latest isolate/restore entry of the account is an isolate. */
const ISOLATED_BY_BILLING = `(SELECT l.action FROM automation_log l WHERE l.account_id = a.id AND l.action IN ('isolate','restore')
                ORDER BY l.id DESC LIMIT 1) = 'isolate'`;

/** The customer's accounts that the billing isolated and nobody has restored since (still suspended). */
export function billingIsolatedAccountIds(db: Sqlite, customerId: number): number[] {
  return prepared<[number], { id: number }>(
    db,
    `SELECT a.id FROM pppoe_accounts a
       WHERE a.customer_id = ? AND a.status = 'suspended'
         AND ${ISOLATED_BY_BILLING}`,
  )
    .all(customerId)
    .map((r) => r.id);
}

/**
 * Customers with accounts the billing isolated whose isolation should end: marked never-isolate, or no open
 * invoice due before `cutoff` any more. One set-based read, so a quiet tick costs one query, not one per customer.
 * The arrears test comes before the automation-log lookup, and its extra `status IN (…'overdue')` term (implied by
 * the narrower one) lets SQLite use the partial covering index invoices_open_customer_idx instead of reading every
 * invoice row: 5,000 suspended accounts 57 → 28 ms.
 * `changedOnly`: only the customers marked in automation_dirty (drizzle/0041), read first, so the cost is the
 * marks', not every suspended account's.
 */
export function customersToRestore(
  db: Sqlite,
  cutoff: string,
  changedOnly = false,
): { customerId: number; neverIsolate: boolean }[] {
  const from = changedOnly
    ? 'automation_dirty d CROSS JOIN pppoe_accounts a ON a.customer_id = d.customer_id'
    : 'pppoe_accounts a';
  return prepared<[string], { customerId: number; neverIsolate: number }>(
    db,
    `SELECT DISTINCT a.customer_id AS customerId, c.never_isolate AS neverIsolate FROM ${from} JOIN customers c ON c.id = a.customer_id
       WHERE a.status = 'suspended'
         AND (c.never_isolate = 1 OR NOT EXISTS (
           SELECT 1 FROM invoices i WHERE i.customer_id = a.customer_id AND i.status IN ('unpaid', 'partial', 'overdue')
             AND i.status IN ('unpaid','partial') AND i.due_date < ?))
         AND ${ISOLATED_BY_BILLING}`,
  )
    .all(cutoff)
    .map((r) => ({ customerId: r.customerId, neverIsolate: r.neverIsolate === 1 }));
}

export interface EndedSubscription {
  id: number;
  customerId: number;
  endDate: string;
  autoRenew: boolean;
  cycle: BillingCycle;
}

/**
 * Active subscriptions whose end date lies before `today`. INDEXED BY: the app keeps no planner statistics, and
 * without them SQLite picked subs_status_idx, reading every active subscription on every tick (issue 20).
 */
export function endedSubscriptions(db: Sqlite, today: string): EndedSubscription[] {
  return prepared<[string], Omit<EndedSubscription, 'autoRenew'> & { autoRenew: number }>(
    db,
    `SELECT s.id, s.customer_id AS customerId, s.end_date AS endDate, s.auto_renew AS autoRenew, p.billing_cycle AS cycle
       FROM subscriptions s INDEXED BY subs_active_end_idx JOIN internet_packages p ON p.id = s.internet_package_id
       WHERE s.status = 'active' AND s.end_date IS NOT NULL AND s.end_date < ?`,
  )
    .all(today)
    .map((r) => ({ ...r, autoRenew: r.autoRenew === 1 }));
}

export function setSubscriptionEndDate(db: Sqlite, id: number, endDate: string, now: string): void {
  prepared(db, 'UPDATE subscriptions SET end_date = ?, updated_at = ? WHERE id = ?').run(endDate, now, id);
}

export function expireSubscription(db: Sqlite, id: number, now: string): void {
  prepared(db, "UPDATE subscriptions SET status = 'expired', updated_at = ? WHERE id = ?").run(now, id);
}

/**
 * Active or suspended accounts whose expiry date lies before `today`. INDEXED BY: without planner statistics
 * SQLite picked pppoe_status_idx, reading every active account on every tick (issue 20: 19 ms of a quiet tick's
 * ~20 at 50,000 customers).
 */
export function accountsPastExpiry(
  db: Sqlite,
  today: string,
): { id: number; customerId: number; username: string; expiresAt: string }[] {
  return prepared<[string], { id: number; customerId: number; username: string; expiresAt: string }>(
    db,
    `SELECT id, customer_id AS customerId, username, expires_at AS expiresAt FROM pppoe_accounts INDEXED BY pppoe_expiry_idx
       WHERE expires_at IS NOT NULL AND expires_at < ? AND status IN ('active','suspended')`,
  ).all(today);
}

/**
 * Customers to isolate: an open invoice due before `cutoff`, not marked never-isolate, with an account
 * still active; with their oldest such invoice. The oldest is found in the partial covering index
 * invoices_open_customer_idx (the implied `'overdue'` term lets SQLite use it, as in customersToRestore), not by
 * reading each open invoice's row through invoices_customer_idx (one more random page per customer).
 */
export interface CustomerToIsolate {
  customerId: number;
  /** The oldest open invoice due before the cutoff: the one the isolation is for. */
  invoiceId: number;
  invoiceNumber: string;
  dueDate: string;
}

/**
 * `since` (the last clean tick's cutoff): only the customers marked in automation_dirty (drizzle/0041) and those
 * with an open invoice whose due date crossed the cutoff since, [since, cutoff): every other customer's decision
 * is unchanged. Null: every customer with an open invoice due before the cutoff.
 */
export function customersToIsolate(db: Sqlite, cutoff: string, since: string | null = null): CustomerToIsolate[] {
  const candidates =
    since === null
      ? `SELECT customer_id FROM invoices WHERE status IN ('unpaid','partial') AND due_date < @cutoff`
      : `SELECT customer_id FROM automation_dirty
         UNION ALL SELECT customer_id FROM invoices WHERE status IN ('unpaid','partial') AND due_date >= @since AND due_date < @cutoff`;
  return prepared<[{ cutoff: string; since?: string }], CustomerToIsolate>(
    db,
    `SELECT o.customerId, i.id AS invoiceId, i.invoice_number AS invoiceNumber, i.due_date AS dueDate
       FROM (SELECT c.id AS customerId,
                    (SELECT i.id FROM invoices i WHERE i.customer_id = c.id AND i.status IN ('unpaid', 'partial', 'overdue')
                       AND i.status IN ('unpaid','partial') AND i.due_date < @cutoff
                     ORDER BY i.due_date, i.id LIMIT 1) AS invoiceId
               FROM customers c
               WHERE c.id IN (${candidates})
                 AND c.never_isolate = 0
                 AND EXISTS (SELECT 1 FROM pppoe_accounts a WHERE a.customer_id = c.id AND a.status = 'active')) o
       JOIN invoices i ON i.id = o.invoiceId`,
  ).all(since === null ? { cutoff } : { cutoff, since });
}

/** Where the last clean tick left off (see automation_watermark), or null: the next tick checks everyone. */
export function automationWatermark(db: Sqlite): string | null {
  return (
    prepared<[], { cutoff: string }>(db, 'SELECT cutoff FROM automation_watermark WHERE id = 1').get()?.cutoff ?? null
  );
}

/** Changes when another connection commits (this connection's own commits leave it as it is). */
export function dataVersion(db: Sqlite): number {
  return db.pragma('data_version', { simple: true }) as number;
}

export function hasAutomationMarks(db: Sqlite): boolean {
  return prepared<[], { x: number }>(db, 'SELECT 1 AS x FROM automation_dirty LIMIT 1').get() !== undefined;
}

/**
 * The end of a tick, in one transaction:
 * - `clean`: every marked customer was checked against the current state, so the marks go and the cutoff is
 *   remembered (the next tick looks at the invoices that cross it after this one);
 * - `errors`: the watermark goes, so the next tick checks everyone, as every tick did before there were marks (a
 *   failed customer is retried on every tick until it succeeds);
 * - `overlapped`: another connection committed during the tick, so a mark or an invoice may have come after the
 *   reads: marks and watermark stay as they are and the next tick looks again.
 */
export function settleAutomation(db: Sqlite, outcome: 'clean' | 'errors' | 'overlapped', cutoff: string, at: string) {
  if (outcome === 'overlapped') return;
  if (outcome === 'errors') {
    prepared(db, 'DELETE FROM automation_watermark').run();
    return;
  }
  prepared(db, 'DELETE FROM automation_dirty').run();
  prepared(
    db,
    `INSERT INTO automation_watermark(id, cutoff, at) VALUES (1, ?, ?)
       ON CONFLICT(id) DO UPDATE SET cutoff = excluded.cutoff, at = excluded.at`,
  ).run(cutoff, at);
}

/**
 * The active accounts of each given customer, in account order: one read for a batch of customers
 * instead of one per customer (the first overdue day isolates thousands).
 */
export function activeAccountsOf(db: Sqlite, customerIds: number[]): Map<number, { id: number; username: string }[]> {
  const rows = prepared<[string], { id: number; username: string; customerId: number }>(
    db,
    `SELECT id, username, customer_id AS customerId FROM pppoe_accounts
       WHERE customer_id IN (SELECT value FROM json_each(?)) AND status = 'active' ORDER BY customer_id, id`,
  ).all(JSON.stringify(customerIds));
  const out = new Map<number, { id: number; username: string }[]>();
  for (const r of rows) {
    let list = out.get(r.customerId);
    if (!list) out.set(r.customerId, (list = []));
    list.push({ id: r.id, username: r.username });
  }
  return out;
}

// ------------------------------------------------------------------ reading

export interface AutomationLogFilter {
  action?: string;
  customerId?: number;
  /** UTC instants bounding `at`: [atFrom, atBefore). */
  atFrom?: string;
  atBefore?: string;
  page: number;
  pageSize: number;
}

export interface AutomationLogRow {
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
}

/** One page of the automation log, newest first, with the filter's count. */
export function listAutomationLog(db: Sqlite, f: AutomationLogFilter): { items: AutomationLogRow[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.action) {
    where.push('l.action = ?');
    params.push(f.action);
  }
  if (f.customerId) {
    where.push('l.customer_id = ?');
    params.push(f.customerId);
  }
  if (f.atFrom) {
    where.push('l.at >= ?');
    params.push(f.atFrom);
  }
  if (f.atBefore) {
    where.push('l.at < ?');
    params.push(f.atBefore);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = prepared<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM automation_log l ${w}`).get(
    ...params,
  )!.n;
  const items = prepared<unknown[], AutomationLogRow>(
    db,
    `SELECT l.id, l.at, l.action, l.customer_id AS customerId, c.name AS customerName, l.account_id AS accountId,
              a.username AS pppoeUsername, l.invoice_id AS invoiceId, i.invoice_number AS invoiceNumber, l.detail, l.result
       FROM automation_log l LEFT JOIN customers c ON c.id = l.customer_id LEFT JOIN pppoe_accounts a ON a.id = l.account_id
       LEFT JOIN invoices i ON i.id = l.invoice_id ${w} ORDER BY l.id DESC LIMIT ? OFFSET ?`,
  ).all(...params, f.pageSize, (f.page - 1) * f.pageSize);
  return { items, total };
}

export interface ExpiringAccount {
  accountId: number;
  username: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  expiresAt: string;
}

/** Active or suspended accounts expiring between `from` and `until` (inclusive): how many, and the first `limit`. */
export function expiringAccounts(
  db: Sqlite,
  from: string,
  until: string,
  limit: number,
): { count: number; items: ExpiringAccount[] } {
  const expWhere = `a.expires_at IS NOT NULL AND a.expires_at >= ? AND a.expires_at <= ? AND a.status IN ('active','suspended')`;
  const count = prepared<[string, string], { n: number }>(
    db,
    `SELECT count(*) AS n FROM pppoe_accounts a INDEXED BY pppoe_expiry_idx WHERE ${expWhere}`,
  ).get(from, until)!.n;
  const items = prepared<[string, string, number], ExpiringAccount>(
    db,
    `SELECT a.id AS accountId, a.username, a.customer_id AS customerId, c.customer_code AS customerCode, c.name AS customerName,
              a.expires_at AS expiresAt
       FROM pppoe_accounts a INDEXED BY pppoe_expiry_idx JOIN customers c ON c.id = a.customer_id WHERE ${expWhere}
       ORDER BY a.expires_at, a.id LIMIT ?`,
  ).all(from, until, limit);
  return { count, items };
}
