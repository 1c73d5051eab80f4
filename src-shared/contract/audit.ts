import { z } from 'zod';
import { isoDate } from '../dates';
import { id, listOf, page, pageSize, procedure, timestamp } from './define';

const filterText = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v),
    z.string().max(max, `${label} must be at most ${max} characters`).optional(),
  );

/** Filters shared by the list and the export. Dates are business dates in the ISP's time zone, inclusive. */
export const auditFilters = {
  userId: id.optional(),
  entity: filterText(60, 'Entity'),
  entityId: filterText(60, 'Entity id'),
  action: filterText(80, 'Action'),
  /** `desktop` or an address, exactly as recorded. */
  source: filterText(64, 'Source'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  search: filterText(100, 'Search'),
};

const checkRange = (v: { from?: string; to?: string }) => !v.from || !v.to || v.from <= v.to;
const rangeIssue = { message: 'The start date must not be after the end date', path: ['to'] };

export const auditEntry = z.object({
  id: z.number().int(),
  at: timestamp,
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** JSON text of the values before and after the change (secrets masked). */
  before: z.string().nullable(),
  after: z.string().nullable(),
  reason: z.string().nullable(),
  /** `desktop` (the desktop app), the peer address (browser host), null (the app's own work). */
  source: z.string().nullable(),
});
export type AuditEntry = z.output<typeof auditEntry>;

export const auditContract = {
  'audit.list': procedure({
    permission: 'audit.read',
    input: z
      .object({ ...auditFilters, page, pageSize })
      .strict()
      .refine(checkRange, rangeIssue)
      .default({ page: 1, pageSize: 25 }),
    /**
     * Matching entries are counted exactly up to 1,000 (data/audit.queries.ts): past that, `total` is a lower
     * bound (`totalIsLowerBound`) and the list says "1,000+". The page that ends the entries gives the exact total.
     */
    output: listOf(auditEntry).extend({
      totalIsLowerBound: z
        .boolean()
        .describe(
          'More than 1,000 entries match: total is a lower bound (1,000, or past this page while a next page exists); the last page gives the exact total',
        ),
    }),
  }),
  /** Values for the filter pickers. */
  'audit.facets': procedure({
    permission: 'audit.read',
    input: z.object({}).strict().default({}),
    output: z.object({
      actions: z.array(z.string()),
      entities: z.array(z.string()),
      sources: z.array(z.string()),
      users: z.array(z.object({ id: z.number().int(), username: z.string() })),
    }),
  }),
  'audit.export': procedure({
    permission: 'audit.read',
    input: z
      .object({
        ...auditFilters,
        format: z.enum(['csv', 'xlsx'], { error: 'Format must be csv or xlsx' }).default('xlsx'),
      })
      .strict()
      .refine(checkRange, rangeIssue),
    output: z.object({ filename: z.string(), base64: z.string(), rows: z.number().int(), truncated: z.boolean() }),
  }),
};
