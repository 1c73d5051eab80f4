import { AppError } from '../../../src-shared/result';
import type { PortalMe } from '../../../src-shared/contract/portal/account';
import { findPortalLogin, portalSignedInFromSince, recordPortalLogin } from '../../data/portal/portal.repository';
import { lockedError, refusedError } from '../users/sign-in-refusals';
import type { AppContext } from '../context';
import { dummyHash, verifyPassword } from '../passwords';
import { LoginThrottle } from '../users/login-throttle';
import { RateLimiter } from '../users/rate-limit';
import { portalMe } from './account';
import { portalAudit, startPortalSession, type PortalCall } from './session';

/*
 * Customer sign-in: the staff sign-in's design (users/login-throttle.ts) with a throttle of its own,
 * so a customer's guesses never lock a staff account and the reverse. Per account and address: 5 wrong
 * passwords lock that account on that address for 5 minutes; per account across addresses: a growing
 * wait after 5 failures in a row. Per address whatever the account: the host's portalSourceLimiter.
 */
const WRONG = 'Wrong customer code, PPPoE username or password';

/** The throttle's key of a customer who exists. */
export const throttleKey = (customerId: number) => `customer:${customerId}`;

export function portalLoginThrottle(app: AppContext): LoginThrottle {
  const existing = app.services.portalLoginThrottle;
  if (existing instanceof LoginThrottle) return existing;
  const throttle = new LoginThrottle(app.clock);
  app.services.portalLoginThrottle = throttle;
  return throttle;
}

/** Portal sign-in attempts allowed per address per minute, whichever accounts they name. */
export const PORTAL_ATTEMPTS_PER_SOURCE = 20;

export function portalSourceLimiter(app: AppContext): RateLimiter {
  const existing = app.services.portalSourceLimiter;
  if (existing instanceof RateLimiter) return existing;
  const limiter = new RateLimiter(app.clock, PORTAL_ATTEMPTS_PER_SOURCE, 60_000);
  app.services.portalSourceLimiter = limiter;
  return limiter;
}

export async function portalLogin(
  call: PortalCall,
  login: string,
  password: string,
): Promise<{ token: string; me: PortalMe }> {
  const { app } = call;
  const dummy = dummyHash();
  const where = call.source ?? 'unknown';
  const found = findPortalLogin(app.sqlite, login.trim());
  // One counter per customer whether the code or a PPPoE username was typed.
  const key = found ? throttleKey(found.customerId) : `login:${login.trim().toLowerCase()}`;
  const throttle = portalLoginThrottle(app);
  const since = new Date(app.clock.now().getTime() - 90 * 86_400_000).toISOString();
  const known = !!found && portalSignedInFromSince(app.sqlite, found.customerId, call.source, since);
  const verdict = throttle.check(key, where, known);
  if (!verdict.ok) {
    app.sqlite.transaction(() =>
      portalAudit(
        call,
        { action: 'portal.login_locked', entity: 'customer', entityId: found?.customerId ?? null },
        found?.customerCode,
      ),
    )();
    throw refusedError(app, verdict);
  }
  // The same work whether the account exists, has a portal password or not: the answer reveals nothing.
  const good = await verifyPassword(found?.passwordHash ?? (await dummy), password);
  const outcome = app.sqlite.transaction((): { token: string; me: PortalMe } | AppError => {
    if (!found || !found.passwordHash || !good) {
      const lock = throttle.failed(key, where);
      portalAudit(
        call,
        {
          action: 'portal.login_failed',
          entity: 'customer',
          entityId: found?.customerId ?? null,
          after: { login: login.trim().slice(0, 64), lockedUntil: lock?.toISOString() ?? null },
        },
        found?.customerCode,
      );
      return lock ? lockedError(app, lock) : new AppError('UNAUTHENTICATED', WRONG);
    }
    recordPortalLogin(app.sqlite, found.customerId, app.clock.now().toISOString());
    const token = startPortalSession(app, found.customerId);
    portalAudit(call, { action: 'portal.login', entity: 'customer', entityId: found.customerId }, found.customerCode);
    return { token, me: portalMe(app, found.customerId) };
  })();
  if (outcome instanceof AppError) throw outcome;
  throttle.succeeded(key, where);
  return outcome;
}
