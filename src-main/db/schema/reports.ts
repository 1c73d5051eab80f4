import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/*
 * Daily aggregates for the owner's reports, maintained by SQLite triggers on invoices and payments
 * (drizzle/0003_report_aggregates.sql) in the same transaction as every change, whoever writes it.
 * A year's report reads ~365 rows instead of hundreds of thousands of ledger rows.
 */

/*
 * Issue 18 (drizzle/0028_report_brand_aggregates.sql): every aggregate is kept per brand, the brand of
 * the row's customer at the time (a customer moving to another brand moves their contributions with
 * them), so a brand's report reads that brand's rows and the consolidated one sums every brand.
 */

/** Per invoice_date × brand: non-void invoices issued that day and what of them is still unpaid. */
export const reportDailyInvoices = sqliteTable(
  'report_daily_invoices',
  {
    day: text('day').notNull(),
    brandId: integer('brand_id').notNull(),
    invoices: integer('invoices').notNull().default(0),
    invoiced: integer('invoiced').notNull().default(0),
    outstanding: integer('outstanding').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.brandId] })],
);

/** Per payment_date × method × cashier × brand: live payments. */
export const reportDailyPayments = sqliteTable(
  'report_daily_payments',
  {
    day: text('day').notNull(),
    method: text('method').notNull(),
    /** 0 when no cashier is recorded. */
    receivedBy: integer('received_by').notNull().default(0),
    brandId: integer('brand_id').notNull(),
    payments: integer('payments').notNull().default(0),
    amount: integer('amount').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.method, t.receivedBy, t.brandId] })],
);

/** Per refund_date × method × cashier × brand: live deposit refunds (money paid out). */
export const reportDailyRefunds = sqliteTable(
  'report_daily_refunds',
  {
    day: text('day').notNull(),
    method: text('method').notNull(),
    /** 0 when no user is recorded. */
    refundedBy: integer('refunded_by').notNull().default(0),
    brandId: integer('brand_id').notNull(),
    refunds: integer('refunds').notNull().default(0),
    amount: integer('amount').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.method, t.refundedBy, t.brandId] })],
);

/*
 * Issue 20: two more summaries kept by triggers (drizzle/0023_report_customer_summaries.sql) so the
 * customers report and the dashboard read a few rows instead of every customer and status change.
 */

/**
 * Per month of customer_status_history.changed_on × the customer's brand: net change in active
 * customers, and customers who became inactive.
 */
export const reportMonthlyCustomers = sqliteTable(
  'report_monthly_customers',
  {
    month: text('month').notNull(),
    brandId: integer('brand_id').notNull(),
    activeDelta: integer('active_delta').notNull().default(0),
    churned: integer('churned').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.brandId] })],
);

/** Customers per brand × status. */
export const reportCustomerStatus = sqliteTable(
  'report_customer_status',
  {
    brandId: integer('brand_id').notNull(),
    status: text('status').notNull(),
    customers: integer('customers').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.brandId, t.status] })],
);

/*
 * Issue 20 (drizzle/0031_report_aging_summaries.sql): the open invoices per customer × age bucket as of one
 * day (report_aging_state.as_of, the ISP's today, moved forward by rollAgingDay), kept by triggers on
 * invoices and customers, so reports.aging and the dashboard read a few rows per bucket instead of every
 * open invoice. Buckets: 0 = current (due on or after as_of), 1 = 1–30, 2 = 31–60, 3 = 61–90, 4 = 90+ days
 * overdue; `issued` = invoice_date ≤ as_of (the aging report counts only issued invoices, the dashboard all).
 */

/** The one row (id 1): the day the aging summaries are bucketed for. */
export const reportAgingState = sqliteTable('report_aging_state', {
  id: integer('id').primaryKey(),
  asOf: text('as_of').notNull(),
});

/** Per customer × bucket × issued: that customer's open invoices there (the lists of largest debtors). */
export const reportAgingCustomers = sqliteTable(
  'report_aging_customers',
  {
    customerId: integer('customer_id').notNull(),
    bucket: integer('bucket').notNull(),
    issued: integer('issued').notNull(),
    brandId: integer('brand_id').notNull(),
    invoices: integer('invoices').notNull(),
    owed: integer('owed').notNull(),
    oldestDue: text('oldest_due').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.bucket, t.issued] })],
);

/** Per brand × bucket × issued: customers, invoices and money owed (sums of report_aging_customers). */
export const reportAgingTotals = sqliteTable(
  'report_aging_totals',
  {
    brandId: integer('brand_id').notNull(),
    bucket: integer('bucket').notNull(),
    issued: integer('issued').notNull(),
    customers: integer('customers').notNull().default(0),
    invoices: integer('invoices').notNull().default(0),
    owed: integer('owed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.brandId, t.bucket, t.issued] })],
);

/** Per brand: customers with at least one open invoice due before as_of (the dashboard's overdue customers). */
export const reportAgingOverdue = sqliteTable('report_aging_overdue', {
  brandId: integer('brand_id').primaryKey(),
  customers: integer('customers').notNull().default(0),
});

/*
 * Issue 18/20 (drizzle/0035_report_package_subscriptions.sql): active subscriptions per package × the
 * subscriber's brand and their summed fees, kept by triggers on subscriptions and customers, so the
 * customers report's "by package" table reads a row per package instead of every active subscription.
 */
export const reportPackageSubscriptions = sqliteTable(
  'report_package_subscriptions',
  {
    packageId: integer('package_id').notNull(),
    brandId: integer('brand_id').notNull(),
    subscriptions: integer('subscriptions').notNull().default(0),
    fees: integer('fees').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.brandId] })],
);

/*
 * Issue 20 (drizzle/0040_report_growth_summaries.sql): the active subscriptions per set of billing terms ×
 * package × the subscriber's brand, kept by triggers on subscriptions and customers, so the forecast reads
 * a row per distinct set of terms instead of every active subscription. endDate '' = no end date (a key
 * column cannot be NULL and still conflict); the package's cycle is read from internet_packages.
 */
export const reportSubscriptionTerms = sqliteTable(
  'report_subscription_terms',
  {
    brandId: integer('brand_id').notNull(),
    packageId: integer('package_id').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull().default(''),
    autoRenew: integer('auto_renew').notNull(),
    billingDay: integer('billing_day').notNull(),
    prorateFirst: integer('prorate_first').notNull(),
    monthlyFee: integer('monthly_fee').notNull(),
    subscriptions: integer('subscriptions').notNull().default(0),
  },
  (t) => [
    primaryKey({
      columns: [
        t.brandId,
        t.packageId,
        t.startDate,
        t.endDate,
        t.autoRenew,
        t.billingDay,
        t.prorateFirst,
        t.monthlyFee,
      ],
    }),
  ],
);

/** Issue 20 (drizzle/0040): PPPoE accounts per router, kept by triggers (the dashboard's router health). */
export const reportRouterAccounts = sqliteTable('report_router_accounts', {
  routerId: integer('router_id').primaryKey(),
  accounts: integer('accounts').notNull().default(0),
});
