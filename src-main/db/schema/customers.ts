import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, money, updatedAt } from './common';
import { users } from './system';
import { brandRef } from './brands';

export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerCode: text('customer_code').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    idCard: text('id_card'),
    status: text('status', { enum: ['active', 'inactive', 'suspended'] })
      .notNull()
      .default('active'),
    /** Business date (YYYY-MM-DD, ISP time zone). */
    joinDate: text('join_date').notNull(),
    /** Cached sum of deposit_ledger for this customer; kept in the same transaction as each ledger row. */
    deposit: money('deposit'),
    notes: text('notes'),
    /** Per-customer exclusion from automatic isolir. */
    neverIsolate: bool('never_isolate').notNull().default(false),
    /** Set when the customer's personal data was erased on request (core/privacy): the row keeps only the code. */
    erasedAt: text('erased_at'),
    brandId: brandRef(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Lower-cased haystack for substring search (code, name, phone with and without separators, e-mail, id card). */
    searchText: text('search_text').generatedAlwaysAs(
      sql`lower(customer_code || ' ' || name || ' ' || coalesce(phone, '') || ' ' || replace(replace(coalesce(phone, ''), ' ', ''), '-', '') || ' ' || coalesce(email, '') || ' ' || coalesce(id_card, ''))`,
      { mode: 'stored' },
    ),
  },
  (t) => [
    uniqueIndex('customers_code_uq').on(t.customerCode),
    index('customers_name_idx').on(sql`${t.name} COLLATE NOCASE`),
    index('customers_status_idx').on(t.status),
    index('customers_join_date_idx').on(t.joinDate),
    index('customers_brand_idx').on(t.brandId, t.status),
  ],
);

/* customers_search_idx (search_text, status, name) is created in drizzle/0001_customers_search_index.sql, the
   search indexes customers_name_walk_idx, customers_status_walk_idx and customers_hits_idx in
   drizzle/0033_customer_search_walks.sql. */

/**
 * A search for digits ("3200000000000", "81299887766") without a scan (issue 20, data/customers-search.ts
 * hitIndex): every suffix of 4+ digits of each run of digits in a customer's search_text, once per customer.
 * Kept by the triggers in drizzle/0039 (WITHOUT ROWID there), never written by code. `shared` is how many
 * leading digits the term shares with the customer's term before it in term order, so that a range of terms
 * counts each customer once.
 */
export const customerDigitTerms = sqliteTable(
  'customer_digit_terms',
  {
    term: text('term').notNull(),
    customerId: integer('customer_id').notNull(),
    shared: integer('shared').notNull(),
  },
  (t) => [primaryKey({ columns: [t.term, t.customerId] })],
);

/** Status changes (for churn and growth reports): one row per change, same transaction as the change. */
export const customerStatusHistory = sqliteTable(
  'customer_status_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** Business date of the change. */
    changedOn: text('changed_on').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('csh_customer_idx').on(t.customerId), index('csh_changed_on_idx').on(t.changedOn)],
);

export const internetPackages = sqliteTable(
  'internet_packages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    description: text('description'),
    /** kbps */
    bandwidthUp: integer('bandwidth_up').notNull(),
    /** kbps */
    bandwidthDown: integer('bandwidth_down').notNull(),
    price: money('price'),
    billingCycle: text('billing_cycle', { enum: ['monthly', 'quarterly', 'yearly'] }).notNull(),
    durationDays: integer('duration_days').notNull(),
    isActive: bool('is_active').notNull().default(true),
    ipPool: text('ip_pool'),
    /** Name of the /ppp/profile on the routers. */
    profileName: text('profile_name').notNull(),
    /** JSON array of strings. */
    features: text('features').notNull().default('[]'),
    brandId: brandRef(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('packages_name_uq').on(sql`${t.name} COLLATE NOCASE`),
    uniqueIndex('packages_profile_uq').on(sql`${t.profileName} COLLATE NOCASE`),
    index('packages_brand_idx').on(t.brandId),
  ],
);
