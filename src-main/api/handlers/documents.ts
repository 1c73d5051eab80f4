import { invoicesContract } from '../../../src-shared/contract/invoices';
import { paymentsContract } from '../../../src-shared/contract/payments';
import { shiftsContract } from '../../../src-shared/contract/shifts';
import type { documentsContract } from '../../../src-shared/contract/documents';
import { badInput } from '../../../src-shared/result';
import type { CallContext } from '../../core/context';
import { refundsContract } from '../../../src-shared/contract/refunds';
import { invoiceDoc, receiptDoc, refundReceiptDoc, shiftReportDoc } from '../../core/documents/fromBilling';
import { renderInvoice } from '../../core/documents/invoice';
import { printerService } from '../../core/documents/printer';
import { renderReceipt } from '../../core/documents/receipt';
import { renderReceiptHtml } from '../../core/documents/receiptHtml';
import { renderRefundReceipt, renderRefundReceiptHtml } from '../../core/documents/refundReceipt';
import { renderShiftReport } from '../../core/documents/shiftReport';
import { getSettings } from '../../core/settings';
import type { HandlersFor } from '../handler';
import { billingHandlers } from './billing';
import { refundsHandlers } from './refunds';

/*
 * PDFs are built from billing's own data channels (payments.receipt, invoices.document, shifts.report),
 * called in-process with the same caller, so their permission and ownership checks still apply and
 * no billing rule is repeated here.
 */
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

/** Fails before any data is read or a print counted when a printer is asked for but cannot be used. */
function checkPrinter(call: CallContext, printer: string | undefined) {
  if (printer !== undefined && !printerService(call.app))
    throw badInput('printer', 'Printing to a printer is only available in the desktop app; download the PDF instead');
}

const pdf = (filename: string, buf: Buffer) => ({
  filename,
  mimeType: 'application/pdf' as const,
  base64: buf.toString('base64'),
});

/** Sends a thermal receipt's HTML to the chosen printer (desktop app); the PDF is returned either way. */
async function printReceiptHtml(call: CallContext, printer: string | undefined, html: string, title: string) {
  const service = printerService(call.app);
  if (printer === undefined || !service) return { printed: false, printError: null };
  try {
    await service.printHtml(html, { deviceName: printer, title });
    return { printed: true, printError: null };
  } catch (err) {
    // A jammed or unplugged printer must not lose the receipt: the PDF comes back with the reason.
    const printError = `Printing to "${printer}" failed: ${err instanceof Error ? err.message : String(err)}`;
    call.app.logger.warn('receipt print failed', { printer, error: printError });
    return { printed: false, printError };
  }
}

export const documentsHandlers: HandlersFor<typeof documentsContract> = {
  'documents.receipt': async ({ paymentId, width, copy, printer }, call) => {
    checkPrinter(call, printer);
    const raw = await billingHandlers['payments.receipt']({ id: paymentId, markPrinted: true }, call);
    const data = paymentsContract['payments.receipt'].output.parse(raw);
    const doc = receiptDoc(data, getSettings(call.app), call.app.clock.now(), copy ?? false);
    const w = width ?? data.isp.receiptWidth;
    const buf = await renderReceipt(doc, w);
    const suffix = doc.copy ? `-copy${data.receiptPrints}` : '';
    const file = pdf(`receipt-${safeName(data.payment.paymentNumber)}${suffix}.pdf`, buf);
    const sent = await printReceiptHtml(call, printer, renderReceiptHtml(doc, w), file.filename);
    return { ...file, copy: doc.copy, prints: data.receiptPrints, ...sent };
  },
  'documents.refundReceipt': async ({ refundId, width, copy, printer }, call) => {
    checkPrinter(call, printer);
    const raw = await refundsHandlers['refunds.receipt']({ id: refundId, markPrinted: true }, call);
    const data = refundsContract['refunds.receipt'].output.parse(raw);
    const doc = refundReceiptDoc(data, getSettings(call.app), call.app.clock.now(), copy ?? false);
    const w = width ?? data.isp.receiptWidth;
    const buf = await renderRefundReceipt(doc, w);
    const suffix = doc.copy ? `-copy${data.receiptPrints}` : '';
    const file = pdf(`refund-${safeName(data.refund.refundNumber)}${suffix}.pdf`, buf);
    const sent = await printReceiptHtml(call, printer, renderRefundReceiptHtml(doc, w), file.filename);
    return { ...file, copy: doc.copy, prints: data.receiptPrints, ...sent };
  },
  'documents.invoice': async ({ invoiceId }, call) => {
    const raw = await billingHandlers['invoices.document']({ id: invoiceId }, call);
    const data = invoicesContract['invoices.document'].output.parse(raw);
    const buf = await renderInvoice(invoiceDoc(data, getSettings(call.app), call.app.clock.now()));
    return pdf(`invoice-${safeName(data.invoice.invoiceNumber)}.pdf`, buf);
  },
  'documents.shiftReport': async ({ shiftId }, call) => {
    const raw = await billingHandlers['shifts.report']({ id: shiftId }, call);
    const data = shiftsContract['shifts.report'].output.parse(raw);
    const buf = await renderShiftReport(shiftReportDoc(data, getSettings(call.app), call.app.clock.now()));
    return pdf(`shift-${data.shift.id}-${data.shift.openedAt.slice(0, 10)}.pdf`, buf);
  },
  'documents.printers': async (_input, { app }) => {
    const service = printerService(app);
    if (!service) return { available: false, printers: [] };
    try {
      return { available: true, printers: await service.list() };
    } catch (err) {
      app.logger.warn('listing printers failed', { error: err instanceof Error ? err.message : String(err) });
      return { available: true, printers: [] };
    }
  },
};
