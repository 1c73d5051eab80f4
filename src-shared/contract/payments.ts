import { z } from 'zod';
import { isoDate } from '../dates';
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
import { clientRequestId, replayed } from './client-request';
import { receiptCustomer, receiptIsp } from './isp';

/*
 * Payments: money in (cash, transfer, e-wallet, card, or from the deposit), its allocation to invoices,
 * voiding, and the 58/80 mm receipt. Money is integer rupiah; instants are ISO UTC.
 */

/** Money-in methods the desk records. `deposit` = paid from the customer's deposit (no money received). */
export const DESK_PAYMENT_METHODS = ['cash', 'bank_transfer', 'e_wallet', 'credit_card', 'deposit'] as const;
/** Money a payment gateway confirmed: recorded only by the gateway credit, never typed at the desk. */
export const GATEWAY_PAYMENT_METHODS = [
  'gateway/tripay',
  'gateway/midtrans',
  'gateway/xendit',
  'gateway/duitku',
] as const;
/** Paid by a reseller from their balance at the office (core/resellers): recorded only by that service. */
export const RESELLER_PAYMENT_METHOD = 'reseller';
export const PAYMENT_METHODS = [...DESK_PAYMENT_METHODS, ...GATEWAY_PAYMENT_METHODS, RESELLER_PAYMENT_METHOD] as const;
export const deskPaymentMethod = z.enum(DESK_PAYMENT_METHODS, {
  error: 'Must be cash, bank_transfer, e_wallet, credit_card or deposit',
});
export const paymentMethod = z.enum(PAYMENT_METHODS, {
  error: 'Must be cash, bank_transfer, e_wallet, credit_card, deposit or a payment gateway',
});
export type PaymentMethod = z.output<typeof paymentMethod>;
export type DeskPaymentMethod = z.output<typeof deskPaymentMethod>;
export type GatewayPaymentMethod = (typeof GATEWAY_PAYMENT_METHODS)[number];

const reason = requiredText(500, 'Reason');

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
  /** The answer to a repeat of an earlier request (same clientRequestId): no second payment was taken. */
  replayed,
});

export const paymentsContract = {
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
        method: deskPaymentMethod,
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
        /** One per submission of the form, the same when it is sent again: the payment is taken once. */
        clientRequestId,
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
      isp: receiptIsp,
      payment: paymentDetail,
      customer: receiptCustomer,
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
};
