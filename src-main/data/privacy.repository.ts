import type { Sqlite } from '../db/open';
import { prepared } from './statements';

/** A row of a personal-data export: plain column → value, as stored. */
export type ExportRow = Record<string, string | number | null>;

/**
 * What each table holds about one customer, read for a personal-data export. The SQL names every
 * column (no `SELECT *`): a column added later is a decision about whether the customer gets it.
 */
const EXPORT_SQL = {
  profile: `SELECT customer_code AS customerCode, name, address, phone, email, id_card AS idCard, status,
      join_date AS joinDate, deposit, notes, never_isolate AS neverIsolate, created_at AS createdAt,
      updated_at AS updatedAt, erased_at AS erasedAt FROM customers WHERE id = ?`,
  statusHistory: `SELECT changed_on AS changedOn, from_status AS fromStatus, to_status AS toStatus
      FROM customer_status_history WHERE customer_id = ? ORDER BY id`,
  accounts: `SELECT a.username, p.name AS package, r.name AS router, a.static_ip AS staticIp, a.status,
      a.caller_id AS callerId, a.last_login AS lastLogin, a.last_ip AS lastIp, a.notes, a.created_at AS createdAt
      FROM pppoe_accounts a JOIN internet_packages p ON p.id = a.internet_package_id
      LEFT JOIN routers r ON r.id = a.router_id WHERE a.customer_id = ? ORDER BY a.id`,
  subscriptions: `SELECT p.name AS package, s.start_date AS startDate, s.end_date AS endDate, s.monthly_fee AS monthlyFee,
      s.status, s.billing_day AS billingDay, s.notes FROM subscriptions s
      JOIN internet_packages p ON p.id = s.internet_package_id WHERE s.customer_id = ? ORDER BY s.id`,
  invoices: `SELECT invoice_number AS invoiceNumber, period, invoice_date AS invoiceDate, due_date AS dueDate, amount,
      paid_amount AS paidAmount, status, description, void_reason AS voidReason
      FROM invoices WHERE customer_id = ? ORDER BY invoice_date, id`,
  payments: `SELECT payment_number AS paymentNumber, payment_date AS paymentDate, amount, method,
      reference_number AS referenceNumber, status, void_reason AS voidReason
      FROM payments WHERE customer_id = ? ORDER BY paid_at, id`,
  refunds: `SELECT refund_number AS refundNumber, refund_date AS refundDate, amount, method,
      reference_number AS referenceNumber, reason, status FROM deposit_refunds WHERE customer_id = ? ORDER BY id`,
  deposit: `SELECT at, kind, amount, note FROM deposit_ledger WHERE customer_id = ? ORDER BY id`,
  portalAccess: `SELECT set_at AS setAt, last_login_at AS lastLoginAt FROM portal_credentials WHERE customer_id = ?`,
  tickets: `SELECT t.id AS ticket, t.category, t.status, m.author, m.body, m.photo IS NOT NULL AS hasPhoto,
      m.created_at AS createdAt FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id
      WHERE t.customer_id = ? ORDER BY t.id, m.id`,
  messages: `SELECT kind, channel, status, recipient, body, sent_at AS sentAt, reason FROM message_outbox
      WHERE customer_id = ? ORDER BY id`,
  // The portal's Web Push devices: the device label and which push service reaches it (the endpoint is
  // always https://, checked when stored); the browser's keys are not the customer's to read.
  pushDevices: `SELECT device, substr(endpoint, 9, instr(substr(endpoint, 9), '/') - 1) AS pushService,
      created_at AS createdAt, last_sent_at AS lastSentAt FROM push_subscriptions WHERE customer_id = ? ORDER BY id`,
} as const;
export type ExportTable = keyof typeof EXPORT_SQL;

export function exportRows(db: Sqlite, table: ExportTable, customerId: number): ExportRow[] {
  return prepared<[number], ExportRow>(db, EXPORT_SQL[table]).all(customerId);
}

/** Ids of what belongs to a customer: the audit rows about those are about the customer too. */
export interface CustomerLinks {
  accounts: { id: number; username: string; routerId: number | null; status: string }[];
  subscriptionIds: number[];
  invoiceIds: number[];
  paymentIds: number[];
  refundIds: number[];
}

const ids = (db: Sqlite, sql: string, customerId: number) =>
  prepared<[number], { id: number }>(db, sql)
    .all(customerId)
    .map((r) => r.id);

export function customerLinks(db: Sqlite, customerId: number): CustomerLinks {
  return {
    accounts: prepared<[number], CustomerLinks['accounts'][number]>(
      db,
      'SELECT id, username, router_id AS routerId, status FROM pppoe_accounts WHERE customer_id = ? ORDER BY id',
    ).all(customerId),
    subscriptionIds: ids(db, 'SELECT id FROM subscriptions WHERE customer_id = ?', customerId),
    invoiceIds: ids(db, 'SELECT id FROM invoices WHERE customer_id = ?', customerId),
    paymentIds: ids(db, 'SELECT id FROM payments WHERE customer_id = ?', customerId),
    refundIds: ids(db, 'SELECT id FROM deposit_refunds WHERE customer_id = ?', customerId),
  };
}

/** Reasons an erasure must wait, counted. */
export interface EraseBlockCounts {
  openInvoices: number;
  liveAccounts: number;
  activeSubscriptions: number;
  deposit: number;
}

export function eraseBlockCounts(db: Sqlite, customerId: number): EraseBlockCounts {
  return prepared<[number], EraseBlockCounts>(
    db,
    `SELECT
       (SELECT count(*) FROM invoices WHERE customer_id = c.id AND status IN ('unpaid', 'partial', 'overdue')) AS openInvoices,
       (SELECT count(*) FROM pppoe_accounts WHERE customer_id = c.id AND status IN ('active', 'suspended')) AS liveAccounts,
       (SELECT count(*) FROM subscriptions WHERE customer_id = c.id AND status IN ('active', 'suspended')) AS activeSubscriptions,
       c.deposit AS deposit
     FROM customers c WHERE c.id = ?`,
  ).get(customerId)!;
}

/** An audit row that may mention the customer. */
export interface AuditTextRow {
  id: number;
  entity: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  /** About the customer or one of their records (by entity id), not only mentioning them. */
  directLink: boolean;
}

/**
 * Audit rows about the customer or what belongs to them, plus any row whose snapshot names the
 * customer's id or code (bulk rows such as a router import).
 */
export function auditRowsAbout(db: Sqlite, customerId: number, code: string, links: CustomerLinks): AuditTextRow[] {
  const byEntity: [string, number[]][] = [
    ['customer', [customerId]],
    ['pppoe', links.accounts.map((a) => a.id)],
    ['subscription', links.subscriptionIds],
    ['invoice', links.invoiceIds],
    ['payment', links.paymentIds],
    ['refund', links.refundIds],
  ];
  const rows = new Map<number, AuditTextRow>();
  type Raw = Omit<AuditTextRow, 'directLink'>;
  const select = 'SELECT id, entity, before, after, reason FROM audit_log';
  for (const [entity, list] of byEntity)
    for (const entityId of list)
      for (const r of prepared<[string, string], Raw>(db, `${select} WHERE entity = ? AND entity_id = ?`).all(
        entity,
        String(entityId),
      ))
        rows.set(r.id, { ...r, directLink: true });
  const mentions = [`%"customerId":${customerId},%`, `%"customerId":${customerId}}%`, `%"${code}"%`];
  for (const pattern of mentions)
    for (const r of prepared<[string, string, string], Raw>(
      db,
      `${select} WHERE before LIKE ? OR after LIKE ? OR reason LIKE ?`,
    ).all(pattern, pattern, pattern))
      if (!rows.has(r.id)) rows.set(r.id, { ...r, directLink: false });
  return [...rows.values()].sort((a, b) => a.id - b.id);
}

/** Audit entries about the customer as the export shows them. */
export function auditExportRows(db: Sqlite, auditIds: number[]): ExportRow[] {
  const st = prepared<[number], ExportRow>(
    db,
    'SELECT at, username AS byUser, action, entity AS recordType, before, after, reason, source FROM audit_log WHERE id = ?',
  );
  return auditIds.map((id) => st.get(id)!).filter(Boolean);
}
