/**
 * The reseller's own channels. Which reseller is always the one linked to the signed-in user; what a
 * reseller names (a customer, an invoice) must be theirs, or it answers "not found" like a missing one.
 */
import type { ResellerBill } from '../../../src-shared/contract/reseller-self';
import { AppError, notFound } from '../../../src-shared/result';
import { oncePerRequest } from '../client-requests';
import type { CallContext } from '../context';
import { findResellerByUser, findRule, resellerOfCustomer } from '../../data/resellers/resellers.repository';
import { listResellerCustomers, openBillsOfReseller } from '../../data/resellers/resellers.queries';
import { balanceOf } from '../../data/resellers/ledger.repository';
import { ledgerPage, payBill } from './ledger';
import { splitPayment } from './rules';
import { statementFile, statementOf } from './statement';

/** The reseller of this sign-in (the office's own roles have none). */
export function selfReseller(call: CallContext) {
  const userId = call.session?.userId;
  const r = userId === undefined ? undefined : findResellerByUser(call.app.sqlite, userId);
  if (!r) throw new AppError('NOT_FOUND', 'No reseller is linked to this sign-in');
  return r;
}

export function selfSummary(call: CallContext) {
  const r = selfReseller(call);
  const db = call.app.sqlite;
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    status: r.status,
    canCreateCustomers: r.canCreateCustomers,
    balance: balanceOf(db, r.id),
    customers: listResellerCustomers(db, { resellerId: r.id, limit: 1, offset: 0 }).total,
    openBills: openBillsOfReseller(db, r.id).length,
  };
}

export function selfCustomers(call: CallContext, q: { search?: string; page: number; pageSize: number }) {
  const r = selfReseller(call);
  const { rows, total } = listResellerCustomers(call.app.sqlite, {
    resellerId: r.id,
    search: q.search,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows, total, page: q.page, pageSize: q.pageSize };
}

export function selfBills(call: CallContext, q: { customerId?: number }): ResellerBill[] {
  const r = selfReseller(call);
  const db = call.app.sqlite;
  if (q.customerId !== undefined && resellerOfCustomer(db, q.customerId) !== r.id) throw notFound('Customer');
  return openBillsOfReseller(db, r.id, q.customerId).map((b) => {
    const due = b.amount - b.paidAmount;
    const rule = b.internetPackageId === null ? undefined : findRule(db, r.id, b.internetPackageId);
    const { debit, share } = splitPayment(rule, due);
    return {
      id: b.id,
      invoiceNumber: b.invoiceNumber,
      customerId: b.customerId,
      customerCode: b.customerCode,
      customerName: b.customerName,
      period: b.period,
      dueDate: b.dueDate,
      amount: b.amount,
      paidAmount: b.paidAmount,
      due,
      packageName: b.packageName,
      debit,
      share,
      shareKind: rule?.kind ?? null,
    };
  });
}

/** What the reseller's phone shows after paying a bill. */
export interface SelfPaid {
  paymentNumber: string;
  invoiceNumber: string;
  billAmount: number;
  debit: number;
  commission: number;
  balance: number;
  restoredAccounts: number;
}

/** Pays a bill once per client request id (core/client-requests.ts): a resend from the phone answers as the first. */
export function selfPay(call: CallContext, input: { invoiceId: number; clientRequestId?: string }) {
  return oncePerRequest(
    call,
    'reseller.pay',
    input,
    () => {
      const r = payBill(call, selfReseller(call).id, input.invoiceId);
      const answer: SelfPaid = {
        paymentNumber: r.paymentNumber,
        invoiceNumber: r.invoiceNumber,
        billAmount: r.billAmount,
        debit: r.debit,
        commission: r.commission,
        balance: r.balance,
        restoredAccounts: r.restoredAccounts,
      };
      // Document numbers and amounts only: the whole answer is kept for a repeat.
      return { value: answer, wrote: 'payment', entityId: r.paymentId, figures: answer };
    },
    (first) => first.figures,
  );
}

export function selfLedger(call: CallContext, q: { from?: string; to?: string; page: number; pageSize: number }) {
  return ledgerPage(call, { ...q, resellerId: selfReseller(call).id });
}

export const selfStatement = (call: CallContext, month: string) => statementOf(call, selfReseller(call).id, month);

export const selfStatementFile = (call: CallContext, month: string, format: 'pdf' | 'xlsx') =>
  statementFile(call, selfReseller(call).id, month, format);
