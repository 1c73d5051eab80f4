import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, updatedAt } from './common';
import { users } from './system';

/**
 * Outgoing webhook endpoints (issue 17). The signing secret is sealed with the app's secret box (it
 * must be read back to sign); `secret_hint` is its first characters, to tell rotations apart.
 */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull(),
  description: text('description'),
  /** JSON array of event types (src-shared/webhook-events.ts). */
  events: text('events').notNull(),
  enabled: bool('enabled').notNull().default(true),
  secretEnc: text('secret_enc').notNull(),
  secretHint: text('secret_hint').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * The outbox: one row per business event, written by triggers (drizzle/…_webhooks.sql, hand-written)
 * in the same transaction as the change, and only while an enabled endpoint wants that type.
 */
export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `evt_<32 hex>`: stable across retries and resends, for the receiver to dedupe. */
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    /** JSON snapshot of the object at the time of the event. */
    data: text('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('webhook_events_event_id_uq').on(t.eventId)],
);

/** One delivery of one event to one endpoint: attempts, last outcome, next try. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventRowId: integer('event_row_id')
      .notNull()
      .references(() => webhookEvents.id),
    endpointId: integer('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Null: due now (rows written by the triggers, which do not know the app's clock). */
    nextAttemptAt: text('next_attempt_at'),
    lastAttemptAt: text('last_attempt_at'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: text('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('webhook_deliveries_due_idx')
      .on(t.status, t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
  ],
);
