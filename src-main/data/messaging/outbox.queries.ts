/** The Pesan screen's reads: the outbox filtered and paged, and the counts per status. */
import type { Sqlite } from '../../db/open';
import type { Paged } from '../sql';
import { prepared } from '../statements';

export interface OutboxFilter {
  status?: string;
  kind?: string;
  channel?: string;
  customerId?: number;
  broadcastId?: number;
  page: number;
  pageSize: number;
}

export interface OutboxListRow {
  id: number;
  kind: string;
  channel: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  invoiceId: number | null;
  invoiceNumber: string | null;
  status: string;
  attempts: number;
  recipient: string | null;
  body: string | null;
  reason: string | null;
  detail: string | null;
  providerMessageId: string | null;
  nextAttemptAt: string;
  sentAt: string | null;
  createdAt: string;
}

export function listOutbox(db: Sqlite, f: OutboxFilter): Paged<OutboxListRow> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, v: string | number | undefined) => {
    if (v === undefined) return;
    where.push(sql);
    params.push(v);
  };
  add('o.status = ?', f.status);
  add('o.kind = ?', f.kind);
  add('o.channel = ?', f.channel);
  add('o.customer_id = ?', f.customerId);
  add('o.broadcast_id = ?', f.broadcastId);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = prepared<(string | number)[], { n: number }>(db, `SELECT COUNT(*) AS n FROM message_outbox o ${w}`).get(
    ...params,
  )!.n;
  const items = prepared<(string | number)[], OutboxListRow>(
    db,
    `SELECT o.id, o.kind, o.channel, o.customer_id AS customerId, c.customer_code AS customerCode, c.name AS customerName,
        o.invoice_id AS invoiceId, i.invoice_number AS invoiceNumber, o.status, o.attempts, o.recipient, o.body, o.reason,
        o.detail, o.provider_message_id AS providerMessageId, o.next_attempt_at AS nextAttemptAt, o.sent_at AS sentAt,
        o.created_at AS createdAt
       FROM message_outbox o JOIN customers c ON c.id = o.customer_id LEFT JOIN invoices i ON i.id = o.invoice_id
       ${w} ORDER BY o.id DESC LIMIT ? OFFSET ?`,
  ).all(...params, f.pageSize, (f.page - 1) * f.pageSize);
  return { items, total, page: f.page, pageSize: f.pageSize };
}

/** Messages per status (of one broadcast when given: its progress while it drains). */
export function outboxCounts(db: Sqlite, broadcastId?: number): Record<string, number> {
  const rows =
    broadcastId === undefined
      ? prepared<[], { status: string; n: number }>(
          db,
          `SELECT status, COUNT(*) AS n FROM message_outbox INDEXED BY message_outbox_status_idx GROUP BY status`,
        ).all()
      : prepared<[number], { status: string; n: number }>(
          db,
          `SELECT status, COUNT(*) AS n FROM message_outbox WHERE broadcast_id = ? GROUP BY status`,
        ).all(broadcastId);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
