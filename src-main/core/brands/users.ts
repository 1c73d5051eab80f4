import { badInput, notFound } from '../../../src-shared/result';
import { brandExists, setUserBrandIds, userBrandIds } from '../../data/brands.repository';
import { findUser } from '../../data/users.repository';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';

/** The brands a user is limited to (empty = every brand). */
export function getUserBrands(call: CallContext, userId: number): { brandIds: number[] } {
  if (!findUser(call.app.sqlite, userId)) throw notFound('User');
  return { brandIds: userBrandIds(call.app.sqlite, userId) };
}

/**
 * Limits a user to some brands (or, with none, lifts the limit). An Admin is the owner's account and
 * always sees every brand, so only managers and staff can be limited.
 */
export function setUserBrands(call: CallContext, userId: number, brandIds: number[]): { brandIds: number[] } {
  const db = call.app.sqlite;
  return db
    .transaction(() => {
      const user = findUser(db, userId);
      if (!user) throw notFound('User');
      if (brandIds.length && user.role === 'admin') throw badInput('brandIds', 'An Admin sees every brand');
      brandIds.forEach((b, i) => {
        if (!brandExists(db, b)) throw badInput(`brandIds.${i}`, 'Brand not found');
      });
      const before = userBrandIds(db, userId);
      const next = [...brandIds].sort((a, b) => a - b);
      setUserBrandIds(db, userId, next);
      if (before.join() !== next.join())
        writeAudit(call, {
          action: 'user.brands',
          entity: 'user',
          entityId: userId,
          before: { brandIds: before },
          after: { brandIds: next },
        });
      return { brandIds: next };
    })
    .immediate();
}
