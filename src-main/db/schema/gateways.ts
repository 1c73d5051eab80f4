import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, updatedAt } from './common';
import { customers } from './customers';
import { invoices, payments } from './billing';
import { resellers } from './resellers';
import { users } from './system';

export const GATEWAY_PROVIDERS = ['tripay', 'midtrans', 'xendit', 'duitku'] as const;

/**
 * One row per payment gateway. The keys are one JSON object sealed with app.secrets (like router
 * passwords): never returned to the renderer, never logged.
 */
export const gatewaySettings = sqliteTable('gateway_settings', {
  provider: text('provider', { enum: GATEWAY_PROVIDERS }).primaryKey(),
  enabled: bool('enabled').notNull().default(false),
  mode: text('mode', { enum: ['sandbox', 'production'] })
    .notNull()
    .default('sandbox'),
  credentialsEnc: text('credentials_enc'),
  /** JSON array of the provider's channel codes the ISP offers (e.g. ["QRIS","BRIVA"]). */
  methods: text('methods').notNull().default('[]'),
  feePayer: text('fee_payer', { enum: ['customer', 'isp'] })
    .notNull()
    .default('isp'),
  /** Null = the provider's own URL for the mode; a simulator or staging URL otherwise. */
  baseUrl: text('base_url'),
  /** Requests per second the poller may send (token bucket). */
  ratePerSecond: integer('rate_per_second').notNull().default(5),
  /** Minutes of failing calls before the dashboard raises an alert. */
  alertAfterMinutes: integer('alert_after_minutes').notNull().default(30),
  /** Hours a created payment stays payable. */
  expiryHours: integer('expiry_hours').notNull().default(24),
  /** Whether the staff HTTP host accepts this provider's callbacks (default off). */
  callbacksEnabled: bool('callbacks_enabled').notNull().default(false),
  lastSuccessAt: text('last_success_at'),
  lastErrorAt: text('last_error_at'),
  lastError: text('last_error'),
  /** Start of the current run of failures (null after a success). */
  failingSince: text('failing_since'),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});

/**
 * One payment attempt at a gateway. `merchant_ref` is ours and unique: the provider's order id.
 * `status` is the provider's word normalised; `credit_state` says what we did with the money.
 * The payer is a customer (their bills) or a reseller (a top-up of their balance): exactly one of
 * `customer_id` and `reseller_id` is set (CHECK, drizzle/0029).
 */
export const gatewayTransactions = sqliteTable(
  'gateway_transactions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    merchantRef: text('merchant_ref').notNull(),
    provider: text('provider', { enum: GATEWAY_PROVIDERS }).notNull(),
    providerRef: text('provider_ref'),
    customerId: integer('customer_id').references(() => customers.id),
    /** A reseller's balance top-up (issue 18): the money goes to their ledger, not to bills. */
    resellerId: integer('reseller_id').references(() => resellers.id),
    /** Integer rupiah asked (the bills, or the top-up), without a fee the customer pays on top. */
    amount: integer('amount').notNull(),
    feeCustomer: integer('fee_customer').notNull().default(0),
    method: text('method').notNull(),
    status: text('status', { enum: ['pending', 'paid', 'expired', 'failed', 'refunded', 'cancelled'] })
      .notNull()
      .default('pending'),
    creditState: text('credit_state', { enum: ['none', 'credited', 'deposit', 'review'] })
      .notNull()
      .default('none'),
    expiresAt: text('expires_at').notNull(),
    vaNumber: text('va_number'),
    bank: text('bank'),
    billerCode: text('biller_code'),
    qrString: text('qr_string'),
    payCode: text('pay_code'),
    checkoutUrl: text('checkout_url'),
    paidAmount: integer('paid_amount'),
    paidAt: text('paid_at'),
    rawStatus: text('raw_status'),
    /** The provider's last answer, JSON (keys never appear in it). */
    rawLast: text('raw_last'),
    lastCheckedAt: text('last_checked_at'),
    consecutiveErrors: integer('consecutive_errors').notNull().default(0),
    /** Null when polling is over. */
    nextPollAt: text('next_poll_at'),
    paymentId: integer('payment_id').references(() => payments.id),
    createdBy: integer('created_by').references(() => users.id),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('gateway_tx_ref_uq').on(t.merchantRef),
    uniqueIndex('gateway_tx_provider_ref_uq')
      .on(t.provider, t.providerRef)
      .where(sql`provider_ref IS NOT NULL`),
    index('gateway_tx_poll_idx')
      .on(t.nextPollAt)
      .where(sql`next_poll_at IS NOT NULL`),
    index('gateway_tx_customer_idx').on(t.customerId),
    index('gateway_tx_reseller_idx')
      .on(t.resellerId)
      .where(sql`reseller_id IS NOT NULL`),
    index('gateway_tx_created_idx').on(t.createdAt),
    check('gateway_tx_one_payer', sql`(customer_id IS NULL) <> (reseller_id IS NULL)`),
  ],
);

/** The invoices one attempt pays, with the open amount of each when it was created. */
export const gatewayTransactionInvoices = sqliteTable(
  'gateway_transaction_invoices',
  {
    transactionId: integer('transaction_id')
      .notNull()
      .references(() => gatewayTransactions.id),
    invoiceId: integer('invoice_id')
      .notNull()
      .references(() => invoices.id),
    amount: integer('amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.transactionId, t.invoiceId] }), index('gateway_tx_inv_idx').on(t.invoiceId)],
);

/**
 * The idempotency key of money from a gateway: one row per (provider, merchant reference), written in
 * the same transaction as the payment or review entry. A second credit of the same reference hits the
 * unique index and does nothing.
 */
export const gatewayCredits = sqliteTable(
  'gateway_credits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    provider: text('provider', { enum: GATEWAY_PROVIDERS }).notNull(),
    merchantRef: text('merchant_ref').notNull(),
    providerRef: text('provider_ref'),
    transactionId: integer('transaction_id').references(() => gatewayTransactions.id),
    amount: integer('amount').notNull(),
    /** `topup`: a reseller's top-up, credited to their ledger (no customer payment). */
    outcome: text('outcome', { enum: ['invoices', 'deposit', 'review', 'topup'] }).notNull(),
    paymentId: integer('payment_id').references(() => payments.id),
    /** 'poll' or 'callback': which path confirmed it first. */
    via: text('via').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('gateway_credits_ref_uq').on(t.provider, t.merchantRef)],
);

/**
 * Money that arrived but could not be applied by itself (unknown reference, amount other than asked,
 * an unmatched bank line): it waits here until staff sends it to a deposit or an invoice.
 */
export const paymentReviews = sqliteTable(
  'payment_reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source', { enum: ['gateway', 'bank'] }).notNull(),
    provider: text('provider'),
    reference: text('reference').notNull(),
    transactionId: integer('transaction_id').references(() => gatewayTransactions.id),
    customerId: integer('customer_id').references(() => customers.id),
    amount: integer('amount').notNull(),
    reason: text('reason', { enum: ['unknown_reference', 'amount_mismatch'] }).notNull(),
    detail: text('detail'),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    /** `reseller`: a reseller top-up's money went to that reseller's balance (reseller_ledger). */
    resolution: text('resolution', { enum: ['deposit', 'invoice', 'reseller'] }),
    paymentId: integer('payment_id').references(() => payments.id),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolvedAt: text('resolved_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payment_reviews_ref_uq').on(t.source, t.provider, t.reference),
    index('payment_reviews_status_idx').on(t.status),
  ],
);
