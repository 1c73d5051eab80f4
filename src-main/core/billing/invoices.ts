import type { Invoice } from '../../../src-shared/contract/invoices';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import { customerExists, documentCustomer } from '../../data/billing/billed-customers.queries';
import {
  findInvoiceRow,
  insertManualInvoice,
  invoiceAllocations,
  invoiceExtras,
  listInvoiceRows,
  markInvoiceVoid,
  toInvoice,
} from '../../data/billing/invoices.repository';
import { servicePeriodTerms } from '../../data/billing/subscriptions.repository';
import { reserveSequence } from '../../data/sequences';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { getSettings } from '../settings';
import { likePattern, type Paged } from '../../data/sql';
import { addDays, formatInvoiceNumber, invoiceSequenceName, today, type In } from './common';
import { periodEnd, periodStart } from './periods';
import { restoreIfCleared } from './restore';
import { canSeeCustomer, visibleBrandIds } from '../brands/scope';
import { customerInvoicePrefix, customerIsp } from '../brands/identity';
import { transferBlock } from '../reconciliation/transfer-codes';

// ------------------------------------------------------------------ reading

export function getInvoice(call: CallContext, id: number): Invoice {
  const row = findInvoiceRow(call.app.sqlite, id);
  if (!row || !canSeeCustomer(call, row.customerId)) throw notFound('Invoice');
  return toInvoice(row, today(call.app));
}

export function invoiceDetail(call: CallContext, id: number) {
  const inv = getInvoice(call, id);
  const db = call.app.sqlite;
  return { ...inv, ...invoiceExtras(db, id)!, allocations: invoiceAllocations(db, id) };
}

export function listInvoices(
  call: CallContext,
  input: In<'invoices.list'>,
): Paged<Invoice> & { totalAmount: number; totalOutstanding: number } {
  const todayDate = today(call.app);
  const { search, ...filter } = input;
  const r = listInvoiceRows(
    call.app.sqlite,
    { ...filter, ...(search ? { like: likePattern(search.toLowerCase()) } : {}), brands: visibleBrandIds(call) },
    todayDate,
  );
  return {
    items: r.rows.map((row) => toInvoice(row, todayDate)),
    total: r.total,
    page: input.page,
    pageSize: input.pageSize,
    totalAmount: r.totalAmount,
    totalOutstanding: r.totalOutstanding,
  };
}

// ------------------------------------------------------------------ writing

/** A one-off invoice (installation, re-billing a voided period): not tied to a subscription period. */
export function createManualInvoice(call: CallContext, input: In<'invoices.create'>): Invoice {
  const { app, session } = call;
  return app.sqlite
    .transaction(() => {
      if (!customerExists(app.sqlite, input.customerId)) throw badInput('customerId', 'Customer not found');
      const settings = getSettings(app);
      const invoiceDate = input.invoiceDate ?? today(app);
      const dueDate = input.dueDate ?? addDays(invoiceDate, settings.dueDays);
      if (dueDate < invoiceDate) throw badInput('dueDate', 'Due date must not be before the invoice date');
      const ym = invoiceDate.slice(0, 7).replace('-', '');
      // Each brand numbers its invoices on its own counter (its prefix is unique).
      const prefix = customerInvoicePrefix(app, input.customerId);
      const number = formatInvoiceNumber(prefix, ym, reserveSequence(app.sqlite, invoiceSequenceName(prefix, ym), 1));
      const id = insertManualInvoice(app.sqlite, {
        invoiceNumber: number,
        customerId: input.customerId,
        period: invoiceDate.slice(0, 7),
        invoiceDate,
        dueDate,
        amount: input.amount,
        description: input.description,
        notes: input.notes ?? null,
        createdBy: session?.userId ?? null,
        now: app.clock.now().toISOString(),
      });
      const created = getInvoice(call, id);
      writeAudit(call, { action: 'invoice.create', entity: 'invoice', entityId: created.id, after: created });
      return created;
    })
    .immediate();
}

/**
 * Voids an invoice with a reason. An invoice with live payments cannot be voided: the cashier voids
 * those payments first (their money then goes back or to the deposit explicitly), so the ledger never
 * holds money allocated to a void invoice. The void invoice keeps its (subscription, period) slot, so a
 * later run does not re-issue it; re-bill with invoices.create if needed.
 */
export function voidInvoice(call: CallContext, id: number, reason: string): Invoice {
  const { app, session } = call;
  return app.sqlite
    .transaction(() => {
      const before = getInvoice(call, id);
      if (before.status === 'void') throw new AppError('CONFLICT', `Invoice ${before.invoiceNumber} is already void`);
      if (before.paidAmount > 0) {
        throw new AppError(
          'CONFLICT',
          `Invoice ${before.invoiceNumber} has payments of Rp ${before.paidAmount.toLocaleString('id-ID')}: void those payments first`,
        );
      }
      markInvoiceVoid(app.sqlite, id, session?.userId ?? null, reason, app.clock.now().toISOString());
      const after = getInvoice(call, id);
      writeAudit(call, {
        action: 'invoice.void',
        entity: 'invoice',
        entityId: id,
        before: { status: before.status, amount: before.amount },
        after: { status: after.status },
        reason,
      });
      // Voiding the last overdue invoice lifts the isolir just like paying it would.
      restoreIfCleared(call, before.customerId, `invoice ${before.invoiceNumber} voided`);
      return after;
    })
    .immediate();
}

export function invoiceDocument(call: CallContext, id: number) {
  const { app } = call;
  const invoice = invoiceDetail(call, id);
  let servicePeriod: { from: string; to: string } | null = null;
  if (invoice.subscriptionId !== null) {
    const s = servicePeriodTerms(app.sqlite, invoice.subscriptionId);
    if (s) {
      const from = periodStart(invoice.period, s.billingDay);
      servicePeriod = {
        from: s.startDate > from ? s.startDate : from,
        to: periodEnd(invoice.period, s.billingDay, s.cycle),
      };
    }
  }
  return {
    isp: customerIsp(app, invoice.customerId),
    invoice,
    customer: documentCustomer(app.sqlite, invoice.customerId)!,
    lines: [{ description: invoice.description ?? `Tagihan ${invoice.invoiceNumber}`, amount: invoice.amount }],
    servicePeriod,
    generatedAt: app.clock.now().toISOString(),
    transfer: transferBlock(app, invoice.id),
  };
}
