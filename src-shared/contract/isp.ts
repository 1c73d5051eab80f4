import { z } from 'zod';

/** The ISP's letterhead on every document (receipts, invoices, shift reports). */
export const ispBlock = z.object({
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  /** data: URL or '' */
  logo: z.string(),
  timeZone: z.string(),
  /** The brand's extras (issue 18), printed when set: NPWP, a line under the name, where to pay. */
  taxId: z.string().optional(),
  receiptHeader: z.string().optional(),
  bankAccounts: z.array(z.object({ bank: z.string(), number: z.string(), holder: z.string() })).optional(),
  qris: z.string().optional(),
});

/** The ISP letterhead and the customer as a 58/80 mm receipt prints them (payments and refunds). */
export const receiptIsp = ispBlock.extend({ receiptWidth: z.union([z.literal(58), z.literal(80)]) });
export const receiptCustomer = z.object({
  id: z.number().int(),
  customerCode: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
});
