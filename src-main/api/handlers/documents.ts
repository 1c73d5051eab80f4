import { billingContract } from '../../../src-shared/contract/billing';
import type { documentsContract } from '../../../src-shared/contract/documents';
import { AppError, badInput } from '../../../src-shared/result';
import type { CallContext } from '../../core/context';
import { invoiceDoc, receiptDoc, shiftReportDoc } from '../../core/documents/fromBilling';
import { renderInvoice } from '../../core/documents/invoice';
import { printerService } from '../../core/documents/printer';
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
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

/** Fails before any data is read or a print counted when a printer is asked for but cannot be used. */
function checkPrinter(call: CallContext, printer: string | undefined) {
  if (printer !== undefined && !printerService(call.app))
    throw badInput('printer', 'Printing to a printer is only available in the desktop app; download the PDF instead');
}

async function output(call: CallContext, filename: string, buf: Buffer, printer: string | undefined, pageWidthMm?: number) {
  let printed = false;
  const service = printerService(call.app);
  if (printer !== undefined && service) {
    try {
      await service.printPdf(buf, { deviceName: printer, pageWidthMm, title: filename });
      printed = true;
    } catch (err) {
      // The PDF still exists; the cashier can download it. Say which printer failed and why.
      throw new AppError('INTERNAL', `Printing to "${printer}" failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { filename, mimeType: 'application/pdf' as const, base64: buf.toString('base64'), printed };
}

export const documentsHandlers: HandlersFor<typeof documentsContract> = {
  'documents.receipt': async ({ paymentId, width, copy, printer }, call) => {
    checkPrinter(call, printer);
    const raw = await billingHandlers['payments.receipt']({ id: paymentId, markPrinted: true }, call);
    const data = billingContract['payments.receipt'].output.parse(raw);
    const doc = receiptDoc(data, getSettings(call.app), call.app.clock.now(), copy ?? false);
    const w = width ?? data.isp.receiptWidth;
    const buf = await renderReceipt(doc, w);
    const suffix = doc.copy ? `-copy${data.receiptPrints}` : '';
    const file = await output(call, `receipt-${safeName(data.payment.paymentNumber)}${suffix}.pdf`, buf, printer, w);
    return { ...file, copy: doc.copy, prints: data.receiptPrints };
  },
  'documents.invoice': async ({ invoiceId, printer }, call) => {
    checkPrinter(call, printer);
    const raw = await billingHandlers['invoices.document']({ id: invoiceId }, call);
    const data = billingContract['invoices.document'].output.parse(raw);
    const buf = await renderInvoice(invoiceDoc(data, getSettings(call.app), call.app.clock.now()));
    return output(call, `invoice-${safeName(data.invoice.invoiceNumber)}.pdf`, buf, printer);
  },
  'documents.shiftReport': async ({ shiftId, printer }, call) => {
    checkPrinter(call, printer);
    const raw = await billingHandlers['shifts.report']({ id: shiftId }, call);
    const data = billingContract['shifts.report'].output.parse(raw);
    const buf = await renderShiftReport(shiftReportDoc(data, getSettings(call.app), call.app.clock.now()));
    return output(call, `shift-${data.shift.id}-${data.shift.openedAt.slice(0, 10)}.pdf`, buf, printer);
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
