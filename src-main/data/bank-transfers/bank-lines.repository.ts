/** Imported statement lines (one row per fingerprint), imports, saved mappings and the bills to match. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface OpenBillRow {
  id: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  invoiceNumber: string;
  open: number;
  /** The active kode unik amount, null without one. */
  payable: number | null;
  issueDate: string;
  dueDate: string;
}

/** Every unpaid or partly paid bill with its customer and active kode unik (the open-invoice index). */
export function openBillsForMatching(db: Sqlite): OpenBillRow[] {
  return prepared<[], OpenBillRow>(
    db,
    `SELECT i.id, i.customer_id AS customerId, c.customer_code AS customerCode, c.name AS customerName,
            i.invoice_number AS invoiceNumber, i.amount - i.paid_amount AS open, tc.payable AS payable,
            i.invoice_date AS issueDate, i.due_date AS dueDate
       FROM invoices i JOIN customers c ON c.id = i.customer_id
       LEFT JOIN transfer_codes tc ON tc.invoice_id = i.id AND tc.active = 1
      WHERE i.status IN ('unpaid', 'partial')`,
  ).all();
}

/** Which of these fingerprints are stored already (one statement, a JSON array bound once). */
export function knownFingerprints(db: Sqlite, fingerprints: readonly string[]): Set<string> {
  const rows = prepared<[string], { f: string }>(
    db,
    `SELECT fingerprint AS f FROM bank_lines WHERE fingerprint IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(fingerprints));
  return new Set(rows.map((r) => r.f));
}

export function insertImport(
  db: Sqlite,
  v: { accountNumber: string; format: string; fileName: string; linesRead: number; by: number | null; now: string },
): number {
  const r = prepared(
    db,
    `INSERT INTO bank_imports(account_number, format, file_name, lines_read, lines_new, lines_known, auto_credited, to_review, imported_by, created_at)
     VALUES (?, ?, ?, ?, 0, 0, 0, 0, ?, ?)`,
  ).run(v.accountNumber, v.format, v.fileName, v.linesRead, v.by, v.now);
  return Number(r.lastInsertRowid);
}

export function addImportCounts(
  db: Sqlite,
  id: number,
  c: { linesNew: number; linesKnown: number; autoCredited: number; toReview: number },
): void {
  prepared(
    db,
    `UPDATE bank_imports SET lines_new = lines_new + ?, lines_known = lines_known + ?,
            auto_credited = auto_credited + ?, to_review = to_review + ? WHERE id = ?`,
  ).run(c.linesNew, c.linesKnown, c.autoCredited, c.toReview, id);
}

export interface NewBankLine {
  fingerprint: string;
  importId: number;
  accountNumber: string;
  date: string;
  time: string | null;
  amount: number;
  description: string;
  bankReference: string | null;
  state: 'review' | 'credited';
  matchStatus: string;
  suggestions: string;
  now: string;
}

/** Stores a line once: null when its fingerprint is stored already (the unique index). */
export function insertLine(db: Sqlite, v: NewBankLine): number | null {
  const r = prepared(
    db,
    `INSERT INTO bank_lines(fingerprint, import_id, account_number, bank_date, bank_time, amount, description,
            bank_reference, state, match_status, suggestions, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(fingerprint) DO NOTHING`,
  ).run(
    v.fingerprint,
    v.importId,
    v.accountNumber,
    v.date,
    v.time,
    v.amount,
    v.description,
    v.bankReference,
    v.state,
    v.matchStatus,
    v.suggestions,
    v.now,
  );
  return r.changes === 1 ? Number(r.lastInsertRowid) : null;
}

/**
 * Moves a line to its final state. Only from `review` (or, for the import's own credit, from the
 * `credited` row it just wrote without a payment): returns false when someone settled it first.
 */
export function settleLine(
  db: Sqlite,
  id: number,
  v: {
    from: 'review' | 'credited';
    state: 'credited' | 'deposit' | 'not_ours';
    customerId: number | null;
    invoiceId: number | null;
    paymentId: number | null;
    note: string | null;
    by: number | null;
    now: string;
  },
): boolean {
  const r = prepared(
    db,
    `UPDATE bank_lines SET state = ?, customer_id = ?, invoice_id = ?, payment_id = ?, note = ?, settled_by = ?, settled_at = ?
      WHERE id = ? AND state = ? AND payment_id IS NULL`,
  ).run(v.state, v.customerId, v.invoiceId, v.paymentId, v.note, v.by, v.now, id, v.from);
  return r.changes === 1;
}

export interface BankLineRow {
  id: number;
  importId: number;
  accountNumber: string;
  date: string;
  time: string | null;
  amount: number;
  description: string;
  bankReference: string | null;
  state: 'review' | 'credited' | 'deposit' | 'not_ours';
  match: string;
  suggestions: string;
  customerName: string | null;
  invoiceNumber: string | null;
  paymentNumber: string | null;
  note: string | null;
  settledAt: string | null;
}

const LINE = `SELECT l.id, l.import_id AS importId, l.account_number AS accountNumber, l.bank_date AS date,
       l.bank_time AS time, l.amount, l.description, l.bank_reference AS bankReference, l.state,
       l.match_status AS match, l.suggestions, c.name AS customerName, i.invoice_number AS invoiceNumber,
       p.payment_number AS paymentNumber, l.note, l.settled_at AS settledAt
  FROM bank_lines l LEFT JOIN customers c ON c.id = l.customer_id LEFT JOIN invoices i ON i.id = l.invoice_id
  LEFT JOIN payments p ON p.id = l.payment_id`;

export function findLine(db: Sqlite, id: number): BankLineRow | undefined {
  return prepared<[number], BankLineRow>(db, `${LINE} WHERE l.id = ?`).get(id);
}

export function listLines(db: Sqlite, state: string, limit: number): BankLineRow[] {
  return prepared<[string, number], BankLineRow>(
    db,
    `${LINE} WHERE l.state = ? ORDER BY l.bank_date DESC, l.id DESC LIMIT ?`,
  ).all(state, limit);
}

export interface MappingRow {
  id: number;
  name: string;
  mapping: string;
}

export function listMappings(db: Sqlite): MappingRow[] {
  return prepared<[], MappingRow>(db, `SELECT id, name, mapping FROM bank_mappings ORDER BY name`).all();
}

export function findMapping(db: Sqlite, id: number): MappingRow | undefined {
  return prepared<[number], MappingRow>(db, `SELECT id, name, mapping FROM bank_mappings WHERE id = ?`).get(id);
}

/** Saves a mapping under its name (a second save of the name replaces it). */
export function upsertMapping(
  db: Sqlite,
  v: { name: string; mapping: string; by: number | null; now: string },
): number {
  return prepared<[string, string, number | null, string, string], { id: number }>(
    db,
    `INSERT INTO bank_mappings(name, mapping, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at RETURNING id`,
  ).get(v.name, v.mapping, v.by, v.now, v.now)!.id;
}
