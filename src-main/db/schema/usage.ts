import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { pppoeAccounts, routers } from './network';

/**
 * Data used per account per business day (the ISP's time zone), summed from the sampler's deltas.
 * bytesIn = downloaded by the customer, bytesOut = uploaded. One row per account and day however often
 * the routers are sampled; the bandwidth report and the usage charts read this.
 */
export const usageDaily = sqliteTable(
  'usage_daily',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => pppoeAccounts.id),
    day: text('day').notNull(),
    /** The router the account was last sampled on that day (null once the router is deleted). */
    routerId: integer('router_id').references(() => routers.id),
    bytesIn: integer('bytes_in').notNull().default(0),
    bytesOut: integer('bytes_out').notNull().default(0),
    /** Samples that added to the day (the report shows how much it is based on). */
    samples: integer('samples').notNull().default(0),
  },
  // Issue 20: (day, total, account, bytes) gives each day's accounts largest first for the top users
  // (drizzle/0040) and still covers the per-account sums of a range (no row look-ups).
  (t) => [
    primaryKey({ columns: [t.accountId, t.day] }),
    index('usage_daily_day_total_idx').on(t.day, sql`${t.bytesIn} + ${t.bytesOut}`, t.accountId, t.bytesIn, t.bytesOut),
  ],
);

/**
 * Issue 20: usage_daily summed per day × brand × package × router, kept by SQLite triggers
 * (drizzle/0037_usage_daily_totals.sql) on usage_daily, on an account's package/customer and on a
 * customer's brand, so the bandwidth report's series, packages and routers read a few hundred rows
 * instead of every account's day. Keyed by the account's current package and customer's brand, like
 * the raw report. `rows` = usage_daily rows summed (a group with none left is not reported).
 */
export const usageDailyTotals = sqliteTable(
  'usage_daily_totals',
  {
    day: text('day').notNull(),
    brandId: integer('brand_id').notNull(),
    packageId: integer('package_id').notNull(),
    /** 0 when the usage row has no router (deleted). */
    routerId: integer('router_id').notNull().default(0),
    rows: integer('rows').notNull().default(0),
    bytesIn: integer('bytes_in').notNull().default(0),
    bytesOut: integer('bytes_out').notNull().default(0),
    samples: integer('samples').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.brandId, t.packageId, t.routerId] })],
);

/**
 * The last byte counters seen of each account's live session (its `<pppoe-NAME>` interface), so a
 * delta survives an app restart; a different interface id or a smaller counter is a new session
 * (reconnect or router reboot). Also the speed between the last two samples.
 */
export const usageCounters = sqliteTable('usage_counters', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => pppoeAccounts.id),
  routerId: integer('router_id').references(() => routers.id),
  /** RouterOS `.id` of the session's dynamic interface: a new one per session. */
  ifaceId: text('iface_id').notNull(),
  rxBytes: integer('rx_bytes').notNull(),
  txBytes: integer('tx_bytes').notNull(),
  at: text('at').notNull(),
  /** bits per second over the last interval: in = download, out = upload. */
  bpsIn: integer('bps_in').notNull().default(0),
  bpsOut: integer('bps_out').notNull().default(0),
});
