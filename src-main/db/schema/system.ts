import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, updatedAt } from './common';

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    role: text('role', { enum: ['admin', 'manager', 'staff', 'reseller', 'collector'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    isActive: bool('is_active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: text('locked_until'),
    mustChangePassword: bool('must_change_password').notNull().default(false),
    lastLoginAt: text('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`${t.username} COLLATE NOCASE`)],
);

/** Signed-in sessions. Only a SHA-256 of the bearer token is stored. */
export const authSessions = sqliteTable(
  'auth_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    transport: text('transport').notNull().default('http'),
    /** Where it was signed in from: `desktop` or the peer address (issue 17, the users screen shows it). */
    source: text('source'),
    /** The browser's User-Agent as sent (cut to 300 characters) and the short label made from it. */
    userAgent: text('user_agent'),
    device: text('device'),
    /** this_pc / office / phone / api: which kind of seat. */
    seat: text('seat', { enum: ['this_pc', 'office', 'phone', 'api'] }),
    /** Who ended it from the sessions list (null: signed out, expired, or ended by a password change). */
    endedBy: integer('ended_by').references(() => users.id),
  },
  (t) => [uniqueIndex('auth_sessions_token_uq').on(t.tokenHash), index('auth_sessions_user_idx').on(t.userId)],
);

/** Key/value settings; values are JSON. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
});

/** Named counters for business numbers (customer code, invoice/payment sequences). Never decremented. */
export const sequences = sqliteTable('sequences', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/** Append-only audit trail, written in the same transaction as the change it records. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: integer('user_id').references(() => users.id),
    username: text('username'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
    reason: text('reason'),
    /** Where the action came from: `desktop` (the desktop app), the peer address (browser host), null (the app itself). */
    source: text('source'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_entity_idx').on(t.entity, t.entityId),
    index('audit_source_idx').on(t.source),
    // Browsing by action (or its prefix) or by user, newest first: a range of the index in id order.
    index('audit_action_idx').on(t.action, t.id),
    index('audit_user_idx').on(t.userId, t.id),
  ],
);

/**
 * How far the audit trail's text index (audit_fts, migration 0034) is caught up: every audit row with
 * id ≤ `through` is in it. One row (id 1). Kept lazily, not by a trigger, so audited writes pay nothing:
 * a text search (or an idle moment) indexes the rows after the mark first (data/audit-search.ts).
 */
export const auditFtsMark = sqliteTable('audit_fts_mark', {
  id: integer('id').primaryKey(),
  through: integer('through').notNull(),
});

/**
 * How many audit rows each action has (migration 0043), kept by a trigger on audit_log inserts. The trail
 * is append-only and an erasure never changes an action, so the counts stay exact. An action filter alone
 * reads its total here instead of counting index entries (audit.queries.ts), which grew with the trail.
 * WITHOUT ROWID in the migration (drizzle cannot say it): the trigger then costs an audit insert 1.5 µs.
 */
export const auditActionCounts = sqliteTable('audit_action_counts', {
  action: text('action').primaryKey(),
  rows: integer('rows').notNull(),
});

/**
 * Where the audit trail's instants went backwards (migration 0042). Each row is a stretch `low` < x ≤ `high`
 * of instants that some step from one audit row to the next (by id) jumped back across: a row stamped
 * `high` or later followed by one stamped before it (a PC clock set back; the API call log writing its
 * calls' instants a second late). Overlapping stretches are merged, so the rows are disjoint. An instant
 * outside every stretch splits the trail in two by id: every row before some id is stamped earlier, every
 * row from it on at or after — which lets a date-filtered page walk the ids it covers (audit.queries.ts).
 * Kept by a trigger on audit_log inserts.
 */
export const auditTimeSetbacks = sqliteTable('audit_time_setbacks', {
  low: text('low').primaryKey(),
  high: text('high').notNull(),
});

/**
 * Each backward step itself (migration 0042): the audit row `id` stamped `low`, before `high`, the stamp of
 * the row just before it. Read only for an instant inside a stretch: the steps that crossed it are where
 * the rows stamped ≥ it stop and start again by id (audit.queries.ts idSpan).
 */
export const auditTimeSteps = sqliteTable(
  'audit_time_steps',
  {
    id: integer('id').primaryKey(),
    low: text('low').notNull(),
    high: text('high').notNull(),
  },
  (t) => [index('audit_time_steps_low_idx').on(t.low)],
);

/** Idempotency keys for scheduled jobs (e.g. `invoice-run:2026-11`), so catch-up never runs twice. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    runKey: text('run_key').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    result: text('result'),
  },
  (t) => [uniqueIndex('job_runs_uq').on(t.job, t.runKey)],
);
