/** Gateway transactions: one payment attempt each, keyed by our merchant reference. */
import type { Sqlite } from '../../db/open';
import type { Gateway as GatewayProvider } from '../../../src-shared/contract/gateway-payments';
import { prepared } from '../statements';

export type GatewayTxStatus = 'pending' | 'paid' | 'expired' | 'failed' | 'refunded' | 'cancelled';
export type CreditState = 'none' | 'credited' | 'deposit' | 'review';

export interface GatewayTxRow {
  id: number;
  merchantRef: string;
  provider: GatewayProvider;
  providerRef: string | null;
  /** Exactly one of the two is set: a customer's bills, or a reseller's top-up. */
  customerId: number | null;
  resellerId: number | null;
  amount: number;
  feeCustomer: number;
  method: string;
  status: GatewayTxStatus;
  creditState: CreditState;
  expiresAt: string;
  vaNumber: string | null;
  bank: string | null;
  billerCode: string | null;
  qrString: string | null;
  payCode: string | null;
  checkoutUrl: string | null;
  paidAmount: number | null;
  paidAt: string | null;
  rawStatus: string | null;
  lastCheckedAt: string | null;
  consecutiveErrors: number;
  nextPollAt: string | null;
  paymentId: number | null;
  createdAt: string;
}

const SELECT = `SELECT id, merchant_ref AS merchantRef, provider, provider_ref AS providerRef, customer_id AS customerId,
    reseller_id AS resellerId, amount, fee_customer AS feeCustomer, method, status, credit_state AS creditState, expires_at AS expiresAt,
    va_number AS vaNumber, bank, biller_code AS billerCode, qr_string AS qrString, pay_code AS payCode,
    checkout_url AS checkoutUrl, paid_amount AS paidAmount, paid_at AS paidAt, raw_status AS rawStatus,
    last_checked_at AS lastCheckedAt, consecutive_errors AS consecutiveErrors, next_poll_at AS nextPollAt,
    payment_id AS paymentId, created_at AS createdAt
  FROM gateway_transactions`;

export function findGatewayTx(db: Sqlite, id: number): GatewayTxRow | undefined {
  return prepared<[number], GatewayTxRow>(db, `${SELECT} WHERE id = ?`).get(id);
}

export function findGatewayTxByRef(db: Sqlite, merchantRef: string): GatewayTxRow | undefined {
  return prepared<[string], GatewayTxRow>(db, `${SELECT} WHERE merchant_ref = ?`).get(merchantRef);
}

export function gatewayTxOfCustomer(db: Sqlite, customerId: number, limit: number): GatewayTxRow[] {
  return prepared<[number, number], GatewayTxRow>(db, `${SELECT} WHERE customer_id = ? ORDER BY id DESC LIMIT ?`).all(
    customerId,
    limit,
  );
}

/** A reseller's top-ups still waiting for money (the cap on open attempts per reseller). */
export function pendingTopUpsOf(db: Sqlite, resellerId: number, now: string): number {
  return (
    prepared<[number, string], { n: number }>(
      db,
      `SELECT COUNT(*) AS n FROM gateway_transactions
        WHERE reseller_id = ? AND status = 'pending' AND credit_state = 'none' AND expires_at > ?`,
    ).get(resellerId, now)?.n ?? 0
  );
}

const OF_ENABLED = `provider IN (SELECT provider FROM gateway_settings WHERE enabled = 1)`;

/** Transactions of enabled gateways whose next check is due at `now` (ISO), most overdue first. */
export function dueGatewayTx(db: Sqlite, now: string, limit: number): GatewayTxRow[] {
  return prepared<[string, number], GatewayTxRow>(
    db,
    `${SELECT} WHERE next_poll_at IS NOT NULL AND next_poll_at <= ? AND ${OF_ENABLED} ORDER BY next_poll_at LIMIT ?`,
  ).all(now, limit);
}

/** The earliest scheduled check of an enabled gateway (ISO), or undefined when nothing is left to poll. */
export function earliestPollAt(db: Sqlite): string | undefined {
  return (
    prepared<[], { at: string | null }>(
      db,
      `SELECT MIN(next_poll_at) AS at FROM gateway_transactions WHERE next_poll_at IS NOT NULL AND ${OF_ENABLED}`,
    ).get()?.at ?? undefined
  );
}

export function pendingCountByProvider(db: Sqlite): { provider: GatewayProvider; pending: number }[] {
  return prepared<[], { provider: GatewayProvider; pending: number }>(
    db,
    `SELECT provider, COUNT(*) AS pending FROM gateway_transactions WHERE status = 'pending' GROUP BY provider`,
  ).all();
}

export interface NewGatewayTx {
  merchantRef: string;
  provider: GatewayProvider;
  /** One of the two (the table's CHECK refuses both or neither). */
  customerId: number | null;
  resellerId?: number | null;
  amount: number;
  method: string;
  expiresAt: string;
  createdBy: number | null;
  now: string;
}

/** A reserved attempt, before the provider is called (so a crash leaves a row the poller can look up). */
export function insertGatewayTx(db: Sqlite, v: NewGatewayTx): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO gateway_transactions(merchant_ref, provider, customer_id, reseller_id, amount, method, expires_at,
        created_by, next_poll_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    v.merchantRef,
    v.provider,
    v.customerId,
    v.resellerId ?? null,
    v.amount,
    v.method,
    v.expiresAt,
    v.createdBy,
    v.now,
    v.now,
    v.now,
  );
  return Number(lastInsertRowid);
}

export function insertGatewayTxInvoice(db: Sqlite, txId: number, invoiceId: number, amount: number): void {
  prepared(db, `INSERT INTO gateway_transaction_invoices(transaction_id, invoice_id, amount) VALUES (?, ?, ?)`).run(
    txId,
    invoiceId,
    amount,
  );
}

export function gatewayTxInvoiceIds(db: Sqlite, txId: number): { invoiceId: number; amount: number }[] {
  return prepared<[number], { invoiceId: number; amount: number }>(
    db,
    `SELECT invoice_id AS invoiceId, amount FROM gateway_transaction_invoices WHERE transaction_id = ? ORDER BY invoice_id`,
  ).all(txId);
}

export interface CreatedTxFields {
  providerRef: string;
  feeCustomer: number;
  expiresAt: string;
  vaNumber: string | null;
  bank: string | null;
  billerCode: string | null;
  qrString: string | null;
  payCode: string | null;
  checkoutUrl: string | null;
  rawStatus: string;
  rawLast: string;
  nextPollAt: string;
  now: string;
}

export function setGatewayTxCreated(db: Sqlite, id: number, v: CreatedTxFields): void {
  prepared(
    db,
    `UPDATE gateway_transactions SET provider_ref = ?, fee_customer = ?, expires_at = ?, va_number = ?, bank = ?,
        biller_code = ?, qr_string = ?, pay_code = ?, checkout_url = ?, raw_status = ?, raw_last = ?, next_poll_at = ?,
        updated_at = ?
      WHERE id = ?`,
  ).run(
    v.providerRef,
    v.feeCustomer,
    v.expiresAt,
    v.vaNumber,
    v.bank,
    v.billerCode,
    v.qrString,
    v.payCode,
    v.checkoutUrl,
    v.rawStatus,
    v.rawLast,
    v.nextPollAt,
    v.now,
    id,
  );
}

export interface ObservedTxFields {
  status: GatewayTxStatus;
  rawStatus: string | null;
  rawLast: string | null;
  providerRef: string | null;
  paidAmount: number | null;
  paidAt: string | null;
  lastCheckedAt: string | null;
  consecutiveErrors: number;
  nextPollAt: string | null;
  now: string;
}

/** What the provider said (or that it failed to answer), and when to ask next. */
export function setGatewayTxObserved(db: Sqlite, id: number, v: ObservedTxFields): void {
  prepared(
    db,
    `UPDATE gateway_transactions SET status = ?, raw_status = COALESCE(?, raw_status), raw_last = COALESCE(?, raw_last),
        provider_ref = COALESCE(provider_ref, ?), paid_amount = COALESCE(?, paid_amount), paid_at = COALESCE(?, paid_at),
        last_checked_at = ?, consecutive_errors = ?, next_poll_at = ?, updated_at = ?
      WHERE id = ?`,
  ).run(
    v.status,
    v.rawStatus,
    v.rawLast,
    v.providerRef,
    v.paidAmount,
    v.paidAt,
    v.lastCheckedAt,
    v.consecutiveErrors,
    v.nextPollAt,
    v.now,
    id,
  );
}

export function setGatewayTxCredit(
  db: Sqlite,
  id: number,
  creditState: CreditState,
  paymentId: number | null,
  now: string,
): void {
  prepared(
    db,
    `UPDATE gateway_transactions SET credit_state = ?, payment_id = ?, next_poll_at = NULL, updated_at = ? WHERE id = ?`,
  ).run(creditState, paymentId, now, id);
}

export function cancelGatewayTx(db: Sqlite, id: number, reason: string, now: string): void {
  prepared(
    db,
    `UPDATE gateway_transactions SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?, updated_at = ?
      WHERE id = ?`,
  ).run(now, reason, now, id);
}
