import type { Sqlite } from '../db/open';
import { reindexAuditRow } from './audit-search';
import { prepared } from './statements';

/** Inputs of the privacy_erasures row that records an erasure. */
export interface ErasureRecord {
  customerId: number;
  customerCode: string;
  at: string;
  requestedBy: string;
  reason: string;
  userId: number | null;
  source: string | null;
}

/**
 * Records the erasure with `scrubbing = 1`: until endScrub, the audit trail's update trigger lets this
 * transaction blank personal values in old audit rows (drizzle/0010_privacy_erasure.sql).
 */
export function beginScrub(db: Sqlite, r: ErasureRecord): number {
  return Number(
    prepared<unknown[]>(
      db,
      `INSERT INTO privacy_erasures(customer_id, customer_code, at, requested_by, reason, user_id, source, scrubbing)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
    ).run(r.customerId, r.customerCode, r.at, r.requestedBy, r.reason, r.userId, r.source).lastInsertRowid,
  );
}

export function endScrub(db: Sqlite, erasureId: number): void {
  prepared<[number]>(db, 'UPDATE privacy_erasures SET scrubbing = 0 WHERE id = ?').run(erasureId);
}

export function erasureOf(db: Sqlite, customerId: number): { at: string; requestedBy: string } | undefined {
  return prepared<[number], { at: string; requestedBy: string }>(
    db,
    'SELECT at, requested_by AS requestedBy FROM privacy_erasures WHERE customer_id = ? ORDER BY id DESC LIMIT 1',
  ).get(customerId);
}

/** The profile keeps its code (which financial records and reports show) and loses everything personal. */
export function anonymiseCustomer(db: Sqlite, customerId: number, at: string): void {
  prepared<[string, string, number]>(
    db,
    `UPDATE customers SET name = customer_code, address = NULL, phone = NULL, email = NULL, id_card = NULL,
       notes = NULL, erased_at = ?, updated_at = ? WHERE id = ?`,
  ).run(at, at, customerId);
}

/** An account keeps its row (invoiced subscriptions point at it) under a neutral name, detached from its router. */
export function anonymiseAccount(db: Sqlite, accountId: number, username: string, passwordEnc: string, at: string) {
  prepared<[string, string, string, number]>(
    db,
    `UPDATE pppoe_accounts SET username = ?, password_enc = ?, static_ip = NULL, caller_id = NULL, last_ip = NULL,
       last_login = NULL, notes = NULL, router_id = NULL, router_secret_id = NULL, updated_at = ? WHERE id = ?`,
  ).run(username, passwordEnc, at, accountId);
}

/** Free-text columns of a customer's rows that may repeat personal data (typed notes, reasons). */
const FREE_TEXT = {
  'subscriptions.notes': ['subscriptions', 'notes'],
  'subscriptions.fee_note': ['subscriptions', 'fee_note'],
  'invoices.description': ['invoices', 'description'],
  'invoices.notes': ['invoices', 'notes'],
  'invoices.void_reason': ['invoices', 'void_reason'],
  'payments.notes': ['payments', 'notes'],
  'payments.void_reason': ['payments', 'void_reason'],
  'deposit_refunds.reason': ['deposit_refunds', 'reason'],
  'deposit_refunds.notes': ['deposit_refunds', 'notes'],
  'deposit_refunds.void_reason': ['deposit_refunds', 'void_reason'],
  'deposit_ledger.note': ['deposit_ledger', 'note'],
  'automation_log.detail': ['automation_log', 'detail'],
} as const;
export type FreeTextColumn = keyof typeof FREE_TEXT;
export const FREE_TEXT_COLUMNS = Object.keys(FREE_TEXT) as FreeTextColumn[];

export function freeTextCells(db: Sqlite, column: FreeTextColumn, customerId: number): { id: number; text: string }[] {
  const [table, col] = FREE_TEXT[column];
  return prepared<[number], { id: number; text: string }>(
    db,
    `SELECT id, ${col} AS text FROM ${table} WHERE customer_id = ? AND ${col} IS NOT NULL`,
  ).all(customerId);
}

/** Rewrites one text cell; money, dates and statuses of the row are not touched (the report triggers watch those). */
export function setFreeText(db: Sqlite, column: FreeTextColumn, id: number, text: string): void {
  const [table, col] = FREE_TEXT[column];
  prepared<[string, number]>(db, `UPDATE ${table} SET ${col} = ? WHERE id = ?`).run(text, id);
}

export function setAuditText(
  db: Sqlite,
  id: number,
  r: { before: string | null; after: string | null; reason: string | null },
): void {
  prepared<[string | null, string | null, string | null, number]>(
    db,
    'UPDATE audit_log SET before = ?, after = ?, reason = ? WHERE id = ?',
  ).run(r.before, r.after, r.reason, id);
  // The trail's text index holds the row's old text (if it was indexed yet): it must not find it any more.
  reindexAuditRow(db, id);
}

/**
 * While on, SQLite overwrites deleted and replaced content with zeros instead of leaving it in free
 * space, so the old name and phone do not linger in the file's unused bytes.
 */
export function setSecureDelete(db: Sqlite, on: boolean): boolean {
  const was = db.pragma('secure_delete', { simple: true }) === 1;
  db.pragma(`secure_delete = ${on ? 'ON' : 'OFF'}`);
  return was;
}

/**
 * Rebuilds the database file and empties the WAL. Earlier updates of a row (a deposit change, a new
 * phone) left old copies of it in the free space of its pages, and the WAL holds pages as they were
 * before the erasure: only a rebuild leaves none of them. False when it could not run now (a reader
 * held the WAL); the erasure itself is committed either way.
 */
export function compactDatabase(db: Sqlite): boolean {
  // The trigram search indexes keep a deleted row's trigrams (and delete markers carrying them) in their
  // segments until a merge; 'optimize' merges every segment, so no fragment of the old name survives.
  db.exec(`INSERT INTO customers_fts(customers_fts) VALUES ('optimize');
           INSERT INTO pppoe_accounts_fts(pppoe_accounts_fts) VALUES ('optimize');
           INSERT INTO audit_fts(audit_fts) VALUES ('optimize');`);
  db.exec('VACUUM');
  const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return r?.busy === 0;
}

/** The portal login: credentials and every session go (nothing financial, and the customer asked to be forgotten). */
export function erasePortalAccess(db: Sqlite, customerId: number): number {
  const sessions = prepared<[number]>(db, 'DELETE FROM portal_sessions WHERE customer_id = ?').run(customerId).changes;
  const login = prepared<[number]>(db, 'DELETE FROM portal_credentials WHERE customer_id = ?').run(customerId).changes;
  return sessions + login;
}

/** Ticket texts and photos: the ticket stays (category, status, dates, who answered), its words do not. */
export function eraseTicketTexts(db: Sqlite, customerId: number, replacement: string): number {
  return prepared<[string, number]>(
    db,
    `UPDATE ticket_messages SET body = ?, photo = NULL, photo_type = NULL
      WHERE ticket_id IN (SELECT id FROM tickets WHERE customer_id = ?)`,
  ).run(replacement, customerId).changes;
}

/**
 * Message history: recipient and text go; kind, channel, status and dates stay (the outbox's counts).
 * What was still waiting is cancelled, so nothing is sent to a number the ISP no longer knows.
 */
export function eraseMessages(db: Sqlite, customerId: number, at: string): number {
  const n = prepared<[string, number]>(
    db,
    `UPDATE message_outbox SET recipient = NULL, body = NULL, detail = NULL,
      status = CASE WHEN status IN ('queued', 'sending', 'unknown') THEN 'cancelled' ELSE status END,
      reason = CASE WHEN status IN ('queued', 'sending', 'unknown') THEN 'erased' ELSE reason END,
      next_attempt_at = CASE WHEN status IN ('queued', 'sending', 'unknown') THEN ? ELSE next_attempt_at END
      WHERE customer_id = ?`,
  ).run(at, customerId).changes;
  prepared<[number]>(db, 'DELETE FROM customer_message_prefs WHERE customer_id = ?').run(customerId);
  return n;
}
