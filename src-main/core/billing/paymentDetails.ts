/** Reading payments: one with its allocations, the filtered list, and what a receipt prints. */
import type { Payment } from '../../../src-shared/contract/payments';
import { businessTime } from '../../../src-shared/dates';
import { notFound } from '../../../src-shared/result';
import { receiptCustomer } from '../../data/billing/billed-customers.queries';
import { depositOf } from '../../data/billing/deposits.repository';
import { outstandingOf } from '../../data/billing/invoices.repository';
import type { PayableInvoice } from '../../data/billing/invoices.repository';
import {
  countPaymentReceiptPrint,
  findPayment,
  listPayments as listPaymentRows,
  paymentAllocations,
  toPayment,
  type NewPayment,
  type PayingCustomer,
  type PaymentAllocation,
} from '../../data/billing/payments.repository';
import { receiptWithPrint } from './receipt-print';
import type { CallContext } from '../context';
import { getSettings } from '../settings';
import { likePattern, type Paged } from '../../data/sql';
import { type In } from './common';
import { canSeeCustomer, visibleBrandIds } from '../brands/scope';
import { customerIsp } from '../brands/identity';

export function getPayment(call: CallContext, id: number): Payment {
  const payment = findPayment(call.app.sqlite, id);
  if (!payment || !canSeeCustomer(call, payment.customerId)) throw notFound('Payment');
  return payment;
}

export function paymentDetail(call: CallContext, id: number) {
  const p = getPayment(call, id);
  const db = call.app.sqlite;
  return { ...p, allocations: paymentAllocations(db, id), customerDeposit: depositOf(db, p.customerId) };
}

/** One allocation a payment just wrote: the invoice as the payment left it. */
export interface NewAllocation {
  inv: PayableInvoice;
  amount: number;
  source: 'payment' | 'deposit';
}

/**
 * The detail of a payment just written in this transaction, from what the payment wrote and read: the same
 * as paymentDetail() would read back (tests/unit/billing/payment-answer.test.ts compares them) without
 * three more reads inside the write transaction.
 */
export function newPaymentDetail(
  id: number,
  row: NewPayment,
  seen: {
    customer: PayingCustomer;
    invoiceNumber: string | null;
    receivedByName: string | null;
    allocations: NewAllocation[];
    customerDeposit: number;
  },
) {
  const sum = (source: NewAllocation['source']) =>
    seen.allocations.reduce((s, a) => s + (a.source === source ? a.amount : 0), 0);
  const payment = toPayment({
    id,
    paymentNumber: row.paymentNumber,
    customerId: row.customerId,
    customerCode: seen.customer.code,
    customerName: seen.customer.name,
    invoiceId: row.invoiceId,
    invoiceNumber: seen.invoiceNumber,
    amount: row.amount,
    method: row.method,
    paymentDate: row.paymentDate,
    paidAt: row.paidAt,
    referenceNumber: row.referenceNumber,
    notes: row.notes,
    receivedBy: row.receivedBy,
    receivedByName: seen.receivedByName,
    shiftId: row.shiftId,
    tendered: row.tendered,
    fromDeposit: sum('deposit'),
    allocated: sum('payment'),
    status: 'live',
    voidedAt: null,
    voidedByName: null,
    voidReason: null,
    receiptPrints: 0,
    createdAt: row.paidAt,
  });
  const allocations: PaymentAllocation[] = seen.allocations.map(({ inv, amount, source }) => ({
    invoiceId: inv.id,
    invoiceNumber: inv.invoiceNumber,
    period: inv.period,
    description: inv.description,
    invoiceAmount: inv.amount,
    invoiceOutstanding: inv.status === 'void' ? 0 : inv.amount - inv.paidAmount,
    amount,
    source,
    isLive: true,
  }));
  return { ...payment, allocations, customerDeposit: seen.customerDeposit };
}

export function listPayments(call: CallContext, input: In<'payments.list'>): Paged<Payment> & { totalAmount: number } {
  const { search, ...filter } = input;
  const r = listPaymentRows(call.app.sqlite, {
    ...filter,
    ...(search ? { like: likePattern(search.toLowerCase()) } : {}),
    brands: visibleBrandIds(call),
  });
  return { items: r.items, total: r.total, page: input.page, pageSize: input.pageSize, totalAmount: r.totalAmount };
}

export function paymentReceipt(call: CallContext, id: number, markPrinted: boolean) {
  const { app } = call;
  const settings = getSettings(app);
  return receiptWithPrint(call, {
    entity: 'payment',
    id,
    markPrinted,
    actions: ['payment.receipt_print', 'payment.receipt_reprint'],
    prints: () => getPayment(call, id).receiptPrints,
    count: countPaymentReceiptPrint,
    build: (copy) => {
      const payment = paymentDetail(call, id);
      const paidAt = new Date(payment.paidAt);
      return {
        isp: { ...customerIsp(app, payment.customerId), receiptWidth: settings.receiptWidth },
        payment,
        customer: receiptCustomer(app.sqlite, payment.customerId)!,
        cashierName: payment.receivedByName,
        paidAtLocal: `${payment.paymentDate} ${businessTime(paidAt, settings.timeZone)}`,
        tendered: payment.tendered,
        change: payment.change,
        remainingOutstanding: outstandingOf(app.sqlite, payment.customerId),
        receiptPrints: payment.receiptPrints,
        copy,
      };
    },
  });
}
