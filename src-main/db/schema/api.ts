import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './common';
import { users } from './system';

/**
 * API keys for other systems (`/api/v1/`). The secret is `pdk_<prefix>_<secret>`: the prefix finds the
 * row, the secret is checked against an HMAC-SHA256 keyed with the row's own salt (see core/api-keys).
 */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    salt: text('salt').notNull(),
    secretHash: text('secret_hash').notNull(),
    /** JSON array of scopes (src-shared/api-scopes.ts). */
    scopes: text('scopes').notNull(),
    /** JSON array of addresses / CIDRs; null: any address. */
    allowedIps: text('allowed_ips'),
    expiresAt: text('expires_at'),
    ratePerMinute: integer('rate_per_minute').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    revokedAt: text('revoked_at'),
    revokedBy: integer('revoked_by').references(() => users.id),
    lastUsedAt: text('last_used_at'),
    lastUsedFrom: text('last_used_from'),
  },
  (t) => [
    uniqueIndex('api_keys_prefix_uq').on(t.prefix),
    uniqueIndex('api_keys_name_uq').on(sql`${t.name} COLLATE NOCASE`),
  ],
);

/**
 * One row per Idempotency-Key of a key's POST: the first answer is stored and replayed; the unique index
 * makes a second payment for the same key impossible even across restarts.
 */
export const apiIdempotency = sqliteTable(
  'api_idempotency',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    idempotencyKey: text('idempotency_key').notNull(),
    /** `POST /api/v1/payments`: the same key on another route is a different request. */
    route: text('route').notNull(),
    bodyHash: text('body_hash').notNull(),
    status: integer('status').notNull(),
    response: text('response').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('api_idempotency_uq').on(t.apiKeyId, t.idempotencyKey),
    index('api_idempotency_created_idx').on(t.createdAt),
  ],
);
