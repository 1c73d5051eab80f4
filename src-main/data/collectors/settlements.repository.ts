/** Hand-overs (setoran) of collected cash, and the monthly commission figures. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface SettlementRow {
  id: number;
  collectorId: number;
  collectorName: string;
  expected: number;
  counted: number;
  variance: number;
  collections: number;
  note: string | null;
  cashierName: string | null;
  settledOn: string;
  at: string;
}

export function insertSettlement(
  db: Sqlite,
  s: {
    collectorId: number;
    expected: number;
    counted: number;
    collections: number;
    note: string | null;
    cashierId: number | null;
    settledOn: string;
    at: string;
  },
): number {
  const r = prepared(
    db,
    `INSERT INTO collector_settlements(collector_id, expected, counted, variance, collections, note, cashier_id, settled_on, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.collectorId,
    s.expected,
    s.counted,
    s.counted - s.expected,
    s.collections,
    s.note,
    s.cashierId,
    s.settledOn,
    s.at,
  );
  return Number(r.lastInsertRowid);
}

/** Hand-overs, newest first; `collectorId` null = every collector. */
export function listSettlements(db: Sqlite, collectorId: number | null, limit: number): SettlementRow[] {
  return prepared<[{ collectorId: number | null; limit: number }], SettlementRow>(
    db,
    `SELECT s.id, s.collector_id AS collectorId, u.full_name AS collectorName, s.expected, s.counted, s.variance,
       s.collections, s.note, k.full_name AS cashierName, s.settled_on AS settledOn, s.at
     FROM collector_settlements s JOIN users u ON u.id = s.collector_id LEFT JOIN users k ON k.id = s.cashier_id
     WHERE @collectorId IS NULL OR s.collector_id = @collectorId
     ORDER BY s.id DESC LIMIT @limit`,
  ).all({ collectorId, limit });
}

export interface CommissionRow {
  collectorId: number;
  collectorName: string;
  payments: number;
  collected: number;
  commission: number;
  /** Figures of the month's hand-overs. */
  settled: number;
  variance: number;
}

/**
 * One row per collector with collections received in the month (YYYY-MM, ISP business dates). Voided
 * payments earn no commission.
 */
export function commissionForMonth(db: Sqlite, month: string): CommissionRow[] {
  return prepared<[{ from: string; to: string }], CommissionRow>(
    db,
    `SELECT u.id AS collectorId, u.full_name AS collectorName,
       count(k.id) AS payments, coalesce(sum(k.amount), 0) AS collected, coalesce(sum(k.commission), 0) AS commission,
       (SELECT coalesce(sum(s.counted), 0) FROM collector_settlements s
         WHERE s.collector_id = u.id AND s.settled_on BETWEEN @from AND @to) AS settled,
       (SELECT coalesce(sum(s.variance), 0) FROM collector_settlements s
         WHERE s.collector_id = u.id AND s.settled_on BETWEEN @from AND @to) AS variance
     FROM users u
     JOIN collector_collections k ON k.collector_id = u.id AND k.received_on BETWEEN @from AND @to
     JOIN payments p ON p.id = k.payment_id AND p.status = 'live'
     GROUP BY u.id ORDER BY lower(u.full_name)`,
  ).all({ from: `${month}-01`, to: `${month}-31` });
}
