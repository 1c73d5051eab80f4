import { z } from 'zod';
import { isoDate, period } from '../dates';
import { positiveRupiah, rupiah } from '../money';
import {
  byId,
  id,
  listOf,
  optionalText,
  page,
  pageSize,
  procedure,
  requiredText,
  searchText,
  timestamp,
} from './define';
import { ispBlock } from './isp';
import { billingCycle } from './packages';
import { refund } from './refunds';

/*
 * Billing: subscriptions, invoice runs, invoices, payments, cash desk, shifts, automation, alerts.
 * Money is integer rupiah; dates `YYYY-MM-DD` are business dates in the ISP's time zone; instants are ISO UTC.
 */

export const SUBSCRIPTION_STATUSES = ['active', 'inactive', 'suspended', 'expired'] as const;
export const subscriptionStatus = z.enum(SUBSCRIPTION_STATUSES, {
  error: 'Must be active, inactive, suspended or expired',
});

/** Invoice status as shown: `overdue` = not fully paid and due date before today (ISP zone). */
export const INVOICE_STATUSES = ['unpaid', 'partial', 'paid', 'overdue', 'void'] as const;
export const invoiceStatus = z.enum(INVOICE_STATUSES, { error: 'Must be unpaid, partial, paid, overdue or void' });
export type InvoiceStatus = z.output<typeof invoiceStatus>;

/** Money-in methods. `deposit` = paid from the customer's deposit (no money received). */
export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'e_wallet', 'credit_card', 'deposit'] as const;
export const paymentMethod = z.enum(PAYMENT_METHODS, {
  error: 'Must be cash, bank_transfer, e_wallet, credit_card or deposit',
});
export type PaymentMethod = z.output<typeof paymentMethod>;

const reason = requiredText(500, 'Reason');
const billingDay = z
  .number({ error: 'Must be a day 1–28' })
  .int('Must be a day 1–28')
  .min(1, 'Must be a day 1–28')
  .max(28, 'Must be a day 1–28');

// ---------------------------------------------------------------- subscriptions

export const subscription = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  internetPackageId: z.number().int(),
  packageName: z.string(),
  packagePrice: z.number().int(),
  billingCycle,
  pppoeAccountId: z.number().int().nullable(),
  pppoeUsername: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  /** Fee per billing cycle (monthly, quarterly or yearly amount), integer rupiah. */
  monthlyFee: z.number().int(),
  feeNote: z.string().nullable(),
  status: subscriptionStatus,
  autoRenew: z.boolean(),
  billingDay: z.number().int(),
  prorateFirst: z.boolean(),
  notes: z.string().nullable(),
  /** Latest invoiced period (`YYYY-MM`), null when never invoiced. */
  lastInvoicedPeriod: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Subscription = z.output<typeof subscription>;

const subscriptionFields = {
  customerId: id,
  internetPackageId: id,
  pppoeAccountId: id.nullable().optional(),
  /** Defaults to today (ISP zone). */
  startDate: isoDate.optional(),
  endDate: isoDate.nullable().optional(),
  /** Defaults to the package price; a different amount needs `feeNote`. */
  monthlyFee: rupiah.optional(),
  feeNote: optionalText(300, 'Fee note'),
  status: subscriptionStatus.optional(),
  autoRenew: z.boolean().optional(),
  /** Defaults to the day of startDate (capped at 28). */
  billingDay: billingDay.optional(),
  prorateFirst: z.boolean().optional(),
  notes: optionalText(2000, 'Notes'),
};

// ---------------------------------------------------------------- invoices

export const invoice = z.object({
  id: z.number().int(),
  invoiceNumber: z.string(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  subscriptionId: z.number().int().nullable(),
  period: z.string(),
  invoiceDate: z.string(),
  dueDate: z.string(),
  amount: z.number().int(),
  paidAmount: z.number().int(),
  /** amount − paidAmount (0 for void). */
  outstanding: z.number().int(),
  status: invoiceStatus,
  description: z.string().nullable(),
  notes: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdAt: timestamp,
});
export type Invoice = z.output<typeof invoice>;

export const allocationOfInvoice = z.object({
  paymentId: z.number().int(),
  paymentNumber: z.string(),
  method: paymentMethod,
  paidAt: z.string(),
  paymentDate: z.string(),
  amount: z.number().int(),
  source: z.enum(['payment', 'deposit']),
  isLive: z.boolean(),
});

export const invoiceDetail = invoice.extend({
  allocations: z.array(allocationOfInvoice),
  customerAddress: z.string().nullable(),
  customerPhone: z.string().nullable(),
  packageName: z.string().nullable(),
});

/** One row of an invoice run (preview or created). */
export const invoiceRunRow = z.object({
  subscriptionId: z.number().int(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  packageName: z.string(),
  period: z.string(),
  invoiceDate: z.string(),
  dueDate: z.string(),
  amount: z.number().int(),
  prorated: z.boolean(),
  description: z.string(),
  /** Null in a dry run. */
  invoiceNumber: z.string().nullable(),
});

// ---------------------------------------------------------------- payments

export const payment = z.object({
  id: z.number().int(),
  paymentNumber: z.string(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  /** The invoice the cashier chose, if any. */
  invoiceId: z.number().int().nullable(),
  invoiceNumber: z.string().nullable(),
  /** Money received (0 when paid from deposit). */
  amount: z.number().int(),
  method: paymentMethod,
  paymentDate: z.string(),
  paidAt: z.string(),
  referenceNumber: z.string().nullable(),
  notes: z.string().nullable(),
  receivedBy: z.number().int().nullable(),
  receivedByName: z.string().nullable(),
  shiftId: z.number().int().nullable(),
  /** Cash handed over (cash only) and the change due. */
  tendered: z.number().int().nullable(),
  change: z.number().int(),
  /** Taken from the customer's deposit and applied to invoices. */
  fromDeposit: z.number().int(),
  /** Of the money received, how much went to invoices and how much to the deposit. */
  allocated: z.number().int(),
  toDeposit: z.number().int(),
  status: z.enum(['live', 'void']),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
  receiptPrints: z.number().int(),
  createdAt: timestamp,
});
export type Payment = z.output<typeof payment>;

export const allocationOfPayment = z.object({
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  period: z.string(),
  description: z.string().nullable(),
  invoiceAmount: z.number().int(),
  /** The invoice's outstanding amount now. */
  invoiceOutstanding: z.number().int(),
  amount: z.number().int(),
  source: z.enum(['payment', 'deposit']),
  isLive: z.boolean(),
});

export const paymentDetail = payment.extend({
  allocations: z.array(allocationOfPayment),
  /** The customer's deposit now. */
  customerDeposit: z.number().int(),
});

export const paymentCreated = paymentDetail.extend({
  /** PPPoE accounts restored from isolir because this payment cleared the arrears. */
  restoredAccounts: z.number().int(),
});

// ---------------------------------------------------------------- shifts

export const shift = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  userName: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  openingCash: z.number().int(),
  /** Live figures while open; frozen at close. */
  expectedCash: z.number().int(),
  countedCash: z.number().int().nullable(),
  variance: z.number().int().nullable(),
  paymentsCount: z.number().int(),
  /** Money received in the shift by all methods (live payments). */
  totalReceived: z.number().int(),
  /** Deposit refunds paid out of this drawer in cash (live); expected cash = opening + cash in − this. */
  cashRefunded: z.number().int(),
  refundsCount: z.number().int(),
  notes: z.string().nullable(),
  status: z.enum(['open', 'closed']),
});
export type Shift = z.output<typeof shift>;

export const shiftReport = z.object({
  isp: ispBlock,
  shift,
  byMethod: z.array(z.object({ method: paymentMethod, count: z.number().int(), amount: z.number().int() })),
  openingCash: z.number().int(),
  cashReceived: z.number().int(),
  cashRefunded: z.number().int(),
  expectedCash: z.number().int(),
  countedCash: z.number().int().nullable(),
  variance: z.number().int().nullable(),
  payments: z.array(payment),
  voidedPayments: z.array(payment),
  /** Deposit refunds made in the shift (every method), voided ones included with their status. */
  refunds: z.array(refund),
  generatedAt: timestamp,
});

// ---------------------------------------------------------------- automation and alerts

export const AUTOMATION_ACTIONS = [
  'isolate',
  'restore',
  'expire',
  'renew',
  'subscription.expire',
  'invoice.run',
  'error',
] as const;

export const automationEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  accountId: z.number().int().nullable(),
  pppoeUsername: z.string().nullable(),
  invoiceId: z.number().int().nullable(),
  invoiceNumber: z.string().nullable(),
  detail: z.string().nullable(),
  result: z.string(),
});

export const automationResult = z.object({
  ranAt: timestamp,
  today: z.string(),
  isolated: z.number().int(),
  restored: z.number().int(),
  expired: z.number().int(),
  renewed: z.number().int(),
  subscriptionsExpired: z.number().int(),
  /** Invoice runs done by catch-up in this tick (scheduler only; 0 from the button). */
  invoiceRuns: z.array(z.object({ period: z.string(), created: z.number().int() })),
  errors: z.array(z.string()),
});

export const cashdeskCustomer = z.object({
  id: z.number().int(),
  customerCode: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  status: z.string(),
  deposit: z.number().int(),
  pppoeUsernames: z.array(z.string()),
  /** Any of the customer's accounts isolated (suspended). */
  isolated: z.boolean(),
  openInvoices: z.array(invoice),
  totalOutstanding: z.number().int(),
});

const periodOrToday = period.optional();

export const billingContract = {
  // ---- subscriptions
  'subscriptions.list': procedure({
    permission: 'subscriptions.read',
    input: z
      .object({
        search: searchText,
        status: subscriptionStatus.optional(),
        customerId: id.optional(),
        internetPackageId: id.optional(),
        page,
        pageSize,
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(subscription),
  }),
  'subscriptions.get': procedure({ permission: 'subscriptions.read', input: byId.strict(), output: subscription }),
  'subscriptions.create': procedure({
    permission: 'subscriptions.write',
    mutates: 'subscriptions',
    input: z.object(subscriptionFields).strict(),
    output: subscription,
  }),
  'subscriptions.update': procedure({
    permission: 'subscriptions.write',
    mutates: 'subscriptions',
    input: z
      .object({
        id,
        ...subscriptionFields,
        customerId: id.optional(),
        internetPackageId: id.optional(),
      })
      .strict(),
    output: subscription,
  }),

  // ---- invoice run
  'billing.generateInvoices': procedure({
    permission: 'billing.run',
    mutates: 'invoices',
    input: z
      .object({
        /** Defaults to the current month in the ISP zone. */
        period: periodOrToday,
        /** Preview only: nothing is written. */
        dryRun: z.boolean().default(false),
      })
      .strict()
      .default({ dryRun: false }),
    output: z.object({
      period: z.string(),
      dryRun: z.boolean(),
      created: z.number().int(),
      /** Subscriptions due this period that already have their invoice. */
      skipped: z.number().int(),
      totalAmount: z.number().int(),
      /** Rows (preview or created), at most 1000; see `truncated`. */
      invoices: z.array(invoiceRunRow),
      truncated: z.boolean(),
    }),
  }),

  // ---- invoices
  'invoices.list': procedure({
    permission: 'invoices.read',
    input: z
      .object({
        search: searchText,
        status: invoiceStatus.optional(),
        /** unpaid + partial + overdue */
        openOnly: z.boolean().optional(),
        period: period.optional(),
        customerId: id.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        page,
        pageSize,
        sortDir: z.enum(['asc', 'desc']).default('desc'),
      })
      .strict()
      .default({ page: 1, pageSize: 25, sortDir: 'desc' }),
    output: listOf(invoice).extend({ totalAmount: z.number().int(), totalOutstanding: z.number().int() }),
  }),
  'invoices.get': procedure({ permission: 'invoices.read', input: byId.strict(), output: invoiceDetail }),
  /** One-off invoice (installation fee, re-billing a voided period) not tied to the run. */
  'invoices.create': procedure({
    permission: 'billing.run',
    mutates: 'invoices',
    input: z
      .object({
        customerId: id,
        amount: positiveRupiah,
        description: requiredText(300, 'Description'),
        /** Defaults to today. */
        invoiceDate: isoDate.optional(),
        /** Defaults to invoiceDate + settings.dueDays. */
        dueDate: isoDate.optional(),
        notes: optionalText(2000, 'Notes'),
      })
      .strict(),
    output: invoice,
  }),
  'invoices.void': procedure({
    permission: 'invoices.void',
    mutates: 'invoices',
    input: z.object({ id, reason }).strict(),
    output: invoice,
  }),
  /** Everything an A4 invoice PDF needs. */
  'invoices.document': procedure({
    permission: 'invoices.read',
    input: byId.strict(),
    output: z.object({
      isp: ispBlock,
      invoice: invoiceDetail,
      customer: z.object({
        id: z.number().int(),
        customerCode: z.string(),
        name: z.string(),
        address: z.string().nullable(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
        deposit: z.number().int(),
      }),
      lines: z.array(z.object({ description: z.string(), amount: z.number().int() })),
      /** Period covered, for the document header. */
      servicePeriod: z.object({ from: z.string(), to: z.string() }).nullable(),
      generatedAt: timestamp,
    }),
  }),

  // ---- payments
  'payments.list': procedure({
    permission: 'payments.read',
    input: z
      .object({
        search: searchText,
        customerId: id.optional(),
        method: paymentMethod.optional(),
        status: z.enum(['live', 'void']).optional(),
        shiftId: id.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        page,
        pageSize,
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(payment).extend({ totalAmount: z.number().int() }),
  }),
  'payments.get': procedure({ permission: 'payments.read', input: byId.strict(), output: paymentDetail }),
  'payments.create': procedure({
    permission: 'payments.create',
    mutates: 'payments',
    input: z
      .object({
        customerId: id,
        /** Money received; for method `deposit` the amount to take from the deposit. */
        amount: positiveRupiah,
        method: paymentMethod,
        /** Pay this invoice first; otherwise oldest unpaid first. */
        invoiceId: id.optional(),
        /** Required for every method except cash and deposit. */
        referenceNumber: optionalText(100, 'Reference number'),
        /** Cash handed over (cash only), ≥ amount; change = tendered − amount. */
        tendered: rupiah.optional(),
        /** Apply the customer's deposit to open invoices before the money received. */
        useDeposit: z.boolean().optional(),
        /** Needed when amount > settings.paymentConfirmLimit. */
        confirmLarge: z.boolean().optional(),
        notes: optionalText(1000, 'Notes'),
      })
      .strict(),
    output: paymentCreated,
  }),
  'payments.void': procedure({
    permission: 'payments.void',
    mutates: 'payments',
    input: z.object({ id, reason }).strict(),
    output: paymentDetail,
  }),
  /**
   * Everything a 58/80 mm receipt needs. With `markPrinted: true` the print is counted (audit row) and
   * `copy` tells whether this print is a reprint (COPY); without it nothing is written.
   */
  'payments.receipt': procedure({
    permission: 'payments.read',
    mutates: 'payments',
    input: z.object({ id, markPrinted: z.boolean().default(false) }).strict(),
    output: z.object({
      isp: ispBlock.extend({ receiptWidth: z.union([z.literal(58), z.literal(80)]) }),
      payment: paymentDetail,
      customer: z.object({
        id: z.number().int(),
        customerCode: z.string(),
        name: z.string(),
        address: z.string().nullable(),
        phone: z.string().nullable(),
      }),
      cashierName: z.string().nullable(),
      /** Local date and time of payment in the ISP zone, `YYYY-MM-DD HH:mm`. */
      paidAtLocal: z.string(),
      tendered: z.number().int().nullable(),
      change: z.number().int(),
      /** Outstanding on all of the customer's open invoices now. */
      remainingOutstanding: z.number().int(),
      receiptPrints: z.number().int(),
      /** True when this (or the next, without markPrinted) print is a reprint. */
      copy: z.boolean(),
    }),
  }),

  // ---- cash desk
  'cashdesk.lookup': procedure({
    permission: 'payments.create',
    input: z
      .object({
        /** Code, name, phone, PPPoE username or invoice number fragment. */
        query: searchText,
        customerId: id.optional(),
        limit: z.number().int().min(1).max(50).default(10),
      })
      .strict()
      .refine((v) => v.customerId !== undefined || (v.query ?? '').length > 0, {
        message: 'Type something to search',
        path: ['query'],
      }),
    output: z.object({ customers: z.array(cashdeskCustomer) }),
  }),

  // ---- shifts
  'shifts.open': procedure({
    permission: 'shifts.use',
    mutates: 'shifts',
    input: z.object({ openingCash: rupiah, notes: optionalText(500, 'Notes') }).strict(),
    output: shift,
  }),
  'shifts.close': procedure({
    permission: 'shifts.use',
    mutates: 'shifts',
    input: z
      .object({
        /** Defaults to the caller's open shift; closing someone else's needs shifts.readAll. */
        id: id.optional(),
        countedCash: rupiah,
        notes: optionalText(500, 'Notes'),
      })
      .strict(),
    output: shiftReport,
  }),
  'shifts.current': procedure({
    permission: 'shifts.use',
    input: z.object({}).strict().default({}),
    output: shift.nullable(),
  }),
  'shifts.list': procedure({
    permission: 'shifts.use',
    input: z
      .object({
        /** Other users' shifts need shifts.readAll. */
        userId: id.optional(),
        status: z.enum(['open', 'closed']).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        page,
        pageSize,
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(shift),
  }),
  'shifts.report': procedure({ permission: 'shifts.use', input: byId.strict(), output: shiftReport }),

  // ---- automation and alerts
  'billing.runAutomation': procedure({
    permission: 'billing.run',
    mutates: 'automation',
    input: z.object({}).strict().default({}),
    output: automationResult,
  }),
  'automation.log': procedure({
    permission: 'invoices.read',
    input: z
      .object({
        action: z.string().max(40).optional(),
        customerId: id.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        page,
        pageSize,
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(automationEntry),
  }),
  'billing.alerts': procedure({
    permission: 'dashboard.read',
    input: z
      .object({ limit: z.number().int().min(1).max(500).default(100) })
      .strict()
      .default({ limit: 100 }),
    output: z.object({
      today: z.string(),
      overdueCount: z.number().int(),
      overdueAmount: z.number().int(),
      overdue: z.array(invoice.extend({ daysOverdue: z.number().int(), isolationDue: z.boolean() })),
      expiringCount: z.number().int(),
      expiring: z.array(
        z.object({
          accountId: z.number().int(),
          username: z.string(),
          customerId: z.number().int(),
          customerCode: z.string(),
          customerName: z.string(),
          expiresAt: z.string(),
          daysLeft: z.number().int(),
        }),
      ),
    }),
  }),
};
