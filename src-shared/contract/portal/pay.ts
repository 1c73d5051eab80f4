import { z } from 'zod';
import { gatewayProvider, payerAttemptFields } from '../gateway-payments';
import { id, requiredText } from '../define';
import { pdfFile } from '../documents';
import { portalProcedure } from './define';

/*
 * Paying online from the portal. Every channel takes either a pay-link token (`/bayar/<token>`: one
 * invoice, no password) or nothing, and then needs the customer's session. `public` here means "the
 * token or the session decides": without either the handler answers "please sign in".
 */

/** A pay-link token as the page got it from its address (base64url, 22 characters). */
export const payToken = z
  .string({ error: 'Pay link is not valid' })
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'Pay link is not valid');

const target = { token: payToken.optional() };

export const portalPayAttempt = z.object({
  ...payerAttemptFields,
  paymentId: z.number().int().nullable(),
  paymentNumber: z.string().nullable(),
  invoices: z.array(z.object({ invoiceNumber: z.string(), amount: z.number().int() })),
});
export type PortalPayAttempt = z.output<typeof portalPayAttempt>;

export const portalPayBill = z.object({
  customerName: z.string(),
  ispName: z.string(),
  invoices: z.array(
    z.object({
      invoiceNumber: z.string(),
      period: z.string(),
      dueDate: z.string(),
      amount: z.number().int(),
      paidAmount: z.number().int(),
      status: z.enum(['unpaid', 'partial', 'paid', 'overdue', 'void']),
    }),
  ),
  /** What the attempt would ask for (integer rupiah, before a gateway fee the customer pays). */
  outstanding: z.number().int(),
  /** Every method of every enabled gateway. */
  methods: z.array(z.object({ provider: gatewayProvider, method: z.string() })),
  /** An attempt made earlier that still waits for the money (shown instead of asking again). */
  attempt: portalPayAttempt.nullable(),
});
export type PortalPayBill = z.output<typeof portalPayBill>;

export const portalPayContract = {
  'portal.pay.bill': portalProcedure({
    access: 'public',
    input: z.object({ ...target, invoiceId: id.optional() }).strict(),
    output: portalPayBill,
  }),
  'portal.pay.create': portalProcedure({
    access: 'public',
    input: z
      .object({ ...target, invoiceId: id.optional(), provider: gatewayProvider, method: requiredText(40, 'Method') })
      .strict(),
    output: portalPayAttempt,
  }),
  'portal.pay.status': portalProcedure({
    access: 'public',
    input: z.object({ ...target, id }).strict(),
    output: portalPayAttempt,
  }),
  'portal.pay.check': portalProcedure({
    access: 'public',
    input: z.object({ ...target, id }).strict(),
    output: portalPayAttempt,
  }),
  'portal.pay.receipt': portalProcedure({
    access: 'public',
    input: z.object({ ...target, id }).strict(),
    output: pdfFile,
  }),
};
