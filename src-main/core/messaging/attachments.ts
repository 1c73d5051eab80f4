/**
 * What an e-mail carries besides its text: the "bill issued" e-mail has the invoice's PDF, the same
 * document the desk prints and the portal downloads (built from billing's own document data).
 */
import { invoicesContract } from '../../../src-shared/contract/invoices';
import type { Attachment } from '../../integrations/messaging';
import { invoiceDocument } from '../billing/invoices';
import type { AppContext } from '../context';
import { invoiceDoc } from '../documents/fromBilling';
import { renderInvoice } from '../documents/invoice';
import { getSettings } from '../settings';

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

/** The kinds whose e-mail carries the invoice PDF. */
const WITH_INVOICE_PDF = new Set(['bill_issued']);

export async function attachmentsFor(
  app: AppContext,
  row: { kind: string; channel: string; invoiceId: number | null },
): Promise<Attachment[] | undefined> {
  if (row.channel !== 'email' || row.invoiceId === null || !WITH_INVOICE_PDF.has(row.kind)) return undefined;
  // Billing's reader wants a call: the worker reads as the app itself (no staff session, nothing written).
  const raw = invoiceDocument({ app, session: null, transport: 'internal' }, row.invoiceId);
  const data = invoicesContract['invoices.document'].output.parse(raw);
  const content = await renderInvoice(invoiceDoc(data, getSettings(app), app.clock.now()));
  return [{ filename: `invoice-${safeName(data.invoice.invoiceNumber)}.pdf`, content, contentType: 'application/pdf' }];
}
