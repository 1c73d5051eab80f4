import type { Sqlite } from '../db/open';
import { prepared } from './statements';

/**
 * What loading the demo data looks up: whether its packages and customers exist, and the ids and
 * values the replay of its past needs between one service call and the next.
 */
export type LedgerTable = 'invoices' | 'payments' | 'subscriptions';

export function countRows(db: Sqlite, table: LedgerTable): number {
  return prepared<[], { n: number }>(db, `SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
}

/** Whether the database has any customer or package (`npm run serve -- --demo` loads only into none). */
export function hasCustomersOrPackages(db: Sqlite): boolean {
  const n =
    prepared<[], { n: number }>(
      db,
      'SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM internet_packages) AS n',
    ).get()?.n ?? 0;
  return n > 0;
}

/** A package by name, without regard to case (the demo's packages are found by name). */
export function packageIdByName(db: Sqlite, name: string): number | undefined {
  return prepared<[string], { id: number }>(db, 'SELECT id FROM internet_packages WHERE name = ? COLLATE NOCASE').get(
    name,
  )?.id;
}

export function customerExists(db: Sqlite, name: string, phone: string): boolean {
  return (
    prepared<[string, string], { one: number }>(db, 'SELECT 1 AS one FROM customers WHERE name = ? AND phone = ?').get(
      name,
      phone,
    ) !== undefined
  );
}

export function invoiceIdByNumber(db: Sqlite, invoiceNumber: string): number | undefined {
  return prepared<[string], { id: number }>(db, 'SELECT id FROM invoices WHERE invoice_number = ?').get(invoiceNumber)
    ?.id;
}

export function subscriptionBillingDay(db: Sqlite, subscriptionId: number): number | undefined {
  return prepared<[number], { billingDay: number }>(
    db,
    'SELECT billing_day AS billingDay FROM subscriptions WHERE id = ?',
  ).get(subscriptionId)?.billingDay;
}

export function accountUsername(db: Sqlite, accountId: number): string | undefined {
  return prepared<[number], { username: string }>(db, 'SELECT username FROM pppoe_accounts WHERE id = ?').get(accountId)
    ?.username;
}
