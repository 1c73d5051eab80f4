import { z } from 'zod';
import { id, procedure } from './define';

/** Staff channels about the customer portal (the portal's own channels are in contract/portal/). */
export const portalDeskContract = {
  /** Where the portal listens now (null when off), for the Settings screen's address and QR code. */
  'settings.portalStatus': procedure({
    permission: 'customers.read',
    input: z.object({}).strict().default({}),
    output: z.object({ url: z.string().nullable(), error: z.string().nullable() }),
  }),
  /** Whether a customer has a portal password, when it was set and last used (never the password). */
  'customers.portalAccess': procedure({
    permission: 'customers.read',
    input: z.object({ customerId: id }).strict(),
    output: z.object({ hasPassword: z.boolean(), setAt: z.string().nullable(), lastLoginAt: z.string().nullable() }),
  }),
  /** Sets or resets a customer's portal password: a new random one, shown once. */
  'customers.resetPortalPassword': procedure({
    permission: 'customers.write',
    mutates: 'customers',
    input: z.object({ customerId: id }).strict(),
    output: z.object({ password: z.string() }),
  }),
  /**
   * An open invoice's pay page (`<portal>/bayar/<token>`) for staff to copy; the token is made on first
   * use (audited then). Refused with what to set when the portal has no address.
   */
  'invoices.payLink': procedure({
    permission: 'invoices.read',
    mutates: 'invoices',
    input: z.object({ invoiceId: id }).strict(),
    output: z.object({ url: z.string(), created: z.boolean() }),
  }),
  /** WhatsApp click-to-chat with the bill's reminder and its pay link (the offer is recorded). */
  'invoices.payLinkWhatsApp': procedure({
    permission: 'messages.send',
    mutates: 'messages',
    input: z.object({ invoiceId: id }).strict(),
    output: z.object({ url: z.string(), payUrl: z.string() }),
  }),
};
