/** Cash taken by collectors (collector_collections): claimed once per idempotency key, settled at hand-over. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface CollectionRow {
  id: number;
  idempotencyKey: string;
  collectorId: number;
  customerId: number;
  invoiceId: number | null;
  paymentId: number;
  paymentNumber: string;
  amount: number;
  outcome: 'invoices' | 'deposit';
  commission: number;
  collectedAt: string;
  receivedAt: string;
  settlementId: number | null;
  customerCode: string;
  customerName: string;
}

const SELECT = `SELECT k.id, k.idempotency_key AS idempotencyKey, k.collector_id AS collectorId, k.customer_id AS customerId,
  k.invoice_id AS invoiceId, k.payment_id AS paymentId, p.payment_number AS paymentNumber, k.amount, k.outcome,
  k.commission, k.collected_at AS collectedAt, k.received_at AS receivedAt, k.settlement_id AS settlementId,
  c.customer_code AS customerCode, c.name AS customerName
  FROM collector_collections k JOIN payments p ON p.id = k.payment_id JOIN customers c ON c.id = k.customer_id`;

export function findCollectionByKey(db: Sqlite, key: string): CollectionRow | undefined {
  return prepared<[string], CollectionRow>(db, `${SELECT} WHERE k.idempotency_key = ?`).get(key);
}

export function findCollectionByPayment(db: Sqlite, paymentId: number): CollectionRow | undefined {
  return prepared<[number], CollectionRow>(db, `${SELECT} WHERE k.payment_id = ?`).get(paymentId);
}

export function insertCollection(
  db: Sqlite,
  k: {
    key: string;
    collectorId: number;
    customerId: number;
    invoiceId: number | null;
    paymentId: number;
    amount: number;
    outcome: 'invoices' | 'deposit';
    commission: number;
    collectedAt: string;
    receivedAt: string;
    receivedOn: string;
  },
): number {
  const r = prepared(
    db,
    `INSERT INTO collector_collections(idempotency_key, collector_id, customer_id, invoice_id, payment_id, amount, outcome,
       commission, collected_at, received_at, received_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    k.key,
    k.collectorId,
    k.customerId,
    k.invoiceId,
    k.paymentId,
    k.amount,
    k.outcome,
    k.commission,
    k.collectedAt,
    k.receivedAt,
    k.receivedOn,
  );
  return Number(r.lastInsertRowid);
}

/** Collections not yet handed over (live payments only: a voided one is not cash in the bag). */
export function unsettledOf(db: Sqlite, collectorId: number): CollectionRow[] {
  return prepared<[number], CollectionRow>(
    db,
    `${SELECT} WHERE k.collector_id = ? AND k.settlement_id IS NULL AND p.status = 'live' ORDER BY k.id`,
  ).all(collectorId);
}

export function markSettled(db: Sqlite, ids: number[], settlementId: number): void {
  const st = prepared(db, 'UPDATE collector_collections SET settlement_id = ? WHERE id = ? AND settlement_id IS NULL');
  for (const id of ids) st.run(settlementId, id);
}

export function recentOf(db: Sqlite, collectorId: number, limit: number): CollectionRow[] {
  return prepared<[number, number], CollectionRow>(
    db,
    `${SELECT} WHERE k.collector_id = ? ORDER BY k.id DESC LIMIT ?`,
  ).all(collectorId, limit);
}
