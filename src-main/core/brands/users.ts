import type { Role } from '../../../src-shared/permissions';
import { badInput, notFound } from '../../../src-shared/result';
import { allUserBrandIds, brandExists, setUserBrandIds, userBrandIds } from '../../data/brands.repository';
import { findUser } from '../../data/users.repository';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';

/** The brands a user is limited to (empty = every brand). */
export function getUserBrands(call: CallContext, userId: number): { brandIds: number[] } {
  if (!findUser(call.app.sqlite, userId)) throw notFound('User');
  return { brandIds: userBrandIds(call.app.sqlite, userId) };
}

/** Every limited user with their brands (the Users list); a user not listed sees every brand. */
export function userBrandLimits(call: CallContext): { items: { userId: number; brandIds: number[] }[] } {
  const byUser = new Map<number, number[]>();
  for (const { userId, brandId } of allUserBrandIds(call.app.sqlite))
    byUser.set(userId, [...(byUser.get(userId) ?? []), brandId]);
  return { items: [...byUser].map(([userId, brandIds]) => ({ userId, brandIds })) };
}

/**
 * Writes a user's brand limit inside the caller's transaction (users.create / users.update / setUserBrands),
 * with its audit row when it changed. An Admin is the owner's account and always sees every brand, so only
 * managers, staff and collectors can be limited; a user made Admin loses any limit.
 */
export function applyUserBrands(
  call: CallContext,
  user: { id: number; role: Role },
  brandIds: readonly number[],
): number[] {
  const db = call.app.sqlite;
  if (brandIds.length && user.role === 'admin') throw badInput('brandIds', 'An Admin sees every brand');
  brandIds.forEach((b, i) => {
    if (!brandExists(db, b)) throw badInput(`brandIds.${i}`, 'Brand not found');
  });
  const before = userBrandIds(db, user.id);
  const next = [...brandIds].sort((a, b) => a - b);
  if (before.join() === next.join()) return next;
  setUserBrandIds(db, user.id, next);
  writeAudit(call, {
    action: 'user.brands',
    entity: 'user',
    entityId: user.id,
    before: { brandIds: before },
    after: { brandIds: next },
  });
  return next;
}

/** Limits a user to some brands (or, with none, lifts the limit). */
export function setUserBrands(call: CallContext, userId: number, brandIds: number[]): { brandIds: number[] } {
  const db = call.app.sqlite;
  return db
    .transaction(() => {
      const user = findUser(db, userId);
      if (!user) throw notFound('User');
      return { brandIds: applyUserBrands(call, user, brandIds) };
    })
    .immediate();
}
