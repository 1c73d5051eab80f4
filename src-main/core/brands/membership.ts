import { AppError, badInput, conflict } from '../../../src-shared/result';
import {
  accountsOfPackage,
  accountsOfRouter,
  customerBrand,
  customerBrandTies,
  packageBrand,
  routerBrand,
  setBrandOf,
} from '../../data/brands.repository';
import type { CallContext } from '../context';
import { brandForNew, canSeeBrand } from './scope';

/*
 * One rule keeps a brand's records together: a customer's PPPoE accounts use packages and routers of
 * the customer's brand. The customer's brand is chosen (not derived), because a customer exists before
 * their first account; every place that joins the three checks it here.
 */

type Table = 'customers' | 'internet_packages' | 'routers';

/** Puts a just-inserted row in its brand (chosen, or the user's only one). Call inside the create's transaction. */
export function placeInBrand(call: CallContext, table: Table, id: number, chosen: number | undefined): number {
  const brandId = brandForNew(call, chosen);
  if (brandId !== 1) setBrandOf(call.app.sqlite, table, id, brandId);
  return brandId;
}

/** A package and a router (if any) of an account must belong to the customer's brand. */
export function checkAccountBrands(
  call: CallContext,
  ids: { customerId: number; packageId: number; routerId: number | null },
): void {
  const db = call.app.sqlite;
  const brand = customerBrand(db, ids.customerId);
  if (brand === undefined) return; // the caller reports the missing customer
  const pkg = packageBrand(db, ids.packageId);
  if (pkg !== undefined && pkg !== brand)
    throw badInput('internetPackageId', "This package belongs to another brand than the customer's");
  if (ids.routerId !== null) {
    const router = routerBrand(db, ids.routerId);
    if (router !== undefined && router !== brand)
      throw badInput('routerId', "This router belongs to another brand than the customer's");
  }
}

/**
 * Moves an existing customer, package or router to another brand, when nothing ties it to its brand: a
 * customer with accounts or invoices keeps the brand printed on those invoices; a package or router
 * used by accounts keeps the brand of those customers.
 */
export function moveToBrand(call: CallContext, table: Table, id: number, from: number, to: number | undefined): void {
  if (to === undefined || to === from) return;
  if (!canSeeBrand(call, to)) throw badInput('brandId', 'Brand not found');
  brandForNew(call, to);
  const db = call.app.sqlite;
  if (table === 'customers') {
    const ties = customerBrandTies(db, id);
    if (ties.accounts || ties.invoices)
      throw conflict('A customer with PPPoE accounts or invoices stays in their brand');
  } else {
    const used = table === 'routers' ? accountsOfRouter(db, id) : accountsOfPackage(db, id);
    if (used && table === 'routers') throw conflict('This router is used by PPPoE accounts: it stays in its brand');
    if (used) throw conflict('This package is used by PPPoE accounts: it stays in its brand');
  }
  setBrandOf(db, table, id, to);
}

/** Refuses to act on a record of a brand the user may not see, as if it did not exist. */
export function requireVisibleBrand(call: CallContext, brandId: number | undefined, what: string): void {
  if (brandId !== undefined && !canSeeBrand(call, brandId)) throw new AppError('NOT_FOUND', `${what} not found`);
}
