import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, updatedAt } from './common';
import { users } from './system';

/**
 * The ISP brands run from this installation (issue 18). Routers, packages and customers belong to one;
 * invoices and receipts carry its identity and numbering. The migration that created this table made
 * brand 1 from the ISP details in Settings, and every row written without a brand (old code paths,
 * imports of old data) lands in brand 1: the column default below.
 */
export const brands = sqliteTable(
  'brands',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** data: URL (PNG/JPEG), as the Settings logo. */
    logo: text('logo').notNull().default(''),
    address: text('address').notNull().default(''),
    phone: text('phone').notNull().default(''),
    /** NPWP. */
    taxId: text('tax_id').notNull().default(''),
    /** Invoice numbers are <prefix>-<yyyymm>-<n>; unique, so each brand's numbering is its own counter. */
    invoicePrefix: text('invoice_prefix').notNull(),
    /** JSON array of { bank, number, holder }. */
    bankAccounts: text('bank_accounts').notNull().default('[]'),
    /** QRIS payload or instructions printed for customers. */
    qris: text('qris').notNull().default(''),
    /** A line printed under the name on receipts (e.g. "Internet cepat untuk desa"). */
    receiptHeader: text('receipt_header').notNull().default(''),
    /** The name reminders are signed with. */
    reminderSender: text('reminder_sender').notNull().default(''),
    isActive: bool('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('brands_name_uq').on(sql`${t.name} COLLATE NOCASE`),
    uniqueIndex('brands_invoice_prefix_uq').on(t.invoicePrefix),
  ],
);

/** The brands a user is limited to; a user with no row here sees every brand. */
export const userBrands = sqliteTable(
  'user_brands',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    brandId: integer('brand_id')
      .notNull()
      .references(() => brands.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.brandId] })],
);

/** The brand column of routers, packages and customers (brand 1 = the default brand). */
export const brandRef = () =>
  integer('brand_id')
    .notNull()
    .default(1)
    .references(() => brands.id);
