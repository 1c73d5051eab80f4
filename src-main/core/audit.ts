import { insertAuditRow } from '../data/audit.repository';
import { sourceOf, type CallContext } from './context';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** Who acted when no staff session did: a customer in the portal (`customer:CUST0001`). */
  actor?: string;
}

const SECRET_FIELDS = new Set(['password', 'passwordEnc', 'passwordHash', 'token', 'tokenHash']);

function snapshot(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return JSON.stringify(v, (k, val) => (SECRET_FIELDS.has(k) ? '[secret]' : val));
}

/**
 * Appends one audit row. Call inside the same transaction as the change it records, so the
 * change and its trail commit or roll back together. There is no update or delete path.
 */
export function writeAudit(
  call: Pick<CallContext, 'app' | 'session'> & Partial<Pick<CallContext, 'transport' | 'source' | 'actor'>>,
  entry: AuditEntry,
): void {
  const { app, session } = call;
  insertAuditRow(app.sqlite, {
    at: app.clock.now().toISOString(),
    userId: session?.userId ?? null,
    username: session?.username ?? entry.actor ?? call.actor ?? 'system',
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: snapshot(entry.before),
    after: snapshot(entry.after),
    reason: entry.reason ?? null,
    source: sourceOf({ transport: call.transport ?? 'internal', source: call.source }),
  });
}

/** Only the fields that changed, for compact before/after rows. */
export function diff<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}
