import type { Brand, BrandOption } from '../../src-shared/contract/brands';
import { DEFAULT_BRAND_ID } from '../../src-shared/contract/brands';
import type { Sqlite } from '../db/open';
import { prepared } from './statements';

const SELECT = `
  SELECT b.id, b.name, b.logo, b.address, b.phone, b.tax_id AS taxId, b.invoice_prefix AS invoicePrefix,
         b.bank_accounts AS bankAccounts, b.qris, b.receipt_header AS receiptHeader,
         b.reminder_sender AS reminderSender, b.is_active AS isActive,
         (SELECT count(*) FROM customers c WHERE c.brand_id = b.id) AS customers,
         b.created_at AS createdAt, b.updated_at AS updatedAt
  FROM brands b`;

type BrandRow = Omit<Brand, 'isActive' | 'isDefault' | 'bankAccounts'> & { isActive: number; bankAccounts: string };
const toBrand = (r: BrandRow): Brand => ({
  ...r,
  isActive: r.isActive === 1,
  isDefault: r.id === DEFAULT_BRAND_ID,
  bankAccounts: JSON.parse(r.bankAccounts) as Brand['bankAccounts'],
});

export function listBrandRows(db: Sqlite): Brand[] {
  return prepared<[], BrandRow>(db, `${SELECT} ORDER BY b.id`).all().map(toBrand);
}

export function findBrand(db: Sqlite, id: number): Brand | undefined {
  const row = prepared<[number], BrandRow>(db, `${SELECT} WHERE b.id = ?`).get(id);
  return row && toBrand(row);
}

type OptionRow = Omit<BrandOption, 'isActive' | 'isDefault'> & { isActive: number };
export function listBrandOptions(db: Sqlite): BrandOption[] {
  return prepared<[], OptionRow>(
    db,
    'SELECT id, name, invoice_prefix AS invoicePrefix, is_active AS isActive FROM brands ORDER BY id',
  )
    .all()
    .map((r) => ({ ...r, isActive: r.isActive === 1, isDefault: r.id === DEFAULT_BRAND_ID }));
}

/** The fields a brand is written with. */
export interface BrandFields {
  name: string;
  logo: string;
  address: string;
  phone: string;
  taxId: string;
  invoicePrefix: string;
  bankAccounts: Brand['bankAccounts'];
  qris: string;
  receiptHeader: string;
  reminderSender: string;
  isActive: boolean;
}

const params = (b: BrandFields) => [
  b.name,
  b.logo,
  b.address,
  b.phone,
  b.taxId,
  b.invoicePrefix,
  JSON.stringify(b.bankAccounts),
  b.qris,
  b.receiptHeader,
  b.reminderSender,
  b.isActive ? 1 : 0,
];

export function insertBrand(db: Sqlite, b: BrandFields, at: string): number {
  const { lastInsertRowid } = prepared<unknown[]>(
    db,
    `INSERT INTO brands(name, logo, address, phone, tax_id, invoice_prefix, bank_accounts, qris, receipt_header,
                        reminder_sender, is_active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...params(b), at, at);
  return Number(lastInsertRowid);
}

export function updateBrandRow(db: Sqlite, id: number, b: BrandFields, at: string): void {
  prepared<unknown[]>(
    db,
    `UPDATE brands SET name = ?, logo = ?, address = ?, phone = ?, tax_id = ?, invoice_prefix = ?, bank_accounts = ?,
            qris = ?, receipt_header = ?, reminder_sender = ?, is_active = ?, updated_at = ? WHERE id = ?`,
  ).run(...params(b), at, id);
}

/** The brand holding a name or an invoice prefix, other than `selfId` (0 = none). */
export function brandHolding(db: Sqlite, what: { name: string; prefix: string }, selfId: number) {
  return prepared<[string, string, number], { id: number; name: string; invoicePrefix: string }>(
    db,
    `SELECT id, name, invoice_prefix AS invoicePrefix FROM brands
     WHERE (name = ? COLLATE NOCASE OR invoice_prefix = ?) AND id != ? LIMIT 1`,
  ).get(what.name, what.prefix, selfId);
}

export const brandExists = (db: Sqlite, id: number): boolean =>
  prepared<[number], { one: number }>(db, 'SELECT 1 AS one FROM brands WHERE id = ?').get(id) !== undefined;

export const countActiveBrands = (db: Sqlite): number =>
  prepared<[], { n: number }>(db, 'SELECT count(*) AS n FROM brands WHERE is_active = 1').get()?.n ?? 0;

/** The brand of a customer, a package and a router (undefined = no such row). */
export const customerBrand = (db: Sqlite, customerId: number): number | undefined =>
  prepared<[number], { b: number }>(db, 'SELECT brand_id AS b FROM customers WHERE id = ?').get(customerId)?.b;
export const paymentBrand = (db: Sqlite, paymentId: number): number | undefined =>
  prepared<[number], { b: number }>(
    db,
    'SELECT c.brand_id AS b FROM payments p JOIN customers c ON c.id = p.customer_id WHERE p.id = ?',
  ).get(paymentId)?.b;
export const packageBrand = (db: Sqlite, packageId: number): number | undefined =>
  prepared<[number], { b: number }>(db, 'SELECT brand_id AS b FROM internet_packages WHERE id = ?').get(packageId)?.b;
export const routerBrand = (db: Sqlite, routerId: number): number | undefined =>
  prepared<[number], { b: number }>(db, 'SELECT brand_id AS b FROM routers WHERE id = ?').get(routerId)?.b;

/** Invoice prefix per brand id (one small table; the invoice run numbers each brand on its own counter). */
export function brandPrefixes(db: Sqlite): Map<number, string> {
  const rows = prepared<[], { id: number; p: string }>(db, 'SELECT id, invoice_prefix AS p FROM brands').all();
  return new Map(rows.map((r) => [r.id, r.p]));
}

/** What ties a customer to their brand: accounts (package, router), subscriptions and any money. */
export function customerBrandTies(db: Sqlite, customerId: number): { accounts: number; invoices: number } {
  return prepared<{ id: number }, { accounts: number; invoices: number }>(
    db,
    `SELECT (SELECT count(*) FROM pppoe_accounts WHERE customer_id = @id)
              + (SELECT count(*) FROM subscriptions WHERE customer_id = @id) AS accounts,
            (SELECT count(*) FROM invoices WHERE customer_id = @id) + (SELECT count(*) FROM payments WHERE customer_id = @id)
              + (SELECT count(*) FROM deposit_ledger WHERE customer_id = @id) AS invoices`,
  ).get({ id: customerId })!;
}

/** Accounts that tie a package or a router to its brand (they join customers of that brand). */
export const accountsOfPackage = (db: Sqlite, packageId: number): number =>
  prepared<[number], { n: number }>(db, 'SELECT count(*) AS n FROM pppoe_accounts WHERE internet_package_id = ?').get(
    packageId,
  )?.n ?? 0;
export const accountsOfRouter = (db: Sqlite, routerId: number): number =>
  prepared<[number], { n: number }>(db, 'SELECT count(*) AS n FROM pppoe_accounts WHERE router_id = ?').get(routerId)
    ?.n ?? 0;

/** The brands a user is limited to (empty = every brand). */
export const userBrandIds = (db: Sqlite, userId: number): number[] =>
  prepared<[number], { b: number }>(db, 'SELECT brand_id AS b FROM user_brands WHERE user_id = ? ORDER BY brand_id')
    .all(userId)
    .map((r) => r.b);

/** Every user_brands row (the Users list shows each user's limit). */
export const allUserBrandIds = (db: Sqlite): { userId: number; brandId: number }[] =>
  prepared<[], { userId: number; brandId: number }>(
    db,
    'SELECT user_id AS userId, brand_id AS brandId FROM user_brands ORDER BY user_id, brand_id',
  ).all();

export function setUserBrandIds(db: Sqlite, userId: number, brandIds: readonly number[]): void {
  prepared<[number]>(db, 'DELETE FROM user_brands WHERE user_id = ?').run(userId);
  const add = prepared<[number, number]>(db, 'INSERT INTO user_brands(user_id, brand_id) VALUES (?, ?)');
  for (const b of brandIds) add.run(userId, b);
}

/**
 * Moves a customer, package or router to a brand. Inserts leave brand_id at its default (the default
 * brand), so the create paths call this right after their insert, in the same transaction.
 */
export function setBrandOf(
  db: Sqlite,
  table: 'customers' | 'internet_packages' | 'routers',
  id: number,
  brandId: number,
) {
  const sql = {
    customers: 'UPDATE customers SET brand_id = ? WHERE id = ?',
    internet_packages: 'UPDATE internet_packages SET brand_id = ? WHERE id = ?',
    routers: 'UPDATE routers SET brand_id = ? WHERE id = ?',
  }[table];
  prepared<[number, number]>(db, sql).run(brandId, id);
}
