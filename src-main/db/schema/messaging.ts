import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, updatedAt } from './common';
import { customers } from './customers';
import { invoices, payments } from './billing';
import { users } from './system';

/**
 * The durable outbox: every customer message is a row first, written in the transaction of the
 * business event that causes it (invoice run, payment, isolir, restore, the daily reminder pass).
 * `dedupe_key` (kind + customer + invoice or payment or day) is unique: a retried event or a second
 * scheduler pass can never queue a second message for the same event.
 */
export const messageOutbox = sqliteTable(
  'message_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').notNull(),
    kind: text('kind').notNull(),
    /** whatsapp | sms | email: resolved when queued (customer's preference, else the ISP's default). */
    channel: text('channel').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    invoiceId: integer('invoice_id').references(() => invoices.id),
    paymentId: integer('payment_id').references(() => payments.id),
    broadcastId: integer('broadcast_id'),
    /** The ticket a "ticket answered" message is about. */
    ticketId: integer('ticket_id'),
    /** queued → sending (attempt recorded) → sent | queued (retry) | failed | unknown; or cancelled. */
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'cancelled', 'unknown'] })
      .notNull()
      .default('queued'),
    /** UTC instant before which the worker leaves the row alone (backoff after a failure). */
    nextAttemptAt: text('next_attempt_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: text('last_attempt_at'),
    /** Set at the attempt: the provider, the address and the exact text that went out. */
    provider: text('provider'),
    recipient: text('recipient'),
    body: text('body'),
    providerMessageId: text('provider_message_id'),
    providerStatus: text('provider_status'),
    /** Our classification of the last failure (FailureReason, `invalid_phone`, `template`…) or the cancel reason. */
    reason: text('reason'),
    detail: text('detail'),
    sentAt: text('sent_at'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('message_outbox_dedupe_uq').on(t.dedupeKey),
    // The worker's pick: only queued rows are in this index, so it stays small however many sent rows pile up.
    index('message_outbox_due_idx')
      .on(t.channel, t.nextAttemptAt, t.id)
      .where(sql`status = 'queued'`),
    index('message_outbox_status_idx').on(t.status, t.id),
    index('message_outbox_customer_idx').on(t.customerId, t.id),
    index('message_outbox_invoice_idx').on(t.invoiceId),
    index('message_outbox_broadcast_idx').on(t.broadcastId),
  ],
);

/**
 * One provider per channel kind. Secrets (tokens, passwords) sit sealed in `secret` (the app's
 * SecretBox, like router passwords) and are never sent to the renderer. The throttle counters live
 * here so a restart keeps the daily cap and the gap.
 */
export const messageChannels = sqliteTable('message_channels', {
  channel: text('channel', { enum: ['whatsapp', 'sms', 'email', 'push'] }).primaryKey(),
  provider: text('provider').notNull(),
  enabled: bool('enabled').notNull().default(true),
  paused: bool('paused').notNull().default(false),
  /** JSON of the provider's non-secret settings (base URL, sender, phone number id, SMTP host…). */
  config: text('config').notNull().default('{}'),
  secret: text('secret'),
  minGapMs: integer('min_gap_ms').notNull(),
  maxGapMs: integer('max_gap_ms').notNull(),
  dailyCap: integer('daily_cap'),
  quietStart: text('quiet_start'),
  quietEnd: text('quiet_end'),
  notBefore: integer('not_before').notNull().default(0),
  counterDay: text('counter_day'),
  sentToday: integer('sent_today').notNull().default(0),
  updatedAt: updatedAt(),
});

/** Per kind: on/off, its day offset (H-3 → 3, overdue → days after due) and the ISP's own texts. */
export const messageKinds = sqliteTable('message_kinds', {
  kind: text('kind').primaryKey(),
  enabled: bool('enabled').notNull().default(true),
  days: integer('days'),
  /** JSON `{ id?: Partial<KindTexts>, en?: Partial<KindTexts> }`. */
  texts: text('texts').notNull().default('{}'),
  updatedAt: updatedAt(),
});

/** Per customer: preferred channel and the kinds they opted out of (JSON array). */
export const customerMessagePrefs = sqliteTable('customer_message_prefs', {
  customerId: integer('customer_id')
    .primaryKey()
    .references(() => customers.id),
  channel: text('channel'),
  optOut: text('opt_out').notNull().default('[]'),
  updatedAt: updatedAt(),
});

/** Click-to-chat links offered to staff (the message went out from their own WhatsApp, or not). */
export const messageLinkOffers = sqliteTable(
  'message_link_offers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    invoiceId: integer('invoice_id').references(() => invoices.id),
    userId: integer('user_id').references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [index('message_link_offers_customer_idx').on(t.customerId)],
);

/** A manual broadcast (e.g. a gangguan notice): its text, audience and end date; one outbox row per customer. */
export const messageBroadcasts = sqliteTable('message_broadcasts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  body: text('body').notNull(),
  /** null: every customer not inactive. */
  routerId: integer('router_id'),
  /** Business date after which what is still queued is cancelled (the outage is over). */
  expiresOn: text('expires_on'),
  queued: integer('queued').notNull().default(0),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
});

/**
 * Which desktop notifications a staff user wants (new ticket, online payment, router down…): one row per
 * user and kind they changed; a kind without a row is on.
 */
export const staffNotificationPrefs = sqliteTable(
  'staff_notification_prefs',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    enabled: bool('enabled').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('staff_notification_prefs_uq').on(t.userId, t.kind)],
);

/**
 * A customer's browsers that allowed Web Push on the portal (`pushManager.subscribe()`): one row per
 * device, unique by its endpoint (a browser re-subscribing moves nothing). The keys are the browser's,
 * public by design; the endpoint is personal data (erased with the customer). A 404/410 from the push
 * service removes the row.
 */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    /** A short label of the device ("Chrome · Android"), so staff can tell a customer's devices apart. */
    device: text('device'),
    createdAt: createdAt(),
    lastSentAt: text('last_sent_at'),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_uq').on(t.endpoint),
    index('push_subscriptions_customer_idx').on(t.customerId),
  ],
);

/**
 * Which devices already got an outbox message: a retry after a 429/5xx on one device sends only to
 * the devices that did not get it (the others would see it twice if the Topic had already been shown).
 */
export const pushDeliveries = sqliteTable(
  'push_deliveries',
  {
    outboxId: integer('outbox_id').notNull(),
    subscriptionId: integer('subscription_id').notNull(),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('push_deliveries_uq').on(t.outboxId, t.subscriptionId)],
);
