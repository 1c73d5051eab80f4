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
};
