/** The idempotency keys of gateway money and the review list of money that waits for a person. */
import type { Sqlite } from '../../db/open';
import type { Gateway as GatewayProvider } from '../../../src-shared/contract/gateway-payments';
import { prepared } from '../statements';

export interface NewCredit {
  provider: GatewayProvider;
  merchantRef: string;
  providerRef: string | null;
  transactionId: number | null;
  amount: number;
  /** `topup`: a reseller's top-up, credited to their ledger (no customer payment). */
  outcome: 'invoices' | 'deposit' | 'review' | 'topup';
  via: string;
  now: string;
}

/**
 * Claims the reference: returns the new row id, or null when it was credited before (the unique index
 * on provider + merchant_ref). Call inside the crediting transaction.
 */
export function claimCredit(db: Sqlite, v: NewCredit): number | null {
  const r = prepared(
    db,
    `INSERT INTO gateway_credits(provider, merchant_ref, provider_ref, transaction_id, amount, outcome, via, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(provider, merchant_ref) DO NOTHING`,
  ).run(v.provider, v.merchantRef, v.providerRef, v.transactionId, v.amount, v.outcome, v.via, v.now);
  return r.changes === 1 ? Number(r.lastInsertRowid) : null;
}

export function setCreditPayment(db: Sqlite, creditId: number, paymentId: number): void {
  prepared(db, `UPDATE gateway_credits SET payment_id = ? WHERE id = ?`).run(paymentId, creditId);
}

export function countCredits(db: Sqlite, provider: GatewayProvider, merchantRef: string): number {
  return (
    prepared<[string, string], { n: number }>(
      db,
      `SELECT COUNT(*) AS n FROM gateway_credits WHERE provider = ? AND merchant_ref = ?`,
    ).get(provider, merchantRef)?.n ?? 0
  );
}

export interface ReviewRow {
  id: number;
  source: 'gateway' | 'bank';
  provider: string | null;
  reference: string;
  transactionId: number | null;
  customerId: number | null;
  customerName: string | null;
  resellerId: number | null;
  resellerName: string | null;
  amount: number;
  reason: 'unknown_reference' | 'amount_mismatch';
  detail: string | null;
  status: 'open' | 'resolved';
  resolution: 'deposit' | 'invoice' | 'reseller' | null;
  paymentId: number | null;
  resolvedAt: string | null;
  createdAt: string;
}

const REVIEW_SELECT = `SELECT r.id, r.source, r.provider, r.reference, r.transaction_id AS transactionId,
    r.customer_id AS customerId, c.name AS customerName, t.reseller_id AS resellerId, rs.name AS resellerName, r.amount,
    r.reason, r.detail, r.status, r.resolution, r.payment_id AS paymentId, r.resolved_at AS resolvedAt,
    r.created_at AS createdAt
  FROM payment_reviews r LEFT JOIN customers c ON c.id = r.customer_id
  LEFT JOIN gateway_transactions t ON t.id = r.transaction_id LEFT JOIN resellers rs ON rs.id = t.reseller_id`;

export interface NewReview {
  source: 'gateway' | 'bank';
  provider: string | null;
  reference: string;
  transactionId: number | null;
  customerId: number | null;
  amount: number;
  reason: ReviewRow['reason'];
  detail: string | null;
  now: string;
}

export function insertReview(db: Sqlite, v: NewReview): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO payment_reviews(source, provider, reference, transaction_id, customer_id, amount, reason, detail, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(v.source, v.provider, v.reference, v.transactionId, v.customerId, v.amount, v.reason, v.detail, v.now);
  return Number(lastInsertRowid);
}

export function findReview(db: Sqlite, id: number): ReviewRow | undefined {
  return prepared<[number], ReviewRow>(db, `${REVIEW_SELECT} WHERE r.id = ?`).get(id);
}

export function listReviews(db: Sqlite, status: 'open' | 'resolved' | 'all', limit: number): ReviewRow[] {
  return prepared<[string, string, number], ReviewRow>(
    db,
    `${REVIEW_SELECT} WHERE (? = 'all' OR r.status = ?) ORDER BY r.id DESC LIMIT ?`,
  ).all(status, status, limit);
}

export function resolveReview(
  db: Sqlite,
  id: number,
  v: {
    resolution: 'deposit' | 'invoice' | 'reseller';
    /** Null for `reseller` (the money is a ledger movement, not a customer payment). */
    paymentId: number | null;
    customerId: number | null;
    by: number | null;
    now: string;
  },
): boolean {
  const r = prepared(
    db,
    `UPDATE payment_reviews SET status = 'resolved', resolution = ?, payment_id = ?, customer_id = ?, resolved_by = ?,
        resolved_at = ?
      WHERE id = ? AND status = 'open'`,
  ).run(v.resolution, v.paymentId, v.customerId, v.by, v.now, id);
  return r.changes === 1;
}
