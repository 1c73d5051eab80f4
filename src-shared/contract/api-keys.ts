import { z } from 'zod';
import { API_SCOPES, DEFAULT_KEY_RATE_PER_MINUTE, MAX_KEY_RATE_PER_MINUTE } from '../api-scopes';
import { id, optionalText, procedure, requiredText, timestamp } from './define';

/** API keys for other systems: made and revoked by an admin; the secret is shown once, at creation. */
export const apiScope = z.enum(API_SCOPES, { error: `Scope must be one of ${API_SCOPES.join(', ')}` });

const ipOrCidr = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: 'Allowed address must be an IP address or a CIDR range, e.g. 203.0.113.7 or 10.0.0.0/24',
});

export const apiKey = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The public part of the secret (`pdk_<prefix>_…`), to tell keys apart. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  allowedIps: z.array(z.string()).nullable(),
  expiresAt: timestamp.nullable(),
  ratePerMinute: z.number().int(),
  createdAt: timestamp,
  createdByName: z.string().nullable(),
  revokedAt: timestamp.nullable(),
  lastUsedAt: timestamp.nullable(),
  lastUsedFrom: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});
export type ApiKey = z.output<typeof apiKey>;

export const apiKeysContract = {
  'apiKeys.list': procedure({
    permission: 'apiKeys.manage',
    input: z.object({}).strict().default({}),
    output: z.object({ items: z.array(apiKey) }),
  }),
  'apiKeys.create': procedure({
    permission: 'apiKeys.manage',
    mutates: 'apiKeys',
    input: z
      .object({
        name: requiredText(60, 'Name'),
        scopes: z.array(apiScope).min(1, 'Choose at least one scope').max(API_SCOPES.length),
        allowedIps: z.array(ipOrCidr).max(50, 'At most 50 allowed addresses').optional(),
        expiresAt: z.iso.datetime({ error: 'Expiry must be a date and time' }).optional(),
        ratePerMinute: z
          .number({ error: 'Requests per minute must be a number' })
          .int('Requests per minute must be a whole number')
          .min(1, 'Requests per minute must be at least 1')
          .max(MAX_KEY_RATE_PER_MINUTE, `Requests per minute must be at most ${MAX_KEY_RATE_PER_MINUTE}`)
          .default(DEFAULT_KEY_RATE_PER_MINUTE),
      })
      .strict(),
    /** `secret` is shown once; only its keyed hash is stored. */
    output: z.object({ key: apiKey, secret: z.string() }),
  }),
  'apiKeys.revoke': procedure({
    permission: 'apiKeys.manage',
    mutates: 'apiKeys',
    input: z.object({ id, reason: optionalText(500, 'Reason') }).strict(),
    output: apiKey,
  }),
};
