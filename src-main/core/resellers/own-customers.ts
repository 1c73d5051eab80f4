/**
 * A reseller adds and edits their own customers from their phone. Nothing here re-implements the office's
 * rules: the customer is made by `createCustomer`, the account by `createAccount` (credentials, brand and
 * standing checks, its subscription, the router sync queue, the audit rows), each under the reseller's own
 * sign-in so the audit trail names them. What is the reseller's own: the customer is theirs at once, the
 * package must be one they may sell, the router is the one the office set for them, and a customer of
 * anyone else answers "not found" like a missing one.
 */
import type { z } from 'zod';
import type { resellerSelfContract } from '../../../src-shared/contract/reseller-self';
import { AppError, badInput, conflict, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { createCustomer, getCustomer, updateCustomer } from '../customers';
import { createAccount } from '../network/accounts';
import { generatePassword } from '../network/credentials';
import { routerBrand } from '../../data/brands.repository';
import {
  assignCustomer,
  resellerOfCustomer,
  sellablePackages,
  type ResellerRow,
} from '../../data/resellers/resellers.repository';
import { selfReseller } from './self';

type C = typeof resellerSelfContract;
type In<K extends keyof C> = z.output<C[K]['input']>;

/** The signed-in reseller, when the office lets them manage customers. */
function manager(call: CallContext): ResellerRow {
  const r = selfReseller(call);
  if (r.status !== 'active') throw new AppError('CONFLICT', `Reseller ${r.code} is suspended`);
  if (!r.canCreateCustomers)
    throw new AppError('FORBIDDEN', 'The office has not allowed this reseller to add customers');
  return r;
}

/** One of the reseller's own customers; anyone else's answers exactly like a missing one. */
function ownCustomerId(call: CallContext, r: ResellerRow, customerId: number): number {
  if (resellerOfCustomer(call.app.sqlite, customerId) !== r.id) throw notFound('Customer');
  return customerId;
}

export const selfPackages = (call: CallContext) => sellablePackages(call.app.sqlite, selfReseller(call).id);

export function selfCustomer(call: CallContext, customerId: number) {
  const r = selfReseller(call);
  return getCustomer(call, ownCustomerId(call, r, customerId));
}

export function selfCreateCustomer(call: CallContext, input: In<'reseller.createCustomer'>) {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const r = manager(call);
      const pkg = sellablePackages(db, r.id).find((p) => p.id === input.internetPackageId);
      if (!pkg) throw badInput('internetPackageId', 'Package not found');
      if (r.routerId === null) throw conflict('No router is set for this reseller: ask the office to choose one');
      const { internetPackageId, username, ...personal } = input;
      // The customer joins the brand of the router their account runs on.
      const customer = createCustomer(call, { ...personal, brandId: routerBrand(db, r.routerId) });
      assignCustomer(db, customer.id, r.id, call.session?.userId ?? null, app.clock.now().toISOString());
      // Generated here: the office's service shows a password only to roles that may read passwords.
      const password = generatePassword(10);
      const { account, subscription } = createAccount(call, {
        customerId: customer.id,
        internetPackageId,
        routerId: r.routerId,
        username,
        password,
      });
      writeAudit(call, {
        action: 'reseller.customer_create',
        entity: 'reseller',
        entityId: r.id,
        after: { customer: customer.customerCode, name: customer.name, account: account.username, package: pkg.name },
      });
      return {
        customer,
        accountId: account.id,
        username: account.username,
        password,
        packageName: pkg.name,
        monthlyPrice: subscription?.monthlyFee ?? pkg.price,
      };
    })
    .immediate();
}

export function selfUpdateCustomer(call: CallContext, input: In<'reseller.updateCustomer'>) {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const r = manager(call);
      ownCustomerId(call, r, input.id);
      return updateCustomer(call, input);
    })
    .immediate();
}
