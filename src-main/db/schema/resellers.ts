import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, updatedAt } from './common';
import { customers, internetPackages } from './customers';
import { invoices, payments, shifts } from './billing';
import { routers } from './network';
import { users } from './system';

/**
 * Resellers / agents (mitra): people who sell and collect for a share. Their money is a deposit balance
 * held at the office, derived from `reseller_ledger` (never a stored, editable number).
 */
export const resellers = sqliteTable(
  'resellers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** MTR0001…, never reused. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    address: text('address'),
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    /** The admin allows this reseller to create customers and PPPoE accounts themselves. */
    canCreateCustomers: bool('can_create_customers').notNull().default(false),
    /** The router their new PPPoE accounts go to (needed only when they may create customers). */
    routerId: integer('router_id').references(() => routers.id),
    /** Their sign-in: a user with the `reseller` role (null until the office creates one). */
    userId: integer('user_id').references(() => users.id),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('resellers_code_uq').on(t.code),
    uniqueIndex('resellers_user_uq')
      .on(t.userId)
      .where(sql`user_id IS NOT NULL`),
  ],
);

/** Which reseller a customer belongs to: at most one (the primary key). */
export const resellerCustomers = sqliteTable(
  'reseller_customers',
  {
    customerId: integer('customer_id')
      .primaryKey()
      .references(() => customers.id),
    resellerId: integer('reseller_id')
      .notNull()
      .references(() => resellers.id),
    assignedAt: text('assigned_at').notNull(),
    assignedBy: integer('assigned_by').references(() => users.id),
  },
  (t) => [index('reseller_customers_reseller_idx').on(t.resellerId)],
);

/**
 * The balance's movements; the balance is their sum. Append-only (triggers refuse UPDATE and DELETE),
 * and a trigger refuses any row that would take the sum below zero (drizzle/0015).
 * Signed integer rupiah: a top-up or commission is positive, a bill payment negative; a reversal is
 * the opposite of the row it `reverses` (at most one reversal per row: unique index).
 */
export const resellerLedger = sqliteTable(
  'reseller_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resellerId: integer('reseller_id')
      .notNull()
      .references(() => resellers.id),
    kind: text('kind', { enum: ['topup', 'payment', 'commission', 'reversal'] }).notNull(),
    amount: integer('amount').notNull(),
    /** Top-ups: how the money came in (`gateway`: paid online by the reseller, reference = our merchant ref). */
    method: text('method', { enum: ['cash', 'bank_transfer', 'gateway'] }),
    referenceNumber: text('reference_number'),
    /** Bill payments (and their commission): the customer's payment it made, the invoice and customer. */
    paymentId: integer('payment_id').references(() => payments.id),
    invoiceId: integer('invoice_id').references(() => invoices.id),
    customerId: integer('customer_id').references(() => customers.id),
    /** Bill payments: the amount the bill was paid with; the reseller's share (discount or commission). */
    billAmount: integer('bill_amount'),
    share: integer('share'),
    reversesId: integer('reverses_id'),
    /** Free text: a top-up's note, a reversal's reason. */
    note: text('note'),
    /** Who wrote it: the cashier (top-up), the reseller (payment), the manager (void). */
    userId: integer('user_id').references(() => users.id),
    /** Business date (ISP time zone) and UTC instant. */
    businessDate: text('business_date').notNull(),
    at: text('at').notNull(),
    /** Top-ups: the cashier's shift it was taken in; a cash one is part of that drawer's expected cash. */
    shiftId: integer('shift_id').references(() => shifts.id),
  },
  (t) => [
    index('reseller_ledger_reseller_idx').on(t.resellerId, t.businessDate, t.amount),
    index('reseller_ledger_payment_idx').on(t.paymentId),
    index('reseller_ledger_shift_idx')
      .on(t.shiftId)
      .where(sql`shift_id IS NOT NULL`),
    uniqueIndex('reseller_ledger_reverses_uq')
      .on(t.reversesId)
      .where(sql`reverses_id IS NOT NULL`),
    // A gateway top-up is credited once per merchant reference, whoever asks (poll, callback, replay).
    uniqueIndex('reseller_ledger_gateway_ref_uq')
      .on(t.referenceNumber)
      .where(sql`method = 'gateway' AND kind = 'topup'`),
  ],
);

/**
 * The reseller's share per package: a discount (they pay the bill minus it from their balance) or a
 * commission (they pay the full bill and it comes back as a separate movement). Percent is stored in
 * basis points (1250 = 12.5%); the share is rounded down to whole rupiah.
 */
export const resellerRules = sqliteTable(
  'reseller_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resellerId: integer('reseller_id')
      .notNull()
      .references(() => resellers.id),
    internetPackageId: integer('internet_package_id')
      .notNull()
      .references(() => internetPackages.id),
    kind: text('kind', { enum: ['discount', 'commission'] }).notNull(),
    mode: text('mode', { enum: ['percent', 'flat'] }).notNull(),
    /** Basis points for percent, rupiah for flat. */
    value: integer('value').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('reseller_rules_uq').on(t.resellerId, t.internetPackageId)],
);
