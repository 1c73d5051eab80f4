/** Kode unik rows: one active code per open bill, its payable amount unique among active rows. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface TransferCodeRow {
  id: number;
  invoiceId: number;
  baseAmount: number;
  code: number;
  payable: number;
}

const COLUMNS = `id, invoice_id AS invoiceId, base_amount AS baseAmount, code, payable`;

export function activeCodeOf(db: Sqlite, invoiceId: number): TransferCodeRow | undefined {
  return prepared<[number], TransferCodeRow>(
    db,
    `SELECT ${COLUMNS} FROM transfer_codes WHERE invoice_id = ? AND active = 1`,
  ).get(invoiceId);
}

/**
 * Payable amounts in [lo, hi] that a new code may not take: every active one, and those released since
 * `releasedSince` (a late transfer for a bill just paid must not look like another bill's).
 */
export function takenPayables(db: Sqlite, lo: number, hi: number, releasedSince: string): number[] {
  return prepared<[number, number, string], { payable: number }>(
    db,
    `SELECT payable FROM transfer_codes WHERE payable BETWEEN ? AND ? AND (active = 1 OR released_at >= ?)`,
  )
    .all(lo, hi, releasedSince)
    .map((r) => r.payable);
}

export function insertCode(
  db: Sqlite,
  v: { invoiceId: number; baseAmount: number; code: number; payable: number; now: string },
): number {
  const r = prepared(
    db,
    `INSERT INTO transfer_codes(invoice_id, base_amount, code, payable, active, created_at) VALUES (?, ?, ?, ?, 1, ?)`,
  ).run(v.invoiceId, v.baseAmount, v.code, v.payable, v.now);
  return Number(r.lastInsertRowid);
}

export function releaseCode(db: Sqlite, id: number, now: string): void {
  prepared(db, `UPDATE transfer_codes SET active = 0, released_at = ? WHERE id = ? AND active = 1`).run(now, id);
}

/** Active codes of many bills at once (the statement matcher's open bills). */
export function activeCodes(db: Sqlite): TransferCodeRow[] {
  return prepared<[], TransferCodeRow>(db, `SELECT ${COLUMNS} FROM transfer_codes WHERE active = 1`).all();
}
