import type { z } from 'zod';
import type { invoicesContract } from '../../../src-shared/contract/invoices';
import type { paymentsContract } from '../../../src-shared/contract/payments';
import type { shiftsContract } from '../../../src-shared/contract/shifts';
import type { refundsContract } from '../../../src-shared/contract/refunds';
import type { Settings } from '../../../src-shared/settings';
import type { DocCommon, InvoiceDoc, ReceiptDoc, RefundReceiptDoc, ShiftReportDoc } from './types';

/*
 * Maps the billing data channels (payments.receipt, invoices.document, shifts.report) onto the
 * renderers' view models. No billing rules live here: amounts are taken as billing computed them.
 */
export type ReceiptData = z.output<(typeof paymentsContract)['payments.receipt']['output']>;
export type InvoiceData = z.output<(typeof invoicesContract)['invoices.document']['output']>;
export type ShiftReportData = z.output<(typeof shiftsContract)['shifts.report']['output']>;
export type RefundReceiptData = z.output<(typeof refundsContract)['refunds.receipt']['output']>;

type Isp = ReceiptData['isp'] | InvoiceData['isp'];

function common(isp: Isp, settings: Settings, now: Date): DocCommon {
  return {
    isp: {
      name: isp.name,
      address: isp.address,
      phone: isp.phone,
      logo: isp.logo,
      taxId: isp.taxId,
      receiptHeader: isp.receiptHeader,
      bankAccounts: isp.bankAccounts,
      qris: isp.qris,
    },
    timeZone: isp.timeZone,
    language: settings.language,
    printedAt: now.toISOString(),
  };
}

export function receiptDoc(d: ReceiptData, settings: Settings, now: Date, forceCopy: boolean): ReceiptDoc {
  const p = d.payment;
  const voided = p.status === 'void';
  // A voided payment still shows what it had paid; a live one only its live allocations.
  const byInvoice = new Map<string, ReceiptDoc['lines'][number]>();
  for (const a of p.allocations) {
    if (!voided && !a.isLive) continue;
    const line = byInvoice.get(a.invoiceNumber);
    if (line) line.amount += a.amount;
    else
      byInvoice.set(a.invoiceNumber, {
        invoiceNumber: a.invoiceNumber,
        period: a.period,
        description: a.description,
        amount: a.amount,
      });
  }
  return {
    ...common(d.isp, settings, now),
    paymentNumber: p.paymentNumber,
    paidAt: p.paidAt,
    paymentDate: p.paymentDate,
    cashier: d.cashierName,
    customerCode: d.customer.customerCode,
    customerName: d.customer.name,
    method: p.method,
    referenceNumber: p.referenceNumber,
    amount: p.amount,
    tendered: d.tendered,
    change: d.change,
    lines: [...byInvoice.values()],
    depositUsed: p.fromDeposit,
    depositAdded: p.toDeposit,
    arrears: d.remainingOutstanding,
    deposit: p.customerDeposit,
    voided,
    voidReason: p.voidReason,
    copy: d.copy || forceCopy,
  };
}

export function refundReceiptDoc(
  d: RefundReceiptData,
  settings: Settings,
  now: Date,
  forceCopy: boolean,
): RefundReceiptDoc {
  const r = d.refund;
  return {
    ...common(d.isp, settings, now),
    refundNumber: r.refundNumber,
    refundedAt: r.refundedAt,
    cashier: r.refundedByName,
    customerCode: d.customer.customerCode,
    customerName: d.customer.name,
    method: r.method,
    referenceNumber: r.referenceNumber,
    amount: r.amount,
    reason: r.reason,
    depositBefore: d.depositBefore,
    depositAfter: d.depositAfter,
    voided: r.status === 'void',
    voidReason: r.voidReason,
    copy: d.copy || forceCopy,
  };
}

export function invoiceDoc(d: InvoiceData, settings: Settings, now: Date): InvoiceDoc {
  const inv = d.invoice;
  // One row per payment (a payment may have paid this invoice from money and from deposit).
  const payments = new Map<string, InvoiceDoc['payments'][number]>();
  for (const a of inv.allocations) {
    if (!a.isLive) continue;
    const row = payments.get(a.paymentNumber);
    if (row) row.amount += a.amount;
    else
      payments.set(a.paymentNumber, {
        paymentNumber: a.paymentNumber,
        paymentDate: a.paymentDate,
        method: a.source === 'deposit' ? 'deposit' : a.method,
        amount: a.amount,
      });
  }
  return {
    ...common(d.isp, settings, now),
    invoiceNumber: inv.invoiceNumber,
    period: inv.period,
    invoiceDate: inv.invoiceDate,
    dueDate: inv.dueDate,
    status: inv.status,
    amount: inv.amount,
    paidAmount: inv.paidAmount,
    description: inv.description,
    lines: d.lines,
    servicePeriod: d.servicePeriod,
    customerCode: d.customer.customerCode,
    customerName: d.customer.name,
    customerAddress: d.customer.address,
    customerPhone: d.customer.phone,
    packageName: inv.packageName,
    voidReason: inv.voidReason,
    payments: [...payments.values()],
    transfer: d.transfer ?? null,
  };
}

export function shiftReportDoc(d: ShiftReportData, settings: Settings, now: Date): ShiftReportDoc {
  const s = d.shift;
  const rows = [
    ...d.payments.map((p) => ({ p, voided: false })),
    ...d.voidedPayments.map((p) => ({ p, voided: true })),
  ].sort((a, b) => (a.p.paidAt < b.p.paidAt ? -1 : a.p.paidAt > b.p.paidAt ? 1 : a.p.id - b.p.id));
  return {
    ...common(d.isp, settings, now),
    shiftId: s.id,
    cashier: s.userName,
    openedAt: s.openedAt,
    closedAt: s.closedAt,
    status: s.status,
    openingCash: d.openingCash,
    cashReceived: d.cashReceived,
    cashRefunded: d.cashRefunded,
    cashTopUps: d.cashTopUps,
    expectedCash: d.expectedCash,
    countedCash: d.countedCash,
    variance: d.variance,
    notes: s.notes,
    byMethod: d.byMethod,
    payments: rows.map(({ p, voided }) => ({
      paymentNumber: p.paymentNumber,
      paidAt: p.paidAt,
      customerCode: p.customerCode,
      customerName: p.customerName,
      method: p.method,
      amount: p.amount,
      voided,
    })),
    refunds: d.refunds.map((r) => ({
      refundNumber: r.refundNumber,
      refundedAt: r.refundedAt,
      customerCode: r.customerCode,
      customerName: r.customerName,
      method: r.method,
      amount: r.amount,
      voided: r.status === 'void',
    })),
    topUps: d.topUps.map((m) => ({
      resellerCode: m.resellerCode,
      resellerName: m.resellerName,
      at: m.at,
      method: m.method,
      amount: m.amount,
      reversed: m.reversed,
    })),
  };
}
