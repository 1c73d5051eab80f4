import type { Db, Sqlite } from '../db/open';
import type { Role } from '../../src-shared/permissions';
import type { EventBus } from './events';
import type { Logger } from '../logging/logger';
import type { SecretBox } from './secrets';
import type { DatabaseEncryption } from './crypto/database-key';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export type DatabaseReplacePhase = 'prepare' | 'before' | 'after' | 'cancelled';

/** Long-lived dependencies of the core; tests swap any of them. */
export interface AppContext {
  /**
   * The writer connection. A restore replaces it (see reopenDatabase): read `app.sqlite` / `app.db`
   * at call time, never keep them in a long-lived closure or cache statements beyond a call.
   */
  sqlite: Sqlite;
  db: Db;
  /** Absolute path of the live database file. */
  dbFile: string;
  /**
   * Closes the connection (after a WAL checkpoint), runs `swap` on the closed file, then opens and
   * migrates the file again and swaps `sqlite`/`db` in place. If the new file cannot be opened, the
   * undo that `swap` returned is run and the previous database is reopened; the error is rethrown.
   */
  reopenDatabase(swap?: (dbFile: string) => (() => void) | void): void;
  /**
   * Runs `fn('before')` just before reopenDatabase closes the connection and `fn('after')` once the
   * new one is in place (background work stops, then starts again on the restored data). A restore
   * first awaits `fn('prepare')` (background work stops and finishes what is in flight, e.g. a router
   * sync step, while the current data is still there), and runs `fn('cancelled')` if it then gives up
   * before the swap.
   */
  onDatabaseReplaced(fn: (phase: DatabaseReplacePhase) => void | Promise<void>): () => void;
  /** Awaits every listener's 'prepare' (see onDatabaseReplaced). */
  prepareDatabaseReplace(): Promise<void>;
  /** The replacement prepared for will not happen: listeners get 'cancelled'. */
  cancelDatabaseReplace(): void;
  /** Electron-ABI better-sqlite3 addon, for every other connection the app opens (backups). */
  nativeBinding?: string;
  /** The database key and its record; null for a plain database (tests, benchmarks' baseline). */
  encryption: DatabaseEncryption | null;
  clock: Clock;
  events: EventBus;
  secrets: SecretBox;
  logger: Logger;
  dataDir: string;
  /**
   * Folders the server operator allowed for backups (`npm run serve -- --backup-root <dir>`): when
   * set, every backup folder from Settings must lie inside one of them.
   */
  backupRoots?: string[];
  migrationsFolder: string;
  appVersion: string;
  /** Late-bound services that need the whole context (router pool, scheduler...), keyed by name. */
  services: Record<string, unknown>;
  /** Registers clean-up (timers, sockets) to run when the app closes, last registered first. */
  onClose(fn: () => void): void;
}

/**
 * A running app as the core's long-running work sees it (the billing and backup schedulers): app.ts's
 * App is one, and the core never imports app.ts.
 */
export interface RunningApp {
  ctx: AppContext;
}

export interface Session {
  userId: number;
  username: string;
  fullName: string;
  role: Role;
  sessionId: number;
  expiresAt: string;
  /** Set after an Admin reset the password: only the channels that let the user change it are open. */
  mustChangePassword?: boolean;
}

/** Per-call context: who is calling and through which transport. */
export interface CallContext {
  app: AppContext;
  session: Session | null;
  transport: 'ipc' | 'http' | 'internal';
  /**
   * Where the call came from, recorded on every audit row and used by the sign-in limits: `desktop` for
   * the desktop app (IPC), the peer address for the browser host, null for the app's own work.
   */
  source?: string | null;
  /** The raw token, so auth.logout can revoke exactly this session. */
  token?: string;
  /** Who acts when no staff session does, e.g. an API key (`api:<name>`): written on its audit rows. */
  actor?: string;
  /** The HTTP User-Agent: a new session records it (as a short device label) to show where it comes from. */
  userAgent?: string;
}

/** `::ffff:192.168.1.5` → `192.168.1.5`: the same client reads the same whether the host listens on IPv4 or `::`. */
export function peerAddress(raw: string | undefined | null): string | null {
  if (!raw) return null;
  return raw.startsWith('::ffff:') && raw.includes('.') ? raw.slice(7) : raw;
}

/** The source of a call as recorded: the desktop app is `desktop`, an HTTP call its peer address. */
export function sourceOf(call: Pick<CallContext, 'transport' | 'source'>): string | null {
  if (call.source) return call.source;
  return call.transport === 'ipc' ? 'desktop' : null;
}

export const nowIso = (clock: Clock) => clock.now().toISOString();
