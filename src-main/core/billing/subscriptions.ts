import type { Subscription } from '../../../src-shared/contract/subscriptions';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import { diff, writeAudit } from '../audit';
import type { CallContext } from '../context';
import { likePattern, type Paged } from '../../data/sql';
import { customerExists } from '../../data/billing/billed-customers.queries';
import {
  accountOwner,
  findSubscription,
  hasInvoices,
  insertSubscription,
  listSubscriptions as listSubscriptionRows,
  otherActiveSubscriptionOf,
  packagePrice,
  updateSubscriptionRow,
  type SubscriptionValues,
} from '../../data/billing/subscriptions.repository';
import { checkAccountBrands } from '../brands/membership';
import { today, type In } from './common';

export function getSubscription(call: CallContext, id: number): Subscription {
  const subscription = findSubscription(call.app.sqlite, id);
  if (!subscription) throw notFound('Subscription');
  return subscription;
}

export function listSubscriptions(call: CallContext, input: In<'subscriptions.list'>): Paged<Subscription> {
  const { search, ...filter } = input;
  const { items, total } = listSubscriptionRows(call.app.sqlite, {
    ...filter,
    ...(search ? { like: likePattern(search.toLowerCase()) } : {}),
  });
  return { items, total, page: input.page, pageSize: input.pageSize };
}

type Resolved = SubscriptionValues;

/** Cross-field checks shared by create and update; every failure names its field. */
function validate(call: CallContext, v: Resolved, selfId = 0): void {
  const db = call.app.sqlite;
  if (!customerExists(db, v.customerId)) throw badInput('customerId', 'Customer not found');
  const price = packagePrice(db, v.internetPackageId);
  if (price === undefined) throw badInput('internetPackageId', 'Package not found');
  checkAccountBrands(call, { customerId: v.customerId, packageId: v.internetPackageId, routerId: null });
  if (v.pppoeAccountId !== null) {
    const owner = accountOwner(db, v.pppoeAccountId);
    if (owner === undefined) throw badInput('pppoeAccountId', 'PPPoE account not found');
    if (owner !== v.customerId) throw badInput('pppoeAccountId', 'The PPPoE account belongs to another customer');
    // An account is created with its subscription: a second active one would bill the customer twice.
    const other = v.status === 'active' ? otherActiveSubscriptionOf(db, v.pppoeAccountId, selfId) : undefined;
    if (other !== undefined)
      throw badInput(
        'pppoeAccountId',
        `This PPPoE account is already billed by subscription #${other}: change that one instead`,
      );
  }
  if (v.endDate !== null && v.endDate < v.startDate)
    throw badInput('endDate', 'End date must not be before the start date');
  if (v.monthlyFee !== price && !v.feeNote) {
    throw badInput('feeNote', 'A fee different from the package price needs a note saying why');
  }
}

export function createSubscription(call: CallContext, input: In<'subscriptions.create'>): Subscription {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const price = packagePrice(app.sqlite, input.internetPackageId);
    if (price === undefined) throw badInput('internetPackageId', 'Package not found');
    const startDate = input.startDate ?? today(app);
    const v: Resolved = {
      customerId: input.customerId,
      internetPackageId: input.internetPackageId,
      pppoeAccountId: input.pppoeAccountId ?? null,
      startDate,
      endDate: input.endDate ?? null,
      monthlyFee: input.monthlyFee ?? price,
      feeNote: input.feeNote ?? null,
      status: input.status ?? 'active',
      autoRenew: input.autoRenew ?? true,
      billingDay: input.billingDay ?? Math.min(28, Number(startDate.slice(8, 10))),
      prorateFirst: input.prorateFirst ?? false,
      notes: input.notes ?? null,
    };
    validate(call, v);
    const created = getSubscription(call, insertSubscription(app.sqlite, v, app.clock.now().toISOString()));
    writeAudit(call, { action: 'subscription.create', entity: 'subscription', entityId: created.id, after: created });
    return created;
  })();
}

export function updateSubscription(call: CallContext, input: In<'subscriptions.update'>): Subscription {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const before = getSubscription(call, input.id);
    const packageChanged =
      input.internetPackageId !== undefined && input.internetPackageId !== before.internetPackageId;
    let fee = input.monthlyFee ?? before.monthlyFee;
    if (packageChanged && input.monthlyFee === undefined) {
      // A new package brings its price unless the caller sets a fee explicitly.
      const price = packagePrice(app.sqlite, input.internetPackageId!);
      if (price === undefined) throw badInput('internetPackageId', 'Package not found');
      fee = price;
    }
    const v: Resolved = {
      customerId: input.customerId ?? before.customerId,
      internetPackageId: input.internetPackageId ?? before.internetPackageId,
      pppoeAccountId: input.pppoeAccountId === undefined ? before.pppoeAccountId : input.pppoeAccountId,
      startDate: input.startDate ?? before.startDate,
      endDate: input.endDate === undefined ? before.endDate : input.endDate,
      monthlyFee: fee,
      feeNote: input.feeNote === undefined ? before.feeNote : input.feeNote,
      status: input.status ?? before.status,
      autoRenew: input.autoRenew ?? before.autoRenew,
      billingDay: input.billingDay ?? before.billingDay,
      prorateFirst: input.prorateFirst ?? before.prorateFirst,
      notes: input.notes === undefined ? before.notes : input.notes,
    };
    if (v.customerId !== before.customerId) {
      if (hasInvoices(app.sqlite, before.id))
        throw new AppError('CONFLICT', 'This subscription already has invoices; it cannot move to another customer');
    }
    validate(call, v, before.id);
    updateSubscriptionRow(app.sqlite, before.id, v, app.clock.now().toISOString());
    const after = getSubscription(call, before.id);
    const d = diff(before, after);
    delete d.before.updatedAt;
    delete d.after.updatedAt;
    if (Object.keys(d.after).length) {
      writeAudit(call, {
        action: 'subscription.update',
        entity: 'subscription',
        entityId: before.id,
        before: d.before,
        after: d.after,
      });
    }
    return after;
  })();
}
