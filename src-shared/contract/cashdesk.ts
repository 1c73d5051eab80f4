import { z } from 'zod';
import { id, procedure, searchText } from './define';
import { invoice } from './invoices';

/* The cash desk's lookup: one call finds a customer and returns their open invoices and deposit. */

export const cashdeskCustomer = z.object({
  id: z.number().int(),
  customerCode: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  status: z.string(),
  deposit: z.number().int(),
  pppoeUsernames: z.array(z.string()),
  /** Any of the customer's accounts isolated (suspended). */
  isolated: z.boolean(),
  openInvoices: z.array(invoice),
  totalOutstanding: z.number().int(),
});

export const cashdeskContract = {
  'cashdesk.lookup': procedure({
    permission: 'payments.create',
    input: z
      .object({
        /** Code, name, phone, PPPoE username or invoice number fragment. */
        query: searchText,
        customerId: id.optional(),
        limit: z.number().int().min(1).max(50).default(10),
      })
      .strict()
      .refine((v) => v.customerId !== undefined || (v.query ?? '').length > 0, {
        message: 'Type something to search',
        path: ['query'],
      }),
    output: z.object({ customers: z.array(cashdeskCustomer) }),
  }),
};
