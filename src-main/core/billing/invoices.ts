import type { z } from 'zod';
import type { Invoice, invoiceRunRow } from '../../../src-shared/contract/billing';
import type { BillingCycle } from '../../../src-shared/contract/packages';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';
import { getSettings } from '../settings';
import { likePattern, type Paged } from '../sql';
import {
  addDays,
  addMonths,
  currentPeriod,
  formatInvoiceNumber,
  INVOICE_SELECT,
  invoiceSequenceName,
  ispBlock,
  reserveSequence,
  statusCondition,
  toInvoice,
  today,
  type In,
  type InvoiceRow,
  stmt,
} from './common';
import { chargeFor, describeCharge, periodEnd, periodStart, type PeriodCharge } from './periods';
import { restoreIfCleared } from './restore';

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

interface SubRow {
  id: number;
  customerId: number;
  packageId: number;
  cycle: BillingCycle;
  startDate: string;
  endDate: string | null;
  autoRenew: number;
  billingDay: number;
  prorateFirst: number;
  fee: number;
}

const SQL = {
  // Only ids and terms for every row; names are looked up for the preview rows alone.
  subs: `SELECT s.id, s.customer_id AS customerId, s.internet_package_id AS packageId, p.billing_cycle AS cycle, s.start_date AS startDate, s.end_date AS endDate,
                s.auto_renew AS autoRenew, s.billing_day AS billingDay, s.prorate_first AS prorateFirst, s.monthly_fee AS fee
         FROM subscriptions s JOIN customers c ON c.id = s.customer_id JOIN internet_packages p ON p.id = s.internet_package_id
         WHERE s.status = 'active' AND c.status != 'inactive' AND s.start_date < ?
           AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.subscription_id = s.id AND i.period = ?)
         ORDER BY s.id`,
  // Active subscriptions already invoiced for the period (an invoice for p exists only when p was due).
  existing: `SELECT count(*) AS n FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id WHERE i.period = ? AND s.status = 'active'`,
  insert: `INSERT INTO invoices(invoice_number, customer_id, subscription_id, period, invoice_date, due_date, amount, paid_amount,
                              status, description, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'unpaid', ?, ?, ?, ?)`,
  // One audit row per invoice written by the run, set-based (same transaction, same row format as writeAudit).
  audit: `INSERT INTO audit_log(at, user_id, username, action, entity, entity_id, before, after, reason)
          SELECT ?, ?, ?, 'invoice.create', 'invoice', CAST(id AS TEXT), NULL,
                 json_object('invoiceNumber', invoice_number, 'subscriptionId', subscription_id, 'period', period,
                             'amount', amount, 'dueDate', due_date), ?
          FROM invoices WHERE id > ? ORDER BY id`,
  maxId: `SELECT coalesce(max(id), 0) AS m FROM invoices`,
  packages: `SELECT id, name FROM internet_packages`,
  customerNames: `SELECT id, customer_code AS code, name FROM customers WHERE id IN (SELECT value FROM json_each(?))`,
  jobRun: `INSERT INTO job_runs(job, run_key, started_at, finished_at, result) VALUES ('invoice-run', ?, ?, ?, ?)
           ON CONFLICT(job, run_key) DO NOTHING`,
};
const stmts = (app: AppContext) => ({
  subs: stmt(app.sqlite, SQL.subs),
  existing: stmt(app.sqlite, SQL.existing),
  insert: stmt(app.sqlite, SQL.insert),
  audit: stmt(app.sqlite, SQL.audit),
  maxId: stmt(app.sqlite, SQL.maxId),
  packages: stmt(app.sqlite, SQL.packages),
  customerNames: stmt(app.sqlite, SQL.customerNames),
  jobRun: stmt(app.sqlite, SQL.jobRun),
});

/** What the run would create for `p`: rows without numbers, plus how many already have their invoice. */
function planRun(app: AppContext, p: string): { rows: RunRow[]; skipped: number } {
  const s = stmts(app);
  const settings = getSettings(app);
  const runDate = today(app);
  // A subscription can only owe for p if it started before the end of p's month window.
  const subs = s.subs.all(`${addMonths(p, 1)}-29`, p) as SubRow[];
  const skipped = (s.existing.get(p) as { n: number }).n;
  // Billed: active subscriptions of customers who are not inactive (a suspended customer still owes).
  const rows: RunRow[] = [];
  // Thousands of subscriptions share the same terms and package: compute each distinct case once.
  const charges = new Map<string, PeriodCharge | null>();
  const texts = new Map<string, string>();
  const dues = new Map<string, string>();
  const packageNames = new Map((s.packages.all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
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
    const packageName = packageNames.get(sub.packageId) ?? '';
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
  }
  // Customer code and name for the rows the caller will see.
  const shown = rows.slice(0, PREVIEW_LIMIT);
  const names = new Map(
    (
      s.customerNames.all(JSON.stringify(shown.map((r) => r.customerId))) as {
        id: number;
        code: string;
        name: string;
      }[]
    ).map((r) => [r.id, r]),
  );
  for (const r of shown) {
    const c = names.get(r.customerId);
    r.customerCode = c?.code ?? '';
    r.customerName = c?.name ?? '';
  }
  return { rows, skipped };
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
  const s = stmts(app);
  const { rows, skipped } = planRun(app, p);
  const prefix = getSettings(app).invoicePrefix;
  const now = app.clock.now().toISOString();
  // Number per invoice-date month, in subscription order.
  const byMonth = new Map<string, RunRow[]>();
  for (const r of rows) {
    const ym = r.invoiceDate.slice(0, 7).replace('-', '');
    let list = byMonth.get(ym);
    if (!list) byMonth.set(ym, (list = []));
    list.push(r);
  }
  const userId = session?.userId ?? null;
  const username = session?.username ?? 'system';
  const reason = `invoice run ${p}`;
  const firstId = (s.maxId.get() as { m: number }).m;
  for (const [ym, list] of byMonth) {
    let n = reserveSequence(app.sqlite, invoiceSequenceName(prefix, ym), list.length);
    for (const r of list) {
      r.invoiceNumber = formatInvoiceNumber(prefix, ym, n++);
      s.insert.run(
        r.invoiceNumber,
        r.customerId,
        r.subscriptionId,
        p,
        r.invoiceDate,
        r.dueDate,
        r.amount,
        r.description,
        userId,
        now,
        now,
      );
    }
  }
  // Every invoice above the old maximum id was written just now, inside this IMMEDIATE transaction.
  s.audit.run(now, userId, username, reason, firstId);
  const result = summarise(p, false, rows, skipped);
  s.jobRun.run(p, now, now, JSON.stringify({ created: result.created, totalAmount: result.totalAmount }));
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

// ------------------------------------------------------------------ reading

export function getInvoice(call: CallContext, id: number): Invoice {
  const row = stmt(call.app.sqlite, `${INVOICE_SELECT} WHERE i.id = ?`).get(id) as InvoiceRow | undefined;
  if (!row) throw notFound('Invoice');
  return toInvoice(row, today(call.app));
}

export function invoiceDetail(call: CallContext, id: number) {
  const inv = getInvoice(call, id);
  const db = call.app.sqlite;
  const extra = stmt(
    db,
    `SELECT c.address AS customerAddress, c.phone AS customerPhone, p.name AS packageName
       FROM invoices i JOIN customers c ON c.id = i.customer_id
       LEFT JOIN subscriptions s ON s.id = i.subscription_id LEFT JOIN internet_packages p ON p.id = s.internet_package_id
       WHERE i.id = ?`,
  ).get(id) as { customerAddress: string | null; customerPhone: string | null; packageName: string | null };
  const allocations = (
    stmt(
      db,
      `SELECT pa.payment_id AS paymentId, p.payment_number AS paymentNumber, p.method, p.paid_at AS paidAt,
                p.payment_date AS paymentDate, pa.amount, pa.source, pa.is_live AS isLive
         FROM payment_allocations pa JOIN payments p ON p.id = pa.payment_id WHERE pa.invoice_id = ? ORDER BY pa.id`,
    ).all(id) as {
      isLive: number;
      method: 'cash';
      source: 'payment';
      paymentId: number;
      paymentNumber: string;
      paidAt: string;
      paymentDate: string;
      amount: number;
    }[]
  ).map((a) => ({ ...a, isLive: a.isLive === 1 }));
  return { ...inv, ...extra, allocations };
}

export function listInvoices(
  call: CallContext,
  input: In<'invoices.list'>,
): Paged<Invoice> & { totalAmount: number; totalOutstanding: number } {
  const todayDate = today(call.app);
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.status) {
    const c = statusCondition(input.status);
    where.push(c.sql);
    if (c.needsToday) params.push(todayDate);
  }
  if (input.openOnly) where.push("i.status IN ('unpaid','partial')");
  if (input.period) {
    where.push('i.period = ?');
    params.push(input.period);
  }
  if (input.customerId) {
    where.push('i.customer_id = ?');
    params.push(input.customerId);
  }
  if (input.from) {
    where.push('i.invoice_date >= ?');
    params.push(input.from);
  }
  if (input.to) {
    where.push('i.invoice_date <= ?');
    params.push(input.to);
  }
  if (input.search) {
    const like = likePattern(input.search.toLowerCase());
    where.push("(lower(i.invoice_number) LIKE ? ESCAPE '\\' OR c.search_text LIKE ? ESCAPE '\\')");
    params.push(like, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const db = call.app.sqlite;
  const agg = stmt(
    db,
    `SELECT count(*) AS n, coalesce(sum(i.amount), 0) AS amount,
              coalesce(sum(CASE WHEN i.status IN ('unpaid','partial') THEN i.amount - i.paid_amount ELSE 0 END), 0) AS outstanding
       FROM invoices i JOIN customers c ON c.id = i.customer_id ${w}`,
  ).get(...params) as { n: number; amount: number; outstanding: number };
  const dir = input.sortDir === 'asc' ? 'ASC' : 'DESC';
  const rows = stmt(db, `${INVOICE_SELECT} ${w} ORDER BY i.invoice_date ${dir}, i.id ${dir} LIMIT ? OFFSET ?`).all(
    ...params,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  ) as InvoiceRow[];
  return {
    items: rows.map((r) => toInvoice(r, todayDate)),
    total: agg.n,
    page: input.page,
    pageSize: input.pageSize,
    totalAmount: agg.amount,
    totalOutstanding: agg.outstanding,
  };
}

// ------------------------------------------------------------------ writing

/** A one-off invoice (installation, re-billing a voided period): not tied to a subscription period. */
export function createManualInvoice(call: CallContext, input: In<'invoices.create'>): Invoice {
  const { app, session } = call;
  return app.sqlite
    .transaction(() => {
      if (!stmt(app.sqlite, 'SELECT 1 FROM customers WHERE id = ?').get(input.customerId)) {
        throw badInput('customerId', 'Customer not found');
      }
      const settings = getSettings(app);
      const invoiceDate = input.invoiceDate ?? today(app);
      const dueDate = input.dueDate ?? addDays(invoiceDate, settings.dueDays);
      if (dueDate < invoiceDate) throw badInput('dueDate', 'Due date must not be before the invoice date');
      const ym = invoiceDate.slice(0, 7).replace('-', '');
      const number = formatInvoiceNumber(
        settings.invoicePrefix,
        ym,
        reserveSequence(app.sqlite, invoiceSequenceName(settings.invoicePrefix, ym), 1),
      );
      const now = app.clock.now().toISOString();
      const { lastInsertRowid } = stmt(
        app.sqlite,
        `INSERT INTO invoices(invoice_number, customer_id, subscription_id, period, invoice_date, due_date, amount, paid_amount,
                                status, description, notes, created_by, created_at, updated_at)
           VALUES (?, ?, NULL, ?, ?, ?, ?, 0, 'unpaid', ?, ?, ?, ?, ?)`,
      ).run(
        number,
        input.customerId,
        invoiceDate.slice(0, 7),
        invoiceDate,
        dueDate,
        input.amount,
        input.description,
        input.notes ?? null,
        session?.userId ?? null,
        now,
        now,
      );
      const created = getInvoice(call, Number(lastInsertRowid));
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
      const now = app.clock.now().toISOString();
      stmt(
        app.sqlite,
        `UPDATE invoices SET status = 'void', voided_at = ?, voided_by = ?, void_reason = ?, updated_at = ? WHERE id = ?`,
      ).run(now, session?.userId ?? null, reason, now, id);
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
  const customer = stmt(
    app.sqlite,
    `SELECT id, customer_code AS customerCode, name, address, phone, email, deposit FROM customers WHERE id = ?`,
  ).get(invoice.customerId) as {
    id: number;
    customerCode: string;
    name: string;
    address: string | null;
    phone: string | null;
    email: string | null;
    deposit: number;
  };
  let servicePeriod: { from: string; to: string } | null = null;
  if (invoice.subscriptionId !== null) {
    const s = stmt(
      app.sqlite,
      `SELECT s.billing_day AS billingDay, s.start_date AS startDate, p.billing_cycle AS cycle
         FROM subscriptions s JOIN internet_packages p ON p.id = s.internet_package_id WHERE s.id = ?`,
    ).get(invoice.subscriptionId) as { billingDay: number; startDate: string; cycle: BillingCycle } | undefined;
    if (s) {
      const from = periodStart(invoice.period, s.billingDay);
      servicePeriod = {
        from: s.startDate > from ? s.startDate : from,
        to: periodEnd(invoice.period, s.billingDay, s.cycle),
      };
    }
  }
  return {
    isp: ispBlock(app),
    invoice,
    customer,
    lines: [{ description: invoice.description ?? `Tagihan ${invoice.invoiceNumber}`, amount: invoice.amount }],
    servicePeriod,
    generatedAt: app.clock.now().toISOString(),
  };
}
