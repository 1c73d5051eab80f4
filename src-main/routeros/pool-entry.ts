/** What the pool knows of each router: its target, connection, attempt in flight and health. */
import type { RouterErrorKind, RouterError, RouterTarget } from './client';
import type { ConnectionOptions, RouterConnection } from './connection';
import type { Timers } from '../timers';

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
  /** Reconnect backoff: first delay, doubling up to max (defaults 1 s → 30 s). */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /**
   * After a failed connect, ordinary calls within this window fail at once with the same error, and a
   * user's retry joins an attempt started within this window instead of starting another (default 1 s).
   */
  retryFloorMs?: number;
  /** Called when a router's status, version, identity or last error changes. */
  onStateChange?: (health: RouterHealth, previous: RouterHealth) => void;
  /** Connection factory (tests). */
  connect?: (target: RouterTarget, opts: ConnectionOptions) => Promise<RouterConnection>;
}

/** One connect + login + first reads; a user's retry may replace it while it is still in flight. */
export interface AttemptState {
  startedAt: number;
  /** Started by a user's retry (others pressing retry at the same time join it). */
  byRetry: boolean;
  /** Replaced by a newer attempt: its callers wait for that one instead. */
  superseded: boolean;
  abort: AbortController;
}
export interface Attempt extends AttemptState {
  promise: Promise<RouterConnection>;
}

/** What a caller asks of the connection (see RouterPool.connect). */
export interface ConnectOptions {
  /**
   * A user's retry at this time (timers.now()): the answer comes from a new attempt, whatever the
   * backoff, the retry floor or an automatic attempt still waiting for a silent router. Retries
   * within retryFloorMs of each other share one attempt.
   */
  freshSince?: number;
}

export interface Entry {
  id: RouterId;
  target: RouterTarget;
  generation: number;
  conn: RouterConnection | null;
  connecting: Attempt | null;
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

export function newEntry(id: RouterId, target: RouterTarget, now: number): Entry {
  return {
    id,
    target,
    generation: 0,
    conn: null,
    connecting: null,
    health: { routerId: id, status: 'unknown', since: now },
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
