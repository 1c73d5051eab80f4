/**
 * Cashier shifts: the drawer's figures are derived from live payments, cash refunds and resellers' cash
 * top-ups (not reversed) of the shift.
 */
import type { Shift } from '../../../src-shared/contract/shifts';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/** Resellers' cash top-ups taken in shift `s` and not reversed (a reversal drops one like a void drops a payment). */
const CASH_TOPUPS = `(SELECT coalesce(sum(l.amount), 0) FROM reseller_ledger l
    WHERE l.shift_id = s.id AND l.kind = 'topup' AND l.method = 'cash'
      AND NOT EXISTS (SELECT 1 FROM reseller_ledger x WHERE x.reverses_id = l.id))`;

const SHIFT_SELECT = `
  SELECT s.id, s.user_id AS userId, u.full_name AS userName, s.opened_at AS openedAt, s.closed_at AS closedAt,
         s.opening_cash AS openingCash, s.counted_cash AS countedCash, s.expected_cash AS storedExpected, s.variance,
         s.notes, s.status,
         (SELECT count(*) FROM payments p WHERE p.shift_id = s.id AND p.status = 'live') AS paymentsCount,
         (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.shift_id = s.id AND p.status = 'live') AS totalReceived,
         (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.shift_id = s.id AND p.status = 'live' AND p.method = 'cash') AS cashReceived,
         (SELECT coalesce(sum(r.amount), 0) FROM deposit_refunds r WHERE r.shift_id = s.id AND r.status = 'live' AND r.method = 'cash') AS cashRefunded,
         (SELECT count(*) FROM deposit_refunds r WHERE r.shift_id = s.id AND r.status = 'live') AS refundsCount,
         ${CASH_TOPUPS} AS cashTopUps
  FROM shifts s JOIN users u ON u.id = s.user_id`;

const SHIFT_BY_ID = `${SHIFT_SELECT} WHERE s.id = ?`;
const OPEN_SHIFT_OF_USER = `${SHIFT_SELECT} WHERE s.user_id = ? AND s.status = 'open'`;

/** A shift as stored, with the expected cash frozen at close (null while open) and the cash taken. */
export type ShiftRow = Omit<Shift, 'expectedCash'> & { storedExpected: number | null; cashReceived: number };

export function findShiftRow(db: Sqlite, id: number): ShiftRow | undefined {
  return prepared<[number], ShiftRow>(db, SHIFT_BY_ID).get(id);
}

export function openShiftRowOf(db: Sqlite, userId: number): ShiftRow | undefined {
  return prepared<[number], ShiftRow>(db, OPEN_SHIFT_OF_USER).get(userId);
}

/** The id of the user's open shift, or null (the cash desk's hot path: no figures). */
export function openShiftIdOf(db: Sqlite, userId: number): number | null {
  return (
    prepared<[number], { id: number }>(db, "SELECT id FROM shifts WHERE user_id = ? AND status = 'open'").get(userId)
      ?.id ?? null
  );
}

export function insertShift(
  db: Sqlite,
  userId: number,
  openedAt: string,
  openingCash: number,
  notes: string | null,
): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO shifts(user_id, opened_at, opening_cash, notes, status) VALUES (?, ?, ?, ?, 'open')`,
  ).run(userId, openedAt, openingCash, notes);
  return Number(lastInsertRowid);
}

export function closeShiftRow(
  db: Sqlite,
  id: number,
  v: { closedAt: string; countedCash: number; expectedCash: number; variance: number; notes: string | null },
): void {
  prepared(
    db,
    `UPDATE shifts SET status = 'closed', closed_at = ?, counted_cash = ?, expected_cash = ?, variance = ?,
       notes = coalesce(?, notes) WHERE id = ?`,
  ).run(v.closedAt, v.countedCash, v.expectedCash, v.variance, v.notes, id);
}

export interface ShiftFilter {
  userId?: number;
  status?: 'open' | 'closed';
  /** UTC instants bounding opened_at: [openedFrom, openedBefore). */
  openedFrom?: string;
  openedBefore?: string;
  page: number;
  pageSize: number;
}

export function listShiftRows(db: Sqlite, f: ShiftFilter): { rows: ShiftRow[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.userId !== undefined) {
    where.push('s.user_id = ?');
    params.push(f.userId);
  }
  if (f.status) {
    where.push('s.status = ?');
    params.push(f.status);
  }
  if (f.openedFrom) {
    where.push('s.opened_at >= ?');
    params.push(f.openedFrom);
  }
  if (f.openedBefore) {
    where.push('s.opened_at < ?');
    params.push(f.openedBefore);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = prepared<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM shifts s ${w}`).get(...params)!.n;
  const rows = prepared<unknown[], ShiftRow>(
    db,
    `${SHIFT_SELECT} ${w} ORDER BY s.opened_at DESC, s.id DESC LIMIT ? OFFSET ?`,
  ).all(...params, f.pageSize, (f.page - 1) * f.pageSize);
  return { rows, total };
}

/** Cash the shift's drawer should hold now: opening cash + live cash payments + cash top-ups − live cash refunds. */
export function drawerCash(db: Sqlite, shiftId: number): number {
  return prepared<[number], { cash: number }>(
    db,
    `SELECT s.opening_cash
          + (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.shift_id = s.id AND p.status = 'live' AND p.method = 'cash')
          + ${CASH_TOPUPS}
          - (SELECT coalesce(sum(r.amount), 0) FROM deposit_refunds r WHERE r.shift_id = s.id AND r.status = 'live' AND r.method = 'cash') AS cash
     FROM shifts s WHERE s.id = ?`,
  ).get(shiftId)!.cash;
}
