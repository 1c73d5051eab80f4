import { PAYMENT_METHODS, type PaymentMethod } from '../../../src-shared/contract/payments';
import type { Shift } from '../../../src-shared/contract/shifts';
import { roleCan } from '../../../src-shared/permissions';
import { AppError, notFound } from '../../../src-shared/result';
import {
  closeShiftRow,
  findShiftRow,
  insertShift,
  listShiftRows,
  openShiftIdOf,
  openShiftRowOf,
  type ShiftRow,
} from '../../data/billing/shifts.repository';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import type { Paged } from '../../data/sql';
import { addDays, dayStartUtc, ispBlock, type In } from './common';
import { listPayments } from './paymentDetails';
import { listRefunds } from './refunds';
import { topUpsOfShift } from '../../data/resellers/ledger.repository';

/** What the drawer should hold: opening cash + cash taken (payments, resellers' top-ups) − refunds paid out in cash. */
const expectedOf = (r: ShiftRow) => r.openingCash + r.cashReceived + r.cashTopUps - r.cashRefunded;

function toShift(r: ShiftRow): Shift {
  const { storedExpected, cashReceived: _cashReceived, ...rest } = r;
  // Frozen at close; live while open.
  return { ...rest, expectedCash: storedExpected ?? expectedOf(r) };
}

function me(call: CallContext) {
  if (!call.session) throw new AppError('UNAUTHENTICATED', 'Please sign in');
  return call.session;
}

const canSeeAll = (call: CallContext) => roleCan(call.session?.role, 'shifts.readAll');

function loadShift(call: CallContext, id: number): ShiftRow {
  const row = findShiftRow(call.app.sqlite, id);
  if (!row) throw notFound('Shift');
  if (row.userId !== me(call).userId && !canSeeAll(call))
    throw new AppError('FORBIDDEN', "Only a manager may see another cashier's shift");
  return row;
}

export function currentShift(call: CallContext): Shift | null {
  const row = openShiftRowOf(call.app.sqlite, me(call).userId);
  return row ? toShift(row) : null;
}

export function openShift(call: CallContext, input: In<'shifts.open'>): Shift {
  const { app } = call;
  const user = me(call);
  return app.sqlite
    .transaction(() => {
      if (openShiftIdOf(app.sqlite, user.userId) !== null) {
        throw new AppError('CONFLICT', 'You already have an open shift: close it first');
      }
      const id = insertShift(
        app.sqlite,
        user.userId,
        app.clock.now().toISOString(),
        input.openingCash,
        input.notes ?? null,
      );
      const shift = toShift(loadShift(call, id));
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
      let row: ShiftRow;
      if (input.id !== undefined) {
        row = loadShift(call, input.id);
        if (row.userId !== user.userId && !canSeeAll(call))
          throw new AppError('FORBIDDEN', "Only a manager may close another cashier's shift");
      } else {
        const own = openShiftRowOf(app.sqlite, user.userId);
        if (!own) throw new AppError('CONFLICT', 'You have no open shift');
        row = own;
      }
      if (row.status !== 'open') throw new AppError('CONFLICT', 'This shift is already closed');
      const expected = expectedOf(row);
      const variance = input.countedCash - expected;
      const now = app.clock.now().toISOString();
      closeShiftRow(app.sqlite, row.id, {
        closedAt: now,
        countedCash: input.countedCash,
        expectedCash: expected,
        variance,
        notes: input.notes ?? null,
      });
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
  const userId = canSeeAll(call) ? input.userId : user.userId;
  if (input.userId !== undefined && input.userId !== user.userId && !canSeeAll(call)) {
    throw new AppError('FORBIDDEN', "Only a manager may see another cashier's shifts");
  }
  // A shift belongs to the business day (ISP zone) it opened on.
  const { rows, total } = listShiftRows(call.app.sqlite, {
    ...(userId !== undefined ? { userId } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.from ? { openedFrom: dayStartUtc(call.app, input.from) } : {}),
    ...(input.to ? { openedBefore: dayStartUtc(call.app, addDays(input.to, 1)) } : {}),
    page: input.page,
    pageSize: input.pageSize,
  });
  return { items: rows.map(toShift), total, page: input.page, pageSize: input.pageSize };
}

export function shiftReport(call: CallContext, id: number) {
  const { app } = call;
  const row = loadShift(call, id);
  const shift = toShift(row);
  const all = listPayments(call, { shiftId: id, page: 1, pageSize: 100_000 }).items;
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
    cashTopUps: row.cashTopUps,
    topUps: topUpsOfShift(app.sqlite, id).map((m) => ({
      id: m.id,
      resellerCode: m.resellerCode,
      resellerName: m.resellerName,
      amount: m.amount,
      method: m.method,
      referenceNumber: m.referenceNumber,
      at: m.at,
      reversed: m.reversedBy !== null,
    })),
    refunds: listRefunds(call, { shiftId: id, page: 1, pageSize: 100_000 }).items.sort(
      (a, b) => a.refundedAt.localeCompare(b.refundedAt) || a.id - b.id,
    ),
    generatedAt: app.clock.now().toISOString(),
  };
}
