import { z } from 'zod';
import { OFFICE_ROLES, ROLES } from '../permissions';
import { procedure, requiredText } from './define';

export const role = z.enum(ROLES, { error: 'Role must be admin, manager, staff, reseller or collector' });
/** Roles the Users screen gives; a reseller's sign-in is made on the reseller's page (resellers.setLogin). */
export const officeRole = z.enum(OFFICE_ROLES, { error: 'Role must be admin, manager, staff or collector' });

export const username = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: 'Username is required' })
    .min(3, 'Username must be at least 3 characters')
    .max(32, 'Username must be at most 32 characters')
    .regex(/^[A-Za-z0-9_.-]+$/, 'Username may use letters, digits, dot, dash and underscore'),
);
export const newPassword = z
  .string({ error: 'Password is required' })
  .min(8, 'Password must be at least 8 characters')
  .max(128, 'Password must be at most 128 characters');

export const me = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  role,
  mustChangePassword: z.boolean(),
  expiresAt: z.string(),
  permissions: z.array(z.string()),
  /** Limited to some brands: `permissions` holds only what the brand gate lets through (no role fallback). */
  brandLimited: z.literal(true).optional(),
});
export type Me = z.output<typeof me>;

const loginResult = z.object({ token: z.string(), user: me });

export const authContract = {
  'system.info': procedure({
    permission: 'public',
    input: z.object({}).strict().default({}),
    output: z.object({
      appName: z.string(),
      version: z.string(),
      schemaVersion: z.number().int(),
      needsSetup: z.boolean(),
      language: z.enum(['id', 'en']),
      timeZone: z.string(),
      ispName: z.string(),
      /** Idle minutes before a session ends; the UI locks itself after as long without activity. */
      sessionTimeoutMinutes: z.number().int(),
    }),
  }),
  'setup.createAdmin': procedure({
    permission: 'public',
    mutates: 'users',
    input: z.object({ username, fullName: requiredText(80, 'Full name'), password: newPassword }).strict(),
    output: loginResult,
  }),
  'auth.login': procedure({
    permission: 'public',
    input: z.object({ username: z.string().max(64), password: z.string().max(256) }).strict(),
    output: loginResult,
  }),
  'auth.logout': procedure({
    permission: 'authenticated',
    input: z.object({}).strict().default({}),
    output: z.object({ ok: z.boolean() }),
  }),
  'auth.me': procedure({ permission: 'authenticated', input: z.object({}).strict().default({}), output: me }),
  'auth.changePassword': procedure({
    permission: 'authenticated',
    mutates: 'users',
    input: z.object({ currentPassword: z.string().max(256), newPassword }).strict(),
    output: z.object({ ok: z.boolean() }),
  }),
  'demo.load': procedure({
    permission: 'system.admin',
    mutates: 'all',
    input: z.object({}).strict().default({}),
    /** What was added (nothing when loaded twice); invoices and payments only into an empty ledger. */
    output: z.object({
      packages: z.number().int(),
      customers: z.number().int(),
      accounts: z.number().int(),
      invoices: z.number().int(),
      payments: z.number().int(),
    }),
  }),
};
