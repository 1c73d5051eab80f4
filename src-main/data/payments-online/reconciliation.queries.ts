/** Read-only views of gateway transactions for the desk and the reconciliation screen. */
import type { Sqlite } from '../../db/open';
import type { Gateway } from '../../../src-shared/contract/gateway-payments';
import { prepared } from '../statements';

export interface GatewayTxViewRow {
  id: number;
  merchantRef: string;
  provider: Gateway;
  providerRef: string | null;
  customerId: number | null;
  /** A reseller's top-up: the reseller (customerCode/customerName then hold the reseller's code and name). */
  resellerId: number | null;
  customerCode: string;
  customerName: string;
  amount: number;
  feeCustomer: number;
  method: string;
  status: string;
  creditState: string;
  expiresAt: string;
  vaNumber: string | null;
  bank: string | null;
  billerCode: string | null;
  qrString: string | null;
  payCode: string | null;
  checkoutUrl: string | null;
  paidAmount: number | null;
  paidAt: string | null;
  paymentId: number | null;
  paymentNumber: string | null;
  lastCheckedAt: string | null;
  createdAt: string;
}

/** Who paid: the customer, or the reseller of a top-up (exactly one is set). */
const PAYER = `FROM gateway_transactions t
  LEFT JOIN customers c ON c.id = t.customer_id
  LEFT JOIN resellers rs ON rs.id = t.reseller_id`;

const SELECT = `SELECT t.id, t.merchant_ref AS merchantRef, t.provider, t.provider_ref AS providerRef, t.customer_id AS customerId,
    t.reseller_id AS resellerId, COALESCE(c.customer_code, rs.code) AS customerCode, COALESCE(c.name, rs.name) AS customerName, t.amount, t.fee_customer AS feeCustomer, t.method, t.status,
    t.credit_state AS creditState, t.expires_at AS expiresAt, t.va_number AS vaNumber, t.bank, t.biller_code AS billerCode,
    t.qr_string AS qrString, t.pay_code AS payCode, t.checkout_url AS checkoutUrl, t.paid_amount AS paidAmount,
    t.paid_at AS paidAt, t.payment_id AS paymentId, p.payment_number AS paymentNumber, t.last_checked_at AS lastCheckedAt,
    t.created_at AS createdAt
  ${PAYER}
  LEFT JOIN payments p ON p.id = t.payment_id`;

/** The derived state as SQL, so filters and totals agree with what the screen shows. */
export const STATE_SQL = `CASE WHEN t.credit_state = 'credited' THEN 'credited' WHEN t.credit_state = 'deposit' THEN 'deposit'
  WHEN t.credit_state = 'review' THEN 'review' WHEN t.status = 'paid' THEN 'paid' ELSE t.status END`;

export function gatewayTxView(db: Sqlite, id: number): GatewayTxViewRow | undefined {
  return prepared<[number], GatewayTxViewRow>(db, `${SELECT} WHERE t.id = ?`).get(id);
}

export function gatewayTxViewsOfCustomer(db: Sqlite, customerId: number, limit: number): GatewayTxViewRow[] {
  return prepared<[number, number], GatewayTxViewRow>(
    db,
    `${SELECT} WHERE t.customer_id = ? ORDER BY t.id DESC LIMIT ?`,
  ).all(customerId, limit);
}

/** A reseller's own top-up attempts, newest first. */
export function gatewayTxViewsOfReseller(db: Sqlite, resellerId: number, limit: number): GatewayTxViewRow[] {
  return prepared<[number, number], GatewayTxViewRow>(
    db,
    `${SELECT} WHERE t.reseller_id = ? ORDER BY t.id DESC LIMIT ?`,
  ).all(resellerId, limit);
}

export interface TxInvoiceRow {
  transactionId: number;
  invoiceId: number;
  invoiceNumber: string;
  amount: number;
}

export function txInvoices(db: Sqlite, txIds: number[]): TxInvoiceRow[] {
  if (!txIds.length) return [];
  return prepared<[string], TxInvoiceRow>(
    db,
    `SELECT gi.transaction_id AS transactionId, gi.invoice_id AS invoiceId, i.invoice_number AS invoiceNumber, gi.amount
       FROM gateway_transaction_invoices gi JOIN invoices i ON i.id = gi.invoice_id
      WHERE gi.transaction_id IN (SELECT value FROM json_each(?)) ORDER BY gi.transaction_id, gi.invoice_id`,
  ).all(JSON.stringify(txIds));
}

export interface TxFilter {
  provider: string | null;
  state: string | null;
  /** UTC instants bounding created_at (from the business dates). */
  fromAt: string | null;
  toAt: string | null;
  search: string | null;
}

const WHERE = `WHERE (@provider IS NULL OR t.provider = @provider)
    AND (@state IS NULL OR (${STATE_SQL}) = @state)
    AND (@fromAt IS NULL OR t.created_at >= @fromAt) AND (@toAt IS NULL OR t.created_at < @toAt)
    AND (@search IS NULL OR t.merchant_ref LIKE @search ESCAPE '\\' OR t.provider_ref LIKE @search ESCAPE '\\'
         OR c.name LIKE @search ESCAPE '\\' OR c.customer_code LIKE @search ESCAPE '\\'
         OR rs.name LIKE @search ESCAPE '\\' OR rs.code LIKE @search ESCAPE '\\')`;

export function listGatewayTxViews(db: Sqlite, f: TxFilter, limit: number): GatewayTxViewRow[] {
  return prepared<TxFilter & { limit: number }, GatewayTxViewRow>(
    db,
    `${SELECT} ${WHERE} ORDER BY t.id DESC LIMIT @limit`,
  ).all({ ...f, limit });
}

export function countGatewayTx(db: Sqlite, f: TxFilter): number {
  return prepared<TxFilter, { n: number }>(db, `SELECT COUNT(*) AS n ${PAYER} ${WHERE}`).get(f)?.n ?? 0;
}

export interface TotalsRow {
  day: string;
  provider: Gateway;
  count: number;
  amount: number;
  paid: number;
}

/** Totals per business day (offset in hours of the ISP's zone) and provider. */
export function gatewayTotals(db: Sqlite, f: TxFilter, offsetHours: number): TotalsRow[] {
  return prepared<TxFilter & { offset: string }, TotalsRow>(
    db,
    `SELECT date(t.created_at, @offset) AS day, t.provider, COUNT(*) AS count, SUM(t.amount) AS amount,
            COALESCE(SUM(CASE WHEN t.credit_state <> 'none' OR t.status = 'paid' THEN COALESCE(t.paid_amount, t.amount) END), 0) AS paid
       ${PAYER} ${WHERE}
      GROUP BY day, t.provider ORDER BY day DESC, t.provider`,
  ).all({ ...f, offset: `${offsetHours} hours` });
}
