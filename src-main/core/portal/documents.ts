import { invoicesContract } from '../../../src-shared/contract/invoices';
import { paymentsContract } from '../../../src-shared/contract/payments';
import { notFound } from '../../../src-shared/result';
import { isOwnInvoice, isOwnPayment } from '../../data/portal/portal.queries';
import { invoiceDocument } from '../billing/invoices';
import { paymentReceipt } from '../billing/paymentDetails';
import type { CallContext } from '../context';
import { invoiceDoc, receiptDoc } from '../documents/fromBilling';
import { renderInvoice } from '../documents/invoice';
import { renderReceipt } from '../documents/receipt';
import { getSettings } from '../settings';
import { customerOf } from './account';
import type { PortalCall } from './session';

/*
 * The same PDFs the desk prints, built from billing's own document data. The record must be the
 * signed-in customer's: another customer's id answers "not found", exactly like an id that does not
 * exist, so ids cannot be probed.
 */
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
const pdf = (filename: string, buf: Buffer) => ({
  filename,
  mimeType: 'application/pdf' as const,
  base64: buf.toString('base64'),
});

/** Billing's readers want a call; the portal reads as the app itself (no staff session, nothing written). */
const internal = (call: PortalCall): CallContext => ({ app: call.app, session: null, transport: 'internal' });

export async function portalInvoicePdf(call: PortalCall, invoiceId: number) {
  const { customerId } = customerOf(call);
  if (!isOwnInvoice(call.app.sqlite, customerId, invoiceId)) throw notFound('Invoice');
  const data = invoicesContract['invoices.document'].output.parse(invoiceDocument(internal(call), invoiceId));
  const buf = await renderInvoice(invoiceDoc(data, getSettings(call.app), call.app.clock.now()));
  return pdf(`invoice-${safeName(data.invoice.invoiceNumber)}.pdf`, buf);
}

/** A receipt as a copy (the original was handed over at the desk); it does not count as a desk reprint. */
export async function portalReceiptPdf(call: PortalCall, paymentId: number, customerId = customerOf(call).customerId) {
  if (!isOwnPayment(call.app.sqlite, customerId, paymentId)) throw notFound('Payment');
  const raw = paymentReceipt(internal(call), paymentId, false);
  const data = paymentsContract['payments.receipt'].output.parse(raw);
  const doc = receiptDoc(data, getSettings(call.app), call.app.clock.now(), true);
  const buf = await renderReceipt(doc, data.isp.receiptWidth);
  return pdf(`receipt-${safeName(data.payment.paymentNumber)}.pdf`, buf);
}
