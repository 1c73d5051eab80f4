/**
 * Field collectors (penagih): the collector's own phone screen (`collector.*`, role collector, every read
 * and write limited to their assigned customers) and the office's side (`collectors.*`: assignments,
 * commission rules, hand-over counts, the monthly commission report). Money is integer rupiah.
 */
import { z } from 'zod';
import { isoDate, period } from '../dates';
import { positiveRupiah, rupiah } from '../money';
import { id, optionalText, procedure } from './define';

export const VISIT_KINDS = ['not_home', 'promised', 'note'] as const;
export const ASSIGNMENT_KINDS = ['area', 'router', 'customer'] as const;

/** Client-generated per payment (a UUID on the phone): the server credits each key once. */
export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9-]{16,64}$/, 'Idempotency key must be 16 to 64 letters, digits or dashes');

export const routeItem = z.object({
  customerId: z.number().int(),
  customerCode: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  area: z.string().nullable(),
  outstanding: z.number().int(),
  openInvoices: z.number().int(),
  oldestDue: z.string(),
  firstInvoiceId: z.number().int(),
  lastVisitKind: z.enum(VISIT_KINDS).nullable(),
  lastVisitAt: z.string().nullable(),
  promisedOn: z.string().nullable(),
});
export type RouteItem = z.output<typeof routeItem>;

const collection = z.object({
  key: z.string(),
  paymentId: z.number().int(),
  paymentNumber: z.string(),
  customerCode: z.string(),
  customerName: z.string(),
  amount: z.number().int(),
  outcome: z.enum(['invoices', 'deposit']),
  commission: z.number().int(),
  collectedAt: z.string(),
  receivedAt: z.string(),
  settled: z.boolean(),
});
export type Collection = z.output<typeof collection>;

export const syncItem = z
  .object({
    key: idempotencyKey,
    customerId: id,
    /** The bill the collector took the money for; gone meanwhile (paid at the desk) → the deposit. */
    invoiceId: id.optional(),
    amount: positiveRupiah,
    /** When the phone took the money (ISO). */
    collectedAt: z.iso.datetime({ offset: true, error: 'Collected at must be a date and time' }),
  })
  .strict();
export type SyncItem = z.input<typeof syncItem>;

export const syncResult = z.object({
  key: z.string(),
  status: z.enum(['credited', 'duplicate', 'rejected']),
  outcome: z.enum(['invoices', 'deposit']).nullable(),
  paymentId: z.number().int().nullable(),
  paymentNumber: z.string().nullable(),
  /** Rejected: why (the phone keeps the item and shows it; the money is still in the collector's hands). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type SyncResult = z.output<typeof syncResult>;

const bag = z.object({ count: z.number().int(), total: z.number().int() });

const assignment = z.object({
  id: z.number().int(),
  kind: z.enum(ASSIGNMENT_KINDS),
  area: z.string().nullable(),
  routerId: z.number().int().nullable(),
  routerName: z.string().nullable(),
  customerId: z.number().int().nullable(),
  customerCode: z.string().nullable(),
  customerName: z.string().nullable(),
  reach: z.number().int(),
});

const commissionRule = z.object({ kind: z.enum(['flat', 'percent']), value: z.number().int() });

export const settlement = z.object({
  id: z.number().int(),
  collectorId: z.number().int(),
  collectorName: z.string(),
  expected: z.number().int(),
  counted: z.number().int(),
  variance: z.number().int(),
  collections: z.number().int(),
  note: z.string().nullable(),
  cashierName: z.string().nullable(),
  settledOn: z.string(),
  at: z.string(),
});

export const commissionRow = z.object({
  collectorId: z.number().int(),
  collectorName: z.string(),
  payments: z.number().int(),
  collected: z.number().int(),
  commission: z.number().int(),
  settled: z.number().int(),
  variance: z.number().int(),
});

const empty = z.object({}).strict().default({});

export const collectorsContract = {
  'collector.route': procedure({
    permission: 'collector.use',
    input: empty,
    output: z.object({ today: z.string(), items: z.array(routeItem), unsettled: bag, recent: z.array(collection) }),
  }),
  'collector.customer': procedure({
    permission: 'collector.use',
    input: z.object({ customerId: id }).strict(),
    output: z.object({
      customer: z.object({
        id: z.number().int(),
        customerCode: z.string(),
        name: z.string(),
        address: z.string().nullable(),
        phone: z.string().nullable(),
        deposit: z.number().int(),
      }),
      invoices: z.array(
        z.object({
          id: z.number().int(),
          invoiceNumber: z.string(),
          period: z.string(),
          dueDate: z.string(),
          amount: z.number().int(),
          paidAmount: z.number().int(),
        }),
      ),
      visits: z.array(
        z.object({
          id: z.number().int(),
          kind: z.enum(VISIT_KINDS),
          promisedOn: z.string().nullable(),
          note: z.string().nullable(),
          at: z.string(),
          collector: z.string(),
        }),
      ),
    }),
  }),
  /** Cash taken, online or queued on the phone while offline: each item credited once by its key. */
  'collector.sync': procedure({
    permission: 'collector.use',
    mutates: 'payments',
    input: z
      .object({ items: z.array(syncItem).min(1, 'Nothing to send').max(100, 'At most 100 payments per request') })
      .strict(),
    output: z.object({ results: z.array(syncResult) }),
  }),
  'collector.visit': procedure({
    permission: 'collector.use',
    mutates: 'customers',
    input: z
      .object({
        customerId: id,
        kind: z.enum(VISIT_KINDS, { error: 'Visit must be not_home, promised or note' }),
        promisedOn: isoDate.optional(),
        note: optionalText(300, 'Note'),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
  }),
  /** The receipt of one of the collector's own payments: the desk's PDF and a WhatsApp link to the customer. */
  'collector.receipt': procedure({
    permission: 'collector.use',
    input: z.object({ paymentId: id }).strict(),
    output: z.object({
      filename: z.string(),
      mimeType: z.literal('application/pdf'),
      base64: z.string(),
      waUrl: z.string().nullable(),
      waProblem: z.string().nullable(),
    }),
  }),
  'collectors.list': procedure({
    permission: 'collectors.manage',
    input: empty,
    output: z.array(
      z.object({
        id: z.number().int(),
        username: z.string(),
        fullName: z.string(),
        isActive: z.boolean(),
        commission: commissionRule.nullable(),
        assignments: z.array(assignment),
      }),
    ),
  }),
  'collectors.assign': procedure({
    permission: 'collectors.manage',
    mutates: 'collectors',
    input: z
      .object({
        collectorId: id,
        kind: z.enum(ASSIGNMENT_KINDS, { error: 'Assignment must be area, router or customer' }),
        area: optionalText(80, 'Area'),
        routerId: id.optional(),
        customerId: id.optional(),
      })
      .strict(),
    output: assignment,
  }),
  'collectors.unassign': procedure({
    permission: 'collectors.manage',
    mutates: 'collectors',
    input: z.object({ id }).strict(),
    output: z.object({ ok: z.boolean() }),
  }),
  'collectors.setCommission': procedure({
    permission: 'collectors.manage',
    mutates: 'collectors',
    input: z
      .object({
        collectorId: id,
        kind: z.enum(['flat', 'percent'], { error: 'Commission must be flat or percent' }),
        /** Flat: rupiah per payment; percent: basis points (250 = 2.5%), at most 10000. */
        value: rupiah,
      })
      .strict(),
    output: commissionRule,
  }),
  /** Every collector with what they hold since their last hand-over (the cashier's list). */
  'collectors.pending': procedure({
    permission: 'collectors.settle',
    input: empty,
    output: z.array(
      z.object({ collectorId: z.number().int(), fullName: z.string(), unsettled: bag, items: z.array(collection) }),
    ),
  }),
  'collectors.settle': procedure({
    permission: 'collectors.settle',
    mutates: 'collectors',
    input: z
      .object({
        collectorId: id,
        /** What the cashier saw expected: refused when more was synced meanwhile (count again). */
        expected: rupiah,
        counted: rupiah,
        note: optionalText(300, 'Note'),
      })
      .strict(),
    output: settlement,
  }),
  'collectors.settlements': procedure({
    permission: 'collectors.settle',
    input: z.object({ collectorId: id.optional() }).strict().default({}),
    output: z.array(settlement),
  }),
  'collectors.commission': procedure({
    permission: 'reports.read',
    input: z.object({ month: period }).strict(),
    output: z.object({
      month: z.string(),
      rows: z.array(commissionRow),
      totals: commissionRow.omit({ collectorId: true, collectorName: true }),
    }),
  }),
  'collectors.commissionExport': procedure({
    permission: 'reports.export',
    input: z.object({ month: period }).strict(),
    output: z.object({ filename: z.string(), base64: z.string() }),
  }),
};
