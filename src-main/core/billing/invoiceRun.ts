/**
 * The monthly invoice run: what every active subscription owes for a period, numbered per month and
 * written with its audit rows in the caller's transaction.
 */
import type { z } from 'zod';
import type { invoiceRunRow } from '../../../src-shared/contract/invoices';
import { badInput } from '../../../src-shared/result';
import {
  auditRunInvoices,
  billedCustomers,
  countInvoicedSubscriptions,
  customerNames,
  dueSubscriptions,
  maxInvoiceId,
  packageNames,
  recordInvoiceRun,
  runInvoiceWriter,
  type RunInvoice,
} from '../../data/billing/invoice-run.repository';
import { reserveSequence } from '../../data/sequences';
import { brandPrefixes } from '../../data/brands.repository';
import type { AppContext, CallContext } from '../context';
import { queueBillIssued } from '../messaging/enqueue';
import { getSettings } from '../settings';
import { addDays, addMonths, currentPeriod, formatInvoiceNumber, invoiceSequenceName, today, type In } from './common';
import { chargeFor, describeCharge } from './periods';

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

/** What one group of subscriptions with the same terms and package owes: shared by all their invoices. */
interface PlannedCharge extends RunInvoice {
  packageName: string;
  prorated: boolean;
}

/**
 * What the run would create for `p`, in subscription order, as parallel arrays (50,000 rows are planned;
 * only the first PREVIEW_LIMIT become row objects, for the caller), plus how many already have their invoice.
 */
interface Plan {
  subscriptionIds: number[];
  customerIds: number[];
  /** The customer's brand: each brand numbers its invoices on its own counter. */
  brandIds: (number | null)[];
  charges: PlannedCharge[];
  skipped: number;
}

function planRun(app: AppContext, p: string): Plan {
  const db = app.sqlite;
  const settings = getSettings(app);
  const runDate = today(app);
  // A subscription can only owe for p if it started before the end of p's month window.
  const subs = dueSubscriptions(db, `${addMonths(p, 1)}-29`, p);
  // Billed: active subscriptions of customers who are not inactive (a suspended customer still owes).
  // Read only when something is due: a re-run of an invoiced period would read every customer for nothing.
  const billed = subs.length ? billedCustomers(db) : new Map<number, number | null>();
  const plan: Plan = {
    subscriptionIds: [],
    customerIds: [],
    brandIds: [],
    charges: [],
    skipped: countInvoicedSubscriptions(db, p),
  };
  // Thousands of subscriptions share the same terms and package: compute each distinct case once.
  const byTerms = new Map<string, PlannedCharge | null>();
  const texts = new Map<string, string>();
  const dues = new Map<string, string>();
  const names = packageNames(db);
  for (const [id, customerId, packageId, cycle, startDate, endDate, autoRenew, billingDay, prorateFirst, fee] of subs) {
    const brandId = billed.get(customerId);
    if (brandId === undefined) continue;
    const key = `${startDate}|${endDate}|${autoRenew}|${billingDay}|${prorateFirst}|${fee}|${cycle}|${packageId}`;
    let planned = byTerms.get(key);
    if (planned === undefined) {
      const charge = chargeFor(
        { startDate, endDate, autoRenew: autoRenew === 1, billingDay, prorateFirst: prorateFirst === 1, fee, cycle },
        p,
      );
      planned = null;
      // Free subscriptions (fee 0) get no invoice.
      if (charge && charge.amount > 0) {
        // Dated on the first day of service, or today when issued late (catch-up): never due in the past.
        const invoiceDate = charge.from > runDate ? charge.from : runDate;
        let dueDate = dues.get(invoiceDate);
        if (dueDate === undefined) dues.set(invoiceDate, (dueDate = addDays(invoiceDate, settings.dueDays)));
        const packageName = names.get(packageId) ?? '';
        const textKey = `${packageId}|${cycle}|${charge.days}`;
        let description = texts.get(textKey);
        if (description === undefined)
          texts.set(textKey, (description = describeCharge(packageName, p, cycle, charge)));
        planned = { invoiceDate, dueDate, amount: charge.amount, description, packageName, prorated: charge.prorated };
      }
      byTerms.set(key, planned);
    }
    if (!planned) continue;
    plan.subscriptionIds.push(id);
    plan.customerIds.push(customerId);
    plan.brandIds.push(brandId);
    plan.charges.push(planned);
  }
  return plan;
}

/** The first PREVIEW_LIMIT planned invoices as the caller sees them, with customer code and name. */
function previewRows(app: AppContext, p: string, plan: Plan): RunRow[] {
  const n = Math.min(plan.subscriptionIds.length, PREVIEW_LIMIT);
  const customers = customerNames(app.sqlite, plan.customerIds.slice(0, n));
  const rows: RunRow[] = [];
  for (let i = 0; i < n; i++) {
    const c = plan.charges[i]!;
    const customer = customers.get(plan.customerIds[i]!);
    rows.push({
      subscriptionId: plan.subscriptionIds[i]!,
      customerId: plan.customerIds[i]!,
      customerCode: customer?.code ?? '',
      customerName: customer?.name ?? '',
      packageName: c.packageName,
      period: p,
      invoiceDate: c.invoiceDate,
      dueDate: c.dueDate,
      amount: c.amount,
      prorated: c.prorated,
      description: c.description,
      invoiceNumber: null,
    });
  }
  return rows;
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
    return app.sqlite.transaction(() => {
      const plan = planRun(app, p);
      return summarise(p, true, plan, previewRows(app, p, plan));
    })();
  }
  return app.sqlite.transaction(() => runPeriod(call, p)).immediate();
}

/** Issues the invoices of period p. Call inside a transaction. */
export function runPeriod(call: CallContext, p: string): RunResult {
  const { app, session } = call;
  const db = app.sqlite;
  const plan = planRun(app, p);
  const preview = previewRows(app, p, plan);
  const prefixes = brandPrefixes(db);
  const fallback = getSettings(app).invoicePrefix;
  const now = app.clock.now().toISOString();
  // Number per brand and invoice-date month, in subscription order: the plan's row indexes per counter.
  const byMonth = new Map<string, number[]>();
  plan.charges.forEach((c, i) => {
    const brandId = plan.brandIds[i] ?? null;
    const prefix = (brandId === null ? undefined : prefixes.get(brandId)) ?? fallback;
    const key = `${prefix}|${c.invoiceDate.slice(0, 7).replace('-', '')}`;
    let list = byMonth.get(key);
    if (!list) byMonth.set(key, (list = []));
    list.push(i);
  });
  const userId = session?.userId ?? null;
  const firstId = maxInvoiceId(db);
  const write = runInvoiceWriter(db, p, userId, now);
  for (const [key, list] of byMonth) {
    const [prefix, ym] = key.split('|') as [string, string];
    let n = reserveSequence(db, invoiceSequenceName(prefix, ym), list.length);
    for (const i of list) {
      const invoiceNumber = formatInvoiceNumber(prefix, ym, n++);
      if (i < preview.length) preview[i]!.invoiceNumber = invoiceNumber;
      write.add(plan.customerIds[i]!, plan.subscriptionIds[i]!, plan.charges[i]!, invoiceNumber);
    }
  }
  write.flush();
  // Every invoice above the old maximum id was written just now, inside this IMMEDIATE transaction.
  auditRunInvoices(db, firstId, { userId, username: session?.username ?? 'system' }, `invoice run ${p}`, now);
  // The "bill issued" notices commit with the invoices (one statement for the whole run).
  queueBillIssued(call, firstId);
  const result = summarise(p, false, plan, preview);
  recordInvoiceRun(db, p, now, JSON.stringify({ created: result.created, totalAmount: result.totalAmount }));
  return result;
}

function summarise(p: string, dryRun: boolean, plan: Plan, preview: RunRow[]): RunResult {
  let totalAmount = 0;
  for (const c of plan.charges) totalAmount += c.amount;
  return {
    period: p,
    dryRun,
    created: plan.charges.length,
    skipped: plan.skipped,
    totalAmount,
    invoices: preview,
    truncated: plan.charges.length > PREVIEW_LIMIT,
  };
}
