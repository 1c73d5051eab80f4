import type { z } from 'zod';
import type { customersContract, Customer } from '../../src-shared/contract/customers';
import { businessDate } from '../../src-shared/dates';
import { AppError, conflict, notFound } from '../../src-shared/result';
import { nextSequence } from '../data/sequences';
import { diff, writeAudit } from './audit';
import type { CallContext } from './context';
import { getSettings } from './settings';
import { moveToBrand, placeInBrand } from './brands/membership';
import {
  customerCodeTaken,
  customerRecordCounts,
  customerReferences,
  deleteCustomerRow,
  findCustomer,
  insertCustomer,
  insertStatusHistory,
  listCustomerPage,
  searchCustomers,
  updateCustomerRow,
} from '../data/customers.repository';
import { canSeeBrand, listBrandScope } from './brands/scope';
import type { Paged } from '../data/sql';

type C = typeof customersContract;
type In<K extends keyof C> = z.output<C[K]['input']>;

export function getCustomer(call: CallContext, id: number): Customer {
  const customer = findCustomer(call.app.sqlite, id);
  if (!customer || !canSeeBrand(call, customer.brandId)) throw notFound('Customer');
  return customer;
}

/**
 * What to look for in search_text. A phone number is typed in many shapes (0812-3456-7801,
 * 0812 3456 7801, +62 812…): separators are dropped (search_text holds a digits-only copy) and the
 * trunk prefix 0 / country code 62 too, so the rest matches however the number was stored.
 */
export function searchNeedle(search: string): string {
  const text = search.trim().toLowerCase();
  if (/^\+?[0-9][0-9 ().-]{5,}$/.test(text)) {
    const digits = text.replace(/[^0-9]/g, '');
    if (digits.length >= 6) return digits.replace(/^(62|0)/, '');
  }
  return text;
}

/** One page of customers, searched (see searchCustomers) or sorted. */
export function listCustomers(
  call: CallContext,
  input: In<'customers.list'>,
): Paged<Customer> & { totalIsLowerBound: boolean } {
  const q = {
    status: input.status,
    sort: input.sort ?? { field: 'name' as const, dir: 'asc' as const },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
    brands: listBrandScope(call, input.brandId),
  };
  const db = call.app.sqlite;
  const found = input.search ? searchCustomers(db, searchNeedle(input.search), q) : listCustomerPage(db, q);
  return { ...found, page: input.page, pageSize: input.pageSize };
}

export function customerDetail(call: CallContext, id: number) {
  return { ...getCustomer(call, id), ...customerRecordCounts(call.app.sqlite, id) };
}

function recordStatus(call: CallContext, customerId: number, from: string | null, to: string) {
  const now = call.app.clock.now();
  insertStatusHistory(call.app.sqlite, {
    customerId,
    from,
    to,
    changedOn: businessDate(now, getSettings(call.app).timeZone),
    at: now.toISOString(),
  });
}

/** Next free customer code. The counter only grows, so a deleted customer's code is never handed out again. */
function nextCustomerCode(call: CallContext): string {
  const { sqlite } = call.app;
  const prefix = getSettings(call.app).customerCodePrefix;
  for (;;) {
    const code = `${prefix}${String(nextSequence(sqlite, `customer_code:${prefix}`)).padStart(4, '0')}`;
    if (!customerCodeTaken(sqlite, code)) return code; // codes can also arrive by import
  }
}

export function createCustomer(
  call: CallContext,
  input: In<'customers.create'>,
  opts: { code?: string } = {},
): Customer {
  const { app, session } = call;
  const now = app.clock.now();
  return app.sqlite.transaction(() => {
    const code = opts.code ?? nextCustomerCode(call);
    const id = insertCustomer(app.sqlite, {
      code,
      name: input.name,
      address: input.address ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      idCard: input.idCard ?? null,
      status: input.status ?? 'active',
      joinDate: input.joinDate ?? businessDate(now, getSettings(app).timeZone),
      notes: input.notes ?? null,
      neverIsolate: input.neverIsolate ?? false,
      createdBy: session?.userId ?? null,
      at: now.toISOString(),
    });
    placeInBrand(call, 'customers', id, input.brandId);
    // The initial status-history row is written by the customers_initial_status trigger (drizzle/0003).
    const created = getCustomer(call, id);
    writeAudit(call, { action: 'customer.create', entity: 'customer', entityId: id, after: created });
    return created;
  })();
}

export function updateCustomer(call: CallContext, input: In<'customers.update'>): Customer {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const before = getCustomer(call, input.id);
    // An erased customer stays anonymous: their status may change, their personal fields stay empty.
    const personal = [input.name, input.address, input.phone, input.email, input.idCard, input.notes];
    if (before.erasedAt && personal.some((v) => v !== undefined && v !== null && v !== before.name))
      throw conflict(`The personal data of ${before.customerCode} was erased: it cannot be filled in again`);
    const next = {
      name: input.name ?? before.name,
      address: input.address === undefined ? before.address : input.address,
      phone: input.phone === undefined ? before.phone : input.phone,
      email: input.email === undefined ? before.email : input.email,
      idCard: input.idCard === undefined ? before.idCard : input.idCard,
      status: input.status ?? before.status,
      joinDate: input.joinDate ?? before.joinDate,
      notes: input.notes === undefined ? before.notes : input.notes,
      neverIsolate: input.neverIsolate ?? before.neverIsolate,
    };
    updateCustomerRow(app.sqlite, input.id, next, app.clock.now().toISOString());
    moveToBrand(call, 'customers', input.id, before.brandId, input.brandId);
    if (next.status !== before.status) recordStatus(call, input.id, before.status, next.status);
    const after = getCustomer(call, input.id);
    const d = diff(before, after);
    delete d.before.updatedAt;
    delete d.after.updatedAt;
    if (Object.keys(d.after).length) {
      writeAudit(call, { action: 'customer.update', entity: 'customer', entityId: input.id, ...d });
    }
    return after;
  })();
}

/** Only a customer with no accounts, subscriptions or money history can be deleted; others are deactivated. */
export function deleteCustomer(call: CallContext, id: number): { id: number } {
  const { sqlite } = call.app;
  return sqlite.transaction(() => {
    const before = getCustomer(call, id);
    const refs = customerReferences(sqlite, id);
    const blocking = Object.entries(refs).filter(([, n]) => n > 0);
    if (blocking.length) {
      throw new AppError(
        'CONFLICT',
        `${before.name} has records (PPPoE accounts: ${refs.accounts}, subscriptions: ${refs.subscriptions}, invoices: ${refs.invoices}, payments: ${refs.payments}, deposit entries: ${refs.deposits}): set the status to inactive instead of deleting`,
      );
    }
    deleteCustomerRow(sqlite, id);
    writeAudit(call, { action: 'customer.delete', entity: 'customer', entityId: id, before });
    return { id };
  })();
}
