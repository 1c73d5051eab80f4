/** The office's side of collectors: who they are, what they are assigned, their commission rule. */
import { AppError, badInput, notFound } from '../../../src-shared/result';
import {
  deleteAssignment,
  findAssignment,
  findCollectorUser,
  insertAssignment,
  listAssignments,
  listCollectorUsers,
  upsertCommission,
} from '../../data/collectors/assignments.repository';
import { findCustomerDeposit } from '../../data/billing/deposits.repository';
import { findRouterName } from '../../data/collectors/routers.queries';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';

export function listCollectors(call: CallContext) {
  const db = call.app.sqlite;
  const assignments = listAssignments(db);
  return listCollectorUsers(db).map((u) => ({
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    isActive: u.isActive === 1,
    commission: u.commissionKind ? { kind: u.commissionKind, value: u.commissionValue ?? 0 } : null,
    assignments: assignments.filter((a) => a.collectorId === u.id).map(({ collectorId: _c, ...a }) => a),
  }));
}

function requireCollector(call: CallContext, id: number) {
  const u = findCollectorUser(call.app.sqlite, id);
  if (!u) throw badInput('collectorId', 'That user is not a collector');
  return u;
}

export function assign(
  call: CallContext,
  input: {
    collectorId: number;
    kind: 'area' | 'router' | 'customer';
    area?: string | null;
    routerId?: number;
    customerId?: number;
  },
) {
  const { app, session } = call;
  const db = app.sqlite;
  const collector = requireCollector(call, input.collectorId);
  const row = { area: null as string | null, routerId: null as number | null, customerId: null as number | null };
  if (input.kind === 'area') {
    if (!input.area) throw badInput('area', 'Area is required');
    row.area = input.area;
  } else if (input.kind === 'router') {
    if (input.routerId === undefined || !findRouterName(db, input.routerId))
      throw badInput('routerId', 'Router not found');
    row.routerId = input.routerId;
  } else {
    if (input.customerId === undefined || !findCustomerDeposit(db, input.customerId))
      throw badInput('customerId', 'Customer not found');
    row.customerId = input.customerId;
  }
  return db.transaction(() => {
    let id: number;
    try {
      id = insertAssignment(db, {
        collectorId: collector.id,
        kind: input.kind,
        ...row,
        createdBy: session?.userId ?? null,
        at: app.clock.now().toISOString(),
      });
    } catch (err) {
      if ((err as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new AppError('CONFLICT', 'The collector already has this assignment');
      throw err;
    }
    const created = findAssignment(db, id)!;
    writeAudit(call, {
      action: 'collector.assign',
      entity: 'user',
      entityId: collector.id,
      after: { kind: created.kind, area: created.area, router: created.routerName, customer: created.customerCode },
    });
    const { collectorId: _c, ...out } = created;
    return out;
  })();
}

export function unassign(call: CallContext, id: number) {
  const db = call.app.sqlite;
  return db.transaction(() => {
    const a = findAssignment(db, id);
    if (!a) throw notFound('Assignment');
    deleteAssignment(db, id);
    writeAudit(call, {
      action: 'collector.unassign',
      entity: 'user',
      entityId: a.collectorId,
      before: { kind: a.kind, area: a.area, router: a.routerName, customer: a.customerCode },
    });
    return { ok: true };
  })();
}

export function setCommission(
  call: CallContext,
  input: { collectorId: number; kind: 'flat' | 'percent'; value: number },
) {
  const { app, session } = call;
  const db = app.sqlite;
  const collector = requireCollector(call, input.collectorId);
  if (input.kind === 'percent' && input.value > 10_000)
    throw badInput('value', 'A percentage is at most 10000 basis points (100%)');
  return db.transaction(() => {
    upsertCommission(db, {
      collectorId: collector.id,
      kind: input.kind,
      value: input.value,
      userId: session?.userId ?? null,
      at: app.clock.now().toISOString(),
    });
    writeAudit(call, {
      action: 'collector.commission',
      entity: 'user',
      entityId: collector.id,
      before: collector.commissionKind ? { kind: collector.commissionKind, value: collector.commissionValue } : null,
      after: { kind: input.kind, value: input.value },
    });
    return { kind: input.kind, value: input.value };
  })();
}
