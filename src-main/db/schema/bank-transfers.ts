import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, updatedAt } from './common';
import { customers } from './customers';
import { invoices, payments } from './billing';
import { users } from './system';

/**
 * Kode unik: the amount an open bill asks by bank transfer (its open balance + a small code), unique
 * among open bills by the partial unique index. A trigger (drizzle migration) clears `active` when the
 * invoice is paid or voided; the row stays as the record of what the customer was told.
 */
export const transferCodes = sqliteTable(
  'transfer_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    invoiceId: integer('invoice_id')
      .notNull()
      .references(() => invoices.id),
    /** The open balance the code was added to, integer rupiah. */
    baseAmount: integer('base_amount').notNull(),
    code: integer('code').notNull(),
    /** baseAmount + code: what the customer transfers. */
    payable: integer('payable').notNull(),
    active: bool('active').notNull().default(true),
    createdAt: createdAt(),
    releasedAt: text('released_at'),
  },
  (t) => [
    uniqueIndex('transfer_codes_payable_uq')
      .on(t.payable)
      .where(sql`active = 1`),
    uniqueIndex('transfer_codes_invoice_active_uq')
      .on(t.invoiceId)
      .where(sql`active = 1`),
    index('transfer_codes_released_idx').on(t.releasedAt),
  ],
);

/** One statement file imported by staff: counts for the history list. */
export const bankImports = sqliteTable('bank_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The ISP's account (digits of the number in Settings): part of every line fingerprint. */
  accountNumber: text('account_number').notNull(),
  format: text('format').notNull(),
  fileName: text('file_name').notNull(),
  linesRead: integer('lines_read').notNull(),
  linesNew: integer('lines_new').notNull(),
  linesKnown: integer('lines_known').notNull(),
  autoCredited: integer('auto_credited').notNull(),
  toReview: integer('to_review').notNull(),
  importedBy: integer('imported_by').references(() => users.id),
  createdAt: createdAt(),
});

/**
 * One incoming statement line, stored once per fingerprint (unique): a re-import or an overlapping
 * statement finds the row and credits nothing again. `state` moves from `review` to one final state.
 */
export const bankLines = sqliteTable(
  'bank_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fingerprint: text('fingerprint').notNull(),
    importId: integer('import_id')
      .notNull()
      .references(() => bankImports.id),
    accountNumber: text('account_number').notNull(),
    bankDate: text('bank_date').notNull(),
    bankTime: text('bank_time'),
    amount: integer('amount').notNull(),
    description: text('description').notNull(),
    bankReference: text('bank_reference'),
    state: text('state', { enum: ['review', 'credited', 'deposit', 'not_ours'] }).notNull(),
    /** Why it waits (matcher status: ambiguous / suggested / unmatched) or how it was settled. */
    matchStatus: text('match_status').notNull(),
    /** The matcher's suggestions, JSON (bill id, customer id, confidence, reasons). */
    suggestions: text('suggestions').notNull().default('[]'),
    customerId: integer('customer_id').references(() => customers.id),
    invoiceId: integer('invoice_id').references(() => invoices.id),
    paymentId: integer('payment_id').references(() => payments.id),
    note: text('note'),
    settledBy: integer('settled_by').references(() => users.id),
    settledAt: text('settled_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('bank_lines_fingerprint_uq').on(t.fingerprint),
    index('bank_lines_state_idx').on(t.state, t.bankDate),
    index('bank_lines_import_idx').on(t.importId),
  ],
);

/** A column mapping saved for a bank without a built-in layout, reused on the next import. */
export const bankMappings = sqliteTable(
  'bank_mappings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** JSON of integrations/bank-statements ColumnMapping (validated when saved and when used). */
    mapping: text('mapping').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('bank_mappings_name_uq').on(t.name)],
);
