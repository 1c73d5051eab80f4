import crypto from 'node:crypto';
import {
  findPortalSession,
  insertPortalSession,
  revokePortalSession,
  touchPortalSession,
} from '../../data/portal/portal.repository';
import { writeAudit, type AuditEntry } from '../audit';
import type { AppContext } from '../context';

/** A signed-in customer: the only identity a portal handler knows. */
export interface PortalSession {
  sessionId: number;
  customerId: number;
  customerCode: string;
}

/** One portal call: who (a customer or nobody), from where. Never a staff session. */
export interface PortalCall {
  app: AppContext;
  customer: PortalSession | null;
  /** The peer address, recorded on audit rows and used by the sign-in limits. */
  source: string | null;
  token?: string;
}

/** Idle end of a portal session (phones stay signed in for a day of not looking)… */
export const PORTAL_IDLE_MS = 24 * 3_600_000;
/** …and its absolute end, however active. */
export const PORTAL_MAX_MS = 30 * 86_400_000;
// Each touch is its own synchronous commit (an fsync on the one thread): 200 phones touching every minute
// cost ~3 commits a second; every 5 minutes is enough for a 24-hour idle limit.
const TOUCH_EVERY_MS = 5 * 60_000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

function expiry(now: Date, createdAt: Date): string {
  return new Date(Math.min(now.getTime() + PORTAL_IDLE_MS, createdAt.getTime() + PORTAL_MAX_MS)).toISOString();
}

/** Inside the caller's transaction: a new session; the token is returned once, only its hash is kept. */
export function startPortalSession(app: AppContext, customerId: number): string {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = app.clock.now();
  insertPortalSession(app.sqlite, {
    tokenHash: sha256(token),
    customerId,
    at: now.toISOString(),
    expiresAt: expiry(now, now),
  });
  return token;
}

/** The customer behind a portal token, sliding its idle expiry; null when unknown, revoked or expired. */
export function resolvePortalSession(app: AppContext, token: string | undefined): PortalSession | null {
  if (!token) return null;
  const row = findPortalSession(app.sqlite, sha256(token));
  const now = app.clock.now();
  if (!row || row.expiresAt <= now.toISOString()) return null;
  if (now.getTime() - Date.parse(row.lastSeenAt) >= TOUCH_EVERY_MS) {
    touchPortalSession(app.sqlite, row.id, now.toISOString(), expiry(now, new Date(row.createdAt)));
  }
  return { sessionId: row.id, customerId: row.customerId, customerCode: row.customerCode };
}

export function endPortalSession(call: PortalCall): { ok: boolean } {
  const c = call.customer;
  if (!c) return { ok: true };
  call.app.sqlite.transaction(() => {
    revokePortalSession(call.app.sqlite, c.sessionId, call.app.clock.now().toISOString());
    portalAudit(call, { action: 'portal.logout', entity: 'customer', entityId: c.customerId });
  })();
  return { ok: true };
}

/** An audit row of a customer's own action: actor `customer:<code>`, source their address. */
export function portalAudit(call: PortalCall, entry: AuditEntry, customerCode = call.customer?.customerCode): void {
  writeAudit(
    { app: call.app, session: null, transport: 'http', source: call.source ?? 'portal' },
    { ...entry, actor: customerCode ? `customer:${customerCode}` : 'portal' },
  );
}
