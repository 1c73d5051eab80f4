import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { customers } from './customers';
import { users } from './system';

/**
 * One row per erasure of a customer's personal data (UU PDP request): who asked, why, who did it and
 * from where. `scrubbing` is 1 only inside the erase transaction: the audit trail's update trigger lets
 * that transaction (and nothing else) blank personal values inside old audit rows; see
 * drizzle/0010_privacy_erasure.sql.
 */
export const privacyErasures = sqliteTable(
  'privacy_erasures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    customerCode: text('customer_code').notNull(),
    at: text('at').notNull(),
    requestedBy: text('requested_by').notNull(),
    reason: text('reason').notNull(),
    userId: integer('user_id').references(() => users.id),
    source: text('source'),
    scrubbing: integer('scrubbing').notNull().default(0),
  },
  (t) => [index('privacy_erasures_customer_idx').on(t.customerId)],
);
