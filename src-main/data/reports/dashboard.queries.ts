/**
 * The dashboard's reads. Each one reads an aggregate, an index or the small partial index of open
 * invoices (invoices_open_idx), so the whole dashboard stays well under 100 ms on 50,000 customers.
 * `brands` keeps those brands' customers and routers (null = every brand).
 */
import type { Dashboard } from '../../../src-shared/contract/reports';
import type { Sqlite } from '../../db/open';
import { addDays } from '../../../src-shared/dates';
import { prepared } from '../statements';
import { BRAND_COLUMN, BRAND_FILTER, BRAND_OF, type BrandFilter } from './brand-filter';

type Brands = { brands: BrandFilter };

export interface OpenInvoiceTotals {
  invoices: number;
  amount: number;
  overdueInvoices: number;
  overdueAmount: number;
  overdueCustomers: number;
}

/**
 * Open invoices, and of those the ones due before `day`. Grouped per customer in the order of the
 * partial covering index invoices_open_customer_idx, so overdue customers are counted as groups
 * (no count(DISTINCT) temp b-tree over every open invoice); raw SQL for the index hint.
 */
export function openInvoiceTotals(db: Sqlite, day: string, brands: BrandFilter): OpenInvoiceTotals {
  return prepared<Brands & { day: string }, OpenInvoiceTotals>(
    db,
    `SELECT coalesce(sum(n), 0) AS invoices, coalesce(sum(owed), 0) AS amount, coalesce(sum(odn), 0) AS overdueInvoices,
            coalesce(sum(odOwed), 0) AS overdueAmount, count(odn) AS overdueCustomers
     FROM (SELECT count(*) AS n, sum(amount - paid_amount) AS owed, sum(CASE WHEN due_date < @day THEN 1 END) AS odn,
                  sum(CASE WHEN due_date < @day THEN amount - paid_amount END) AS odOwed
           FROM invoices INDEXED BY invoices_open_customer_idx
           WHERE status IN ('unpaid', 'partial', 'overdue') AND amount > paid_amount ${BRAND_FILTER('customer_id')}
           GROUP BY customer_id)`,
  ).get({ day, brands })!;
}

/** Customers per status, from the trigger-maintained report_customer_status (drizzle/0023). */
export function customerStatusCounts(db: Sqlite, brands: BrandFilter): { status: string; n: number }[] {
  return prepared<Brands, { status: string; n: number }>(
    db,
    `SELECT status, sum(customers) AS n FROM report_customer_status WHERE 1 ${BRAND_COLUMN('brand_id')}
     GROUP BY status HAVING sum(customers) > 0`,
  ).all({ brands });
}

/**
 * Customers with at least one suspended account. The brand is looked up per suspended account (not a list
 * of every customer of the brand built first, which grew with the customers).
 */
export function isolatedCustomerCount(db: Sqlite, brands: BrandFilter): number {
  return prepared<Brands, { n: number }>(
    db,
    `SELECT count(DISTINCT customer_id) AS n FROM pppoe_accounts WHERE status = 'suspended' ${BRAND_OF('pppoe_accounts.customer_id')}`,
  ).get({ brands })!.n;
}

export type RouterHealth = Omit<Dashboard['routers'][number], 'online'>;

/**
 * Active routers (of `brands`) with their account count and sync queue health. The account count is the
 * trigger-kept report_router_accounts (drizzle/0040), not a count of the router's entries in pppoe_router_idx.
 */
export function routerHealth(db: Sqlite, brands: BrandFilter): RouterHealth[] {
  return prepared<Brands, RouterHealth>(
    db,
    `SELECT r.id, r.name, r.state, r.last_seen_at AS lastSeenAt,
            coalesce((SELECT n.accounts FROM report_router_accounts n WHERE n.router_id = r.id), 0) AS accounts,
            (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'pending') AS pendingSync,
            (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'failed') AS failedSync
     FROM routers r WHERE r.is_active = 1 ${BRAND_COLUMN('r.brand_id')} ORDER BY r.name`,
  ).all({ brands });
}

/** The router's PPPoE usernames, lower-cased (to match against its active sessions). */
export function routerUsernames(db: Sqlite, routerId: number): string[] {
  return prepared<[number], { u: string }>(db, 'SELECT lower(username) AS u FROM pppoe_accounts WHERE router_id = ?')
    .all(routerId)
    .map((r) => r.u);
}

export type OverdueAlert = Omit<Dashboard['alerts']['overdueInvoices'][number], 'daysOverdue'>;

/**
 * The oldest `limit` open invoices due before `day`. The index is in due-date order but not by id within a
 * day (everyone billed on the 1st shares a due date), so the oldest day's invoices are sorted: the first
 * `limit` are picked from the covering index alone and only those reach the invoice rows and customers.
 */
export function overdueAlerts(db: Sqlite, day: string, limit: number, brands: BrandFilter): OverdueAlert[] {
  return prepared<Brands & { day: string }, OverdueAlert>(
    db,
    `SELECT i.id AS invoiceId, i.invoice_number AS invoiceNumber, i.customer_id AS customerId, c.name AS customerName,
            i.due_date AS dueDate, i.amount - i.paid_amount AS outstanding
     FROM (SELECT v.id FROM invoices v INDEXED BY invoices_open_idx
           WHERE v.status IN ('unpaid', 'partial', 'overdue') AND v.amount > v.paid_amount AND v.due_date < @day
             ${BRAND_OF('v.customer_id')}
           ORDER BY v.due_date, v.id LIMIT ${limit}) o
     JOIN invoices i ON i.id = o.id JOIN customers c ON c.id = i.customer_id
     ORDER BY i.due_date, i.id`,
  ).all({ day, brands });
}

export type ExpiryAlert = Omit<Dashboard['alerts']['expiringAccounts'][number], 'daysLeft'>;

/**
 * The first `limit` active accounts expiring between two days, walked in pppoe_expiry_idx (drizzle/0036)
 * from `from`: the range on expires_at (`to`'s next day excluded) only narrows the walk, the substr
 * condition still decides, so the rows are those of `substr(expires_at, 1, 10) BETWEEN from AND to`.
 */
export function expiryAlerts(
  db: Sqlite,
  range: { from: string; to: string },
  limit: number,
  brands: BrandFilter,
): ExpiryAlert[] {
  return prepared<Brands & { from: string; to: string; next: string }, ExpiryAlert>(
    db,
    `SELECT a.id AS accountId, a.username, a.customer_id AS customerId, c.name AS customerName, substr(a.expires_at, 1, 10) AS expiresAt
     FROM pppoe_accounts a INDEXED BY pppoe_expiry_idx JOIN customers c ON c.id = a.customer_id
     WHERE a.status = 'active' AND a.expires_at IS NOT NULL AND a.status IN ('active', 'suspended')
       AND a.expires_at >= @from AND a.expires_at < @next AND substr(a.expires_at, 1, 10) BETWEEN @from AND @to
       ${BRAND_COLUMN('c.brand_id')}
     ORDER BY a.expires_at, a.id LIMIT ${limit}`,
  ).all({ ...range, next: addDays(range.to, 1), brands });
}
