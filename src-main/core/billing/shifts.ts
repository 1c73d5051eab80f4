import type { Shift } from '../../../src-shared/contract/billing';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../src-shared/contract/billing';
import { roleCan } from '../../../src-shared/permissions';
import { AppError, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import type { Paged } from '../sql';
import { addDays, dayStartUtc, ispBlock, type In, stmt } from './common';
import { listPayments } from './payments';
import { listRefunds } from './refunds';

const SELECT = `
  SELECT s.id, s.user_id AS userId, u.full_name AS userName, s.opened_at AS openedAt, s.closed_at AS closedAt,
         s.opening_cash AS openingCash, s.counted_cash AS countedCash, s.expected_cash AS storedExpected, s.variance,
         s.notes, s.status,
         (SELECT count(*) FROM payments p WHERE p.shift_id = s.id AND p.status = 'live') AS paymentsCount,
         (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.shift_id = s.id AND p.status = 'live') AS totalReceived,
         (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.shift_id = s.id AND p.status = 'live' AND p.method = 'cash') AS cashReceived,
         (SELECT coalesce(sum(r.amount), 0) FROM deposit_refunds r WHERE r.shift_id = s.id AND r.status = 'live' AND r.method = 'cash') AS cashRefunded,
         (SELECT count(*) FROM deposit_refunds r WHERE r.shift_id = s.id AND r.status = 'live') AS refundsCount
  FROM shifts s JOIN users u ON u.id = s.user_id`;

type Row = Omit<Shift, 'expectedCash'> & { storedExpected: number | null; cashReceived: number };

/** What the drawer should hold: opening cash + cash taken − deposit refunds paid out in cash. */
const expectedOf = (r: Row) => r.openingCash + r.cashReceived - r.cashRefunded;

function toShift(r: Row): Shift {
  const { storedExpected, cashReceived: _cashReceived, ...rest } = r;
  // Frozen at close; live while open.
  return { ...rest, expectedCash: storedExpected ?? expectedOf(r) };
}

function me(call: CallContext) {
  if (!call.session) throw new AppError('UNAUTHENTICATED', 'Please sign in');
  return call.session;
}

const canSeeAll = (call: CallContext) => roleCan(call.session?.role, 'shifts.readAll');

function loadShift(call: CallContext, id: number): Row {
  const row = stmt(call.app.sqlite, `${SELECT} WHERE s.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('Shift');
  if (row.userId !== me(call).userId && !canSeeAll(call))
    throw new AppError('FORBIDDEN', "Only a manager may see another cashier's shift");
  return row;
}

export function currentShift(call: CallContext): Shift | null {
  const row = stmt(call.app.sqlite, `${SELECT} WHERE s.user_id = ? AND s.status = 'open'`).get(me(call).userId) as
    | Row
    | undefined;
  return row ? toShift(row) : null;
}

export function openShift(call: CallContext, input: In<'shifts.open'>): Shift {
  const { app } = call;
  const user = me(call);
  return app.sqlite
    .transaction(() => {
      if (stmt(app.sqlite, "SELECT 1 FROM shifts WHERE user_id = ? AND status = 'open'").get(user.userId)) {
        throw new AppError('CONFLICT', 'You already have an open shift: close it first');
      }
      const { lastInsertRowid } = stmt(
        app.sqlite,
        `INSERT INTO shifts(user_id, opened_at, opening_cash, notes, status) VALUES (?, ?, ?, ?, 'open')`,
      ).run(user.userId, app.clock.now().toISOString(), input.openingCash, input.notes ?? null);
      const shift = toShift(loadShift(call, Number(lastInsertRowid)));
      writeAudit(call, {
        action: 'shift.open',
        entity: 'shift',
        entityId: shift.id,
        after: { openingCash: shift.openingCash },
      });
      return shift;
    })
    .immediate();
}

export function closeShift(call: CallContext, input: In<'shifts.close'>) {
  const { app } = call;
  const user = me(call);
  const id = app.sqlite
    .transaction(() => {
      let row: Row;
      if (input.id !== undefined) {
        row = loadShift(call, input.id);
        if (row.userId !== user.userId && !canSeeAll(call))
          throw new AppError('FORBIDDEN', "Only a manager may close another cashier's shift");
      } else {
        const own = stmt(app.sqlite, `${SELECT} WHERE s.user_id = ? AND s.status = 'open'`).get(user.userId) as
          | Row
          | undefined;
        if (!own) throw new AppError('CONFLICT', 'You have no open shift');
        row = own;
      }
      if (row.status !== 'open') throw new AppError('CONFLICT', 'This shift is already closed');
      const expected = expectedOf(row);
      const variance = input.countedCash - expected;
      const now = app.clock.now().toISOString();
      stmt(
        app.sqlite,
        `UPDATE shifts SET status = 'closed', closed_at = ?, counted_cash = ?, expected_cash = ?, variance = ?,
           notes = coalesce(?, notes) WHERE id = ?`,
      ).run(now, input.countedCash, expected, variance, input.notes ?? null, row.id);
      writeAudit(call, {
        action: 'shift.close',
        entity: 'shift',
        entityId: row.id,
        before: { status: 'open' },
        after: { status: 'closed', expectedCash: expected, countedCash: input.countedCash, variance },
      });
      return row.id;
    })
    .immediate();
  return shiftReport(call, id);
}

export function listShifts(call: CallContext, input: In<'shifts.list'>): Paged<Shift> {
  const user = me(call);
  const where: string[] = [];
  const params: unknown[] = [];
  const userId = canSeeAll(call) ? input.userId : user.userId;
  if (input.userId !== undefined && input.userId !== user.userId && !canSeeAll(call)) {
    throw new AppError('FORBIDDEN', "Only a manager may see another cashier's shifts");
  }
  if (userId !== undefined) {
    where.push('s.user_id = ?');
    params.push(userId);
  }
  if (input.status) {
    where.push('s.status = ?');
    params.push(input.status);
  }
  // A shift belongs to the business day (ISP zone) it opened on.
  if (input.from) {
    where.push('s.opened_at >= ?');
    params.push(dayStartUtc(call.app, input.from));
  }
  if (input.to) {
    where.push('s.opened_at < ?');
    params.push(dayStartUtc(call.app, addDays(input.to, 1)));
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const db = call.app.sqlite;
  const total = (stmt(db, `SELECT count(*) AS n FROM shifts s ${w}`).get(...params) as { n: number }).n;
  const rows = stmt(db, `${SELECT} ${w} ORDER BY s.opened_at DESC, s.id DESC LIMIT ? OFFSET ?`).all(
    ...params,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  ) as Row[];
  return { items: rows.map(toShift), total, page: input.page, pageSize: input.pageSize };
}

export function shiftReport(call: CallContext, id: number) {
  const { app } = call;
  const row = loadShift(call, id);
  const shift = toShift(row);
  const all = listPayments(call, { shiftId: id, page: 1, pageSize: 100_000 } as In<'payments.list'>).items;
  const live = all.filter((p) => p.status === 'live');
  const byMethod = PAYMENT_METHODS.map((method: PaymentMethod) => {
    const ps = live.filter((p) => p.method === method);
    // Deposit payments receive no money; count what they applied so the line is meaningful.
    return {
      method,
      count: ps.length,
      amount: ps.reduce((s, p) => s + (method === 'deposit' ? p.fromDeposit : p.amount), 0),
    };
  }).filter((m) => m.count > 0);
  return {
    isp: ispBlock(app),
    shift,
    byMethod,
    openingCash: shift.openingCash,
    cashReceived: row.cashReceived,
    expectedCash: shift.expectedCash,
    countedCash: shift.countedCash,
    variance: shift.variance,
    payments: live.sort((a, b) => a.paidAt.localeCompare(b.paidAt) || a.id - b.id),
    voidedPayments: all.filter((p) => p.status === 'void'),
    cashRefunded: row.cashRefunded,
    refunds: listRefunds(call, { shiftId: id, page: 1, pageSize: 100_000 } as Parameters<
      typeof listRefunds
    >[1]).items.sort((a, b) => a.refundedAt.localeCompare(b.refundedAt) || a.id - b.id),
    generatedAt: app.clock.now().toISOString(),
  };
}
