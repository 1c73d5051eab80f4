/**
 * The monthly invoice run: what every active subscription owes for a period, numbered per month and
 * written with its audit rows in the caller's transaction.
 */
import type { z } from 'zod';
import type { invoiceRunRow } from '../../../src-shared/contract/invoices';
import { badInput } from '../../../src-shared/result';
import {
  auditRunInvoices,
  countInvoicedSubscriptions,
  customerNames,
  dueSubscriptions,
  maxInvoiceId,
  packageNames,
  recordInvoiceRun,
  runInvoiceWriter,
} from '../../data/billing/invoice-run.repository';
import { reserveSequence } from '../../data/sequences';
import { brandPrefixes } from '../../data/brands.repository';
import type { AppContext, CallContext } from '../context';
import { queueBillIssued } from '../messaging/enqueue';
import { getSettings } from '../settings';
import { addDays, addMonths, currentPeriod, formatInvoiceNumber, invoiceSequenceName, today, type In } from './common';
import { chargeFor, describeCharge, type PeriodCharge } from './periods';

type RunRow = z.output<typeof invoiceRunRow>;

export interface RunResult {
  period: string;
  dryRun: boolean;
  created: number;
  skipped: number;
  totalAmount: number;
  invoices: RunRow[];
  truncated: boolean;
}

const PREVIEW_LIMIT = 1000;
/** How far ahead an owner may issue invoices (next month's, a few days early). */
const MAX_MONTHS_AHEAD = 1;

/** What the run would create for `p`: rows without numbers, plus how many already have their invoice. */
function planRun(app: AppContext, p: string): { rows: RunRow[]; skipped: number; brands: number[] } {
  const db = app.sqlite;
  const settings = getSettings(app);
  const runDate = today(app);
  // A subscription can only owe for p if it started before the end of p's month window.
  const subs = dueSubscriptions(db, `${addMonths(p, 1)}-29`, p);
  const skipped = countInvoicedSubscriptions(db, p);
  // Billed: active subscriptions of customers who are not inactive (a suspended customer still owes).
  const rows: RunRow[] = [];
  /** The brand of each row (same index). */
  const brands: number[] = [];
  // Thousands of subscriptions share the same terms and package: compute each distinct case once.
  const charges = new Map<string, PeriodCharge | null>();
  const texts = new Map<string, string>();
  const dues = new Map<string, string>();
  const names = packageNames(db);
  for (const sub of subs) {
    const key = `${sub.startDate}|${sub.endDate}|${sub.autoRenew}|${sub.billingDay}|${sub.prorateFirst}|${sub.fee}|${sub.cycle}`;
    let charge = charges.get(key);
    if (charge === undefined) {
      charge = chargeFor(
        {
          startDate: sub.startDate,
          endDate: sub.endDate,
          autoRenew: sub.autoRenew === 1,
          billingDay: sub.billingDay,
          prorateFirst: sub.prorateFirst === 1,
          fee: sub.fee,
          cycle: sub.cycle,
        },
        p,
      );
      charges.set(key, charge);
    }
    // Free subscriptions (fee 0) get no invoice.
    if (!charge || charge.amount <= 0) continue;
    // Dated on the first day of service, or today when issued late (catch-up): never due in the past.
    const invoiceDate = charge.from > runDate ? charge.from : runDate;
    let dueDate = dues.get(invoiceDate);
    if (dueDate === undefined) dues.set(invoiceDate, (dueDate = addDays(invoiceDate, settings.dueDays)));
    const packageName = names.get(sub.packageId) ?? '';
    const textKey = `${sub.packageId}|${sub.cycle}|${charge.days}`;
    let description = texts.get(textKey);
    if (description === undefined)
      texts.set(textKey, (description = describeCharge(packageName, p, sub.cycle, charge)));
    rows.push({
      subscriptionId: sub.id,
      customerId: sub.customerId,
      customerCode: '',
      customerName: '',
      packageName,
      period: p,
      invoiceDate,
      dueDate,
      amount: charge.amount,
      prorated: charge.prorated,
      description,
      invoiceNumber: null,
    });
    brands.push(sub.brandId);
  }
  // Customer code and name for the rows the caller will see.
  const shown = rows.slice(0, PREVIEW_LIMIT);
  const customers = customerNames(
    db,
    shown.map((r) => r.customerId),
  );
  for (const r of shown) {
    const c = customers.get(r.customerId);
    r.customerCode = c?.code ?? '';
    r.customerName = c?.name ?? '';
  }
  return { rows, skipped, brands };
}

/**
 * The invoice run for one period. One IMMEDIATE transaction: the plan is read under the write lock, so a
 * concurrent run (another window, the scheduler) waits and then finds everything already invoiced. The
 * unique (subscription_id, period) index is the last line of defence. Numbers are reserved per month
 * in one block, so they are gapless.
 */
export function generateInvoices(call: CallContext, input: In<'billing.generateInvoices'>): RunResult {
  const { app } = call;
  const p = input.period ?? currentPeriod(app);
  if (p > addMonths(currentPeriod(app), MAX_MONTHS_AHEAD)) {
    throw badInput('period', 'Invoices can be generated at most one month ahead');
  }
  if (input.dryRun) {
    const { rows, skipped } = app.sqlite.transaction(() => planRun(app, p))();
    return summarise(p, true, rows, skipped);
  }
  return app.sqlite.transaction(() => runPeriod(call, p)).immediate();
}

/** Issues the invoices of period p. Call inside a transaction. */
export function runPeriod(call: CallContext, p: string): RunResult {
  const { app, session } = call;
  const db = app.sqlite;
  const { rows, skipped, brands } = planRun(app, p);
  const prefixes = brandPrefixes(db);
  const fallback = getSettings(app).invoicePrefix;
  const now = app.clock.now().toISOString();
  // Number per brand and invoice-date month, in subscription order.
  const byMonth = new Map<string, RunRow[]>();
  rows.forEach((r, i) => {
    const key = `${prefixes.get(brands[i]!) ?? fallback}|${r.invoiceDate.slice(0, 7).replace('-', '')}`;
    let list = byMonth.get(key);
    if (!list) byMonth.set(key, (list = []));
    list.push(r);
  });
  const userId = session?.userId ?? null;
  const firstId = maxInvoiceId(db);
  const write = runInvoiceWriter(db, p, userId, now);
  for (const [key, list] of byMonth) {
    const [prefix, ym] = key.split('|') as [string, string];
    let n = reserveSequence(db, invoiceSequenceName(prefix, ym), list.length);
    for (const r of list) {
      const invoiceNumber = formatInvoiceNumber(prefix, ym, n++);
      r.invoiceNumber = invoiceNumber;
      write(r, invoiceNumber);
    }
  }
  // Every invoice above the old maximum id was written just now, inside this IMMEDIATE transaction.
  auditRunInvoices(db, firstId, { userId, username: session?.username ?? 'system' }, `invoice run ${p}`, now);
  // The "bill issued" notices commit with the invoices (one statement for the whole run).
  queueBillIssued(call, firstId);
  const result = summarise(p, false, rows, skipped);
  recordInvoiceRun(db, p, now, JSON.stringify({ created: result.created, totalAmount: result.totalAmount }));
  return result;
}

function summarise(p: string, dryRun: boolean, rows: RunRow[], skipped: number): RunResult {
  let totalAmount = 0;
  for (const r of rows) totalAmount += r.amount;
  return {
    period: p,
    dryRun,
    created: rows.length,
    skipped,
    totalAmount,
    invoices: rows.slice(0, PREVIEW_LIMIT),
    truncated: rows.length > PREVIEW_LIMIT,
  };
}
