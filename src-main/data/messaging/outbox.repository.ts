/**
 * The message outbox (`message_outbox`): set-based queuing for the business events (a whole invoice
 * run or a billing day's reminders in one statement), and the worker's pick / attempt / outcome.
 * Every insert is `ON CONFLICT(dedupe_key) DO NOTHING`: the unique key is what makes a second pass,
 * a retried transaction or a catch-up harmless.
 */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/** What decides a queued row's channel: the customer's preference when it is enabled, else the default. */
export interface Routing {
  /** JSON array of the enabled channels, e.g. `["whatsapp","email"]`. */
  enabled: string;
  fallback: string;
}

/**
 * Push only for a customer with a subscribed device; otherwise their message takes the default channel.
 * The device lookup sits in its own branch so the customers without a preference (most) never run it.
 */
const CHANNEL = `CASE
  WHEN p.channel = 'push' THEN CASE WHEN 'push' IN (SELECT value FROM json_each(@enabled))
    AND EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.customer_id = p.customer_id) THEN 'push' ELSE @fallback END
  WHEN p.channel IN (SELECT value FROM json_each(@enabled)) THEN p.channel ELSE @fallback END`;
const NOT_OPTED_OUT = `(p.opt_out IS NULL OR NOT EXISTS (SELECT 1 FROM json_each(p.opt_out) WHERE value = @kind))`;

interface InvoiceBatch extends Routing {
  kind: string;
  now: string;
}

/** Queues `kind` for every invoice of the run (ids above `afterId`) that is still open. Returns how many. */
export function queueForNewInvoices(db: Sqlite, b: InvoiceBatch & { afterId: number; userId: number | null }): number {
  return prepared<[InvoiceBatch & { afterId: number; userId: number | null }]>(
    db,
    `INSERT INTO message_outbox(dedupe_key, kind, channel, customer_id, invoice_id, status, next_attempt_at, created_by, created_at, updated_at)
     SELECT @kind || ':c' || i.customer_id || ':i' || i.id, @kind, ${CHANNEL}, i.customer_id, i.id, 'queued', @now, @userId, @now, @now
       FROM invoices i LEFT JOIN customer_message_prefs p ON p.customer_id = i.customer_id
      WHERE i.id > @afterId AND i.status IN ('unpaid','partial') AND ${NOT_OPTED_OUT}
     ON CONFLICT(dedupe_key) DO NOTHING`,
  ).run(b).changes;
}

/** Queues `kind` for every open invoice due on `dueDate` (the daily reminder pass). Returns how many. */
export function queueForInvoicesDue(db: Sqlite, b: InvoiceBatch & { dueDate: string }): number {
  return prepared<[InvoiceBatch & { dueDate: string }]>(
    db,
    `INSERT INTO message_outbox(dedupe_key, kind, channel, customer_id, invoice_id, status, next_attempt_at, created_at, updated_at)
     SELECT @kind || ':c' || i.customer_id || ':i' || i.id, @kind, ${CHANNEL}, i.customer_id, i.id, 'queued', @now, @now, @now
       FROM invoices i LEFT JOIN customer_message_prefs p ON p.customer_id = i.customer_id
      WHERE i.due_date = @dueDate AND i.status IN ('unpaid','partial') AND ${NOT_OPTED_OUT}
     ON CONFLICT(dedupe_key) DO NOTHING`,
  ).run(b).changes;
}

export interface OneMessage extends Routing {
  dedupeKey: string;
  kind: string;
  customerId: number;
  invoiceId: number | null;
  paymentId: number | null;
  broadcastId: number | null;
  ticketId?: number | null;
  userId: number | null;
  now: string;
}

/** Queues one message for one customer unless they opted out of the kind. Returns the new id, or null. */
export function queueOne(db: Sqlite, m: OneMessage): number | null {
  const r = prepared<[OneMessage]>(
    db,
    `INSERT INTO message_outbox(dedupe_key, kind, channel, customer_id, invoice_id, payment_id, broadcast_id, ticket_id, status, next_attempt_at, created_by, created_at, updated_at)
     SELECT @dedupeKey, @kind, ${CHANNEL}, c.id, @invoiceId, @paymentId, @broadcastId, @ticketId, 'queued', @now, @userId, @now, @now
       FROM customers c LEFT JOIN customer_message_prefs p ON p.customer_id = c.id
      WHERE c.id = @customerId AND ${NOT_OPTED_OUT}
     ON CONFLICT(dedupe_key) DO NOTHING`,
  ).run({ ...m, ticketId: m.ticketId ?? null });
  return r.changes ? Number(r.lastInsertRowid) : null;
}

export interface ManyMessages extends Routing {
  kind: string;
  /** One message each, in this order: `[dedupeKey, customerId, invoiceId]`. */
  items: [string, number, number | null][];
  userId: number | null;
  now: string;
}

/** queueOne for many customers (one kind, no payment/broadcast/ticket) in one statement, in the items' order. */
export function queueMany(db: Sqlite, m: ManyMessages): number {
  return prepared<[Omit<ManyMessages, 'items'> & { items: string }]>(
    db,
    `INSERT INTO message_outbox(dedupe_key, kind, channel, customer_id, invoice_id, payment_id, broadcast_id, ticket_id, status, next_attempt_at, created_by, created_at, updated_at)
     SELECT j.value ->> 0, @kind, ${CHANNEL}, c.id, j.value ->> 2, NULL, NULL, NULL, 'queued', @now, @userId, @now, @now
       FROM json_each(@items) AS j JOIN customers c ON c.id = j.value ->> 1
       LEFT JOIN customer_message_prefs p ON p.customer_id = c.id
      WHERE ${NOT_OPTED_OUT} ORDER BY j.key
     ON CONFLICT(dedupe_key) DO NOTHING`,
  ).run({ ...m, items: JSON.stringify(m.items) }).changes;
}

export interface BroadcastBatch extends Routing {
  broadcastId: number;
  /** null: every customer not inactive. */
  routerId: number | null;
  userId: number | null;
  now: string;
}

/** Queues a broadcast to every active/suspended customer (of one router when given). Returns how many. */
export function queueBroadcast(db: Sqlite, b: BroadcastBatch & { kind: string }): number {
  return prepared<[BroadcastBatch & { kind: string }]>(
    db,
    `INSERT INTO message_outbox(dedupe_key, kind, channel, customer_id, broadcast_id, status, next_attempt_at, created_by, created_at, updated_at)
     SELECT @kind || ':b' || @broadcastId || ':c' || c.id, @kind, ${CHANNEL}, c.id, @broadcastId, 'queued', @now, @userId, @now, @now
       FROM customers c LEFT JOIN customer_message_prefs p ON p.customer_id = c.id
      WHERE c.status <> 'inactive' AND ${NOT_OPTED_OUT}
        AND (@routerId IS NULL OR EXISTS (SELECT 1 FROM pppoe_accounts a WHERE a.customer_id = c.id AND a.router_id = @routerId))
     ON CONFLICT(dedupe_key) DO NOTHING`,
  ).run(b).changes;
}

// ------------------------------------------------------------------ the worker

export interface OutboxRow {
  id: number;
  dedupeKey: string;
  kind: string;
  channel: string;
  customerId: number;
  invoiceId: number | null;
  paymentId: number | null;
  broadcastId: number | null;
  ticketId: number | null;
  status: string;
  attempts: number;
  provider: string | null;
  recipient: string | null;
  body: string | null;
  providerMessageId: string | null;
  createdAt: string;
}

const ROW = `id, dedupe_key AS dedupeKey, kind, channel, customer_id AS customerId, invoice_id AS invoiceId,
  payment_id AS paymentId, broadcast_id AS broadcastId, ticket_id AS ticketId, status, attempts, provider, recipient, body,
  provider_message_id AS providerMessageId, created_at AS createdAt`;

/** The oldest queued row of a channel whose time has come (the partial index: flat as sent rows pile up). */
export function nextDue(db: Sqlite, channel: string, now: string): OutboxRow | undefined {
  return prepared<[string, string], OutboxRow>(
    db,
    `SELECT ${ROW} FROM message_outbox INDEXED BY message_outbox_due_idx
      WHERE status = 'queued' AND channel = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1`,
  ).get(channel, now);
}

/** When the next queued row of a channel becomes due (null: none queued). */
export function nextDueAt(db: Sqlite, channel: string): string | null {
  return (
    prepared<[string], { at: string }>(
      db,
      `SELECT next_attempt_at AS at FROM message_outbox INDEXED BY message_outbox_due_idx
        WHERE status = 'queued' AND channel = ? ORDER BY next_attempt_at, id LIMIT 1`,
    ).get(channel)?.at ?? null
  );
}

export function findOutboxRow(db: Sqlite, id: number): OutboxRow | undefined {
  return prepared<[number], OutboxRow>(db, `SELECT ${ROW} FROM message_outbox WHERE id = ?`).get(id);
}

/** Rows whose attempt was recorded but whose outcome never was (the process died mid-send). */
export function inFlight(db: Sqlite): OutboxRow[] {
  return prepared<[], OutboxRow>(db, `SELECT ${ROW} FROM message_outbox WHERE status = 'sending' ORDER BY id`).all();
}

export interface Attempt {
  id: number;
  provider: string;
  recipient: string;
  body: string;
  now: string;
}

/** Records the attempt before anything leaves: after a crash the row says "sending", never "queued". */
export function recordAttempt(db: Sqlite, a: Attempt): boolean {
  return (
    prepared<[Attempt]>(
      db,
      `UPDATE message_outbox SET status = 'sending', attempts = attempts + 1, last_attempt_at = @now, provider = @provider,
         recipient = @recipient, body = @body, updated_at = @now WHERE id = @id AND status = 'queued'`,
    ).run(a).changes === 1
  );
}

export interface Outcome {
  id: number;
  status: 'queued' | 'sent' | 'failed' | 'cancelled' | 'unknown';
  reason: string | null;
  detail: string | null;
  providerMessageId: string | null;
  providerStatus: string | null;
  nextAttemptAt: string | null;
  now: string;
}

/** The outcome of an attempt (or a decision without one: cancel, invalid phone). */
export function recordOutcome(db: Sqlite, o: Outcome): void {
  prepared<[Outcome]>(
    db,
    `UPDATE message_outbox SET status = @status, reason = @reason, detail = @detail,
       provider_message_id = COALESCE(@providerMessageId, provider_message_id),
       provider_status = COALESCE(@providerStatus, provider_status),
       next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at),
       sent_at = CASE WHEN @status = 'sent' THEN @now ELSE sent_at END, updated_at = @now
     WHERE id = @id`,
  ).run(o);
}

/** Staff: put a failed, unknown or cancelled row back in the queue (resend). True when it changed. */
export function requeue(db: Sqlite, id: number, now: string): boolean {
  return (
    prepared<[string, string, number]>(
      db,
      `UPDATE message_outbox SET status = 'queued', next_attempt_at = ?, reason = NULL, detail = NULL, updated_at = ?
        WHERE id = ? AND status IN ('failed','unknown','cancelled')`,
    ).run(now, now, id).changes === 1
  );
}

/** Staff: cancel a row that has not gone out. True when it changed. */
export function cancelQueued(db: Sqlite, id: number, reason: string, now: string): boolean {
  return (
    prepared<[string, string, number]>(
      db,
      `UPDATE message_outbox SET status = 'cancelled', reason = ?, updated_at = ? WHERE id = ? AND status IN ('queued','failed','unknown')`,
    ).run(reason, now, id).changes === 1
  );
}

/** Whether a newer reminder of the same invoice is queued and due (the older one is then superseded). */
export function newerReminderDue(db: Sqlite, row: OutboxRow, now: string): boolean {
  if (row.invoiceId === null) return false;
  return (
    prepared<[number, number, string], { n: number }>(
      db,
      `SELECT 1 AS n FROM message_outbox WHERE invoice_id = ? AND id > ? AND status = 'queued' AND next_attempt_at <= ?
         AND kind IN ('reminder_early','reminder_final','due_today','overdue') LIMIT 1`,
    ).get(row.invoiceId, row.id, now) !== undefined
  );
}

// ------------------------------------------------------------------ the daily pass

/** Claims a business day for the reminder pass (job_runs); false when it already ran. */
export function claimReminderDay(db: Sqlite, day: string, now: string): boolean {
  return (
    prepared<[string, string, string]>(
      db,
      `INSERT INTO job_runs(job, run_key, started_at, finished_at) VALUES ('messages.daily', ?, ?, ?)
       ON CONFLICT(job, run_key) DO NOTHING`,
    ).run(day, now, now).changes > 0
  );
}

/** The last business day the reminder pass ran for (null: never). */
export function lastReminderDay(db: Sqlite): string | null {
  return (
    prepared<[], { k: string | null }>(db, `SELECT MAX(run_key) AS k FROM job_runs WHERE job = 'messages.daily'`).get()
      ?.k ?? null
  );
}
