/**
 * The audit rows of API calls, written in batches. A row per request committed on its own costs a disk
 * sync (~5 ms here: it capped the API near 50 req/s); one transaction per second for all calls of that
 * second costs the same sync once. What a call changes (a payment, a customer) is audited in its own
 * transaction by the service, with the key's name, as before; only the "this key called this route" rows
 * wait here, at most FLUSH_MS, and are written when the app closes. A crash loses at most that second.
 */
import { markApiKeyUsed } from '../../data/api/api-keys.repository';
import { realTimers, type Timers } from '../../timers';
import { insertAuditRow } from '../../data/audit.repository';
import type { AppContext } from '../context';
import { apiActor, type ApiPrincipal } from './keys';

export const FLUSH_MS = 1_000;
const MAX_PENDING = 1_000;

interface Entry {
  principal: ApiPrincipal;
  source: string | null;
  at: string;
  call: { method: string; path: string; status: number };
}

export class ApiCallLog {
  private pending: Entry[] = [];
  private timer: unknown = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly timers: Timers = realTimers,
  ) {}

  add(principal: ApiPrincipal, source: string | null, call: Entry['call']): void {
    this.pending.push({ principal, source, call, at: this.ctx.clock.now().toISOString() });
    if (this.pending.length >= MAX_PENDING) this.flush();
    else if (this.timer === null) this.timer = this.timers.setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Writes every waiting row (and each key's last use) in one transaction. */
  flush(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    if (!batch.length) return;
    this.pending = [];
    const { ctx } = this;
    ctx.sqlite.transaction(() => {
      const last = new Map<number, Entry>();
      for (const e of batch) {
        last.set(e.principal.keyId, e);
        // The same row writeAudit makes, at the instant of the call rather than of the flush.
        insertAuditRow(ctx.sqlite, {
          at: e.at,
          userId: null,
          username: apiActor(e.principal),
          action: 'api.call',
          entity: 'api_key',
          entityId: String(e.principal.keyId),
          before: null,
          after: JSON.stringify(e.call),
          reason: null,
          source: e.source,
        });
      }
      for (const [keyId, e] of last) markApiKeyUsed(ctx.sqlite, keyId, e.at, e.source);
    })();
  }
}

/** The app's call log, created on first use; flushed when the app closes and before a database swap. */
export function apiCallLog(ctx: AppContext): ApiCallLog {
  const existing = ctx.services.apiCallLog;
  if (existing instanceof ApiCallLog) return existing;
  const log = new ApiCallLog(ctx);
  ctx.services.apiCallLog = log;
  ctx.onClose(() => log.flush());
  ctx.onDatabaseReplaced((phase) => {
    if (phase === 'before' || phase === 'prepare') log.flush();
  });
  return log;
}
