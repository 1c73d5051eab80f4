/**
 * Setoran: the cashier counts the cash a collector brings against every live collection since the last
 * hand-over (like closing a cashier shift: expected, counted, variance = counted − expected, stored).
 */
import { formatRupiah } from '../../../src-shared/money';
import { AppError } from '../../../src-shared/result';
import { listCollectorUsers } from '../../data/collectors/assignments.repository';
import { markSettled, unsettledOf } from '../../data/collectors/collections.repository';
import { insertSettlement, listSettlements } from '../../data/collectors/settlements.repository';
import { writeAudit } from '../audit';
import { today } from '../billing/common';
import type { CallContext } from '../context';
import { toCollection } from './route';
import { badInput } from '../../../src-shared/result';

export function pendingHandOvers(call: CallContext) {
  const db = call.app.sqlite;
  return listCollectorUsers(db).map((u) => {
    const open = unsettledOf(db, u.id);
    return {
      collectorId: u.id,
      fullName: u.fullName,
      unsettled: { count: open.length, total: open.reduce((s, c) => s + c.amount, 0) },
      items: open.map(toCollection),
    };
  });
}

export function settle(
  call: CallContext,
  input: { collectorId: number; expected: number; counted: number; note?: string | null },
) {
  const { app, session } = call;
  const db = app.sqlite;
  if (!listCollectorUsers(db).some((u) => u.id === input.collectorId))
    throw badInput('collectorId', 'That user is not a collector');
  return db
    .transaction(() => {
      const open = unsettledOf(db, input.collectorId);
      const expected = open.reduce((s, c) => s + c.amount, 0);
      if (expected !== input.expected)
        throw new AppError(
          'CONFLICT',
          `The collector's records changed while counting (now ${formatRupiah(expected)}): count again`,
        );
      if (!open.length && input.counted === 0) throw new AppError('CONFLICT', 'Nothing to hand over');
      if (input.counted !== expected && !input.note)
        throw badInput('note', 'A note is required when the counted cash differs from the records');
      const now = app.clock.now().toISOString();
      const id = insertSettlement(db, {
        collectorId: input.collectorId,
        expected,
        counted: input.counted,
        collections: open.length,
        note: input.note ?? null,
        cashierId: session?.userId ?? null,
        settledOn: today(app),
        at: now,
      });
      markSettled(
        db,
        open.map((c) => c.id),
        id,
      );
      writeAudit(call, {
        action: 'collector.settle',
        entity: 'collector_settlement',
        entityId: id,
        after: { collectorId: input.collectorId, expected, counted: input.counted, variance: input.counted - expected },
        reason: input.note ?? null,
      });
      return listSettlements(db, input.collectorId, 1)[0]!;
    })
    .immediate();
}

export function settlements(call: CallContext, collectorId: number | undefined) {
  return listSettlements(call.app.sqlite, collectorId ?? null, 200);
}
