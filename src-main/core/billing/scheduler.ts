/**
 * Scheduled billing in the main process: at start and then every few minutes,
 * 1. the monthly invoice run, once per period, at settings.invoiceRunDay / invoiceRunTime in the ISP's
 *    zone, catching up every missed period since the last run (PC off for two months → two runs);
 *    job_runs' unique (job, run_key) row is written in the run's transaction, so each period runs once;
 * 2. once a day after the run day, a top-up run of the current period so subscriptions added since
 *    get their first invoice (re-runs create nothing else);
 * 3. the automation (renew/expire, isolate/restore).
 */
import { addMonths, businessDate, businessTime } from '../../../src-shared/dates';
import type { AppContext, CallContext } from '../context';
import { getSettings } from '../settings';
import { runAutomation, type AutomationResult } from './automation';
import { claimTopUp, hasInvoiceRun, invoiceRunPeriods } from '../../data/billing/invoice-run.repository';
import { runPeriod } from './invoiceRun';
import { indexAuditTrail } from '../../data/audit-search';
import { refreshPlannerStatistics } from '../../db/statistics';
import { logAutomation } from './restore';
import { realTimers, type AllTimers, type IntervalTimers } from '../../timers';

/** At most this many missed periods are caught up (a PC off for a year still gets a bounded run). */
const MAX_CATCH_UP = 12;
export const TICK_MS = 5 * 60_000;
/** The automation log's entry for a scheduled run (an automation-log action, not an audit code). */
const INVOICE_RUN_LOG = 'invoice.run';

/** The scheduler's tick; with setTimeout the start-up tick waits so the window appears first (without, it runs at once). */
export type SchedulerTimers = IntervalTimers & Partial<Pick<AllTimers, 'setTimeout' | 'clearTimeout'>>;
/** Start-up catch-up runs this long after the app opened (the first screen is not kept waiting). */
export const START_DELAY_MS = 3_000;

const systemCall = (app: AppContext): CallContext => ({ app, session: null, transport: 'internal' });

/** The latest period whose run moment (run day + time, ISP zone) has passed, or null before the first. */
export function latestDuePeriod(app: AppContext): string {
  const s = getSettings(app);
  const now = app.clock.now();
  const today = businessDate(now, s.timeZone);
  const runDate = `${today.slice(0, 7)}-${String(s.invoiceRunDay).padStart(2, '0')}`;
  const due = today > runDate || (today === runDate && businessTime(now, s.timeZone) >= s.invoiceRunTime);
  return due ? today.slice(0, 7) : addMonths(today.slice(0, 7), -1);
}

/**
 * Periods the scheduler still owes: every period from the first recorded run (at most MAX_CATCH_UP
 * back) up to the latest due one that has no job_runs row. Looking for holes rather than "after the
 * newest" keeps an early manual run of next month from hiding a missed current month.
 */
export function periodsToRun(app: AppContext): string[] {
  const latest = latestDuePeriod(app);
  const done = new Set(invoiceRunPeriods(app.sqlite));
  // First ever start: only the current period (no invoices for history before the app was installed).
  if (!done.size) return [latest];
  const first = [...done].sort()[0]!;
  const out: string[] = [];
  for (let p = addMonths(latest, -(MAX_CATCH_UP - 1)); p <= latest; p = addMonths(p, 1)) {
    if (p >= first && !done.has(p)) out.push(p);
  }
  return out;
}

export interface TickResult {
  invoiceRuns: { period: string; created: number }[];
  automation: AutomationResult | null;
  errors: string[];
}

export function billingTick(app: AppContext): TickResult {
  const s = getSettings(app);
  const call = systemCall(app);
  const out: TickResult = { invoiceRuns: [], automation: null, errors: [] };
  if (s.autoInvoiceRun) {
    for (const p of periodsToRun(app)) {
      try {
        // runPeriod records job_runs(invoice-run, p) in the same transaction: a crash leaves nothing half-done.
        const r = app.sqlite.transaction(() => runPeriod(call, p)).immediate();
        out.invoiceRuns.push({ period: p, created: r.created });
        logAutomation(app, {
          action: INVOICE_RUN_LOG,
          detail: `${p}: ${r.created} invoices, Rp ${r.totalAmount.toLocaleString('id-ID')}`,
        });
      } catch (err) {
        out.errors.push(`invoice run ${p}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    // Daily top-up of the current period for subscriptions added since its run.
    const today = businessDate(app.clock.now(), s.timeZone);
    const latest = latestDuePeriod(app);
    if (hasInvoiceRun(app.sqlite, latest)) {
      try {
        const r = app.sqlite
          .transaction(() => {
            return claimTopUp(app.sqlite, today, app.clock.now().toISOString()) ? runPeriod(call, latest) : null;
          })
          .immediate();
        if (r && r.created) out.invoiceRuns.push({ period: latest, created: r.created });
      } catch (err) {
        out.errors.push(`invoice top-up ${latest}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  if (s.automationEnabled) {
    try {
      out.automation = runAutomation(call);
      out.automation.invoiceRuns = out.invoiceRuns;
      out.errors.push(...out.automation.errors);
    } catch (err) {
      out.errors.push(`automation: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  // Idle moment: the audit trail's text index catches up on what this tick (and the day) wrote (issue 20), and
  // the planner's statistics follow the data's growth.
  out.errors.push(...indexAuditTrail(app.sqlite));
  try {
    refreshPlannerStatistics(app.sqlite);
  } catch (err) {
    out.errors.push(`planner statistics: ${err instanceof Error ? err.message : String(err)}`);
  }
  const a = out.automation;
  const changed =
    out.invoiceRuns.some((r) => r.created > 0) ||
    (a && a.isolated + a.restored + a.expired + a.renewed + a.subscriptionsExpired > 0);
  if (changed) {
    app.events.emit({ name: 'automation.ran', payload: { invoiceRuns: out.invoiceRuns, automation: a } });
    app.events.emit({ name: 'data.changed', payload: { entity: 'invoices', channel: 'billing.scheduler' } });
  }
  if (out.errors.length) app.logger.warn('billing tick had errors', { errors: out.errors });
  return out;
}

/**
 * BackgroundStarter factory: a catch-up tick shortly after start, then one every TICK_MS. Takes the app,
 * not its context, and reads `app.ctx` at each tick (only the context is needed: no import of app.ts).
 */
export function startBillingScheduler(
  app: { readonly ctx: AppContext },
  timers: SchedulerTimers = realTimers,
  intervalMs = TICK_MS,
): () => void {
  const tick = () => {
    try {
      billingTick(app.ctx);
    } catch (err) {
      app.ctx.logger.error('billing scheduler tick failed', { error: String(err) });
    }
  };
  const first = timers.setTimeout ? timers.setTimeout(tick, START_DELAY_MS) : (tick(), null);
  const h = timers.setInterval(tick, intervalMs);
  return () => {
    if (first !== null) timers.clearTimeout?.(first);
    timers.clearInterval(h);
  };
}
