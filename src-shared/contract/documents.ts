import { z } from 'zod';
import { id, procedure } from './define';

/** A generated PDF, base64-encoded so it crosses IPC and HTTP as plain JSON. */
export const pdfFile = z.object({
  filename: z.string(),
  mimeType: z.literal('application/pdf'),
  base64: z.string(),
});
export type PdfFile = z.output<typeof pdfFile>;

/** Print the receipt to this printer as well (desktop app only); without it the PDF is only returned. */
const printer = z.string().trim().min(1, 'Choose a printer').max(200).optional();

export const RECEIPT_WIDTHS = [58, 80] as const;
export const receiptWidth = z.union([z.literal(58), z.literal(80)], { error: 'Receipt width must be 58 or 80 (mm)' });

export const documentsContract = {
  /**
   * A thermal receipt (58 or 80 mm; default from settings.receiptWidth). Every call counts as a
   * print: the first is the original, later ones are marked COPY/SALINAN. `copy: true` forces the mark.
   */
  'documents.receipt': procedure({
    permission: 'payments.read',
    mutates: 'payments',
    input: z.object({ paymentId: id, width: receiptWidth.optional(), copy: z.boolean().optional(), printer }).strict(),
    output: pdfFile.extend({
      copy: z.boolean(),
      prints: z.number().int(),
      /** Sent to `printer`. When that failed, `printError` says why and the PDF is still here. */
      printed: z.boolean(),
      printError: z.string().nullable(),
    }),
  }),
  /** The deposit refund receipt ("PENGEMBALIAN DEPOSIT"), printed like a payment receipt. */
  'documents.refundReceipt': procedure({
    permission: 'payments.read',
    mutates: 'refunds',
    input: z.object({ refundId: id, width: receiptWidth.optional(), copy: z.boolean().optional(), printer }).strict(),
    output: pdfFile.extend({
      copy: z.boolean(),
      prints: z.number().int(),
      printed: z.boolean(),
      printError: z.string().nullable(),
    }),
  }),
  /** A4 invoice. */
  'documents.invoice': procedure({
    permission: 'invoices.read',
    input: z.object({ invoiceId: id }).strict(),
    output: pdfFile,
  }),
  /** A4 shift close report (also for a shift still open: a mid-shift X report). */
  'documents.shiftReport': procedure({
    permission: 'shifts.use',
    input: z.object({ shiftId: id }).strict(),
    output: pdfFile,
  }),
  /** Printers the desktop app can print to; `available: false` in the browser host. */
  'documents.printers': procedure({
    permission: 'authenticated',
    input: z.object({}).strict().default({}),
    output: z.object({
      available: z.boolean(),
      printers: z.array(z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean() })),
    }),
  }),
};
