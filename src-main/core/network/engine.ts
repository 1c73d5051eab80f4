/**
 * The per-router sync worker. It applies `sync_ops` in id order over the router's one pooled connection,
 * pipelining independent operations (different accounts) while keeping each account's operations in
 * order, and profiles before the secrets that use them. Every operation is idempotent: an add of a secret
 * that already exists adopts it, a remove of a missing one succeeds. Transport failures leave the queue
 * as it is and retry with exponential backoff; a `!trap` fails only that operation.
 */
import { RouterError, type RouterClient } from '../../routeros/client';
import type { AppContext } from '../context';
import { isConnectionError, markRouterDown, markRouterOnline } from './health';
import type { NamePayload, ProfilePayload, SecretUpsertPayload, SyncWaker } from './queue';
import { SYNC_ENGINE } from './queue';
import { routerClient } from './router-access';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const h = setTimeout(fn, ms);
    h.unref?.();
    return h;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface EngineOptions {
  timers?: Timers;
  /** Operations read per batch. */
  batchSize?: number;
  /** Commands in flight at once on the connection. */
  concurrency?: number;
  /** Backoff after a transport failure: base * 2^n, capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A retryable `!trap` is tried this many times before the operation is marked failed. */
  maxTrapAttempts?: number;
}

interface OpRow {
  id: number;
  kind: string;
  entityId: number | null;
  payload: string;
  attempts: number;
}

type Outcome = { id: number; ok: true } | { id: number; ok: false; error: string; retry: boolean; attempts: number };

export interface RunResult {
  applied: number;
  failed: number;
  /** Set when the run stopped because the router could not be reached. */
  connectionError: string | null;
}

/**
 * Router refusals that will not go away by trying again (bad value, unknown profile...). Anything else
 * (busy, interrupted, resource temporarily unavailable) is retried with backoff.
 */
const PERMANENT_TRAP =
  /invalid|does not match|must be|expected|unknown parameter|not allowed|ambiguous|too long|out of range|no such command|can not|cannot|bad /i;
export const isRetryableTrap = (message: string) => !PERMANENT_TRAP.test(message);

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const lc = (s: string) => s.toLowerCase();

interface RouterWork {
  running: boolean;
  again: boolean;
  timer: unknown;
  failures: number;
  nextRetryAt: string | null;
}

export class SyncEngine implements SyncWaker {
  private readonly work = new Map<number, RouterWork>();
  private readonly timers: Timers;
  private stopped = false;
  private readonly o: Required<Omit<EngineOptions, 'timers'>>;

  constructor(
    private readonly app: AppContext,
    opts: EngineOptions = {},
  ) {
    this.timers = opts.timers ?? realTimers;
    this.o = {
      batchSize: opts.batchSize ?? 1000,
      concurrency: opts.concurrency ?? 64,
      backoffBaseMs: opts.backoffBaseMs ?? 2000,
      backoffMaxMs: opts.backoffMaxMs ?? 5 * 60_000,
      maxTrapAttempts: opts.maxTrapAttempts ?? 5,
    };
  }

  /** Registers this engine as the app's waker and schedules every router that has due work. */
  start(): this {
    this.app.services[SYNC_ENGINE] = this;
    const routers = this.app.sqlite
      .prepare(
        "SELECT DISTINCT o.router_id AS id FROM sync_ops o JOIN routers r ON r.id = o.router_id WHERE o.status = 'pending' AND r.is_active = 1",
      )
      .all() as { id: number }[];
    for (const r of routers) this.wake(r.id);
    return this;
  }

  stop() {
    this.stopped = true;
    for (const w of this.work.values()) if (w.timer) this.timers.clearTimeout(w.timer);
    if (this.app.services[SYNC_ENGINE] === this) delete this.app.services[SYNC_ENGINE];
  }

  private w(routerId: number): RouterWork {
    let w = this.work.get(routerId);
    if (!w)
      this.work.set(routerId, (w = { running: false, again: false, timer: null, failures: 0, nextRetryAt: null }));
    return w;
  }

  status(routerId: number) {
    const w = this.work.get(routerId);
    return { running: w?.running ?? false, nextRetryAt: w?.nextRetryAt ?? null };
  }

  /**
   * New work for a router. While the router is in backoff after a failure, ordinary wakes wait for the
   * backoff timer (so a burst of edits does not hammer a dead router); `force` (user's Retry) goes now.
   */
  wake(routerId: number, force = false) {
    if (this.stopped) return;
    const w = this.w(routerId);
    if (w.running) {
      w.again = true;
      return;
    }
    if (w.timer && w.nextRetryAt && !force) return;
    this.schedule(routerId, 0);
  }

  private schedule(routerId: number, ms: number) {
    const w = this.w(routerId);
    if (w.timer) this.timers.clearTimeout(w.timer);
    w.timer = this.timers.setTimeout(() => {
      w.timer = null;
      void this.runOnce(routerId).catch((err) =>
        this.app.logger.error('sync worker failed', { routerId, error: String(err) }),
      );
    }, ms);
  }

  /** Applies all due operations of one router. Safe to call directly (tests); concurrent calls coalesce. */
  async runOnce(routerId: number): Promise<RunResult> {
    const w = this.w(routerId);
    if (w.running) {
      w.again = true;
      return { applied: 0, failed: 0, connectionError: null };
    }
    w.running = true;
    const result: RunResult = { applied: 0, failed: 0, connectionError: null };
    try {
      do {
        w.again = false;
        await this.drain(routerId, result);
      } while (w.again && !result.connectionError && !this.stopped);
    } finally {
      w.running = false;
    }
    if (this.stopped) return result;
    if (result.connectionError) {
      const delay = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** Math.min(w.failures, 20));
      w.failures++;
      w.nextRetryAt = new Date(this.app.clock.now().getTime() + delay).toISOString();
      this.schedule(routerId, delay);
    } else {
      w.failures = 0;
      w.nextRetryAt = null;
      // Retryable traps come back at their own time.
      const next = this.app.sqlite
        .prepare(
          "SELECT min(next_attempt_at) AS at FROM sync_ops WHERE router_id = ? AND status = 'pending' AND next_attempt_at IS NOT NULL",
        )
        .get(routerId) as { at: string | null };
      if (next.at) this.schedule(routerId, Math.max(0, Date.parse(next.at) - this.app.clock.now().getTime()));
    }
    return result;
  }

  private progress(routerId: number, applied: number, failed: number) {
    const counts = this.app.sqlite
      .prepare(
        "SELECT sum(status = 'pending') AS pending, sum(status = 'failed') AS failed FROM sync_ops WHERE router_id = ? AND status IN ('pending', 'failed')",
      )
      .get(routerId) as { pending: number | null; failed: number | null };
    this.app.events.emit({
      name: 'sync.progress',
      payload: {
        routerId,
        applied,
        failedNow: failed,
        pending: counts.pending ?? 0,
        failed: counts.failed ?? 0,
        total: applied + failed + (counts.pending ?? 0),
      },
    });
  }

  private async drain(routerId: number, result: RunResult) {
    const { sqlite } = this.app;
    const active = sqlite.prepare('SELECT is_active AS a FROM routers WHERE id = ?').get(routerId) as
      | { a: number }
      | undefined;
    if (!active || !active.a) return;
    const due = sqlite.prepare(
      `SELECT id, kind, entity_id AS entityId, payload, attempts FROM sync_ops
       WHERE router_id = ? AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND id > ?
       ORDER BY id LIMIT ?`,
    );
    let client: RouterClient;
    try {
      client = await routerClient(this.app, routerId);
    } catch (err) {
      if (!(err instanceof RouterError)) throw err;
      result.connectionError = err.message;
      markRouterDown(this.app, routerId, err);
      return;
    }
    const ids = new RouterIds(client);
    let after = 0;
    for (;;) {
      if (this.stopped) return;
      const batch = due.all(routerId, this.app.clock.now().toISOString(), after, this.o.batchSize) as OpRow[];
      if (!batch.length) break;
      after = batch[batch.length - 1]!.id;
      const outcomes = await this.applyBatch(client, ids, batch);
      this.record(outcomes.done);
      for (const o of outcomes.done)
        if (o.ok) result.applied++;
        else if (!o.retry) result.failed++;
      if (outcomes.connectionError) {
        result.connectionError = describe(outcomes.connectionError);
        markRouterDown(this.app, routerId, outcomes.connectionError);
        this.progress(routerId, result.applied, result.failed);
        return;
      }
      markRouterOnline(this.app, routerId);
      this.progress(routerId, result.applied, result.failed);
    }
  }

  private record(outcomes: Outcome[]) {
    if (!outcomes.length) return;
    const now = this.app.clock.now();
    const iso = now.toISOString();
    const done = this.app.sqlite.prepare(
      "UPDATE sync_ops SET status = 'done', attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status = 'pending'",
    );
    const fail = this.app.sqlite.prepare(
      "UPDATE sync_ops SET status = 'failed', attempts = ?, last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status = 'pending'",
    );
    const retry = this.app.sqlite.prepare(
      "UPDATE sync_ops SET attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'",
    );
    this.app.sqlite.transaction(() => {
      for (const o of outcomes) {
        if (o.ok) done.run(iso, o.id);
        else if (o.retry && o.attempts < this.o.maxTrapAttempts) {
          const delay = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** (o.attempts - 1));
          retry.run(o.attempts, o.error, new Date(now.getTime() + delay).toISOString(), iso, o.id);
        } else fail.run(o.attempts, o.error, iso, o.id);
      }
    })();
  }

  /** Runs one batch: per-account chains, profiles as barriers, at most `concurrency` commands in flight. */
  private async applyBatch(
    client: RouterClient,
    ids: RouterIds,
    batch: OpRow[],
  ): Promise<{ done: Outcome[]; connectionError: unknown }> {
    const passwords = this.passwords(batch);
    if (batch.some((o) => o.kind.startsWith('secret.'))) await ids.load('/ppp/secret').catch((e) => e);
    if (batch.some((o) => o.kind.startsWith('profile.'))) await ids.load('/ppp/profile').catch((e) => e);
    const done: Outcome[] = [];
    let connectionError: unknown = null;
    const limit = new Semaphore(this.o.concurrency);
    const chains = new Map<string, Promise<void>>();
    let barrier: Promise<void> = Promise.resolve();
    const all: Promise<void>[] = [];
    for (const op of batch) {
      const isProfile = op.kind.startsWith('profile.');
      const key =
        op.kind === 'profile.upsert'
          ? `p:${op.entityId}`
          : op.kind === 'profile.ensure'
            ? 'isolir'
            : op.entityId !== null
              ? `a:${op.entityId}`
              : `n:${(JSON.parse(op.payload) as NamePayload).name}`;
      const prev = Promise.all([barrier, chains.get(key)]);
      const run = prev.then(async () => {
        if (connectionError) return;
        await limit.acquire();
        try {
          if (connectionError) return;
          await this.applyOne(client, ids, op, passwords);
          done.push({ id: op.id, ok: true });
        } catch (err) {
          if (isConnectionError(err) || !(err instanceof RouterError)) {
            connectionError ??= err;
            return;
          }
          done.push({
            id: op.id,
            ok: false,
            error: err.message,
            retry: isRetryableTrap(err.message),
            attempts: op.attempts + 1,
          });
        } finally {
          limit.release();
        }
      });
      chains.set(key, run);
      if (isProfile) barrier = run;
      all.push(run);
    }
    await Promise.all(all);
    return { done, connectionError };
  }

  private passwords(batch: OpRow[]): Map<number, string> {
    const ids = batch.filter((o) => o.kind === 'secret.upsert' && o.entityId !== null).map((o) => o.entityId!);
    const out = new Map<number, string>();
    const stmt = this.app.sqlite.prepare('SELECT password_enc AS enc FROM pppoe_accounts WHERE id = ?');
    for (const id of ids) {
      const r = stmt.get(id) as { enc: string } | undefined;
      if (r) out.set(id, this.app.secrets.decrypt(r.enc));
    }
    return out;
  }

  private async applyOne(client: RouterClient, ids: RouterIds, op: OpRow, passwords: Map<number, string>) {
    const payload = JSON.parse(op.payload) as unknown;
    switch (op.kind) {
      case 'profile.upsert': {
        const p = payload as ProfilePayload;
        // No pool in the app clears the profile's pool on the router (unset, see UNSETTABLE).
        const attrs: Record<string, string> = {
          name: p.name,
          'rate-limit': p.rateLimit,
          'remote-address': p.remoteAddress ?? '',
        };
        await ids.upsert('/ppp/profile', p.name, null, attrs, /same name already exists/i);
        return;
      }
      case 'profile.ensure': {
        const p = payload as { name: string; rateLimit: string; addressList: string };
        await ids.ensure('/ppp/profile', p.name, {
          name: p.name,
          'rate-limit': p.rateLimit,
          'address-list': p.addressList,
        });
        return;
      }
      case 'secret.upsert': {
        const p = payload as SecretUpsertPayload;
        const password = op.entityId !== null ? passwords.get(op.entityId) : undefined;
        // The account was deleted after this was queued; its remove follows in the queue.
        if (password === undefined) return;
        const attrs: Record<string, string> = {
          name: p.name,
          password,
          service: 'pppoe',
          profile: p.profile,
          comment: p.comment,
          disabled: yesNo(p.disabled),
          'caller-id': p.callerId ?? '',
          'remote-address': p.remoteAddress ?? '',
        };
        await ids.upsert('/ppp/secret', p.name, p.previousName ?? null, attrs, /same name already exists/i);
        return;
      }
      case 'secret.remove': {
        const p = payload as NamePayload;
        await ids.remove('/ppp/secret', p.name);
        return;
      }
      case 'session.kick': {
        const p = payload as NamePayload;
        await kick(client, p.name);
        return;
      }
      default:
        throw new RouterError('trap', `unknown operation ${op.kind}`);
    }
  }
}

/** Ends every active session of a user; none is fine. */
export async function kick(client: RouterClient, name: string): Promise<number> {
  const rows = await client.run('/ppp/active/print', { '.proplist': '.id' }, { queries: [`?name=${name}`] });
  for (const r of rows) {
    try {
      await client.run('/ppp/active/remove', { '.id': r['.id'] });
    } catch (err) {
      // The session ended on its own between print and remove.
      if (!(err instanceof RouterError && err.kind === 'trap' && /no such item/i.test(err.message))) throw err;
    }
  }
  return rows.length;
}

function describe(err: unknown) {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Properties cleared with `unset` rather than set to an empty value: an IP-typed property does not
 * take an empty string on every RouterOS version, while `unset =numbers= =value-name=` works on all.
 */
const UNSETTABLE: Record<string, readonly string[]> = {
  '/ppp/secret': ['remote-address'],
  '/ppp/profile': ['remote-address'],
};

interface Known {
  id: string;
  /** Current values of the menu's UNSETTABLE properties, so `unset` is only sent when something is set. */
  values: Record<string, string>;
}

/**
 * name → `.id` of a router menu, read once per run with one print (cheap even for thousands of rows)
 * and kept current as this worker adds and removes items.
 */
class RouterIds {
  private maps = new Map<string, Map<string, Known>>();
  constructor(private readonly client: RouterClient) {}

  private proplist(menu: string) {
    return ['.id', 'name', ...(UNSETTABLE[menu] ?? [])].join(',');
  }

  private known(menu: string, row: Record<string, string | undefined>): Known {
    return { id: row['.id']!, values: Object.fromEntries((UNSETTABLE[menu] ?? []).map((k) => [k, row[k] ?? ''])) };
  }

  async load(menu: string) {
    if (this.maps.has(menu)) return;
    const rows = await this.client.run(`${menu}/print`, { '.proplist': this.proplist(menu) });
    this.maps.set(
      menu,
      new Map(rows.filter((r) => r.name !== undefined).map((r) => [lc(r.name!), this.known(menu, r)])),
    );
  }

  private async find(menu: string, name: string): Promise<Known | undefined> {
    const m = this.maps.get(menu);
    if (m) return m.get(lc(name));
    const rows = await this.client.run(
      `${menu}/print`,
      { '.proplist': this.proplist(menu) },
      { queries: [`?name=${name}`] },
    );
    return rows[0] ? this.known(menu, rows[0]) : undefined;
  }

  /** `set` what has a value; `unset` the UNSETTABLE properties asked to be empty that are not already. */
  private async update(menu: string, item: Known, attrs: Record<string, string>, clear: readonly string[]) {
    await this.client.run(`${menu}/set`, { '.id': item.id, ...attrs });
    for (const k of clear)
      if (item.values[k]) await this.client.run(`${menu}/unset`, { numbers: item.id, 'value-name': k });
  }

  async upsert(menu: string, name: string, previousName: string | null, attrs: Record<string, string>, dup: RegExp) {
    const clear = (UNSETTABLE[menu] ?? []).filter((k) => attrs[k] === '');
    const sent = Object.fromEntries(Object.entries(attrs).filter(([k]) => !clear.includes(k)));
    let item = await this.find(menu, name);
    if (item === undefined && previousName) item = await this.find(menu, previousName);
    let id = item?.id;
    if (item !== undefined) {
      await this.update(menu, item, sent, clear);
    } else {
      try {
        // An empty value on add is at best noise and at worst "invalid value" on some versions: leave it out.
        const ret = await this.client.run(
          `${menu}/add`,
          Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== '')),
        );
        id = ret[0]?.ret;
      } catch (err) {
        // Someone created it since we looked: adopt it.
        if (!(err instanceof RouterError && err.kind === 'trap' && dup.test(err.message))) throw err;
        const rows = await this.client.run(
          `${menu}/print`,
          { '.proplist': this.proplist(menu) },
          { queries: [`?name=${name}`] },
        );
        if (!rows[0]) throw err;
        const found = this.known(menu, rows[0]);
        id = found.id;
        await this.update(menu, found, sent, clear);
      }
    }
    const m = this.maps.get(menu);
    if (m) {
      if (previousName) m.delete(lc(previousName));
      if (id !== undefined) {
        const values = Object.fromEntries(
          (UNSETTABLE[menu] ?? []).map((k) => [k, sent[k] ?? (clear.includes(k) ? '' : (item?.values[k] ?? ''))]),
        );
        m.set(lc(name), { id, values });
      }
    }
  }

  /** Adds the item only when there is none with that name. */
  async ensure(menu: string, name: string, attrs: Record<string, string>) {
    if ((await this.find(menu, name)) !== undefined) return;
    try {
      const ret = await this.client.run(`${menu}/add`, attrs);
      const id = ret[0]?.ret;
      if (id !== undefined) this.maps.get(menu)?.set(lc(name), this.known(menu, { '.id': id, ...attrs }));
    } catch (err) {
      if (!(err instanceof RouterError && err.kind === 'trap' && /same name already exists/i.test(err.message)))
        throw err;
    }
  }

  async remove(menu: string, name: string) {
    const item = await this.find(menu, name);
    if (item === undefined) return; // already gone: removing is idempotent
    try {
      await this.client.run(`${menu}/remove`, { '.id': item.id });
    } catch (err) {
      if (!(err instanceof RouterError && err.kind === 'trap' && /no such item/i.test(err.message))) throw err;
    }
    this.maps.get(menu)?.delete(lc(name));
  }
}

class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((r) => this.waiting.push(r));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
