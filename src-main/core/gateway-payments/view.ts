/** Shapes stored gateway transactions into what the API returns. */
import type { GatewayTx } from '../../../src-shared/contract/gateway-payments';
import { AppError } from '../../../src-shared/result';
import { gatewayTxView, txInvoices, type GatewayTxViewRow } from '../../data/payments-online/reconciliation.queries';
import type { AppContext } from '../context';

/** pending / paid (not yet credited) / credited / deposit / review / expired / failed / cancelled. */
export function stateOf(r: { status: string; creditState: string }): GatewayTx['state'] {
  if (r.creditState === 'credited' || r.creditState === 'deposit' || r.creditState === 'review') return r.creditState;
  if (r.status === 'refunded') return 'failed';
  return r.status as GatewayTx['state'];
}

export function toViews(app: AppContext, rows: GatewayTxViewRow[]): GatewayTx[] {
  const invoices = txInvoices(
    app.sqlite,
    rows.map((r) => r.id),
  );
  return rows.map(({ status, creditState, ...r }) => ({
    ...r,
    state: stateOf({ status, creditState }),
    invoices: invoices
      .filter((i) => i.transactionId === r.id)
      .map(({ invoiceId, invoiceNumber, amount }) => ({ invoiceId, invoiceNumber, amount })),
  }));
}

export function txView(app: AppContext, id: number): GatewayTx {
  const row = gatewayTxView(app.sqlite, id);
  if (!row) throw new AppError('NOT_FOUND', 'Gateway payment not found');
  return toViews(app, [row])[0]!;
}

/** The fields every payer's view of an attempt shares (contract: payerAttemptFields). */
export function payerAttemptView(tx: GatewayTx) {
  return {
    id: tx.id,
    reference: tx.merchantRef,
    provider: tx.provider,
    method: tx.method,
    state: tx.state,
    amount: tx.amount,
    feeCustomer: tx.feeCustomer,
    expiresAt: tx.expiresAt,
    vaNumber: tx.vaNumber,
    bank: tx.bank,
    billerCode: tx.billerCode,
    qrString: tx.qrString,
    payCode: tx.payCode,
    checkoutUrl: tx.checkoutUrl,
    paidAt: tx.paidAt,
  };
}
