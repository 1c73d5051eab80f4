import { z } from 'zod';
import { isoDate } from '../dates';
import { rupiah } from '../money';
import { billingCycle } from './packages';
import { subscription } from './subscriptions';
import { byId, id, listOf, optionalText, page, pageSize, procedure, searchText, sortDir, timestamp } from './define';
import { profileName } from './routers';

export const PPPOE_STATUSES = ['active', 'inactive', 'suspended', 'expired'] as const;
export const pppoeStatus = z.enum(PPPOE_STATUSES, { error: 'Must be active, inactive, suspended or expired' });

const nullable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v), schema.nullable().optional());

export const ipv4 = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/,
    'Must be an IPv4 address like 10.10.0.5',
  );
/** RouterOS secret names: no spaces or quotes; we keep to a safe readable set. */
export const pppoeUsername = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$/,
      "Username: 2–64 letters, digits, '_', '.', '@', '-' (starting with a letter or digit)",
    ),
);
export const pppoePassword = z
  .string()
  .min(6, 'Password must be at least 6 characters')
  .max(64, 'Password must be at most 64 characters')
  .regex(/^[\x21-\x7e]+$/, 'Password may not contain spaces or non-ASCII characters');
const macAddress = z
  .string()
  .regex(/^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/, 'Caller ID must be a MAC address like AA:BB:CC:DD:EE:FF');

export const pppoeAccount = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  internetPackageId: z.number().int(),
  packageName: z.string(),
  routerId: z.number().int().nullable(),
  routerName: z.string().nullable(),
  username: z.string(),
  staticIp: z.string().nullable(),
  profileName: z.string(),
  /** The profile the router should have now (the isolir profile while isolated by profile). */
  routerProfile: z.string(),
  status: pppoeStatus,
  isolatedFromProfile: z.string().nullable(),
  isolatedAt: z.string().nullable(),
  callerId: z.string().nullable(),
  lastLogin: z.string().nullable(),
  lastIp: z.string().nullable(),
  bytesIn: z.number(),
  bytesOut: z.number(),
  expiresAt: z.string().nullable(),
  notes: z.string().nullable(),
  /** Online per the last session poll of its router; null when unknown (router not polled / offline). */
  online: z.boolean().nullable(),
  /** synced, or pending/failed router operations for this account. */
  syncState: z.enum(['synced', 'pending', 'failed']),
  syncError: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type PppoeAccount = z.output<typeof pppoeAccount>;

const fields = {
  customerId: id,
  internetPackageId: id,
  routerId: id.nullable().optional(),
  /** Generated from the customer's name when omitted. */
  username: pppoeUsername.optional(),
  /** Generated (10+ characters, no look-alike characters) when omitted. */
  password: pppoePassword.optional(),
  staticIp: nullable(ipv4),
  /** Defaults to the package's router profile. */
  profileName: profileName('Profile').optional(),
  status: z.enum(['active', 'inactive'], { error: 'A new account is active or inactive' }).optional(),
  expiresAt: nullable(isoDate),
  callerId: nullable(macAddress),
  notes: optionalText(1000, 'Notes'),
};

const billingDay = z
  .number({ error: 'Must be a day 1–28' })
  .int('Must be a day 1–28')
  .min(1, 'Must be a day 1–28')
  .max(28, 'Must be a day 1–28');

/** The new account's subscription; anything left out comes from Settings (billing day, pro-rating) and the package (price). */
const billingChoice = z
  .object({
    /** Defaults to today (ISP zone). */
    startDate: isoDate.optional(),
    billingDay: billingDay.optional(),
    prorateFirst: z.boolean().optional(),
    /** Defaults to the package price; a different amount (0 = free) needs `feeNote`. */
    monthlyFee: rupiah.optional(),
    feeNote: optionalText(300, 'Fee note'),
  })
  .strict();

/** Needed to make an account active for a customer who is suspended or inactive; audited. */
const overrideReason = optionalText(500, 'Reason');

const invoicePreview = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  amount: z.number().int(),
  prorated: z.boolean(),
  days: z.number().int().nullable(),
  invoiceDate: z.string(),
  dueDate: z.string(),
});

export const billingPreview = z.object({
  /** new: the subscription creating the account would make; change: the account's subscription on this package. */
  mode: z.enum(['new', 'change']),
  subscriptionId: z.number().int().nullable(),
  packageName: z.string(),
  cycle: billingCycle,
  /** Fee per billing cycle, integer rupiah. */
  fee: z.number().int(),
  startDate: z.string(),
  billingDay: z.number().int(),
  prorateFirst: z.boolean(),
  /** The next invoice the run will issue (null when nothing is owed: free or ended). */
  firstInvoice: invoicePreview.nullable(),
});

export const PPPOE_SORT_FIELDS = ['username', 'customerName', 'status', 'lastLogin', 'createdAt'] as const;

export const pppoeContract = {
  'pppoe.list': procedure({
    permission: 'pppoe.read',
    input: z
      .object({
        search: searchText,
        status: pppoeStatus.optional(),
        routerId: id.optional(),
        internetPackageId: id.optional(),
        customerId: id.optional(),
        online: z.boolean().optional(),
        page,
        pageSize,
        sort: z.object({ field: z.enum(PPPOE_SORT_FIELDS), dir: sortDir }).optional(),
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(pppoeAccount),
  }),
  'pppoe.get': procedure({ permission: 'pppoe.read', input: byId.strict(), output: pppoeAccount }),
  /** A readable unused username and a fresh password for the create form. */
  'pppoe.suggest': procedure({
    permission: 'pppoe.write',
    input: z.object({ customerId: id }).strict(),
    output: z.object({ username: z.string(), password: z.string() }),
  }),
  /**
   * An active account is created with its subscription (same transaction): `billing` overrides the
   * Settings' terms. For a suspended or inactive customer it is refused unless `overrideReason` is given.
   */
  'pppoe.create': procedure({
    permission: 'pppoe.write',
    mutates: 'pppoe',
    input: z.object({ ...fields, billing: billingChoice.optional(), overrideReason }).strict(),
    /** `password` is returned once, and only to roles allowed to view passwords. */
    output: z.object({
      account: pppoeAccount,
      password: z.string().nullable(),
      /** The subscription that bills the account (null for an inactive account). */
      subscription: subscription.nullable(),
    }),
  }),
  /** What the account dialog shows: the subscription a new account gets, or an edited account's after a package change. */
  'pppoe.billingPreview': procedure({
    permission: 'pppoe.write',
    input: z
      .object({
        internetPackageId: id,
        /** An existing account (package change); without it, a new account. */
        accountId: id.optional(),
        customerId: id.optional(),
        billing: billingChoice.optional(),
      })
      .strict(),
    output: z.object({
      /** Null for an existing account that no subscription bills yet. */
      billing: billingPreview.nullable(),
      /** The customer's status, when customerId is given: the dialog warns before a suspended customer. */
      customerStatus: z.string().nullable(),
    }),
  }),
  'pppoe.update': procedure({
    permission: 'pppoe.write',
    mutates: 'pppoe',
    input: z
      .object({
        id,
        ...fields,
        customerId: id.optional(),
        internetPackageId: id.optional(),
      })
      .omit({ status: true })
      .strict(),
    output: pppoeAccount,
  }),
  'pppoe.delete': procedure({
    permission: 'pppoe.delete',
    mutates: 'pppoe',
    input: byId.strict(),
    output: z.object({ id: z.number().int() }),
  }),
  /** Refused for a suspended or inactive customer unless `overrideReason` is given; bills the account if nothing does. */
  'pppoe.enable': procedure({
    permission: 'pppoe.write',
    mutates: 'pppoe',
    input: byId.extend({ overrideReason }).strict(),
    output: pppoeAccount,
  }),
  'pppoe.disable': procedure({
    permission: 'pppoe.write',
    mutates: 'pppoe',
    input: byId.strict(),
    output: pppoeAccount,
  }),
  'pppoe.revealPassword': procedure({
    permission: 'pppoe.viewPassword',
    input: byId.strict(),
    output: z.object({ password: z.string() }),
  }),
};
