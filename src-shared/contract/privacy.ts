import { z } from 'zod';
import { id, procedure, requiredText } from './define';

/** Personal-data rights (UU PDP): a customer's data as a file, and erasure on request. */
export const privacyContract = {
  /** A zip with data.json and data.pdf: everything held about the customer. Audited with the reason. */
  'privacy.exportCustomer': procedure({
    permission: 'privacy.export',
    input: z
      .object({
        customerId: id,
        reason: requiredText(500, 'Reason'),
        language: z.enum(['id', 'en'], { error: 'Language must be Indonesian or English' }).optional(),
      })
      .strict(),
    output: z.object({ filename: z.string(), mime: z.string(), base64: z.string() }),
  }),
  /** What an erasure would keep and remove, and what stops it now. */
  'privacy.erasePreview': procedure({
    permission: 'privacy.erase',
    input: z.object({ customerId: id }).strict(),
    output: z.object({
      customerCode: z.string(),
      name: z.string(),
      erasedAt: z.string().nullable(),
      erasedRequestedBy: z.string().nullable(),
      blockers: z.array(z.object({ code: z.string(), count: z.number().int() })),
      keeps: z.object({ invoices: z.number().int(), payments: z.number().int(), refunds: z.number().int() }),
      removes: z.object({
        accounts: z.number().int(),
        routerSecrets: z.number().int(),
        auditRows: z.number().int(),
      }),
    }),
  }),
  /** Anonymises the customer (one transaction, audited with requester and reason). */
  'privacy.eraseCustomer': procedure({
    permission: 'privacy.erase',
    mutates: 'customers',
    input: z
      .object({
        customerId: id,
        requestedBy: requiredText(200, 'Requested by'),
        reason: requiredText(500, 'Reason'),
        confirmCode: requiredText(40, 'Customer code'),
      })
      .strict(),
    output: z.object({
      customerId: z.number().int(),
      customerCode: z.string(),
      erasedAt: z.string(),
      counts: z.record(z.string(), z.number().int()),
      /**
       * The file was rebuilt, so no old copy of the data remains in its free space (false: it was busy;
       * nothing can read the erased data any more, but old bytes may stay in the file until the next erasure).
       */
      compacted: z.boolean(),
    }),
  }),
};
