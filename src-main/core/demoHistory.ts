/**
 * Demo customers with a past: each one joins on its start date with a PPPoE account and its
 * subscription, the monthly invoice runs happen on their run day, and the customer pays (or does not)
 * as its behaviour says, in time order. Everything goes through the real services with the clock set
 * to the moment it happens, so numbers, dates, audit rows and the report aggregates are what the app
 * itself would have written. History is only written into a ledger that is still empty: invoices for
 * past months are never added next to real ones.
 */
import { addDays, addMonths } from '../../src-shared/dates';
import {
  accountUsername,
  countRows,
  customerExists,
  invoiceIdByNumber,
  packageIdByName,
  subscriptionBillingDay,
  type LedgerTable,
} from '../data/demo.queries';
import { addMonthsToDate } from './billing/automation';
import { dayStartUtc, today } from './billing/common';
import { runPeriod, type RunResult } from './billing/invoiceRun';
import { createPayment } from './billing/payments';
import { periodStart } from './billing/periods';
import { logAutomation } from './billing/restore';
import { latestDuePeriod } from './billing/scheduler';
import type { AppContext, CallContext } from './context';
import { createCustomer, updateCustomer } from './customers';
import type { DemoCustomer } from './demoData';
import { createAccount } from './network/accounts';
import { isolateAccount } from './network/isolir';
import { getSettings } from './settings';

export interface DemoCounts {
  packages: number;
  customers: number;
  accounts: number;
  invoices: number;
  payments: number;
}

/** The same services, by the system, with the clock stopped at `ms`. */
function at(call: CallContext, ms: number): CallContext {
  const app: AppContext = Object.assign(Object.create(call.app) as AppContext, {
    clock: { now: () => new Date(ms) },
  });
  return { ...call, app, session: null, transport: 'internal' };
}

/** A local wall-clock time on a business date, as a UTC epoch (Indonesian zones have fixed offsets). */
function localMs(app: AppContext, date: string, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return Date.parse(dayStartUtc(app, date)) + (h * 60 + m) * 60_000;
}

interface Event {
  at: number;
  seq: number;
  run: () => void;
}

export function addDemoCustomers(call: CallContext, list: DemoCustomer[]): Omit<DemoCounts, 'packages'> {
  const { app } = call;
  const db = app.sqlite;
  const nowMs = app.clock.now().getTime();
  const todayDate = today(app);
  const settings = getSettings(app);
  const count = (table: LedgerTable) => countRows(db, table);
  // A past only for a ledger that has none yet.
  const fresh = count('invoices') + count('payments') + count('subscriptions') === 0;
  const before = { invoices: count('invoices'), payments: count('payments') };
  const todo = list.filter((c) => !customerExists(db, c.name, c.phone));

  const events: Event[] = [];
  let seq = 0;
  const push = (ms: number, run: () => void) => events.push({ at: ms, seq: seq++, run });
  const byCustomer = new Map<number, { c: DemoCustomer; accountId: number; invoices: number; isolated: boolean }>();
  let customers = 0;

  /** Payments (and for a customer who stopped paying, the isolation) that follow from issued invoices. */
  const follow = (r: RunResult) => {
    for (const row of r.invoices) {
      const who = byCustomer.get(row.customerId);
      const number = row.invoiceNumber;
      if (!who || !number) continue;
      const { c } = who;
      const index = who.invoices++;
      // Both were written by the invoice run that reported this row.
      const invoiceId = invoiceIdByNumber(db, number);
      const billingDay = subscriptionBillingDay(db, row.subscriptionId);
      if (invoiceId === undefined || billingDay === undefined) continue;
      // The latest invoice: the next one would be dated after today.
      const latest = periodStart(addMonths(row.period, 1), billingDay) > todayDate;
      let amount = row.amount;
      if (c.behaviour === 'partialLatest' && latest) amount = Math.round((row.amount * 2) / 3 / 1000) * 1000;
      const pays =
        c.behaviour !== 'new' &&
        !(c.behaviour === 'lateSkipLatest' && latest) &&
        !(c.behaviour === 'stopped' && index >= 2);
      if (pays) {
        const payAt = localMs(app, addDays(row.invoiceDate, c.payAfterDays), '10:00') + index * 60_000;
        push(payAt, () => {
          createPayment(at(call, payAt), {
            customerId: row.customerId,
            invoiceId,
            amount,
            method: c.method,
            ...(c.method === 'cash'
              ? { tendered: Math.ceil(amount / 50_000) * 50_000 }
              : { referenceNumber: `${c.method === 'e_wallet' ? 'DANA' : 'BCA'}-${number.slice(-9)}` }),
          });
        });
      } else if (c.behaviour === 'stopped' && !who.isolated) {
        // Isolated by the automation the day after the grace period, and suspended by the owner.
        who.isolated = true;
        const isoAt = localMs(app, addDays(row.dueDate, settings.graceDays + 1), '07:05');
        push(isoAt, () => {
          const cc = at(call, isoAt);
          isolateAccount(cc, who.accountId, settings.isolirMode);
          const username = accountUsername(db, who.accountId) ?? '';
          logAutomation(cc.app, {
            action: 'isolate',
            customerId: row.customerId,
            accountId: who.accountId,
            invoiceId,
            detail: `${username}: ${number} due ${row.dueDate}, grace ${settings.graceDays} days (${settings.isolirMode})`,
          });
          updateCustomer(at(call, Math.min(isoAt + 3 * 3_600_000, nowMs)), { id: row.customerId, status: 'suspended' });
        });
      }
    }
  };

  let firstMonth = todayDate.slice(0, 7);
  for (const c of todo) {
    const packageId = packageIdByName(db, c.packageName);
    if (packageId === undefined) continue;
    // daysAgo first: the billing day is then the day of (today − daysAgo), whatever the months' lengths.
    const start = fresh ? addMonthsToDate(addDays(todayDate, -c.daysAgo), -c.monthsAgo) : todayDate;
    if (start.slice(0, 7) < firstMonth) firstMonth = start.slice(0, 7);
    const startAt = fresh ? Math.min(localMs(app, start, '09:00'), nowMs) : nowMs;
    push(startAt, () => {
      const cc = at(call, startAt);
      const customer = createCustomer(cc, {
        name: c.name,
        phone: c.phone,
        address: c.address,
        status: 'active',
        joinDate: start,
        neverIsolate: c.neverIsolate ?? false,
        notes: c.notes ?? null,
      });
      customers++;
      // With nothing to pay yet, the money goes to the deposit.
      if (fresh && c.depositAtStart)
        createPayment(cc, {
          customerId: customer.id,
          amount: c.depositAtStart,
          method: 'cash',
          notes: c.notes ?? null,
        });
      const { account } = createAccount(cc, {
        customerId: customer.id,
        internetPackageId: packageId,
        billing: { startDate: start, billingDay: Math.min(28, Number(start.slice(8, 10))) },
      });
      byCustomer.set(customer.id, { c, accountId: account.id, invoices: 0, isolated: false });
      // The scheduler's daily top-up bills a new subscription's current period.
      if (fresh) follow(runPeriod(cc, latestDuePeriod(cc.app)));
    });
  }
  if (fresh && todo.length) {
    const runDay = String(settings.invoiceRunDay).padStart(2, '0');
    for (let p = firstMonth; p <= latestDuePeriod(app); p = addMonths(p, 1)) {
      const runAt = localMs(app, `${p}-${runDay}`, settings.invoiceRunTime);
      push(runAt, () => follow(runPeriod(at(call, runAt), p)));
    }
  }
  // In time order; what would happen after now has not happened yet.
  for (;;) {
    events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = events.shift();
    if (!next || next.at > nowMs) break;
    next.run();
  }
  return {
    customers,
    accounts: customers,
    invoices: count('invoices') - before.invoices,
    payments: count('payments') - before.payments,
  };
}
