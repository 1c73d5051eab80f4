import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, updatedAt } from './common';
import { customers, internetPackages } from './customers';
import { brandRef } from './brands';

export const routers = sqliteTable(
  'routers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    host: text('host').notNull(),
    port: integer('port').notNull().default(8728),
    useTls: bool('use_tls').notNull().default(false),
    username: text('username').notNull(),
    /** Encrypted with the secret store (safeStorage / data-dir key); never returned by the API. */
    passwordEnc: text('password_enc'),
    isolirProfile: text('isolir_profile').notNull().default('ISOLIR'),
    notes: text('notes'),
    isActive: bool('is_active').notNull().default(true),
    /** Last known health: unknown | online | offline | auth_failed. */
    state: text('state').notNull().default('unknown'),
    identity: text('identity'),
    version: text('version'),
    uptime: text('uptime'),
    lastSeenAt: text('last_seen_at'),
    lastError: text('last_error'),
    /**
     * Set when the sync worker must not push this router's queue until the owner acts: 'restore' (the
     * data was restored from a backup, so the router may hold a state the restored data does not know).
     */
    syncHold: text('sync_hold'),
    syncHoldSince: text('sync_hold_since'),
    brandId: brandRef(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('routers_name_uq').on(sql`${t.name} COLLATE NOCASE`), index('routers_brand_idx').on(t.brandId)],
);

export const pppoeAccounts = sqliteTable(
  'pppoe_accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    internetPackageId: integer('internet_package_id')
      .notNull()
      .references(() => internetPackages.id),
    routerId: integer('router_id').references(() => routers.id),
    username: text('username').notNull(),
    /** Encrypted with the secret store; shown only to roles with pppoe.viewPassword. */
    passwordEnc: text('password_enc').notNull(),
    staticIp: text('static_ip'),
    /** Profile the account should have when not isolated (normally the package's profile). */
    profileName: text('profile_name').notNull(),
    status: text('status', { enum: ['active', 'inactive', 'suspended', 'expired'] })
      .notNull()
      .default('active'),
    /** Profile to restore after isolir (set when isolated by profile). */
    isolatedFromProfile: text('isolated_from_profile'),
    isolatedAt: text('isolated_at'),
    callerId: text('caller_id'),
    lastLogin: text('last_login'),
    lastIp: text('last_ip'),
    bytesIn: integer('bytes_in').notNull().default(0),
    bytesOut: integer('bytes_out').notNull().default(0),
    expiresAt: text('expires_at'),
    notes: text('notes'),
    /** `.id` of the secret on the router once known. */
    routerSecretId: text('router_secret_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('pppoe_username_uq').on(sql`${t.username} COLLATE NOCASE`),
    index('pppoe_customer_idx').on(t.customerId),
    index('pppoe_package_idx').on(t.internetPackageId),
    index('pppoe_router_idx').on(t.routerId),
    index('pppoe_status_idx').on(t.status),
  ],
);

/**
 * Durable router operations: written in the same transaction as the desired-state change,
 * applied in id order per router by the sync worker, retried with backoff.
 */
export const syncOps = sqliteTable(
  'sync_ops',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    routerId: integer('router_id')
      .notNull()
      .references(() => routers.id),
    /** e.g. secret.upsert, secret.remove, secret.disable, secret.enable, profile.upsert, session.kick */
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    /** JSON: what the router should end up with (no plain-text password; resolved at apply time). */
    payload: text('payload').notNull().default('{}'),
    status: text('status', { enum: ['pending', 'failed', 'done', 'dropped'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: text('next_attempt_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('sync_ops_router_status_idx').on(t.routerId, t.status, t.id),
    // Superseding queued changes of one account (or package) must not scan the whole queue.
    index('sync_ops_entity_idx').on(t.entity, t.entityId, t.status),
  ],
);

/** Periodic byte-counter samples per account (bandwidth report). */
export const trafficSamples = sqliteTable(
  'traffic_samples',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => pppoeAccounts.id),
    routerId: integer('router_id').references(() => routers.id),
    at: text('at').notNull(),
    /** Business date of the sample. */
    day: text('day').notNull(),
    /** Bytes since the previous sample (counter resets handled by the sampler). */
    bytesIn: integer('bytes_in').notNull(),
    bytesOut: integer('bytes_out').notNull(),
  },
  (t) => [index('traffic_account_day_idx').on(t.accountId, t.day), index('traffic_day_idx').on(t.day)],
);
