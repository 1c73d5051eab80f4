import { z } from 'zod';
import { brandIdField } from './brands';
import { rupiah } from '../money';
import { customersContract } from './customers';
import { billingCycle } from './packages';
import { byId, id, listOf, optionalText, procedure, requiredText, searchText, timestamp } from './define';

export const ROUTER_STATES = ['unknown', 'online', 'offline', 'auth_failed'] as const;
export const routerState = z.enum(ROUTER_STATES);

/** IPv4 dotted quad or a DNS host name. */
export const hostName = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: 'Host is required' })
    .min(1, 'Host is required')
    .max(253, 'Host must be at most 253 characters')
    .refine(
      (h) =>
        /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(h) ||
        (!/^[\d.]+$/.test(h) &&
          /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(
            h,
          )),
      'Host must be an IPv4 address (e.g. 192.168.88.1) or a host name',
    ),
);
export const port = z
  .number({ error: 'Port must be a number' })
  .int('Port must be a whole number')
  .min(1, 'Port must be between 1 and 65535')
  .max(65535, 'Port must be between 1 and 65535');
export const routerUsername = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: 'Username is required' })
    .regex(/^[A-Za-z0-9_.@-]{1,64}$/, "Username may use letters, digits, '_', '.', '@', '-' (1–64)"),
);
export const profileName = (label = 'Profile') =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: `${label} is required` })
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, `${label} may use letters, digits, '_', '.', '-' (1–64)`),
  );
const routerPassword = z.string().max(128, 'Password must be at most 128 characters');

export const router = z.object({
  id: z.number().int(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  useTls: z.boolean(),
  username: z.string(),
  /** The password itself never leaves the main process. */
  hasPassword: z.boolean(),
  isolirProfile: z.string(),
  notes: z.string().nullable(),
  isActive: z.boolean(),
  state: routerState,
  identity: z.string().nullable(),
  version: z.string().nullable(),
  uptime: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** 'restore': the sync queue waits for the owner after a restore (see sync.status). */
  syncHold: z.enum(['restore']).nullable(),
  accounts: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  /** The brand it belongs to (issue 18). */
  brandId: z.number().int(),
});
export type Router = z.output<typeof router>;

const routerFields = {
  brandId: brandIdField,
  name: requiredText(80, 'Name'),
  host: hostName,
  port: port.optional(),
  useTls: z.boolean().optional(),
  username: routerUsername,
  password: routerPassword.optional(),
  isolirProfile: profileName('Isolir profile').optional(),
  notes: optionalText(1000, 'Notes'),
  isActive: z.boolean().optional(),
};

export const testResult = z.object({
  ok: z.boolean(),
  identity: z.string().nullable(),
  version: z.string().nullable(),
  uptime: z.string().nullable(),
  boardName: z.string().nullable(),
  /** unreachable | refused | auth | timeout | ... when not ok. */
  reason: z.string().nullable(),
  message: z.string().nullable(),
  ms: z.number(),
});
export type RouterTestResult = z.output<typeof testResult>;

/** What the import wizard lets the user set for a new customer: the customer form's own fields and rules. */
const importedCustomer = customersContract['customers.create'].input.pick({
  name: true,
  phone: true,
  email: true,
  address: true,
});

export const importProfile = z.object({
  name: z.string(),
  rateLimit: z.string().nullable(),
  upKbps: z.number().int().nullable(),
  downKbps: z.number().int().nullable(),
  /** Burst/priority fields after the first rx/tx pair. */
  burst: z.string().nullable(),
  remoteAddress: z.string().nullable(),
  secrets: z.number().int(),
  existingPackageId: z.number().int().nullable(),
  existingPackageName: z.string().nullable(),
  /** create: a new package is proposed; exists: already linked; unparsable: rate-limit unreadable (set speeds by hand). */
  proposal: z.enum(['create', 'exists', 'unparsable']),
});
export const importSecret = z.object({
  name: z.string(),
  profile: z.string(),
  remoteAddress: z.string().nullable(),
  disabled: z.boolean(),
  comment: z.string().nullable(),
  service: z.string(),
  customerCode: z.string().nullable(),
  existingCustomerId: z.number().int().nullable(),
  existingCustomerName: z.string().nullable(),
  /** For a new customer: the name (the comment without its code, else the username) and a phone found there. */
  proposedName: z.string(),
  proposedPhone: z.string().nullable(),
  /** username: already in the app; unknown_profile: profile neither on the router nor a package; bad_ip: remote-address is not IPv4. */
  conflict: z.enum(['username', 'unknown_profile', 'bad_ip']).nullable(),
});
export const importPreview = z.object({
  routerId: z.number().int(),
  profiles: z.array(importProfile),
  secrets: z.array(importSecret),
});
export type ImportPreview = z.output<typeof importPreview>;

/**
 * Secrets: missing (not on the router), extra (only on the router), unowned (a secret of the same name
 * the app did not create: never overwritten without the owner's choice), noProfile (its profile is
 * missing on the router, so it cannot be created there), and the field differences.
 * Profiles of the packages (and the isolir profile): profileMissing, rateLimit, pool.
 */
export const DRIFT_KINDS = [
  'missing',
  'extra',
  'unowned',
  'noProfile',
  'profile',
  'disabled',
  'password',
  'staticIp',
  'comment',
  'profileMissing',
  'rateLimit',
  'pool',
] as const;
export const driftKind = z.enum(DRIFT_KINDS);
export type DriftKind = z.output<typeof driftKind>;
export const driftItem = z.object({
  key: z.string(),
  /** What differs: a PPP secret (an account) or a PPP profile (a package, or the isolir profile). */
  subject: z.enum(['secret', 'profile']),
  /** The secret's username or the profile's name. */
  username: z.string(),
  accountId: z.number().int().nullable(),
  packageId: z.number().int().nullable(),
  kind: driftKind,
  app: z.string().nullable(),
  router: z.string().nullable(),
});
export type DriftItem = z.output<typeof driftItem>;
export const driftDirection = z.enum(['push', 'adopt']);

export const routersContract = {
  'routers.list': procedure({
    permission: 'routers.read',
    input: z.object({ search: searchText }).strict().default({}),
    output: listOf(router),
  }),
  'routers.get': procedure({ permission: 'routers.read', input: byId.strict(), output: router }),
  'routers.create': procedure({
    permission: 'routers.write',
    mutates: 'routers',
    input: z.object({ ...routerFields, password: routerPassword.min(1, 'Password is required') }).strict(),
    output: router,
  }),
  'routers.update': procedure({
    permission: 'routers.write',
    mutates: 'routers',
    input: z
      .object({
        id,
        ...routerFields,
        name: routerFields.name.optional(),
        host: hostName.optional(),
        username: routerUsername.optional(),
        /** Omit to keep the stored password. */
        password: routerPassword.min(1, 'Password is required').optional(),
      })
      .strict(),
    output: router,
  }),
  'routers.delete': procedure({
    permission: 'routers.delete',
    mutates: 'routers',
    input: byId.strict(),
    output: z.object({ id: z.number().int() }),
  }),
  /** Either a saved router (`id`) or unsaved form values (password falls back to the saved one when `id` is given). */
  'routers.test': procedure({
    permission: 'routers.read',
    input: z
      .object({
        id: id.optional(),
        host: hostName.optional(),
        port: port.optional(),
        useTls: z.boolean().optional(),
        username: routerUsername.optional(),
        password: routerPassword.optional(),
      })
      .strict()
      .refine((v) => v.id !== undefined || (v.host !== undefined && v.username !== undefined), {
        message: 'Give a saved router or a host and username',
        path: ['host'],
      }),
    output: testResult,
  }),
  /** Reads the router's profiles and secrets; with `apply`, imports what the user accepted in one transaction. */
  'routers.import': procedure({
    permission: 'routers.write',
    mutates: 'pppoe',
    input: z
      .object({
        routerId: id,
        /** Only pppoe secrets (default) or every service. */
        anyService: z.boolean().optional(),
        apply: z
          .object({
            profiles: z
              .array(
                z
                  .object({
                    name: z.string().min(1),
                    packageName: requiredText(80, 'Package name'),
                    price: rupiah,
                    billingCycle: billingCycle.optional(),
                    upKbps: z.number().int().min(8).max(100_000_000).optional(),
                    downKbps: z.number().int().min(8).max(100_000_000).optional(),
                  })
                  .strict(),
              )
              .max(1000),
            secrets: z.array(z.string().min(1)).max(50_000),
            /** New customers' details as confirmed in the wizard (checked like the customer form). */
            customers: z
              .array(z.object({ secret: z.string().min(1), ...importedCustomer.shape }).strict())
              .max(50_000)
              .optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    output: z.object({
      preview: importPreview,
      applied: z
        .object({
          packages: z.number().int(),
          customers: z.number().int(),
          accounts: z.number().int(),
          skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
        })
        .nullable(),
    }),
  }),
  'routers.drift': procedure({
    permission: 'routers.read',
    input: z.object({ routerId: id }).strict(),
    output: z.object({
      routerId: z.number().int(),
      checkedAt: timestamp,
      accountsInApp: z.number().int(),
      secretsOnRouter: z.number().int(),
      profilesInApp: z.number().int(),
      profilesOnRouter: z.number().int(),
      items: z.array(driftItem),
    }),
  }),
  'routers.repair': procedure({
    permission: 'routers.write',
    mutates: 'pppoe',
    input: z
      .object({
        routerId: id,
        /** Specific differences (key from routers.drift) with a direction each, or `all` in one direction. */
        items: z
          .array(z.object({ key: z.string().min(1), direction: driftDirection }).strict())
          .max(50_000)
          .optional(),
        all: driftDirection.optional(),
        dryRun: z.boolean().default(false),
      })
      .strict()
      .refine((v) => v.items !== undefined || v.all !== undefined, { message: 'Choose items or all', path: ['items'] }),
    output: z.object({
      dryRun: z.boolean(),
      changes: z.array(
        z.object({
          key: z.string(),
          subject: z.enum(['secret', 'profile']),
          username: z.string(),
          kind: driftKind,
          direction: driftDirection,
          /** The English log line; screens word it themselves from kind/direction. */
          description: z.string(),
        }),
      ),
      queued: z.number().int(),
    }),
  }),
};
