import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/*
 * Daily aggregates for the owner's reports, maintained by SQLite triggers on invoices and payments
 * (drizzle/0003_report_aggregates.sql) in the same transaction as every change, whoever writes it.
 * A year's report reads ~365 rows instead of hundreds of thousands of ledger rows.
 */

/** Per invoice_date: non-void invoices issued that day and what of them is still unpaid. */
export const reportDailyInvoices = sqliteTable('report_daily_invoices', {
  day: text('day').primaryKey(),
  invoices: integer('invoices').notNull().default(0),
  invoiced: integer('invoiced').notNull().default(0),
  outstanding: integer('outstanding').notNull().default(0),
});

/** Per payment_date × method × cashier: live payments. */
export const reportDailyPayments = sqliteTable(
  'report_daily_payments',
  {
    day: text('day').notNull(),
    method: text('method').notNull(),
    /** 0 when no cashier is recorded. */
    receivedBy: integer('received_by').notNull().default(0),
    payments: integer('payments').notNull().default(0),
    amount: integer('amount').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.method, t.receivedBy] })],
);

/** Per refund_date × method × cashier: live deposit refunds (money paid out). */
export const reportDailyRefunds = sqliteTable(
  'report_daily_refunds',
  {
    day: text('day').notNull(),
    method: text('method').notNull(),
    /** 0 when no user is recorded. */
    refundedBy: integer('refunded_by').notNull().default(0),
    refunds: integer('refunds').notNull().default(0),
    amount: integer('amount').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.method, t.refundedBy] })],
);
