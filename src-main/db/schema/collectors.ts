import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './common';
import { customers } from './customers';
import { invoices, payments } from './billing';
import { routers } from './network';
import { users } from './system';

/**
 * Which customers a field collector (penagih, role `collector`) may see and collect from: by area (a
 * case-insensitive part of the customer's address, e.g. "RT 03" or "Dusun Krajan"), by router (every
 * customer with a PPPoE account on it) or one customer by hand. A customer matched by any row is assigned.
 */
export const collectorAssignments = sqliteTable(
  'collector_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    collectorId: integer('collector_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['area', 'router', 'customer'] }).notNull(),
    area: text('area'),
    routerId: integer('router_id').references(() => routers.id),
    customerId: integer('customer_id').references(() => customers.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('collector_assign_area_uq')
      .on(t.collectorId, sql`lower(${t.area})`)
      .where(sql`${t.kind} = 'area'`),
    uniqueIndex('collector_assign_router_uq')
      .on(t.collectorId, t.routerId)
      .where(sql`${t.kind} = 'router'`),
    uniqueIndex('collector_assign_customer_uq')
      .on(t.collectorId, t.customerId)
      .where(sql`${t.kind} = 'customer'`),
    check(
      'collector_assign_shape',
      sql`(${t.kind} = 'area' AND ${t.area} IS NOT NULL) OR (${t.kind} = 'router' AND ${t.routerId} IS NOT NULL) OR (${t.kind} = 'customer' AND ${t.customerId} IS NOT NULL)`,
    ),
  ],
);

/** Commission rule per collector: flat rupiah per payment, or basis points of the amount (250 = 2.5%). */
export const collectorCommissions = sqliteTable('collector_commissions', {
  collectorId: integer('collector_id')
    .primaryKey()
    .references(() => users.id),
  kind: text('kind', { enum: ['flat', 'percent'] }).notNull(),
  /** Flat: rupiah per payment. Percent: basis points (1/100 of a percent). */
  value: integer('value').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Hand-overs (setoran): the cashier counts the cash a collector brings against what the collector
 * recorded since the previous hand-over. Never edited; the variance is counted − expected.
 */
export const collectorSettlements = sqliteTable(
  'collector_settlements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    collectorId: integer('collector_id')
      .notNull()
      .references(() => users.id),
    expected: integer('expected').notNull(),
    counted: integer('counted').notNull(),
    variance: integer('variance').notNull(),
    collections: integer('collections').notNull(),
    note: text('note'),
    cashierId: integer('cashier_id').references(() => users.id),
    /** Business date (ISP zone) and instant of the count. */
    settledOn: text('settled_on').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('collector_settlements_idx').on(t.collectorId, t.at)],
);

/**
 * Cash a collector took (online or synced later from the phone). `idempotency_key` is generated on the
 * phone per payment: the unique index makes a replay credit nothing twice. `outcome` says where the
 * money went: the bills, or the deposit when the bill was paid at the desk meanwhile.
 */
export const collectorCollections = sqliteTable(
  'collector_collections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    idempotencyKey: text('idempotency_key').notNull(),
    collectorId: integer('collector_id')
      .notNull()
      .references(() => users.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    invoiceId: integer('invoice_id').references(() => invoices.id),
    paymentId: integer('payment_id')
      .notNull()
      .references(() => payments.id),
    amount: integer('amount').notNull(),
    outcome: text('outcome', { enum: ['invoices', 'deposit'] }).notNull(),
    /** Integer rupiah owed to the collector for this payment (rule at the time, rounded half up). */
    commission: integer('commission').notNull(),
    /** When the phone took the money (its clock) and when the office received the record. */
    collectedAt: text('collected_at').notNull(),
    receivedAt: text('received_at').notNull(),
    /** Business date of receipt (ISP zone): the commission month. */
    receivedOn: text('received_on').notNull(),
    settlementId: integer('settlement_id').references(() => collectorSettlements.id),
  },
  (t) => [
    uniqueIndex('collector_collections_key_uq').on(t.idempotencyKey),
    index('collector_collections_open_idx').on(t.collectorId, t.settlementId),
    index('collector_collections_month_idx').on(t.receivedOn, t.collectorId),
  ],
);

/** Visits without money: "not home", "promised to pay on <date>", or a free note. */
export const collectorVisits = sqliteTable(
  'collector_visits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    collectorId: integer('collector_id')
      .notNull()
      .references(() => users.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: ['not_home', 'promised', 'note'] }).notNull(),
    promisedOn: text('promised_on'),
    note: text('note'),
    at: text('at').notNull(),
  },
  (t) => [index('collector_visits_customer_idx').on(t.customerId, t.at)],
);
