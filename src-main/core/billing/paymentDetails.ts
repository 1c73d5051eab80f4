/** Reading payments: one with its allocations, the filtered list, and what a receipt prints. */
import type { Payment } from '../../../src-shared/contract/payments';
import { businessTime } from '../../../src-shared/dates';
import { notFound } from '../../../src-shared/result';
import { receiptCustomer } from '../../data/billing/billed-customers.queries';
import { depositOf } from '../../data/billing/deposits.repository';
import { outstandingOf } from '../../data/billing/invoices.repository';
import {
  countPaymentReceiptPrint,
  findPayment,
  listPayments as listPaymentRows,
  paymentAllocations,
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
