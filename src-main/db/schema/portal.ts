import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { invoices } from './billing';
import { customers } from './customers';
import { users } from './system';

/** A customer's portal password (argon2id, like staff passwords). No row: the portal is closed to them. */
export const portalCredentials = sqliteTable('portal_credentials', {
  customerId: integer('customer_id')
    .primaryKey()
    .references(() => customers.id),
  passwordHash: text('password_hash').notNull(),
  /** When it was last set, and by whom: a staff user (front desk) or null (the customer themselves). */
  setAt: text('set_at').notNull(),
  setBy: integer('set_by').references(() => users.id),
  lastLoginAt: text('last_login_at'),
});

/** Customer sessions of the portal. A realm of their own: never the staff `auth_sessions`. */
export const portalSessions = sqliteTable(
  'portal_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** SHA-256 of the cookie's token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    createdAt: createdAt(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    uniqueIndex('portal_sessions_token_uq').on(t.tokenHash),
    index('portal_sessions_customer_idx').on(t.customerId),
  ],
);

/** Support tickets opened by customers in the portal; answered by staff in the Tiket screen. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    category: text('category', { enum: ['gangguan', 'tagihan', 'lainnya'] }).notNull(),
    /** open: waiting for staff; answered: staff replied last; closed: done (a customer reply reopens it). */
    status: text('status', { enum: ['open', 'answered', 'closed'] })
      .notNull()
      .default('open'),
    assignedTo: integer('assigned_to').references(() => users.id),
    closedAt: text('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('tickets_customer_idx').on(t.customerId, t.id),
    index('tickets_status_idx').on(t.status, t.updatedAt),
    index('tickets_assigned_idx').on(t.assignedTo, t.status),
  ],
);

export const ticketMessages = sqliteTable(
  'ticket_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    author: text('author', { enum: ['customer', 'staff'] }).notNull(),
    /** The staff member who wrote it (null for the customer). */
    userId: integer('user_id').references(() => users.id),
    body: text('body').notNull(),
    /** An optional photo (JPEG/PNG/WebP, checked by its bytes), kept in the encrypted database. */
    photo: blob('photo', { mode: 'buffer' }),
    photoType: text('photo_type'),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_messages_ticket_idx').on(t.ticketId, t.id)],
);

/**
 * The pay link of an invoice (`/bayar/<token>` on the portal): opens that invoice's pay page without a
 * portal password, for reminders and the isolir page. A random token, made the first time it is asked for.
 */
export const portalPayLinks = sqliteTable(
  'portal_pay_links',
  {
    token: text('token').primaryKey(),
    invoiceId: integer('invoice_id')
      .notNull()
      .references(() => invoices.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('portal_pay_links_invoice_uq').on(t.invoiceId)],
);
