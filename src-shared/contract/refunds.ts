import { z } from 'zod';
import { isoDate } from '../dates';
import { positiveRupiah } from '../money';
import { clientRequestId, replayed } from './client-request';
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
import { receiptCustomer, receiptIsp } from './isp';

/*
 * Deposit refunds: a customer's deposit paid back (a departing customer, an overpayment returned), in
 * cash from the open shift's drawer or by transfer with a reference. Never more than the deposit;
 * voided with a reason, never deleted.
 */

/** Ways a deposit is paid back: cash from the cashier's drawer, or a transfer with its reference. */
export const REFUND_METHODS = ['cash', 'bank_transfer', 'e_wallet'] as const;
export const refundMethod = z.enum(REFUND_METHODS, { error: 'Must be cash, bank_transfer or e_wallet' });

export const refund = z.object({
  id: z.number().int(),
  refundNumber: z.string(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  /** Money paid out. */
  amount: z.number().int(),
  method: refundMethod,
  refundDate: z.string(),
  refundedAt: z.string(),
  referenceNumber: z.string().nullable(),
  reason: z.string(),
  notes: z.string().nullable(),
  refundedBy: z.number().int().nullable(),
  refundedByName: z.string().nullable(),
  shiftId: z.number().int().nullable(),
  status: z.enum(['live', 'void']),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
  receiptPrints: z.number().int(),
  createdAt: timestamp,
});
export type Refund = z.output<typeof refund>;

export const refundDetail = refund.extend({
  /** The customer's deposit now. */
  customerDeposit: z.number().int(),
});

export const refundsContract = {
  'refunds.create': procedure({
    permission: 'deposits.refund',
    mutates: 'refunds',
    input: z
      .object({
        customerId: id,
        /** At most the customer's deposit (and, in cash, what the drawer holds). */
        amount: positiveRupiah,
        method: refundMethod,
        /** Required for a transfer. */
        referenceNumber: optionalText(100, 'Reference number'),
        reason: requiredText(500, 'Reason'),
        notes: optionalText(1000, 'Notes'),
        /** One per submission of the form, the same when it is sent again: the refund is paid out once. */
        clientRequestId,
      })
      .strict(),
    output: refundDetail.extend({ replayed }),
  }),
  'refunds.void': procedure({
    permission: 'payments.void',
    mutates: 'refunds',
    input: z.object({ id, reason: requiredText(500, 'Reason') }).strict(),
    output: refundDetail,
  }),
  'refunds.get': procedure({ permission: 'payments.read', input: byId.strict(), output: refundDetail }),
  'refunds.list': procedure({
    permission: 'payments.read',
    input: z
      .object({
        search: searchText,
        customerId: id.optional(),
        method: refundMethod.optional(),
        status: z.enum(['live', 'void']).optional(),
        shiftId: id.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        page,
        pageSize,
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(refund).extend({ totalAmount: z.number().int() }),
  }),
  /** Everything the 58/80 mm refund receipt needs; `markPrinted` counts the print (audited). */
  'refunds.receipt': procedure({
    permission: 'payments.read',
    mutates: 'refunds',
    input: z.object({ id, markPrinted: z.boolean().default(false) }).strict(),
    output: z.object({
      isp: receiptIsp,
      refund: refundDetail,
      customer: receiptCustomer,
      /** Local date and time in the ISP zone, `YYYY-MM-DD HH:mm`. */
      refundedAtLocal: z.string(),
      /** The deposit just before this refund (and after it: refund.customerDeposit is the balance now). */
      depositBefore: z.number().int(),
      depositAfter: z.number().int(),
      receiptPrints: z.number().int(),
      copy: z.boolean(),
    }),
  }),
};
