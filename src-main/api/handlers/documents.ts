import { billingContract } from '../../../src-shared/contract/billing';
import type { documentsContract } from '../../../src-shared/contract/documents';
import { invoiceDoc, receiptDoc, shiftReportDoc } from '../../core/documents/fromBilling';
import { renderInvoice } from '../../core/documents/invoice';
import { renderReceipt } from '../../core/documents/receipt';
import { renderShiftReport } from '../../core/documents/shiftReport';
import { getSettings } from '../../core/settings';
import type { HandlersFor } from '../handler';
import { billingHandlers } from './billing';

/*
 * PDFs are built from billing's own data channels (payments.receipt, invoices.document, shifts.report),
 * called in-process with the same caller, so their permission and ownership checks still apply and
 * no billing rule is repeated here.
 */
const pdf = (filename: string, buf: Buffer) => ({ filename, mimeType: 'application/pdf' as const, base64: buf.toString('base64') });
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

export const documentsHandlers: HandlersFor<typeof documentsContract> = {
  'documents.receipt': async ({ paymentId, width, copy }, call) => {
    const data = billingContract['payments.receipt'].output.parse(await billingHandlers['payments.receipt']({ id: paymentId, markPrinted: true }, call));
    const doc = receiptDoc(data, getSettings(call.app), call.app.clock.now(), copy ?? false);
    const buf = await renderReceipt(doc, width ?? data.isp.receiptWidth);
    const suffix = doc.copy ? `-copy${data.receiptPrints}` : '';
    return { ...pdf(`receipt-${safeName(data.payment.paymentNumber)}${suffix}.pdf`, buf), copy: doc.copy, prints: data.receiptPrints };
  },
  'documents.invoice': async ({ invoiceId }, call) => {
    const data = billingContract['invoices.document'].output.parse(await billingHandlers['invoices.document']({ id: invoiceId }, call));
    const buf = await renderInvoice(invoiceDoc(data, getSettings(call.app), call.app.clock.now()));
    return pdf(`invoice-${safeName(data.invoice.invoiceNumber)}.pdf`, buf);
  },
  'documents.shiftReport': async ({ shiftId }, call) => {
    const data = billingContract['shifts.report'].output.parse(await billingHandlers['shifts.report']({ id: shiftId }, call));
    const buf = await renderShiftReport(shiftReportDoc(data, getSettings(call.app), call.app.clock.now()));
    return pdf(`shift-${data.shift.id}-${data.shift.openedAt.slice(0, 10)}.pdf`, buf);
  },
};
