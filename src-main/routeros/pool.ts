/**
 * One persistent connection per router, opened lazily, kept alive when idle, re-opened with backoff when
 * it drops, with a health state per router (online / offline / auth_failed) reported on every change.
 */
import { RouterError, type CommandOptions, type RouterClient, type RouterRow, type RouterTarget } from './client';
import { RouterConnection, type AttrValue } from './connection';
import {
  newEntry,
  parseVersion,
  type Attempt,
  type AttemptState,
  type ConnectOptions,
  type Entry,
  type PoolOptions,
  type RouterHealth,
  type RouterId,
} from './pool-entry';
import { realTimers, type Timers } from '../timers';

export {
  parseVersion,
  type ConnectOptions,
  type PoolOptions,
  type RouterHealth,
  type RouterId,
  type RouterStatus,
} from './pool-entry';

export class RouterPool {
  private readonly entries = new Map<RouterId, Entry>();
  private readonly timers: Timers;
  private readonly o: Required<Omit<PoolOptions, 'onStateChange' | 'timers' | 'connect'>>;
  private closed = false;

  constructor(private readonly opts: PoolOptions = {}) {
    this.timers = opts.timers ?? realTimers;
    this.o = {
      keepaliveMs: opts.keepaliveMs ?? 30_000,
      keepaliveTimeoutMs: opts.keepaliveTimeoutMs ?? 10_000,
      backoffInitialMs: opts.backoffInitialMs ?? 1_000,
      backoffMaxMs: opts.backoffMaxMs ?? 30_000,
      retryFloorMs: opts.retryFloorMs ?? 1_000,
    };
  }

  /** Registers a router or updates its target (a changed target drops the old connection). */
  set(id: RouterId, target: RouterTarget): void {
    const e = this.entries.get(id);
    if (!e) {
      this.entries.set(id, newEntry(id, target, this.timers.now()));
      return;
    }
    if (JSON.stringify(e.target) === JSON.stringify(target)) return;
    e.target = target;
    e.generation++;
    this.dropConnection(e);
    e.attempt = 0;
    e.lastFailure = null;
    e.lastFailureAt = 0;
    e.connecting?.abort.abort();
    this.update(e, { status: 'unknown', lastError: undefined, lastErrorKind: undefined });
  }

  has(id: RouterId): boolean {
    return this.entries.has(id);
  }

  /** Forgets a router and closes its connection. */
  async delete(id: RouterId): Promise<void> {
    const e = this.entries.get(id);
    if (!e) return;
    e.removed = true;
    this.entries.delete(id);
    e.connecting?.abort.abort();
    await this.dropConnection(e);
  }

  /** Whether a connection attempt is in flight (connect, login, first reads). */
  connecting(id: RouterId): boolean {
    return !!this.entries.get(id)?.connecting;
  }

  health(id: RouterId): RouterHealth | undefined {
    const e = this.entries.get(id);
    return e ? { ...e.health } : undefined;
  }

  healthAll(): RouterHealth[] {
    return [...this.entries.values()].map((e) => ({ ...e.health }));
  }

  /** A RouterClient bound to one router id (what services and the sync worker use). */
  client(id: RouterId): RouterClient {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- inside the getter below `this` is the client object
    const pool = this;
    return {
      run: (command, attrs, opts) => pool.run(id, command, attrs, opts),
      get connected() {
        return pool.entries.get(id)?.conn?.connected ?? false;
      },
      close: () => pool.disconnect(id),
    };
  }

  /** Connects if needed (resolves when online, rejects with the RouterError why not). */
  async connect(id: RouterId, opts: ConnectOptions = {}): Promise<void> {
    await this.ensure(this.entry(id), opts);
  }

  /** A user's "try now": a fresh attempt at once (see ConnectOptions.freshSince). */
  retryNow(id: RouterId): Promise<void> {
    return this.connect(id, { freshSince: this.timers.now() });
  }

  /** The time base of freshSince. */
  now(): number {
    return this.timers.now();
  }

  async run(
    id: RouterId,
    command: string,
    attrs?: Record<string, AttrValue>,
    opts?: CommandOptions,
  ): Promise<RouterRow[]> {
    const e = this.entry(id);
    // Connected: straight to the wire (an await less per command of a 5,000-command sync).
    let conn = e.conn?.connected ? e.conn : await this.ensure(e);
    if (!conn.connected) conn = await this.ensure(e); // dropped between connect and write: nothing was sent
    e.lastCommandAt = this.timers.now();
    const rows = await conn.run(command, attrs, opts);
    e.health.lastSeenAt = this.timers.now();
    return rows;
  }

  /** A streaming command on the router's pooled connection (see RouterConnection.stream). */
  async stream(
    id: RouterId,
    command: string,
    attrs: Record<string, AttrValue> | undefined,
    onRow: (row: RouterRow) => void,
    opts?: { queries?: string[] },
  ) {
    const e = this.entry(id);
    let conn = await this.ensure(e);
    if (!conn.connected) conn = await this.ensure(e);
    return conn.stream(command, attrs, onRow, opts);
  }

  /** Closes the router's connection without forgetting it; the next run() reconnects. */
  async disconnect(id: RouterId): Promise<void> {
    const e = this.entries.get(id);
    if (e) await this.dropConnection(e);
  }

  /** Closes everything; the pool cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      all.map((e) => {
        e.removed = true;
        e.connecting?.abort.abort();
        return this.dropConnection(e);
      }),
    );
  }

  private entry(id: RouterId): Entry {
    if (this.closed) throw new RouterError('closed', 'the router pool is closed');
    const e = this.entries.get(id);
    if (!e) throw new RouterError('unreachable', `router ${id} is not configured`);
    return e;
  }

  private async dropConnection(e: Entry) {
    this.clearTimers(e);
    const conn = e.conn;
    e.conn = null;
    if (conn) {
      e.quietClose.add(conn);
      await conn.close();
    }
  }

  private clearTimers(e: Entry) {
    if (e.keepaliveTimer !== undefined) this.timers.clearTimeout(e.keepaliveTimer);
    if (e.reconnectTimer !== undefined) this.timers.clearTimeout(e.reconnectTimer);
    e.keepaliveTimer = e.reconnectTimer = undefined;
  }

  private update(e: Entry, patch: Partial<RouterHealth>) {
    const prev = e.health;
    const next: RouterHealth = { ...prev, ...patch };
    if (next.status !== prev.status) next.since = this.timers.now();
    e.health = next;
    const changed = (['status', 'version', 'identity', 'boardName', 'lastError'] as const).some(
      (k) => next[k] !== prev[k],
    );
    if (changed && !e.removed) {
      try {
        this.opts.onStateChange?.({ ...next }, { ...prev });
      } catch {
        // a listener's failure must not break the pool
      }
    }
  }

  private async ensure(e: Entry, opts: ConnectOptions = {}): Promise<RouterConnection> {
    if (opts.freshSince !== undefined) this.freshAttempt(e, opts.freshSince);
    for (;;) {
      if (e.conn?.connected) return e.conn;
      if (!e.connecting) {
        if (e.lastFailure && this.timers.now() - e.lastFailureAt < this.o.retryFloorMs) throw e.lastFailure;
        this.startConnect(e);
      }
      const attempt = e.connecting!;
      try {
        return await attempt.promise;
      } catch (err) {
        // A retry replaced this attempt: its answer is the new attempt's answer.
        if (attempt.superseded && e.connecting && !e.removed && !this.closed) continue;
        throw err;
      }
    }
  }

  /**
   * A retry's attempt: join one another retry started just before, else replace whatever is in flight
   * (its callers move to the new attempt) or waiting out a backoff.
   */
  private freshAttempt(e: Entry, since: number) {
    if (e.conn?.connected) return;
    const c = e.connecting;
    if (c?.byRetry && c.startedAt >= since - this.o.retryFloorMs) return;
    if (e.reconnectTimer !== undefined) this.timers.clearTimeout(e.reconnectTimer);
    e.reconnectTimer = undefined;
    e.attempt = 0;
    e.lastFailure = null;
    e.lastFailureAt = 0;
    if (c) {
      c.superseded = true;
      c.abort.abort();
    }
    this.startConnect(e, true);
  }

  private startConnect(e: Entry, byRetry = false): Attempt {
    const state: AttemptState = {
      startedAt: this.timers.now(),
      byRetry,
      superseded: false,
      abort: new AbortController(),
    };
    // The same object: the attempt's own code sees it superseded, and clears e.connecting only if still it.
    const attempt: Attempt = Object.assign(state, { promise: this.open(e, state) });
    e.connecting = attempt;
    // Nobody may be waiting (a background reconnect): its failure is recorded, not thrown away unhandled.
    attempt.promise.catch(() => undefined);
    return attempt;
  }

  /** Connect, log in, read identity and resource; the router is online once they answered. */
  private async open(e: Entry, attempt: AttemptState): Promise<RouterConnection> {
    const generation = e.generation;
    const open = this.opts.connect ?? RouterConnection.open;
    let conn: RouterConnection | null = null;
    try {
      conn = await open(e.target, {
        timers: this.timers,
        signal: attempt.abort.signal,
        onClose: (reason) => this.onConnectionClosed(e, conn, reason),
        onCommandTimeout: () => this.ping(e),
      });
      const reads = Promise.all([
        conn.run('/system/resource/print', {}, { timeoutMs: this.o.keepaliveTimeoutMs }),
        conn.run('/system/identity/print', {}, { timeoutMs: this.o.keepaliveTimeoutMs }),
      ]);
      const stop = () => conn?.abort(new RouterError('closed', 'connection attempt replaced by a new one'));
      attempt.abort.signal.addEventListener('abort', stop, { once: true });
      const [resource, identity] = await reads.finally(() => attempt.abort.signal.removeEventListener('abort', stop));
      if (e.removed || generation !== e.generation || this.closed || attempt.superseded) {
        e.quietClose.add(conn);
        await conn.close();
        throw new RouterError('closed', 'the router settings changed while connecting');
      }
      e.conn = conn;
      e.attempt = 0;
      e.lastFailure = null;
      const r = resource[0] ?? {};
      e.health.lastSeenAt = this.timers.now();
      this.update(e, {
        status: 'online',
        version: parseVersion(r.version),
        uptime: r.uptime,
        boardName: r['board-name'],
        identity: identity[0]?.name,
        lastError: undefined,
        lastErrorKind: undefined,
      });
      this.armKeepalive(e);
      return conn;
    } catch (err) {
      const re = err instanceof RouterError ? err : new RouterError('closed', String(err));
      if (conn) {
        e.quietClose.add(conn);
        void conn.close();
      }
      if (generation === e.generation && !e.removed && !attempt.superseded) this.failed(e, re);
      throw re;
    } finally {
      if (e.connecting === attempt) e.connecting = null;
    }
  }

  private failed(e: Entry, err: RouterError) {
    e.lastFailure = err;
    e.lastFailureAt = this.timers.now();
    e.attempt++;
    this.update(e, {
      status: err.kind === 'auth' ? 'auth_failed' : 'offline',
      lastError: err.message,
      lastErrorKind: err.kind,
    });
    // Wrong credentials will not fix themselves: wait for new settings or an explicit call.
    if (err.kind !== 'auth') this.scheduleReconnect(e);
  }

  private onConnectionClosed(e: Entry, conn: RouterConnection | null, reason: RouterError) {
    // conn is null while still connecting: startConnect reports that failure itself
    if (!conn || e.quietClose.has(conn) || e.conn !== conn) return;
    e.conn = null;
    this.clearTimers(e);
    if (e.removed || this.closed) return;
    e.attempt = 0;
    this.update(e, { status: 'offline', lastError: reason.message, lastErrorKind: reason.kind });
    this.scheduleReconnect(e);
  }

  private scheduleReconnect(e: Entry) {
    if (e.reconnectTimer !== undefined || e.removed || this.closed) return;
    const delay = Math.min(this.o.backoffMaxMs, this.o.backoffInitialMs * 2 ** Math.max(0, e.attempt - 1));
    e.reconnectTimer = this.timers.setTimeout(() => {
      e.reconnectTimer = undefined;
      if (e.conn?.connected || e.connecting || e.removed) return;
      this.startConnect(e); // a failure schedules the next attempt itself
    }, delay);
  }

  private armKeepalive(e: Entry, delay = this.o.keepaliveMs) {
    if (e.keepaliveTimer !== undefined) this.timers.clearTimeout(e.keepaliveTimer);
    e.keepaliveTimer = this.timers.setTimeout(() => {
      e.keepaliveTimer = undefined;
      const conn = e.conn;
      if (!conn?.connected) return;
      const idle = this.timers.now() - Math.max(conn.lastReplyAt, e.lastCommandAt);
      if (idle < this.o.keepaliveMs || conn.inFlight > 0)
        return this.armKeepalive(e, Math.max(1, this.o.keepaliveMs - idle));
      this.ping(e);
    }, delay);
  }

  /** Keepalive / liveness check: a dead or silent router gets its connection dropped (→ offline, reconnect). */
  private ping(e: Entry) {
    const conn = e.conn;
    if (!conn?.connected || e.pinging) return;
    e.pinging = true;
    e.lastCommandAt = this.timers.now();
    conn
      .run('/system/identity/print', {}, { timeoutMs: this.o.keepaliveTimeoutMs })
      .then((rows) => {
        e.health.lastSeenAt = this.timers.now();
        if (rows[0]?.name && rows[0].name !== e.health.identity) this.update(e, { identity: rows[0].name });
        if (e.conn === conn) this.armKeepalive(e);
      })
      .catch((err: RouterError) => {
        if (e.conn !== conn || !conn.connected) return;
        conn.abort(
          new RouterError(
            err.kind === 'timeout' ? 'timeout' : err.kind,
            err.kind === 'timeout' ? `the router stopped answering (keepalive: ${err.message})` : err.message,
          ),
        );
      })
      .finally(() => {
        e.pinging = false;
      });
  }
}
