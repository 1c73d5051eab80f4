/**
 * The desk's side of pay links: staff copy an open bill's `/bayar/<token>` address, or send it by
 * WhatsApp click-to-chat, from the invoice, the invoice list or the cash desk. The address is the
 * portal's as customers reach it (Settings' public address, else where the portal listens now).
 * Making the token is the only write, so only that is audited; asking again for a known link is a read.
 */
import crypto from 'node:crypto';
import { payPageUrl } from '../../../src-shared/pay-link';
import { AppError, notFound } from '../../../src-shared/result';
import { displayStatus } from '../../data/billing/invoices.repository';
import { insertPayLink, payInvoice, payLinkTokenOf } from '../../data/portal/pay-links.repository';
import { writeAudit } from '../audit';
import { today } from '../billing/common';
import type { CallContext } from '../context';
import { waLink } from '../messaging/customer';
import { portalBaseUrl } from '../reconciliation/pay-info';
import { getSettings } from '../settings';

/** One open invoice of the desk's: its pay page address, and whether this call made its token. */
export interface DeskPayLink {
  url: string;
  created: boolean;
}

function openInvoice(call: CallContext, invoiceId: number) {
  const inv = payInvoice(call.app.sqlite, invoiceId);
  if (!inv) throw notFound('Invoice');
  if (inv.status === 'void') throw new AppError('CONFLICT', 'This invoice is void: it has no pay link');
  if (inv.paidAmount >= inv.amount) throw new AppError('CONFLICT', 'This invoice is paid: nothing is left to pay');
  return inv;
}

export function deskPayLink(call: CallContext, invoiceId: number): DeskPayLink {
  const { app } = call;
  const inv = openInvoice(call, invoiceId);
  const base = portalBaseUrl(app);
  if (!base)
    throw new AppError(
      'CONFLICT',
      'No portal address is set: turn the customer portal on or fill in “Portal address for customers” in Settings → Customer portal',
    );
  const db = app.sqlite;
  const known = payLinkTokenOf(db, invoiceId);
  if (known) return { url: payPageUrl(base, known), created: false };
  const token = db.transaction(() => {
    insertPayLink(db, crypto.randomBytes(16).toString('base64url'), invoiceId, app.clock.now().toISOString());
    // The token itself is a key to the bill's pay page: it stays out of the audit trail.
    writeAudit(call, {
      action: 'invoice.pay_link',
      entity: 'invoice',
      entityId: invoiceId,
      after: { invoiceNumber: inv.invoiceNumber, customerId: inv.customerId },
    });
    return payLinkTokenOf(db, invoiceId)!;
  })();
  return { url: payPageUrl(base, token), created: true };
}

/** The line added to a reminder whose template does not carry `{link_bayar}`, in the ISP's language. */
const PAY_LINE = { id: 'Bayar online', en: 'Pay online' } as const;

/**
 * Click-to-chat with the pay link: the reminder template of the bill's state (overdue, or the bill
 * itself), filled by the desk's own click-to-chat (offer recorded and audited there), with the pay
 * address added when the ISP's template does not already name it.
 */
export function deskPayLinkWhatsApp(call: CallContext, invoiceId: number): { url: string; payUrl: string } {
  const { url: payUrl } = deskPayLink(call, invoiceId);
  const inv = payInvoice(call.app.sqlite, invoiceId)!;
  const overdue = displayStatus(inv.status, inv.dueDate, today(call.app)) === 'overdue';
  const lang = getSettings(call.app).language;
  const { url } = waLink(
    call,
    { kind: overdue ? 'overdue' : 'bill_issued', customerId: inv.customerId, invoiceId },
    { mustInclude: payUrl, line: `${PAY_LINE[lang]}: ${payUrl}` },
  );
  return { url, payUrl };
}
