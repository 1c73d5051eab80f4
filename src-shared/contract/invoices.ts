import { z } from 'zod';
import { isoDate, period } from '../dates';
import { positiveRupiah } from '../money';
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
import { paymentMethod } from './payments';

/*
 * Invoices: the monthly invoice run, one-off invoices, voiding, and the A4 invoice document.
 * Money is integer rupiah; dates `YYYY-MM-DD` are business dates in the ISP's time zone; instants are ISO UTC.
 */

/** Invoice status as shown: `overdue` = not fully paid and due date before today (ISP zone). */
export const INVOICE_STATUSES = ['unpaid', 'partial', 'paid', 'overdue', 'void'] as const;
export const invoiceStatus = z.enum(INVOICE_STATUSES, { error: 'Must be unpaid, partial, paid, overdue or void' });
export type InvoiceStatus = z.output<typeof invoiceStatus>;

const reason = requiredText(500, 'Reason');

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

const periodOrToday = period.optional();

export const invoicesContract = {
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
      /** Bank transfer with kode unik (Settings): the exact amount, its sentence and the ISP's accounts. */
      transfer: z
        .object({
          base: z.number().int(),
          code: z.number().int(),
          payable: z.number().int(),
          sentence: z.string(),
          banks: z.array(z.string()),
        })
        .nullable()
        .optional(),
    }),
  }),
};
