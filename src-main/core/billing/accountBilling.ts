/**
 * Every active PPPoE account is billed by a subscription. One place decides how: account creation,
 * enabling an account, the router import and the dashboard's "bill them" fix all call
 * ensureAccountSubscription, with the billing terms from Settings (billing day, pro-rating).
 */
import type { Subscription } from '../../../src-shared/contract/subscriptions';
import { AppError } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';
import { getSettings } from '../settings';
import {
  coveringSubscription,
  deleteSubscription,
  findAccountRef,
  subscriptionsOffPackage,
  uninvoicedSubscriptions,
  unbilledAccountIds,
  unbilledAccounts as unbilledAccountRows,
  type AccountRef,
  type UnbilledAccount,
} from '../../data/billing/account-billing.repository';
import { customerStatus } from '../../data/billing/billed-customers.queries';
import { findPackageTerms, subscriptionTerms, type PackageTerms } from '../../data/billing/subscriptions.repository';
import { addDays, addMonths, today } from './common';
import { chargeFor, firstPeriod, type SubscriptionTerms } from './periods';
import { latestDuePeriod } from './scheduler';
import { createSubscription, getSubscription, updateSubscription } from './subscriptions';

/** What the caller may choose for the new subscription; the rest comes from Settings and the package. */
export interface BillingChoice {
  startDate?: string;
  billingDay?: number;
  prorateFirst?: boolean;
  monthlyFee?: number;
  feeNote?: string | null;
}

/**
 * Billing day and pro-rating of a new account's subscription starting on `startDate`, as Settings say:
 * the start date's day (capped at 28, every month has it) or one fixed day for everyone. Subscriptions
 * made by hand keep their own form's values.
 */
export function settingsTerms(app: AppContext, startDate: string): { billingDay: number; prorateFirst: boolean } {
  const s = getSettings(app);
  return {
    billingDay: s.billingDayMode === 'fixed' ? s.fixedBillingDay : Math.min(28, Number(startDate.slice(8, 10))),
    prorateFirst: s.prorateFirstInvoice,
  };
}

function accountRef(app: AppContext, accountId: number): AccountRef {
  const a = findAccountRef(app.sqlite, accountId);
  if (!a) throw new AppError('NOT_FOUND', 'PPPoE account not found');
  return a;
}

/**
 * The active subscription billing this account: the one linked to it, else an active unlinked one of
 * the same customer and package (made before the account existed, or by hand).
 */
export function coveringSubscriptionId(app: AppContext, a: AccountRef): { id: number; linked: boolean } | null {
  const row = coveringSubscription(app.sqlite, a);
  return row ? { id: row.id, linked: row.accountId === a.id } : null;
}

/**
 * Makes sure the account is billed and returns its subscription: the covering one (linked to the
 * account if it was not yet), or a new one at the package price with the Settings' terms. Runs inside
 * the caller's transaction; every change writes its audit row.
 */
export function ensureAccountSubscription(
  call: CallContext,
  accountId: number,
  choice: BillingChoice = {},
): { subscription: Subscription; created: boolean } {
  const a = accountRef(call.app, accountId);
  const covering = coveringSubscriptionId(call.app, a);
  if (covering) {
    const subscription = covering.linked
      ? getSubscription(call, covering.id)
      : updateSubscription(call, { id: covering.id, pppoeAccountId: a.id });
    return { subscription, created: false };
  }
  const startDate = choice.startDate ?? today(call.app);
  const terms = settingsTerms(call.app, startDate);
  const subscription = createSubscription(call, {
    customerId: a.customerId,
    internetPackageId: a.packageId,
    pppoeAccountId: a.id,
    startDate,
    billingDay: choice.billingDay ?? terms.billingDay,
    prorateFirst: choice.prorateFirst ?? terms.prorateFirst,
    ...(choice.monthlyFee !== undefined ? { monthlyFee: choice.monthlyFee } : {}),
    ...(choice.feeNote ? { feeNote: choice.feeNote } : {}),
  });
  return { subscription, created: true };
}

/**
 * A package change moves the account's active subscriptions to the new package at its price, from
 * the next invoice on (invoices already issued keep their amount). Inside the caller's transaction.
 */
export function followPackageChange(call: CallContext, accountId: number, packageId: number): Subscription[] {
  return subscriptionsOffPackage(call.app.sqlite, accountId, packageId).map((id) =>
    updateSubscription(call, { id, internetPackageId: packageId }),
  );
}

/**
 * Deletes the account's subscriptions that never invoiced anything (an account created by mistake can be
 * deleted with them: no financial history is lost), each with its audit row. Inside the caller's transaction.
 */
export function dropUninvoicedSubscriptions(call: CallContext, accountId: number): void {
  for (const row of uninvoicedSubscriptions(call.app.sqlite, accountId)) {
    deleteSubscription(call.app.sqlite, row.id);
    writeAudit(call, { action: 'subscription.delete', entity: 'subscription', entityId: row.id, before: row });
  }
}

// ------------------------------------------------------------------ unbilled accounts

export type { UnbilledAccount };

/** Active accounts of billable customers that no active subscription bills (the dashboard alert). */
export function unbilledAccounts(app: AppContext, limit: number): { count: number; items: UnbilledAccount[] } {
  return unbilledAccountRows(app.sqlite, limit);
}

/**
 * The alert's one-click fix: a subscription (starting today, Settings' terms) for every unbilled active
 * account, in one IMMEDIATE transaction with an audit row per subscription and one for the action.
 */
export function billUnbilledAccounts(call: CallContext): { created: number; linked: number } {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const ids = unbilledAccountIds(app.sqlite);
      let created = 0;
      let linked = 0;
      for (const id of ids) {
        if (ensureAccountSubscription(call, id).created) created++;
        else linked++;
      }
      writeAudit(call, {
        action: 'subscription.bill_unbilled',
        entity: 'subscription',
        after: { accounts: ids, created, linked },
      });
      return { created, linked };
    })
    .immediate();
}

// ------------------------------------------------------------------ preview for the account dialog

export interface InvoicePreview {
  period: string;
  from: string;
  to: string;
  amount: number;
  prorated: boolean;
  days: number | null;
  invoiceDate: string;
  dueDate: string;
}

/**
 * The first invoice the run will issue from period `from` on: periods already run by the scheduler
 * (before the latest due one) are not issued any more, the latest due one is topped up today, later
 * ones on their run day. Null when the subscription owes nothing (free, or ended).
 */
export function nextInvoice(app: AppContext, t: SubscriptionTerms, from: string): InvoicePreview | null {
  const s = getSettings(app);
  const latest = latestDuePeriod(app);
  const todayDate = today(app);
  let p = from < latest ? latest : from;
  for (let i = 0; i < 13; i++, p = addMonths(p, 1)) {
    const charge = chargeFor(t, p);
    if (!charge) continue;
    if (charge.amount <= 0) return null;
    const runDate = p <= latest ? todayDate : `${p}-${String(s.invoiceRunDay).padStart(2, '0')}`;
    const invoiceDate = charge.from > runDate ? charge.from : runDate;
    return { period: p, ...charge, invoiceDate, dueDate: addDays(invoiceDate, s.dueDays) };
  }
  return null;
}

export function packageTerms(app: AppContext, packageId: number): PackageTerms {
  const p = findPackageTerms(app.sqlite, packageId);
  if (!p)
    throw new AppError('BAD_INPUT', 'Package not found', [{ path: 'internetPackageId', message: 'Package not found' }]);
  return p;
}

/** What creating an account with this package would bill, with Settings' terms unless chosen. */
export function previewNew(app: AppContext, packageId: number, choice: BillingChoice) {
  const pkg = packageTerms(app, packageId);
  const startDate = choice.startDate ?? today(app);
  const def = settingsTerms(app, startDate);
  const terms: SubscriptionTerms = {
    startDate,
    endDate: null,
    autoRenew: true,
    billingDay: choice.billingDay ?? def.billingDay,
    prorateFirst: choice.prorateFirst ?? def.prorateFirst,
    fee: choice.monthlyFee ?? pkg.price,
    cycle: pkg.cycle,
  };
  return {
    mode: 'new' as const,
    subscriptionId: null,
    packageName: pkg.name,
    cycle: pkg.cycle,
    fee: terms.fee,
    startDate,
    billingDay: terms.billingDay,
    prorateFirst: terms.prorateFirst,
    firstInvoice: nextInvoice(app, terms, firstPeriod(startDate, terms.billingDay)),
  };
}

/** What an existing account's subscription will bill after moving to this package. */
export function previewChange(app: AppContext, accountId: number, packageId: number) {
  const a = accountRef(app, accountId);
  const covering = coveringSubscriptionId(app, a);
  if (!covering) return null;
  const sub = subscriptionTerms(app.sqlite, covering.id)!;
  const pkg = packageTerms(app, packageId);
  const terms: SubscriptionTerms = {
    startDate: sub.startDate,
    endDate: sub.endDate,
    autoRenew: sub.autoRenew,
    billingDay: sub.billingDay,
    prorateFirst: sub.prorateFirst,
    // A new package brings its price (updateSubscription does the same).
    fee: sub.packageId === packageId ? sub.fee : pkg.price,
    cycle: pkg.cycle,
  };
  const from = sub.last ? addMonths(sub.last, 1) : firstPeriod(sub.startDate, sub.billingDay);
  return {
    mode: 'change' as const,
    subscriptionId: sub.id,
    packageName: pkg.name,
    cycle: pkg.cycle,
    fee: terms.fee,
    startDate: sub.startDate,
    billingDay: sub.billingDay,
    prorateFirst: terms.prorateFirst,
    firstInvoice: nextInvoice(app, terms, from),
  };
}

/** pppoe.billingPreview: a package change of an existing account, or what a new account would get. */
export function billingPreview(
  app: AppContext,
  input: { internetPackageId: number; accountId?: number; customerId?: number; billing?: BillingChoice },
) {
  const status = input.customerId === undefined ? null : customerStatus(app.sqlite, input.customerId);
  const billing =
    input.accountId === undefined
      ? previewNew(app, input.internetPackageId, input.billing ?? {})
      : previewChange(app, input.accountId, input.internetPackageId);
  return { billing, customerStatus: status };
}
