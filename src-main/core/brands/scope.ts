import { AppError, badInput } from '../../../src-shared/result';
import { brandExists, customerBrand, listBrandOptions, userBrandIds } from '../../data/brands.repository';
import type { CallContext } from '../context';

/**
 * The brands a call may see: null = every brand (an unrestricted user, or the app's own work), else the
 * ids of the user's user_brands rows. Read per call (one indexed lookup), so a change of a user's brands
 * applies to their next request without signing in again.
 */
export function visibleBrandIds(call: CallContext): number[] | null {
  if (!call.session) return null;
  const ids = userBrandIds(call.app.sqlite, call.session.userId);
  return ids.length ? ids : null;
}

/**
 * The brands a list reads: one chosen brand (none when the user may not see it), else every brand the
 * user may see (null = every brand).
 */
export function listBrandScope(call: CallContext, chosen: number | undefined): number[] | null {
  if (chosen === undefined) return visibleBrandIds(call);
  return canSeeBrand(call, chosen) ? [chosen] : [];
}

/** True when the call may see rows of `brandId`. */
export function canSeeBrand(call: CallContext, brandId: number): boolean {
  const v = visibleBrandIds(call);
  return v === null || v.includes(brandId);
}

/**
 * The brand a new customer, package or router goes to: the one chosen (it must exist and be visible to
 * the user), or, when none was chosen, the only active brand the user may use. With several, the caller
 * must choose: a record in the wrong brand would print another ISP's name on its invoices.
 */
export function brandForNew(call: CallContext, chosen: number | undefined, field = 'brandId'): number {
  const db = call.app.sqlite;
  if (chosen !== undefined) {
    if (!brandExists(db, chosen) || !canSeeBrand(call, chosen)) throw badInput(field, 'Brand not found');
    return chosen;
  }
  const usable = listBrandOptions(db).filter((b) => b.isActive && canSeeBrand(call, b.id));
  if (usable.length === 1) return usable[0]!.id;
  if (usable.length === 0) throw new AppError('FORBIDDEN', 'You may not add records to any brand');
  throw badInput(field, 'Choose the brand');
}

/** True when the call may see the customer (and so their invoices and payments). */
export function canSeeCustomer(call: CallContext, customerId: number): boolean {
  const v = visibleBrandIds(call);
  if (v === null) return true;
  const b = customerBrand(call.app.sqlite, customerId);
  return b !== undefined && v.includes(b);
}
