import type { Subscription } from '../../../src-shared/contract/billing';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import { diff, writeAudit } from '../audit';
import type { CallContext } from '../context';
import { likePattern, type Paged } from '../sql';
import { today, type In, stmt } from './common';

const SELECT = `
  SELECT s.id, s.customer_id AS customerId, c.customer_code AS customerCode, c.name AS customerName,
         s.internet_package_id AS internetPackageId, p.name AS packageName, p.price AS packagePrice,
         p.billing_cycle AS billingCycle, s.pppoe_account_id AS pppoeAccountId, a.username AS pppoeUsername,
         s.start_date AS startDate, s.end_date AS endDate, s.monthly_fee AS monthlyFee, s.fee_note AS feeNote,
         s.status, s.auto_renew AS autoRenew, s.billing_day AS billingDay, s.prorate_first AS prorateFirst,
         s.notes, (SELECT max(period) FROM invoices i WHERE i.subscription_id = s.id) AS lastInvoicedPeriod,
         s.created_at AS createdAt, s.updated_at AS updatedAt
  FROM subscriptions s
  JOIN customers c ON c.id = s.customer_id
  JOIN internet_packages p ON p.id = s.internet_package_id
  LEFT JOIN pppoe_accounts a ON a.id = s.pppoe_account_id`;

type Row = Omit<Subscription, 'autoRenew' | 'prorateFirst'> & { autoRenew: number; prorateFirst: number };
const toSubscription = (r: Row): Subscription => ({
  ...r,
  autoRenew: r.autoRenew === 1,
  prorateFirst: r.prorateFirst === 1,
});

export function getSubscription(call: CallContext, id: number): Subscription {
  const row = stmt(call.app.sqlite, `${SELECT} WHERE s.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('Subscription');
  return toSubscription(row);
}

export function listSubscriptions(call: CallContext, input: In<'subscriptions.list'>): Paged<Subscription> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.status) {
    where.push('s.status = ?');
    params.push(input.status);
  }
  if (input.customerId) {
    where.push('s.customer_id = ?');
    params.push(input.customerId);
  }
  if (input.internetPackageId) {
    where.push('s.internet_package_id = ?');
    params.push(input.internetPackageId);
  }
  if (input.search) {
    const like = likePattern(input.search.toLowerCase());
    where.push(
      "(c.search_text LIKE ? ESCAPE '\\' OR lower(p.name) LIKE ? ESCAPE '\\' OR lower(a.username) LIKE ? ESCAPE '\\')",
    );
    params.push(like, like, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const db = call.app.sqlite;
  const total = (
    stmt(
      db,
      `SELECT count(*) AS n FROM subscriptions s JOIN customers c ON c.id = s.customer_id
         JOIN internet_packages p ON p.id = s.internet_package_id LEFT JOIN pppoe_accounts a ON a.id = s.pppoe_account_id ${w}`,
    ).get(...params) as { n: number }
  ).n;
  const rows = stmt(db, `${SELECT} ${w} ORDER BY c.name COLLATE NOCASE, s.id LIMIT ? OFFSET ?`).all(
    ...params,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  ) as Row[];
  return { items: rows.map(toSubscription), total, page: input.page, pageSize: input.pageSize };
}

interface Resolved {
  customerId: number;
  internetPackageId: number;
  pppoeAccountId: number | null;
  startDate: string;
  endDate: string | null;
  monthlyFee: number;
  feeNote: string | null;
  status: Subscription['status'];
  autoRenew: boolean;
  billingDay: number;
  prorateFirst: boolean;
  notes: string | null;
}

/** Cross-field checks shared by create and update; every failure names its field. */
function validate(call: CallContext, v: Resolved, selfId = 0): void {
  const db = call.app.sqlite;
  if (!stmt(db, 'SELECT 1 FROM customers WHERE id = ?').get(v.customerId))
    throw badInput('customerId', 'Customer not found');
  const pkg = stmt(db, 'SELECT price FROM internet_packages WHERE id = ?').get(v.internetPackageId) as
    | { price: number }
    | undefined;
  if (!pkg) throw badInput('internetPackageId', 'Package not found');
  if (v.pppoeAccountId !== null) {
    const acc = stmt(db, 'SELECT customer_id AS customerId FROM pppoe_accounts WHERE id = ?').get(v.pppoeAccountId) as
      | { customerId: number }
      | undefined;
    if (!acc) throw badInput('pppoeAccountId', 'PPPoE account not found');
    if (acc.customerId !== v.customerId)
      throw badInput('pppoeAccountId', 'The PPPoE account belongs to another customer');
    // An account is created with its subscription: a second active one would bill the customer twice.
    const other =
      v.status === 'active'
        ? (stmt(
            db,
            "SELECT id FROM subscriptions WHERE pppoe_account_id = ? AND status = 'active' AND id != ? LIMIT 1",
          ).get(v.pppoeAccountId, selfId) as { id: number } | undefined)
        : undefined;
    if (other)
      throw badInput(
        'pppoeAccountId',
        `This PPPoE account is already billed by subscription #${other.id}: change that one instead`,
      );
  }
  if (v.endDate !== null && v.endDate < v.startDate)
    throw badInput('endDate', 'End date must not be before the start date');
  if (v.monthlyFee !== pkg.price && !v.feeNote) {
    throw badInput('feeNote', 'A fee different from the package price needs a note saying why');
  }
}

export function createSubscription(call: CallContext, input: In<'subscriptions.create'>): Subscription {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const pkg = stmt(app.sqlite, 'SELECT price FROM internet_packages WHERE id = ?').get(input.internetPackageId) as
      | { price: number }
      | undefined;
    if (!pkg) throw badInput('internetPackageId', 'Package not found');
    const startDate = input.startDate ?? today(app);
    const v: Resolved = {
      customerId: input.customerId,
      internetPackageId: input.internetPackageId,
      pppoeAccountId: input.pppoeAccountId ?? null,
      startDate,
      endDate: input.endDate ?? null,
      monthlyFee: input.monthlyFee ?? pkg.price,
      feeNote: input.feeNote ?? null,
      status: input.status ?? 'active',
      autoRenew: input.autoRenew ?? true,
      billingDay: input.billingDay ?? Math.min(28, Number(startDate.slice(8, 10))),
      prorateFirst: input.prorateFirst ?? false,
      notes: input.notes ?? null,
    };
    validate(call, v);
    const now = app.clock.now().toISOString();
    const { lastInsertRowid } = stmt(
      app.sqlite,
      `INSERT INTO subscriptions(customer_id, internet_package_id, pppoe_account_id, start_date, end_date, monthly_fee,
           fee_note, status, auto_renew, billing_day, prorate_first, notes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      v.customerId,
      v.internetPackageId,
      v.pppoeAccountId,
      v.startDate,
      v.endDate,
      v.monthlyFee,
      v.feeNote,
      v.status,
      v.autoRenew ? 1 : 0,
      v.billingDay,
      v.prorateFirst ? 1 : 0,
      v.notes,
      now,
      now,
    );
    const created = getSubscription(call, Number(lastInsertRowid));
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
      const pkg = stmt(app.sqlite, 'SELECT price FROM internet_packages WHERE id = ?').get(input.internetPackageId) as
        | { price: number }
        | undefined;
      if (!pkg) throw badInput('internetPackageId', 'Package not found');
      fee = pkg.price;
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
      const invoiced = stmt(app.sqlite, 'SELECT 1 FROM invoices WHERE subscription_id = ? LIMIT 1').get(before.id);
      if (invoiced)
        throw new AppError('CONFLICT', 'This subscription already has invoices; it cannot move to another customer');
    }
    validate(call, v, before.id);
    stmt(
      app.sqlite,
      `UPDATE subscriptions SET customer_id = ?, internet_package_id = ?, pppoe_account_id = ?, start_date = ?, end_date = ?,
           monthly_fee = ?, fee_note = ?, status = ?, auto_renew = ?, billing_day = ?, prorate_first = ?, notes = ?, updated_at = ?
         WHERE id = ?`,
    ).run(
      v.customerId,
      v.internetPackageId,
      v.pppoeAccountId,
      v.startDate,
      v.endDate,
      v.monthlyFee,
      v.feeNote,
      v.status,
      v.autoRenew ? 1 : 0,
      v.billingDay,
      v.prorateFirst ? 1 : 0,
      v.notes,
      app.clock.now().toISOString(),
      before.id,
    );
    const after = getSubscription(call, before.id);
    const d = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
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
