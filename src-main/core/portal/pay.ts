/**
 * Paying online from the portal: the signed-in customer's open bill, or one invoice through its pay link
 * (`/bayar/<token>`, no password: reminders and the isolir page carry it). The attempt is made by the
 * desk's own `createGatewayPayment`, so crediting, the isolir restore and the reconciliation are the
 * same; the customer sees only their own attempts, in a shape without staff fields.
 */
import { payPageUrl } from '../../../src-shared/pay-link';
import crypto from 'node:crypto';
import type { GatewayTx } from '../../../src-shared/contract/gateway-payments';
import type { PortalPayAttempt, PortalPayBill } from '../../../src-shared/contract/portal/pay';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import { displayStatus } from '../../data/billing/invoices.repository';
import { findGatewayTx } from '../../data/payments-online/gateway-transactions.repository';
import {
  attemptCovers,
  findPayLink,
  insertPayLink,
  payInvoice,
  payLinkTokenOf,
  pendingAttemptsOf,
} from '../../data/portal/pay-links.repository';
import { openInvoicesOf, portalCustomer } from '../../data/portal/portal.queries';
import { today } from '../billing/common';
import type { AppContext, CallContext } from '../context';
import { createGatewayPayment } from '../gateway-payments/create';
import { checkOne, wakePoller } from '../gateway-payments/poller';
import { availableGateways } from '../gateway-payments/service';
import { payerAttemptView, txView } from '../gateway-payments/view';
import { getSettings } from '../settings';
import { portalStatus } from './status';
import type { PortalCall } from './session';

/** A customer's "I have paid, check now" asks the gateway at most this often per attempt. */
export const CHECK_GAP_MS = 10_000;

/** The pay-link token of an invoice, made on first use (unguessable: 128 random bits). */
export function payLinkFor(app: AppContext, invoiceId: number): string {
  const known = payLinkTokenOf(app.sqlite, invoiceId);
  if (known) return known;
  insertPayLink(app.sqlite, crypto.randomBytes(16).toString('base64url'), invoiceId, app.clock.now().toISOString());
  return payLinkTokenOf(app.sqlite, invoiceId)!;
}

/**
 * The pay page's full address for messages (`{link_bayar}`): the portal's address while it runs, or
 * null when the portal is off (a message then has no link to give).
 */
export function payLinkUrl(app: AppContext, invoiceId: number): string | null {
  const base = portalStatus(app).url;
  return base ? payPageUrl(base, payLinkFor(app, invoiceId)) : null;
}

/** Who pays what: the pay link's invoice, or the signed-in customer (one invoice of theirs, or all open). */
interface Payer {
  customerId: number;
  customerCode: string;
  /** The one invoice paid; all open invoices when undefined (a signed-in customer's "pay everything"). */
  invoiceId?: number;
  byLink: boolean;
}

function payerOf(call: PortalCall, target: { token?: string; invoiceId?: number }): Payer {
  const db = call.app.sqlite;
  if (target.token !== undefined) {
    const link = findPayLink(db, target.token);
    if (!link) throw notFound('Pay link');
    const code = portalCustomer(db, link.customerId)!.code;
    return { customerId: link.customerId, customerCode: code, invoiceId: link.invoiceId, byLink: true };
  }
  if (!call.customer) throw new AppError('UNAUTHENTICATED', 'Your session has ended: please sign in');
  const { customerId, customerCode } = call.customer;
  if (target.invoiceId !== undefined) {
    const inv = payInvoice(db, target.invoiceId);
    if (!inv || inv.customerId !== customerId) throw notFound('Invoice');
  }
  return { customerId, customerCode, invoiceId: target.invoiceId, byLink: false };
}

/** The attempt as the customer may see it (no staff fields, no other customer's data). */
function attemptView(tx: GatewayTx): PortalPayAttempt {
  return {
    ...payerAttemptView(tx),
    paymentId: tx.paymentId,
    paymentNumber: tx.paymentNumber,
    invoices: tx.invoices.map((i) => ({ invoiceNumber: i.invoiceNumber, amount: i.amount })),
  };
}

/** The bill a pay page shows: what is owed for the target, the gateways' methods and a waiting attempt. */
export function portalPayBill(call: PortalCall, target: { token?: string; invoiceId?: number }): PortalPayBill {
  const { app } = call;
  const payer = payerOf(call, target);
  const todayDate = today(app);
  const rows =
    payer.invoiceId !== undefined
      ? [payInvoice(app.sqlite, payer.invoiceId)!]
      : openInvoicesOf(app.sqlite, payer.customerId).map((r) => ({ ...r, customerId: payer.customerId }));
  const invoices = rows.map((r) => ({
    invoiceNumber: r.invoiceNumber,
    period: r.period,
    dueDate: r.dueDate,
    amount: r.amount,
    paidAmount: r.paidAmount,
    status: displayStatus(r.status, r.dueDate, todayDate),
  }));
  const open = invoices.filter((i) => i.status !== 'paid' && i.status !== 'void');
  const pending = pendingAttemptsOf(app.sqlite, payer.customerId, app.clock.now().toISOString()).find((a) =>
    payer.invoiceId === undefined ? true : a.invoiceIds.split(',').map(Number).includes(payer.invoiceId),
  );
  const settings = getSettings(app);
  return {
    customerName: portalCustomer(app.sqlite, payer.customerId)!.name,
    ispName: settings.ispName,
    invoices,
    outstanding: open.reduce((s, i) => s + i.amount - i.paidAmount, 0),
    methods: availableGateways({ app, session: null, transport: 'internal' }).flatMap((g) =>
      g.methods.map((method) => ({ provider: g.provider, method })),
    ),
    attempt: pending ? attemptView(txView(app, pending.id)) : null,
  };
}

const portalCallCtx = (call: PortalCall): CallContext => ({
  app: call.app,
  session: null,
  transport: 'http',
  source: call.source ?? 'portal',
});

/** Creates the attempt through the desk's own service; its audit row names the customer. */
export async function portalPayCreate(
  call: PortalCall,
  input: { token?: string; invoiceId?: number; provider: GatewayTx['provider']; method: string },
): Promise<PortalPayAttempt> {
  const payer = payerOf(call, input);
  const offered = portalPayBill(call, input).methods;
  if (!offered.some((m) => m.provider === input.provider && m.method === input.method))
    throw badInput('method', 'This payment method is not offered');
  if (pendingAttemptsOf(call.app.sqlite, payer.customerId, call.app.clock.now().toISOString()).length >= 5)
    throw new AppError('CONFLICT', 'Too many online payments are waiting: use one of them or wait until they expire');
  const tx = await createGatewayPayment(
    portalCallCtx(call),
    { customerId: payer.customerId, invoiceId: payer.invoiceId, provider: input.provider, method: input.method },
    { actor: `customer:${payer.customerCode}` },
  );
  // The background poller plans its next check from the attempts it knows: tell it about this one.
  wakePoller(call.app);
  return attemptView(tx);
}

/** One of the payer's own attempts (a pay link: only attempts for its invoice), else "not found". */
function ownAttempt(call: PortalCall, target: { token?: string }, id: number) {
  const payer = payerOf(call, target);
  const row = findGatewayTx(call.app.sqlite, id);
  if (!row || row.customerId !== payer.customerId) throw notFound('Payment');
  if (payer.byLink && !attemptCovers(call.app.sqlite, id, payer.invoiceId!)) throw notFound('Payment');
  return { payer, row };
}

export function portalPayStatus(call: PortalCall, target: { token?: string }, id: number): PortalPayAttempt {
  ownAttempt(call, target, id);
  return attemptView(txView(call.app, id));
}

/** "I have paid": asks the gateway now, at most once per CHECK_GAP_MS per attempt (the poller does the rest). */
export async function portalPayCheck(call: PortalCall, target: { token?: string }, id: number) {
  const { row } = ownAttempt(call, target, id);
  const last = row.lastCheckedAt ? Date.parse(row.lastCheckedAt) : -Infinity;
  if (row.creditState === 'none' && call.app.clock.now().getTime() - last >= CHECK_GAP_MS)
    await checkOne({ app: call.app, session: null, transport: 'internal' }, row, 'portal');
  return attemptView(txView(call.app, id));
}

/** The receipt of the payment an attempt was credited as. */
export function paidAttemptPayment(call: PortalCall, target: { token?: string }, id: number) {
  const { payer } = ownAttempt(call, target, id);
  const tx = txView(call.app, id);
  if (!tx.paymentId) throw new AppError('CONFLICT', 'This payment has not been recorded yet');
  return { customerId: payer.customerId, paymentId: tx.paymentId };
}
