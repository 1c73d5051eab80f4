import { z } from 'zod';

/** The ISP's letterhead on every document (receipts, invoices, shift reports). */
export const ispBlock = z.object({
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  /** data: URL or '' */
  logo: z.string(),
  timeZone: z.string(),
});
