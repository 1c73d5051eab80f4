import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/* Support tickets and their messages. Customer reads are keyed by the customer id as well as the ticket's. */

export interface TicketRow {
  id: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  category: 'gangguan' | 'tagihan' | 'lainnya';
  status: 'open' | 'answered' | 'closed';
  assignedTo: number | null;
  assignedName: string | null;
  createdAt: string;
  updatedAt: string;
  subject: string;
}

const TICKET_SELECT = `SELECT t.id, t.customer_id AS customerId, c.customer_code AS customerCode, c.name AS customerName,
  t.category, t.status, t.assigned_to AS assignedTo, u.full_name AS assignedName, t.created_at AS createdAt,
  t.updated_at AS updatedAt,
  coalesce((SELECT substr(m.body, 1, 120) FROM ticket_messages m WHERE m.ticket_id = t.id ORDER BY m.id LIMIT 1), '') AS subject
  FROM tickets t JOIN customers c ON c.id = t.customer_id LEFT JOIN users u ON u.id = t.assigned_to`;

export function insertTicket(db: Sqlite, t: { customerId: number; category: string; at: string }): number {
  const r = prepared<[number, string, string, string]>(
    db,
    "INSERT INTO tickets(customer_id, category, status, created_at, updated_at) VALUES (?, ?, 'open', ?, ?)",
  ).run(t.customerId, t.category, t.at, t.at);
  return Number(r.lastInsertRowid);
}

export function insertTicketMessage(
  db: Sqlite,
  m: {
    ticketId: number;
    author: 'customer' | 'staff';
    userId: number | null;
    body: string;
    photo: Buffer | null;
    photoType: string | null;
    at: string;
  },
): number {
  const r = prepared<unknown[]>(
    db,
    'INSERT INTO ticket_messages(ticket_id, author, user_id, body, photo, photo_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(m.ticketId, m.author, m.userId, m.body, m.photo, m.photoType, m.at);
  return Number(r.lastInsertRowid);
}

export function setTicketState(
  db: Sqlite,
  id: number,
  s: { status: string; assignedTo: number | null; closedAt: string | null; at: string },
) {
  prepared<[string, number | null, string | null, string, number]>(
    db,
    'UPDATE tickets SET status = ?, assigned_to = ?, closed_at = ?, updated_at = ? WHERE id = ?',
  ).run(s.status, s.assignedTo, s.closedAt, s.at, id);
}

export function findTicket(db: Sqlite, id: number): TicketRow | undefined {
  return prepared<[number], TicketRow>(db, `${TICKET_SELECT} WHERE t.id = ?`).get(id);
}

/** The ticket, only when it is this customer's. */
export function findOwnTicket(db: Sqlite, customerId: number, id: number): TicketRow | undefined {
  return prepared<[number, number], TicketRow>(db, `${TICKET_SELECT} WHERE t.id = ? AND t.customer_id = ?`).get(
    id,
    customerId,
  );
}

export function customerTickets(db: Sqlite, customerId: number, limit: number, offset: number) {
  const items = prepared<[number, number, number], TicketRow>(
    db,
    `${TICKET_SELECT} WHERE t.customer_id = ? ORDER BY t.id DESC LIMIT ? OFFSET ?`,
  ).all(customerId, limit, offset);
  const total = prepared<[number], { n: number }>(db, 'SELECT count(*) AS n FROM tickets WHERE customer_id = ?').get(
    customerId,
  )!.n;
  return { items, total };
}

export interface TicketFilter {
  status?: string;
  category?: string;
  /** A user id (assigned to them), 0 (unassigned) or undefined (anyone). */
  assignedTo?: number;
  search?: string;
}

/** Staff list: newest activity first. Filters are bound parameters, each optional. */
export function listTickets(db: Sqlite, f: TicketFilter, limit: number, offset: number) {
  const where = `WHERE (:status IS NULL OR t.status = :status) AND (:category IS NULL OR t.category = :category)
    AND (:assigned IS NULL OR coalesce(t.assigned_to, 0) = :assigned)
    AND (:search IS NULL OR c.search_text LIKE '%' || lower(:search) || '%')`;
  const params = {
    status: f.status ?? null,
    category: f.category ?? null,
    assigned: f.assignedTo ?? null,
    search: f.search || null,
  };
  const items = prepared<object, TicketRow>(
    db,
    `${TICKET_SELECT} ${where} ORDER BY t.updated_at DESC, t.id DESC LIMIT :limit OFFSET :offset`,
  ).all({ ...params, limit, offset });
  const total = prepared<object, { n: number }>(
    db,
    `SELECT count(*) AS n FROM tickets t JOIN customers c ON c.id = t.customer_id ${where}`,
  ).get(params)!.n;
  return { items, total };
}

export function ticketCounts(db: Sqlite) {
  return prepared<[], { open: number; answered: number; unassigned: number }>(
    db,
    `SELECT coalesce(sum(status = 'open'), 0) AS open, coalesce(sum(status = 'answered'), 0) AS answered,
            coalesce(sum(status <> 'closed' AND assigned_to IS NULL), 0) AS unassigned
     FROM tickets WHERE status IN ('open','answered')`,
  ).get()!;
}

export interface TicketMessageRow {
  id: number;
  author: 'customer' | 'staff';
  staffName: string | null;
  body: string;
  hasPhoto: number;
  createdAt: string;
}

export function ticketMessages(db: Sqlite, ticketId: number): TicketMessageRow[] {
  return prepared<[number], TicketMessageRow>(
    db,
    `SELECT m.id, m.author, u.full_name AS staffName, m.body, (m.photo IS NOT NULL) AS hasPhoto, m.created_at AS createdAt
     FROM ticket_messages m LEFT JOIN users u ON u.id = m.user_id WHERE m.ticket_id = ? ORDER BY m.id`,
  ).all(ticketId);
}

/** A message's photo with the customer whose ticket it belongs to (for the ownership check). */
export function ticketPhoto(db: Sqlite, messageId: number) {
  return prepared<[number], { customerId: number; photo: Buffer | null; photoType: string | null }>(
    db,
    `SELECT t.customer_id AS customerId, m.photo, m.photo_type AS photoType
     FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.id = ?`,
  ).get(messageId);
}

export function isActiveUser(db: Sqlite, userId: number): boolean {
  return !!prepared<[number], { one: number }>(db, 'SELECT 1 AS one FROM users WHERE id = ? AND is_active = 1').get(
    userId,
  );
}
