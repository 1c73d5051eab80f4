import { z } from 'zod';
import { optionalPhone } from '../../validators';
import { id, listOf, requiredText, timestamp } from '../define';
import { pdfFile } from '../documents';
import { portalProcedure } from './define';

/** Account status in the customer's words: aktif, terisolir (isolated for arrears), berhenti (stopped). */
export const PORTAL_STATUSES = ['active', 'isolated', 'stopped'] as const;

export const portalMe = z.object({
  customerCode: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(PORTAL_STATUSES),
});
export type PortalMe = z.output<typeof portalMe>;

const portalInvoice = z.object({
  id: z.number().int(),
  invoiceNumber: z.string(),
  period: z.string(),
  invoiceDate: z.string(),
  dueDate: z.string(),
  amount: z.number().int(),
  paidAmount: z.number().int(),
  /** `overdue` is derived from the due date in the ISP's zone, like the desk shows it. */
  status: z.enum(['unpaid', 'partial', 'paid', 'overdue', 'void']),
  description: z.string().nullable(),
});

export const portalHome = z.object({
  me: portalMe,
  bill: z.object({
    /** Everything still owed (integer rupiah). */
    outstanding: z.number().int(),
    /** The earliest due date among open invoices (ISP business date), null when nothing is owed. */
    dueDate: z.string().nullable(),
    overdue: z.boolean(),
    openInvoices: z.array(portalInvoice),
    deposit: z.number().int(),
    /** Bank transfer with kode unik (Settings): the exact amount per open bill. */
    transfers: z
      .array(
        z.object({
          invoiceNumber: z.string(),
          base: z.number().int(),
          code: z.number().int(),
          payable: z.number().int(),
        }),
      )
      .optional(),
  }),
  services: z.array(
    z.object({
      username: z.string(),
      packageName: z.string(),
      /** kbps, as the package is sold. */
      downKbps: z.number().int(),
      upKbps: z.number().int(),
      monthlyFee: z.number().int(),
      isolated: z.boolean(),
    }),
  ),
  /** How to pay: the ISP's own details and bank accounts from Settings. */
  payTo: z.object({
    ispName: z.string(),
    address: z.string(),
    phone: z.string(),
    bankAccounts: z.array(z.object({ bank: z.string(), number: z.string(), holder: z.string() })),
  }),
  /** A payment gateway is on: the bill can be paid online (portal.pay.*). */
  payOnline: z.boolean(),
  today: z.string(),
  /** The ISP's zone (WIB/WITA/WIT), for times shown to the customer. */
  timeZone: z.string(),
});
export type PortalHome = z.output<typeof portalHome>;

const pageInput = z
  .object({
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1, 'At least 1').max(100, 'At most 100').default(20),
  })
  .strict()
  .default({ page: 1, pageSize: 20 });

const loginName = requiredText(64, 'Customer code or PPPoE username');

export const portalAccountContract = {
  'portal.login': portalProcedure({
    access: 'public',
    input: z
      .object({
        login: loginName,
        password: z.string({ error: 'Password is required' }).min(1, 'Password is required').max(200),
      })
      .strict(),
    // The token goes into an HttpOnly cookie; the portal host removes it from the answer.
    output: z.object({ token: z.string().optional(), me: portalMe }),
  }),
  'portal.logout': portalProcedure({
    access: 'public',
    input: z.object({}).strict().default({}),
    output: z.object({ ok: z.boolean() }),
  }),
  'portal.me': portalProcedure({ access: 'customer', input: z.object({}).strict().default({}), output: portalMe }),
  'portal.home': portalProcedure({ access: 'customer', input: z.object({}).strict().default({}), output: portalHome }),
  'portal.invoices': portalProcedure({ access: 'customer', input: pageInput, output: listOf(portalInvoice) }),
  'portal.invoicePdf': portalProcedure({
    access: 'customer',
    input: z.object({ id }).strict(),
    output: pdfFile,
  }),
  'portal.payments': portalProcedure({
    access: 'customer',
    input: pageInput,
    output: listOf(
      z.object({
        id: z.number().int(),
        paymentNumber: z.string(),
        paymentDate: z.string(),
        paidAt: timestamp,
        amount: z.number().int(),
        method: z.string(),
        status: z.enum(['live', 'void']),
      }),
    ),
  }),
  'portal.receiptPdf': portalProcedure({ access: 'customer', input: z.object({ id }).strict(), output: pdfFile }),
  'portal.changePassword': portalProcedure({
    access: 'customer',
    input: z
      .object({
        currentPassword: z.string({ error: 'Current password is required' }).min(1, 'Current password is required'),
        newPassword: z.string({ error: 'New password is required' }).max(200, 'At most 200 characters'),
      })
      .strict(),
    output: z.object({ ok: z.boolean() }),
  }),
  'portal.updateContact': portalProcedure({
    access: 'customer',
    input: z
      .object({
        phone: optionalPhone,
        email: z.preprocess(
          (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v),
          z.email('Not a valid e-mail address').max(254).nullable().optional(),
        ),
      })
      .strict(),
    output: portalMe,
  }),
};
