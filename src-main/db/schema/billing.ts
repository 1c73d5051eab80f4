import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, money, updatedAt } from './common';
import { customers, internetPackages } from './customers';
import { pppoeAccounts } from './network';
import { users } from './system';

export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    internetPackageId: integer('internet_package_id')
      .notNull()
      .references(() => internetPackages.id),
    pppoeAccountId: integer('pppoe_account_id').references(() => pppoeAccounts.id),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    /** Fee per billing cycle in rupiah (defaults to the package price). */
    monthlyFee: money('monthly_fee'),
    /** Required when monthlyFee differs from the package price. */
    feeNote: text('fee_note'),
    status: text('status', { enum: ['active', 'inactive', 'suspended', 'expired'] })
      .notNull()
      .default('active'),
    autoRenew: bool('auto_renew').notNull().default(true),
    /** Day of month 1–28 on which the period starts. */
    billingDay: integer('billing_day').notNull().default(1),
    prorateFirst: bool('prorate_first').notNull().default(false),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('subs_customer_idx').on(t.customerId),
    index('subs_status_idx').on(t.status),
    // "Which subscription bills this account" (one active per account, account delete, package change).
    index('subs_account_idx').on(t.pppoeAccountId),
  ],
);

export const invoices = sqliteTable(
  'invoices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    invoiceNumber: text('invoice_number').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    subscriptionId: integer('subscription_id').references(() => subscriptions.id),
    /** Billing period `YYYY-MM` (first month for quarterly/yearly). */
    period: text('period').notNull(),
    invoiceDate: text('invoice_date').notNull(),
    dueDate: text('due_date').notNull(),
    amount: money('amount'),
    /** = sum of live payment allocations (kept in the same transaction). */
    paidAmount: money('paid_amount'),
    /** Stored status for unpaid/partial/paid/void; `overdue` is derived from due date at read time. */
    status: text('status', { enum: ['unpaid', 'partial', 'paid', 'overdue', 'void'] })
      .notNull()
      .default('unpaid'),
    description: text('description'),
    notes: text('notes'),
    voidedAt: text('voided_at'),
    voidedBy: integer('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('invoices_number_uq').on(t.invoiceNumber),
    // One invoice per subscription per period, whatever retries or concurrent runs happen.
    uniqueIndex('invoices_sub_period_uq').on(t.subscriptionId, t.period),
    index('invoices_customer_idx').on(t.customerId, t.status),
    index('invoices_status_due_idx').on(t.status, t.dueDate),
    index('invoices_date_idx').on(t.invoiceDate),
  ],
);

export const shifts = sqliteTable(
  'shifts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    openedAt: text('opened_at').notNull(),
    closedAt: text('closed_at'),
    openingCash: money('opening_cash'),
    countedCash: integer('counted_cash'),
    expectedCash: integer('expected_cash'),
    variance: integer('variance'),
    notes: text('notes'),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
  },
  (t) => [
    index('shifts_user_idx').on(t.userId, t.status),
    // A cashier has at most one open shift.
    uniqueIndex('shifts_one_open_uq')
      .on(t.userId)
      .where(sql`status = 'open'`),
  ],
);

export const payments = sqliteTable(
  'payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    paymentNumber: text('payment_number').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The invoice the cashier chose (allocations may cover more). */
    invoiceId: integer('invoice_id').references(() => invoices.id),
    /** Money received (0 for a pay-from-deposit payment). */
    amount: money('amount'),
    method: text('method', {
      enum: [
        'cash',
        'bank_transfer',
        'e_wallet',
        'credit_card',
        'deposit',
        'gateway/tripay',
        'gateway/midtrans',
        'gateway/xendit',
        'gateway/duitku',
        'reseller',
      ],
    }).notNull(),
    /** Business date (ISP time zone). */
    paymentDate: text('payment_date').notNull(),
    paidAt: text('paid_at').notNull(),
    referenceNumber: text('reference_number'),
    notes: text('notes'),
    receivedBy: integer('received_by').references(() => users.id),
    shiftId: integer('shift_id').references(() => shifts.id),
    /** Cash handed over by the customer (for change due on the receipt); null for non-cash. */
    tendered: integer('tendered'),
    status: text('status', { enum: ['live', 'void'] })
      .notNull()
      .default('live'),
    voidedAt: text('voided_at'),
    voidedBy: integer('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
    receiptPrints: integer('receipt_prints').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payments_number_uq').on(t.paymentNumber),
    index('payments_customer_idx').on(t.customerId),
    index('payments_date_idx').on(t.paymentDate, t.status),
    index('payments_shift_idx').on(t.shiftId),
  ],
);

/** How a payment (or deposit) was spread over invoices. paid_amount = sum of live rows per invoice. */
export const paymentAllocations = sqliteTable(
  'payment_allocations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    paymentId: integer('payment_id')
      .notNull()
      .references(() => payments.id),
    invoiceId: integer('invoice_id')
      .notNull()
      .references(() => invoices.id),
    amount: integer('amount').notNull(),
    /** 'payment' = from the money received; 'deposit' = from the customer's deposit. */
    source: text('source', { enum: ['payment', 'deposit'] })
      .notNull()
      .default('payment'),
    isLive: bool('is_live').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('alloc_invoice_idx').on(t.invoiceId), index('alloc_payment_idx').on(t.paymentId)],
);

/**
 * Deposit paid back to a customer (a departing customer's deposit, an overpayment returned): cash out of
 * the cashier's open shift drawer, or a transfer with its reference. Never more than the deposit (checked
 * in the transaction and by a trigger, drizzle/0006); voided with a reason, never deleted.
 */
export const depositRefunds = sqliteTable(
  'deposit_refunds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    refundNumber: text('refund_number').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    /** Money paid out, > 0. */
    amount: integer('amount').notNull(),
    method: text('method', { enum: ['cash', 'bank_transfer', 'e_wallet'] }).notNull(),
    /** Business date (ISP time zone). */
    refundDate: text('refund_date').notNull(),
    refundedAt: text('refunded_at').notNull(),
    referenceNumber: text('reference_number'),
    reason: text('reason').notNull(),
    notes: text('notes'),
    refundedBy: integer('refunded_by').references(() => users.id),
    /** The drawer the cash came out of (cash refunds). */
    shiftId: integer('shift_id').references(() => shifts.id),
    status: text('status', { enum: ['live', 'void'] })
      .notNull()
      .default('live'),
    voidedAt: text('voided_at'),
    voidedBy: integer('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
    receiptPrints: integer('receipt_prints').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('refunds_number_uq').on(t.refundNumber),
    index('refunds_customer_idx').on(t.customerId),
    index('refunds_date_idx').on(t.refundDate, t.status),
    index('refunds_shift_idx').on(t.shiftId),
  ],
);

/** Deposit movements; customers.deposit = sum(amount). Credits positive, debits negative. */
export const depositLedger = sqliteTable(
  'deposit_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    amount: integer('amount').notNull(),
    kind: text('kind', { enum: ['overpayment', 'topup', 'applied', 'reversal', 'refund'] }).notNull(),
    paymentId: integer('payment_id').references(() => payments.id),
    invoiceId: integer('invoice_id').references(() => invoices.id),
    /** The refund that paid this out (kind 'refund') or gave it back on void (kind 'reversal'). */
    refundId: integer('refund_id').references(() => depositRefunds.id),
    userId: integer('user_id').references(() => users.id),
    note: text('note'),
    at: text('at').notNull(),
  },
  (t) => [index('deposit_customer_idx').on(t.customerId)],
);

/** Every action the billing automation took (isolir, restore, expire, renew), visible on screen. */
export const automationLog = sqliteTable(
  'automation_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    action: text('action').notNull(),
    customerId: integer('customer_id').references(() => customers.id),
    accountId: integer('account_id').references(() => pppoeAccounts.id),
    invoiceId: integer('invoice_id').references(() => invoices.id),
    detail: text('detail'),
    result: text('result').notNull().default('ok'),
  },
  (t) => [
    index('automation_at_idx').on(t.at),
    // "Latest isolate/restore of this account" (restore decisions) and the per-customer log screen.
    index('automation_account_idx').on(t.accountId, t.id),
    index('automation_customer_idx').on(t.customerId, t.id),
  ],
);

/**
 * Customers whose isolate/restore decision may have changed since the last automation tick: kept by triggers
 * (drizzle/0041) on every write to their invoices' status and due date, their accounts' status and their
 * never-isolate flag, whoever writes it. A tick checks these and the invoices that crossed the cutoff since
 * the last one, instead of every overdue customer (issue 20: a quiet tick grew with the overdue customers).
 */
export const automationDirty = sqliteTable('automation_dirty', {
  customerId: integer('customer_id').primaryKey(),
});

/**
 * The last clean tick's arrears cutoff (one row, id 1). Absent (never ticked, or the last tick had errors) or
 * later than today's cutoff (more grace days, a clock set back): the next tick checks every customer.
 */
export const automationWatermark = sqliteTable('automation_watermark', {
  id: integer('id').primaryKey(),
  cutoff: text('cutoff').notNull(),
  at: text('at').notNull(),
});
