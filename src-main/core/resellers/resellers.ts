/**
 * Resellers as the office manages them: the record, their sign-in (a user with the reseller role) and
 * which customers are theirs. Each change is one transaction with its audit row.
 */
import type { z } from 'zod';
import type { Reseller, resellersContract } from '../../../src-shared/contract/resellers';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { checkPasswordPolicy, hashPassword } from '../passwords';
import { isUniqueViolation, type Paged } from '../../data/sql';
import { reserveSequence } from '../../data/sequences';
import { revokeUserSessions } from '../../data/sessions.repository';
import { insertUser, resetUserPassword, usernameTaken } from '../../data/users.repository';
import { balanceOf } from '../../data/resellers/ledger.repository';
import {
  assignCustomer,
  customerExists,
  findReseller,
  insertReseller,
  listResellerRows,
  resellerOfCustomer,
  routerExists,
  setResellerUser,
  unassignCustomer,
  updateReseller,
  type ResellerFields,
  type ResellerRow,
} from '../../data/resellers/resellers.repository';
import { listResellerCustomers } from '../../data/resellers/resellers.queries';
import { rulesOf } from './rules';

type C = typeof resellersContract;
type In<K extends keyof C> = z.output<C[K]['input']>;

const now = (call: CallContext) => call.app.clock.now().toISOString();

function withFigures(call: CallContext, r: ResellerRow): Reseller {
  const db = call.app.sqlite;
  const { total } = listResellerCustomers(db, { resellerId: r.id, limit: 1, offset: 0 });
  return { ...r, balance: balanceOf(db, r.id), customers: total };
}

export function resellerRow(call: CallContext, id: number): ResellerRow {
  const r = findReseller(call.app.sqlite, id);
  if (!r) throw notFound('Reseller');
  return r;
}

export function getReseller(call: CallContext, id: number) {
  return { ...withFigures(call, resellerRow(call, id)), rules: rulesOf(call, id) };
}

export function listResellers(call: CallContext, q: In<'resellers.list'>): Paged<Reseller> {
  const { rows, total } = listResellerRows(call.app.sqlite, {
    search: q.search,
    status: q.status,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows, total, page: q.page, pageSize: q.pageSize };
}

function fieldsOf(call: CallContext, f: In<'resellers.create'>): ResellerFields {
  const routerId = f.routerId ?? null;
  if (routerId !== null && !routerExists(call.app.sqlite, routerId)) throw badInput('routerId', 'Router not found');
  return {
    name: f.name,
    phone: f.phone ?? null,
    address: f.address ?? null,
    canCreateCustomers: f.canCreateCustomers,
    routerId,
    notes: f.notes ?? null,
  };
}

export function createReseller(call: CallContext, input: In<'resellers.create'>): Reseller {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const f = fieldsOf(call, input);
      const code = `MTR${String(reserveSequence(app.sqlite, 'reseller', 1)).padStart(4, '0')}`;
      const id = insertReseller(app.sqlite, code, f, now(call));
      writeAudit(call, { action: 'reseller.create', entity: 'reseller', entityId: id, after: { code, ...f } });
      return withFigures(call, resellerRow(call, id));
    })
    .immediate();
}

export function updateResellerRecord(call: CallContext, input: In<'resellers.update'>): Reseller {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const before = resellerRow(call, input.id);
      const f = { ...fieldsOf(call, input), status: input.status };
      updateReseller(app.sqlite, input.id, f, now(call));
      if (before.userId !== null && before.status === 'active' && f.status === 'suspended')
        revokeUserSessions(app.sqlite, before.userId, now(call));
      writeAudit(call, {
        action: 'reseller.update',
        entity: 'reseller',
        entityId: input.id,
        before: {
          name: before.name,
          phone: before.phone,
          address: before.address,
          status: before.status,
          canCreateCustomers: before.canCreateCustomers,
          routerId: before.routerId,
        },
        after: f,
      });
      return withFigures(call, resellerRow(call, input.id));
    })
    .immediate();
}

/** Creates the reseller's sign-in (role reseller), or sets a new password on it and ends its sessions. */
export async function setResellerLogin(call: CallContext, input: In<'resellers.setLogin'>): Promise<Reseller> {
  const { app } = call;
  const r = resellerRow(call, input.id);
  const username = r.username ?? input.username;
  if (!username) throw badInput('username', 'Username is required');
  checkPasswordPolicy(input.password, username);
  const taken = () =>
    new AppError('CONFLICT', `The username ${username} is already taken`, [
      { path: 'username', message: 'This username is already taken' },
    ]);
  if (r.userId === null && usernameTaken(app.sqlite, username)) throw taken();
  const passwordHash = await hashPassword(input.password);
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const cur = resellerRow(call, input.id);
      const t = now(call);
      if (cur.userId === null) {
        let userId: number;
        try {
          userId = insertUser(db, {
            username,
            fullName: cur.name,
            role: 'reseller',
            passwordHash,
            mustChangePassword: false,
            at: t,
          });
        } catch (err) {
          if (isUniqueViolation(err)) throw taken();
          throw err;
        }
        setResellerUser(db, cur.id, userId, t);
        writeAudit(call, {
          action: 'reseller.login_create',
          entity: 'reseller',
          entityId: cur.id,
          after: { username, userId },
        });
      } else {
        resetUserPassword(db, cur.userId, { passwordHash, mustChange: false, at: t });
        const ended = revokeUserSessions(db, cur.userId, t);
        writeAudit(call, {
          action: 'reseller.login_reset',
          entity: 'reseller',
          entityId: cur.id,
          after: { username: cur.username, sessionsEnded: ended },
        });
      }
      return withFigures(call, resellerRow(call, cur.id));
    })
    .immediate();
}

export function resellerCustomers(call: CallContext, q: In<'resellers.customers'>) {
  resellerRow(call, q.resellerId);
  const { rows, total } = listResellerCustomers(call.app.sqlite, {
    resellerId: q.resellerId,
    search: q.search,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows, total, page: q.page, pageSize: q.pageSize };
}

/** Gives customers to a reseller; one that belonged to another reseller moves (the audit row says from whom). */
export function assignCustomers(call: CallContext, input: In<'resellers.assign'>) {
  const { app, session } = call;
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const r = resellerRow(call, input.resellerId);
      const t = now(call);
      let assigned = 0;
      for (const customerId of new Set(input.customerIds)) {
        const c = customerExists(db, customerId);
        if (!c) throw badInput('customerIds', `Customer ${customerId} not found`);
        const from = resellerOfCustomer(db, customerId) ?? null;
        if (from === r.id) continue;
        assignCustomer(db, customerId, r.id, session?.userId ?? null, t);
        writeAudit(call, {
          action: 'reseller.assign',
          entity: 'customer',
          entityId: customerId,
          before: { resellerId: from },
          after: { resellerId: r.id, reseller: r.code, customer: c.customerCode },
        });
        assigned++;
      }
      return { assigned };
    })
    .immediate();
}

export function unassignCustomers(call: CallContext, input: In<'resellers.unassign'>) {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const r = resellerRow(call, input.resellerId);
      let unassigned = 0;
      for (const customerId of new Set(input.customerIds)) {
        if (resellerOfCustomer(db, customerId) !== r.id) continue;
        unassignCustomer(db, customerId);
        writeAudit(call, {
          action: 'reseller.unassign',
          entity: 'customer',
          entityId: customerId,
          before: { resellerId: r.id, reseller: r.code },
          after: { resellerId: null },
        });
        unassigned++;
      }
      return { unassigned };
    })
    .immediate();
}
