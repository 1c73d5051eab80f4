import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './system';

/**
 * Client request ids of money writes (issue 17): payments.create, refunds.create, resellers.topup and
 * reseller.pay record the id the seat sent in the SAME transaction as the money, so a request sent again
 * after its answer was lost finds this row and gets the first result; the unique index makes a second
 * payment for one id impossible, also across restarts. Scoped per user: one user's id never meets
 * another's. Append-only (triggers in drizzle/0030), never pruned: it is part of the money's history.
 */
export const clientRequests = sqliteTable(
  'client_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Who sent it (the signed-in staff member or reseller). */
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** The id as the client sent it (a UUID). */
    requestId: text('request_id').notNull(),
    /** The channel it was sent on, e.g. `payments.create`. */
    channel: text('channel').notNull(),
    /** SHA-256 of the channel and the request's content (without the id): the same id with other content is refused. */
    contentHash: text('content_hash').notNull(),
    /** What the first request wrote. */
    entity: text('entity', { enum: ['payment', 'refund', 'reseller_movement'] }).notNull(),
    entityId: integer('entity_id').notNull(),
    /** Figures of the first answer that the rows cannot give back later (JSON; no personal data). */
    answer: text('answer').notNull(),
    at: text('at').notNull(),
  },
  (t) => [
    uniqueIndex('client_requests_user_uq').on(t.userId, t.requestId),
    index('client_requests_entity_idx').on(t.entity, t.entityId),
  ],
);
