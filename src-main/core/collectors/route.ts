/** The collector's phone reads: today's route, one customer, visits and the receipt of their own payments. */
import type { Collection } from '../../../src-shared/contract/collectors';
import { paymentsContract } from '../../../src-shared/contract/payments';
import { badInput, notFound } from '../../../src-shared/result';
import {
  findCollectionByPayment,
  recentOf,
  unsettledOf,
  type CollectionRow,
} from '../../data/collectors/collections.repository';
import { assignedCustomer, insertVisit, openInvoicesOf, routeOf, visitsOf } from '../../data/collectors/route.queries';
import { writeAudit } from '../audit';
import { today } from '../billing/common';
import { paymentReceipt } from '../billing/paymentDetails';
import type { CallContext } from '../context';
import { receiptDoc } from '../documents/fromBilling';
import { renderReceipt } from '../documents/receipt';
import { waLink } from '../messaging/customer';
import { getSettings } from '../settings';
import { collectorOf } from './scope';

export const toCollection = (c: CollectionRow): Collection => ({
  key: c.idempotencyKey,
  paymentId: c.paymentId,
  paymentNumber: c.paymentNumber,
  customerCode: c.customerCode,
  customerName: c.customerName,
  amount: c.amount,
  outcome: c.outcome,
  commission: c.commission,
  collectedAt: c.collectedAt,
  receivedAt: c.receivedAt,
  settled: c.settlementId !== null,
});

export function collectorRoute(call: CallContext) {
  const collectorId = collectorOf(call);
  const db = call.app.sqlite;
  const open = unsettledOf(db, collectorId);
  return {
    today: today(call.app),
    items: routeOf(db, collectorId),
    unsettled: { count: open.length, total: open.reduce((s, c) => s + c.amount, 0) },
    recent: recentOf(db, collectorId, 30).map(toCollection),
  };
}

export function collectorCustomer(call: CallContext, customerId: number) {
  const collectorId = collectorOf(call);
  const db = call.app.sqlite;
  const customer = assignedCustomer(db, collectorId, customerId);
  if (!customer) throw notFound('Customer');
  return { customer, invoices: openInvoicesOf(db, customer.id), visits: visitsOf(db, customer.id, 10) };
}

export function noteVisit(
  call: CallContext,
  input: { customerId: number; kind: 'not_home' | 'promised' | 'note'; promisedOn?: string; note?: string | null },
) {
  const collectorId = collectorOf(call);
  const { app } = call;
  const db = app.sqlite;
  if (input.kind === 'promised' && !input.promisedOn) throw badInput('promisedOn', 'The promised date is required');
  if (input.kind === 'promised' && input.promisedOn! < today(app))
    throw badInput('promisedOn', 'The promised date cannot be in the past');
  if (input.kind === 'note' && !input.note) throw badInput('note', 'Note is required');
  return db.transaction(() => {
    const customer = assignedCustomer(db, collectorId, input.customerId);
    if (!customer) throw notFound('Customer');
    const visit = {
      collectorId,
      customerId: customer.id,
      kind: input.kind,
      promisedOn: input.kind === 'promised' ? input.promisedOn! : null,
      note: input.note ?? null,
      at: app.clock.now().toISOString(),
    };
    const id = insertVisit(db, visit);
    writeAudit(call, {
      action: 'collector.visit',
      entity: 'customer',
      entityId: customer.id,
      after: { kind: visit.kind, promisedOn: visit.promisedOn, note: visit.note },
    });
    return { id };
  })();
}

/** The desk's receipt PDF (marked as a copy after the first) and a WhatsApp link with the receipt text. */
export async function collectorReceipt(call: CallContext, paymentId: number) {
  const collectorId = collectorOf(call);
  const own = findCollectionByPayment(call.app.sqlite, paymentId);
  if (!own || own.collectorId !== collectorId) throw notFound('Payment');
  const data = paymentsContract['payments.receipt'].output.parse(paymentReceipt(call, paymentId, true));
  const doc = receiptDoc(data, getSettings(call.app), call.app.clock.now(), false);
  const buf = await renderReceipt(doc, data.isp.receiptWidth);
  let waUrl: string | null = null;
  let waProblem: string | null = null;
  try {
    waUrl = waLink(call, { kind: 'payment_receipt', customerId: own.customerId }).url;
  } catch (err) {
    waProblem = err instanceof Error ? err.message : String(err);
  }
  return {
    filename: `receipt-${data.payment.paymentNumber.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`,
    mimeType: 'application/pdf' as const,
    base64: buf.toString('base64'),
    waUrl,
    waProblem,
  };
}
