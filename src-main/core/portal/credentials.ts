import crypto from 'node:crypto';
import type { PortalMe } from '../../../src-shared/contract/portal/account';
import { AppError, notFound } from '../../../src-shared/result';
import {
  findPortalPasswordHash,
  portalPasswordInfo,
  revokeCustomerPortalSessions,
  updateCustomerContact,
  upsertPortalPassword,
} from '../../data/portal/portal.repository';
import { portalCustomer } from '../../data/portal/portal.queries';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../passwords';
import { RateLimiter } from '../users/rate-limit';
import { customerOf, portalMe } from './account';
import { portalLoginThrottle, throttleKey } from './login';
import { portalAudit, type PortalCall } from './session';

/** Letters and digits a customer can read off paper without confusing (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random 10-character password (about 58 bits), shown to the desk once. */
export function generatePortalPassword(): string {
  let out = '';
  while (out.length < 10) {
    const b = crypto.randomBytes(16);
    for (const x of b) if (x < 220 && out.length < 10) out += ALPHABET[x % ALPHABET.length];
  }
  return out;
}

/** Portal access as the customer's page shows it (never the password). */
export function portalAccess(call: CallContext, customerId: number) {
  if (!portalCustomer(call.app.sqlite, customerId)) throw notFound('Customer');
  const info = portalPasswordInfo(call.app.sqlite, customerId);
  return { hasPassword: !!info, setAt: info?.setAt ?? null, lastLoginAt: info?.lastLoginAt ?? null };
}

/**
 * The front desk sets or resets a customer's portal password: a new random one, returned once (only
 * its hash is kept). The customer's open portal sessions end and any lock on their sign-in is lifted.
 */
export async function resetPortalPassword(call: CallContext, customerId: number): Promise<{ password: string }> {
  const c = portalCustomer(call.app.sqlite, customerId);
  if (!c) throw notFound('Customer');
  const password = generatePortalPassword();
  const hash = await hashPassword(password);
  const { app } = call;
  app.sqlite.transaction(() => {
    const had = !!portalPasswordInfo(app.sqlite, customerId);
    const at = app.clock.now().toISOString();
    upsertPortalPassword(app.sqlite, customerId, hash, at, call.session?.userId ?? null);
    revokeCustomerPortalSessions(app.sqlite, customerId, at);
    writeAudit(call, {
      action: had ? 'portal.password_reset' : 'portal.password_set',
      entity: 'customer',
      entityId: customerId,
    });
  })();
  portalLoginThrottle(app).forget(throttleKey(customerId));
  return { password };
}

function changeLimiter(call: PortalCall): RateLimiter {
  const existing = call.app.services.portalChangePasswordLimiter;
  if (existing instanceof RateLimiter) return existing;
  const limiter = new RateLimiter(call.app.clock, 5, 5 * 60_000);
  call.app.services.portalChangePasswordLimiter = limiter;
  return limiter;
}

/** The customer chooses their own password; their other portal sessions end. */
export async function changeOwnPortalPassword(
  call: PortalCall,
  current: string,
  next: string,
): Promise<{ ok: boolean }> {
  const { customerId, customerCode, sessionId } = customerOf(call);
  const { app } = call;
  const hash = findPortalPasswordHash(app.sqlite, customerId);
  if (!hash) throw notFound('Customer');
  const limiter = changeLimiter(call);
  const key = `customer:${customerId}`;
  if (limiter.count(key) >= 5) {
    throw new AppError('RATE_LIMITED', 'Too many wrong current passwords: wait a few minutes and try again');
  }
  if (!(await verifyPassword(hash, current))) {
    limiter.hit(key);
    throw new AppError('BAD_INPUT', 'Current password is wrong', [
      { path: 'currentPassword', message: 'Current password is wrong' },
    ]);
  }
  limiter.reset(key);
  if (current === next) {
    throw new AppError('BAD_INPUT', 'Choose a password different from the current one', [
      { path: 'newPassword', message: 'Choose a password different from the current one' },
    ]);
  }
  checkPasswordPolicy(next, customerCode, 'newPassword');
  const nextHash = await hashPassword(next);
  app.sqlite.transaction(() => {
    const at = app.clock.now().toISOString();
    upsertPortalPassword(app.sqlite, customerId, nextHash, at, null);
    revokeCustomerPortalSessions(app.sqlite, customerId, at, sessionId);
    portalAudit(call, { action: 'portal.change_password', entity: 'customer', entityId: customerId });
  })();
  return { ok: true };
}

/** The customer's own phone and e-mail; the change is audited (before/after) and shows on the desk at once. */
export function updateOwnContact(call: PortalCall, input: { phone?: string | null; email?: string | null }): PortalMe {
  const { customerId } = customerOf(call);
  const { app } = call;
  return app.sqlite.transaction(() => {
    const before = portalMe(app, customerId);
    const phone = input.phone === undefined ? before.phone : input.phone;
    const email = input.email === undefined ? before.email : input.email;
    if (phone !== before.phone || email !== before.email) {
      updateCustomerContact(app.sqlite, customerId, phone, email, app.clock.now().toISOString());
      portalAudit(call, {
        action: 'portal.update_contact',
        entity: 'customer',
        entityId: customerId,
        before: { phone: before.phone, email: before.email },
        after: { phone, email },
      });
    }
    return portalMe(app, customerId);
  })();
}
