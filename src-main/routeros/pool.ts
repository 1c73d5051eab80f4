/**
 * One persistent connection per router, opened lazily, kept alive when idle, re-opened with backoff when
 * it drops, with a health state per router (online / offline / auth_failed) reported on every change.
 */
import {
  RouterError,
  type CommandOptions,
  type RouterClient,
  type RouterErrorKind,
  type RouterRow,
  type RouterTarget,
} from './client';
import { RouterConnection, type AttrValue, type ConnectionOptions } from './connection';
import { realTimers, type Timers } from './timers';

export type RouterId = number | string;
export type RouterStatus = 'unknown' | 'online' | 'offline' | 'auth_failed';

export interface RouterHealth {
  routerId: RouterId;
  status: RouterStatus;
  /** e.g. `7.19.4` (channel stripped). */
  version?: string;
  identity?: string;
  boardName?: string;
  uptime?: string;
  /** Epoch ms of the last successful exchange with the router. */
  lastSeenAt?: number;
  lastError?: string;
  lastErrorKind?: RouterErrorKind;
  /** Epoch ms since `status` has had its current value. */
  since: number;
}

export interface PoolOptions {
  timers?: Timers;
  /** Idle time before a `/system/identity/print` keepalive (default 30 s). */
  keepaliveMs?: number;
  /** How long a keepalive may take before the connection is declared dead (default 10 s). */
  keepaliveTimeoutMs?: number;
  /** Reconnect backoff: first delay, doubling up to max (defaults 1 s → 60 s). */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** After a failed connect, calls within this window fail at once with the same error (default 1 s). */
  retryFloorMs?: number;
  /** Called when a router's status, version, identity or last error changes. */
  onStateChange?: (health: RouterHealth, previous: RouterHealth) => void;
  /** Connection factory (tests). */
  connect?: (target: RouterTarget, opts: ConnectionOptions) => Promise<RouterConnection>;
}

interface Entry {
  id: RouterId;
  target: RouterTarget;
  generation: number;
  conn: RouterConnection | null;
  connecting: Promise<RouterConnection> | null;
  health: RouterHealth;
  lastFailure: RouterError | null;
  lastFailureAt: number;
  attempt: number;
  keepaliveTimer: unknown;
  reconnectTimer: unknown;
  pinging: boolean;
  lastCommandAt: number;
  removed: boolean;
  /** Connections we closed on purpose (no offline event, no reconnect). */
  quietClose: WeakSet<RouterConnection>;
}

/** `7.19.4 (stable)` → `7.19.4`. */
export function parseVersion(v: string | undefined): string | undefined {
  return v?.split(' ')[0] || undefined;
}

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
      backoffMaxMs: opts.backoffMaxMs ?? 60_000,
      retryFloorMs: opts.retryFloorMs ?? 1_000,
    };
  }

  /** Registers a router or updates its target (a changed target drops the old connection). */
  set(id: RouterId, target: RouterTarget): void {
    const e = this.entries.get(id);
    if (!e) {
      this.entries.set(id, this.newEntry(id, target));
      return;
    }
    if (JSON.stringify(e.target) === JSON.stringify(target)) return;
    e.target = target;
    e.generation++;
    this.dropConnection(e);
    e.attempt = 0;
    e.lastFailure = null;
    e.lastFailureAt = 0;
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
    await this.dropConnection(e);
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
    // eslint-disable-next-line @typescript-eslint/no-this-alias
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
  async connect(id: RouterId): Promise<void> {
    await this.ensure(this.entry(id));
  }

  async run(
    id: RouterId,
    command: string,
    attrs?: Record<string, AttrValue>,
    opts?: CommandOptions,
  ): Promise<RouterRow[]> {
    const e = this.entry(id);
    let conn = await this.ensure(e);
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

  private newEntry(id: RouterId, target: RouterTarget): Entry {
    return {
      id,
      target,
      generation: 0,
      conn: null,
      connecting: null,
      health: { routerId: id, status: 'unknown', since: this.timers.now() },
      lastFailure: null,
      lastFailureAt: 0,
      attempt: 0,
      keepaliveTimer: undefined,
      reconnectTimer: undefined,
      pinging: false,
      lastCommandAt: 0,
      removed: false,
      quietClose: new WeakSet(),
    };
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

  private ensure(e: Entry): Promise<RouterConnection> {
    if (e.conn?.connected) return Promise.resolve(e.conn);
    if (e.connecting) return e.connecting;
    if (e.lastFailure && this.timers.now() - e.lastFailureAt < this.o.retryFloorMs)
      return Promise.reject(e.lastFailure);
    return this.startConnect(e);
  }

  private startConnect(e: Entry): Promise<RouterConnection> {
    const generation = e.generation;
    const open = this.opts.connect ?? RouterConnection.open;
    let conn: RouterConnection | null = null;
    const p = (async () => {
      try {
        conn = await open(e.target, {
          timers: this.timers,
          onClose: (reason) => this.onConnectionClosed(e, conn, reason),
          onCommandTimeout: () => this.ping(e),
        });
        const [resource, identity] = await Promise.all([
          conn.run('/system/resource/print', {}, { timeoutMs: this.o.keepaliveTimeoutMs }),
          conn.run('/system/identity/print', {}, { timeoutMs: this.o.keepaliveTimeoutMs }),
        ]);
        if (e.removed || generation !== e.generation || this.closed) {
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
        if (generation === e.generation && !e.removed) this.failed(e, re);
        throw re;
      } finally {
        e.connecting = null;
      }
    })();
    e.connecting = p;
    return p;
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
      this.startConnect(e).catch(() => {}); // failure schedules the next attempt itself
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
