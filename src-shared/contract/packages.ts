import { z } from 'zod';
import { brandIdField } from './brands';
import { rupiah } from '../money';
import {
  byId,
  id,
  listOf,
  optionalText,
  page,
  pageSize,
  procedure,
  requiredText,
  searchText,
  sortDir,
  timestamp,
} from './define';

export const BILLING_CYCLES = ['monthly', 'quarterly', 'yearly'] as const;
export const billingCycle = z.enum(BILLING_CYCLES, { error: 'Must be monthly, quarterly or yearly' });
export type BillingCycle = z.output<typeof billingCycle>;

/** Default length of a package period, editable per package. */
export const DEFAULT_DURATION_DAYS: Record<BillingCycle, number> = { monthly: 30, quarterly: 90, yearly: 365 };
export const CYCLE_MONTHS: Record<BillingCycle, number> = { monthly: 1, quarterly: 3, yearly: 12 };

const kbps = z
  .number({ error: 'Must be a number of kbps' })
  .int('Must be a whole number of kbps')
  .min(8, 'At least 8 kbps')
  .max(100_000_000, 'At most 100 Gbps');

const feature = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z.string().min(1, 'A feature cannot be empty').max(60, 'A feature must be at most 60 characters'),
);

const poolOrProfileName = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v),
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, `${label} may use letters, digits, '_', '.', '-' (at most 64)`)
      .nullable()
      .optional(),
  );

export const internetPackage = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  bandwidthUp: z.number().int(),
  bandwidthDown: z.number().int(),
  price: z.number().int(),
  billingCycle,
  durationDays: z.number().int(),
  isActive: z.boolean(),
  ipPool: z.string().nullable(),
  profileName: z.string(),
  features: z.array(z.string()),
  accounts: z.number().int(),
  subscriptions: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  /** The brand it belongs to (issue 18). */
  brandId: z.number().int(),
});
export type InternetPackage = z.output<typeof internetPackage>;

const packageFields = {
  brandId: brandIdField,
  name: requiredText(80, 'Name'),
  description: optionalText(1000, 'Description'),
  bandwidthUp: kbps,
  bandwidthDown: kbps,
  price: rupiah,
  billingCycle,
  durationDays: z
    .number()
    .int('Must be a whole number of days')
    .min(1, 'At least 1 day')
    .max(3660, 'At most 3660 days')
    .optional(),
  isActive: z.boolean().optional(),
  ipPool: poolOrProfileName('IP pool'),
  profileName: poolOrProfileName('Router profile'),
  features: z
    .array(feature)
    .max(30, 'At most 30 features')
    .refine((xs) => new Set(xs.map((x) => x.toLowerCase())).size === xs.length, 'Features must not repeat')
    .optional(),
};

export const PACKAGE_SORT_FIELDS = ['name', 'price', 'bandwidthDown', 'billingCycle', 'createdAt'] as const;

export const packagesContract = {
  'packages.list': procedure({
    permission: 'packages.read',
    input: z
      .object({
        search: searchText,
        isActive: z.boolean().optional(),
        billingCycle: billingCycle.optional(),
        /** Only this brand's packages (several brands: the list's filter, a customer's account form). */
        brandId: id.optional(),
        page,
        pageSize,
        sort: z.object({ field: z.enum(PACKAGE_SORT_FIELDS), dir: sortDir }).optional(),
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(internetPackage),
  }),
  'packages.get': procedure({ permission: 'packages.read', input: byId.strict(), output: internetPackage }),
  'packages.create': procedure({
    permission: 'packages.write',
    mutates: 'packages',
    input: z.object(packageFields).strict(),
    output: internetPackage,
  }),
  'packages.update': procedure({
    permission: 'packages.write',
    mutates: 'packages',
    input: z
      .object({
        id,
        ...packageFields,
        name: packageFields.name.optional(),
        bandwidthUp: kbps.optional(),
        bandwidthDown: kbps.optional(),
        price: rupiah.optional(),
        billingCycle: billingCycle.optional(),
      })
      .strict(),
    output: internetPackage,
  }),
  'packages.delete': procedure({
    permission: 'packages.delete',
    mutates: 'packages',
    input: byId.strict(),
    output: z.object({ id: z.number().int() }),
  }),
};
