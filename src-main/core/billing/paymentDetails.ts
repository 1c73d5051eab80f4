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
import { writeAudit } from '../audit';
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
  const run = () => {
    const before = getPayment(call, id);
    if (markPrinted) {
      countPaymentReceiptPrint(app.sqlite, id);
      writeAudit(call, {
        action: before.receiptPrints > 0 ? 'payment.receipt_reprint' : 'payment.receipt_print',
        entity: 'payment',
        entityId: id,
        before: { receiptPrints: before.receiptPrints },
        after: { receiptPrints: before.receiptPrints + 1 },
      });
    }
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
      // With markPrinted the print just counted is a copy when it was not the first; without, the next one would be.
      copy: markPrinted ? before.receiptPrints > 0 : payment.receiptPrints > 0,
    };
  };
  return markPrinted ? app.sqlite.transaction(run)() : run();
}
