import { z } from 'zod';
import { isoDate } from '../dates';
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
      /^[A-Za-z0-9][A-Za-z0-9_.@\-]{1,63}$/,
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
  'pppoe.create': procedure({
    permission: 'pppoe.write',
    mutates: 'pppoe',
    input: z.object(fields).strict(),
    /** `password` is returned once, and only to roles allowed to view passwords. */
    output: z.object({ account: pppoeAccount, password: z.string().nullable() }),
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
  'pppoe.enable': procedure({
    permission: 'pppoe.write',
    mutates: 'pppoe',
    input: byId.strict(),
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
