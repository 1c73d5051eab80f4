import { sql } from 'drizzle-orm';
import { integer, text } from 'drizzle-orm/sqlite-core';

/** UTC instants stored as ISO-8601 text (sortable, readable in any SQLite browser). */
export const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
export const updatedAt = () =>
  text('updated_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
export const bool = (name: string) => integer(name, { mode: 'boolean' });
/** Money: integer rupiah, never REAL. */
export const money = (name: string) => integer(name).notNull().default(0);
