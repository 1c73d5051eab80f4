/** The desk's reads and actions on gateway payments, and the reconciliation list and export. */
import type ExcelJS from 'exceljs';
import { lazyRequire } from '../../lazy-require';
import type { GatewayTx } from '../../../src-shared/contract/gateway-payments';
import { AppError } from '../../../src-shared/result';
import { listGatewaySettings } from '../../data/payments-online/gateway-settings.repository';
import { cancelGatewayTx, findGatewayTx } from '../../data/payments-online/gateway-transactions.repository';
import {
  countGatewayTx,
  gatewayTotals,
  gatewayTxViewsOfCustomer,
  listGatewayTxViews,
  type TxFilter,
} from '../../data/payments-online/reconciliation.queries';
import { writeAudit } from '../audit';
import { dayStartUtc } from '../billing/common';
import { addDays } from '../../../src-shared/dates';
import type { CallContext } from '../context';
import { getSettings } from '../settings';
import { checkOne } from './poller';
import type { In } from './types';
import { toViews, txView } from './view';

/** Loaded on first use (lazy-require.ts). */
const excel = lazyRequire<typeof ExcelJS>('exceljs');

export function availableGateways(call: CallContext) {
  return listGatewaySettings(call.app.sqlite)
    .filter((r) => r.enabled && r.credentialsEnc && r.methods.length)
    .map((r) => ({ provider: r.provider, methods: r.methods, feePayer: r.feePayer }));
}

export function getGatewayPayment(call: CallContext, id: number): GatewayTx {
  return txView(call.app, id);
}

export function gatewayPaymentsOfCustomer(call: CallContext, customerId: number): GatewayTx[] {
  return toViews(call.app, gatewayTxViewsOfCustomer(call.app.sqlite, customerId, 50));
}

/** "Check now": asks the gateway at once (a customer says they have paid). */
export async function checkGatewayPayment(call: CallContext, id: number): Promise<GatewayTx> {
  const tx = findGatewayTx(call.app.sqlite, id);
  if (!tx) throw new AppError('NOT_FOUND', 'Gateway payment not found');
  if (tx.creditState === 'none') await checkOne(call, tx, 'desk');
  return txView(call.app, id);
}

/** Stops offering an attempt; money that still arrives for it goes to the customer's deposit. */
export function cancelGatewayPayment(call: CallContext, input: In<'gatewayPayments.cancel'>): GatewayTx {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const tx = findGatewayTx(app.sqlite, input.id);
      if (!tx) throw new AppError('NOT_FOUND', 'Gateway payment not found');
      if (tx.status !== 'pending' || tx.creditState !== 'none')
        throw new AppError('CONFLICT', 'Only a pending gateway payment can be cancelled');
      cancelGatewayTx(app.sqlite, tx.id, input.reason, app.clock.now().toISOString());
      writeAudit(call, {
        action: 'gateway.payment.cancel',
        entity: 'gateway_transaction',
        entityId: tx.id,
        before: { status: tx.status },
        after: { status: 'cancelled' },
        reason: input.reason,
      });
      return txView(app, tx.id);
    })
    .immediate();
}

function filterOf(call: CallContext, input: In<'gatewayPayments.list'>): TxFilter {
  const { app } = call;
  return {
    provider: input.provider ?? null,
    state: input.state ?? null,
    fromAt: input.from ? dayStartUtc(app, input.from) : null,
    toAt: input.to ? dayStartUtc(app, addDays(input.to, 1)) : null,
    search: input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
  };
}

const OFFSETS: Record<string, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };

export function listGatewayPayments(call: CallContext, input: In<'gatewayPayments.list'>) {
  const f = filterOf(call, input);
  const db = call.app.sqlite;
  return {
    items: toViews(call.app, listGatewayTxViews(db, f, 500)),
    total: countGatewayTx(db, f),
    totals: gatewayTotals(db, f, OFFSETS[getSettings(call.app).timeZone] ?? 7),
  };
}

const cell = (v: string | number | null) =>
  v === null ? '' : typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;

/** The reconciliation as .xlsx: one sheet of attempts, one of totals per day and gateway. */
export async function exportGatewayPayments(call: CallContext, input: In<'gatewayPayments.export'>) {
  const f = filterOf(call, input);
  const db = call.app.sqlite;
  const rows = toViews(call.app, listGatewayTxViews(db, f, 100_000));
  const wb = new (excel().Workbook)();
  wb.creator = 'PPPoE Desk';
  const ws = wb.addWorksheet('Gateway', { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = [
    'Created (UTC)',
    'Gateway',
    'Reference',
    'Provider ref',
    'Customer',
    'Name',
    'Method',
    'State',
    'Asked',
    'Paid',
    'Paid at (UTC)',
    'Payment',
    'Invoices',
  ];
  ws.addRow(header).font = { bold: true };
  for (const r of rows)
    ws.addRow(
      [
        r.createdAt,
        r.provider,
        r.merchantRef,
        r.providerRef,
        r.customerCode,
        r.customerName,
        r.method,
        r.state,
        r.amount,
        r.paidAmount,
        r.paidAt,
        r.paymentNumber,
        r.resellerId !== null ? 'Reseller top-up' : r.invoices.map((i) => i.invoiceNumber).join(', '),
      ].map(cell),
    );
  for (const col of [9, 10]) ws.getColumn(col).numFmt = '#,##0';
  const totals = wb.addWorksheet('Totals');
  totals.addRow(['Day', 'Gateway', 'Count', 'Asked', 'Paid']).font = { bold: true };
  for (const t of gatewayTotals(db, f, OFFSETS[getSettings(call.app).timeZone] ?? 7))
    totals.addRow([t.day, t.provider, t.count, t.amount, t.paid]);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const stamp = call.app.clock.now().toISOString().slice(0, 10);
  return { filename: `gateway-payments-${stamp}.xlsx`, base64: buf.toString('base64') };
}
