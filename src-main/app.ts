import fs from 'node:fs';
import path from 'node:path';
import type { ApiResult } from '../src-shared/result';
import { dispatch, type Caller } from './api/dispatch';
import { dispatchPortal, type PortalCaller } from './api/portal-dispatch';
import { type AppContext, type Clock, type DatabaseReplacePhase, type RunningApp, systemClock } from './core/context';
import { createEventBus, type EventBus } from './core/events';
import { consoleLogger, type Logger } from './logging/logger';
import { keyFileSecretBox, type SecretBox } from './core/secrets';
import { APPLICATION_ID, verifyDatabaseFileSync } from './core/backups/verify';
import { defaultBackupDir, sidecarOf, uniqueBackupPath } from './core/backups/names';
import { recoverInterruptedRestore } from './core/backups/service';
import { invalidateSettings } from './core/settings';
import { runMigrations } from './db/migrate';
import { startCheckpoints } from './db/checkpoints';
import { openSqlite, wrapDrizzle } from './db/open';
import { checkpointTruncate, markApplicationId, vacuumInto } from './data/database-file';
import { lockDataDir } from './data/data-dir-lock';
import type { DatabaseEncryption } from './core/crypto/database-key';
import type { KeyStore } from './core/crypto/key-file';
import { appendKeyRecord } from './core/crypto/backup-trailer';
import { startEncryption } from './core/crypto/startup';

export const DB_FILE = 'pppoe-desk.sqlite';

export interface CreateAppOptions {
  dataDir: string;
  migrationsFolder: string;
  appVersion?: string;
  clock?: Clock;
  logger?: Logger;
  secrets?: SecretBox;
  events?: EventBus;
  /** Electron-ABI better-sqlite3 addon (desktop app only). */
  nativeBinding?: string;
  /** Who opens the folder ("desktop app", "browser host"), named to a second process that is refused. */
  holder?: string;
  /** `--backup-root` folders of the browser host (see AppContext.backupRoots). */
  backupRoots?: string[];
  /** Where the database key is kept; without it the database is plain (tests, benchmarks' baseline). */
  keyStore?: KeyStore;
  /** Unlocks the key on a PC whose key store does not have it (core/crypto/database-key.ts). */
  recoveryKey?: string;
}

export interface App extends RunningApp {
  call(channel: string, input: unknown, caller: Caller): Promise<ApiResult<unknown>>;
  /** The customer portal's own realm (portal.* channels, customer sessions): never the staff table. */
  callPortal(channel: string, input: unknown, caller: PortalCaller): Promise<ApiResult<unknown>>;
  close(): void;
}

/** Folder for automatic backups (also used before migrations and restores). */
export const backupsDir = (dataDir: string) => defaultBackupDir(dataDir);

/**
 * A consistent copy of the live database, written synchronously (VACUUM INTO) before a migration.
 * Named like every other backup (kind 'pre-migration') so the Backups screen lists and restores it.
 */
export function snapshotBeforeMigration(
  sqlite: AppContext['sqlite'],
  dataDir: string,
  reason: string,
  at: Date = new Date(),
  migrationsFolder?: string,
  nativeBinding?: string,
  encryption?: DatabaseEncryption | null,
): string {
  const dir = backupsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = uniqueBackupPath(dir, at, 'pre-migration', reason.replace(/^before-migration-/, ''));
  vacuumInto(sqlite, file); // an encrypted database gives a copy under the same key
  if (encryption) appendKeyRecord(file, encryption.keyring);
  if (migrationsFolder) {
    try {
      const info = verifyDatabaseFileSync(file, migrationsFolder, nativeBinding, encryption?.key);
      fs.writeFileSync(
        sidecarOf(file),
        JSON.stringify({
          ...info,
          kind: 'pre-migration',
          createdAt: at.toISOString(),
          verifiedAt: new Date().toISOString(),
        }),
      );
    } catch {
      // Listed as "not checked"; a restore verifies it again anyway.
    }
  }
  return file;
}

/** Opens and migrates the database file (backing it up first when migrations are pending). */
function openDatabase(
  opts: CreateAppOptions,
  file: string,
  logger: Logger,
  clock: Clock,
  encryption: DatabaseEncryption | null,
) {
  const sqlite = openSqlite(file, { nativeBinding: opts.nativeBinding, key: encryption?.key });
  const db = wrapDrizzle(sqlite);
  try {
    runMigrations(sqlite, db, opts.migrationsFolder, (reason) => {
      const snap = snapshotBeforeMigration(
        sqlite,
        opts.dataDir,
        reason,
        clock.now(),
        opts.migrationsFolder,
        opts.nativeBinding,
        encryption,
      );
      logger.info('backup taken before migration', { file: snap });
    });
    markApplicationId(sqlite, APPLICATION_ID);
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return { sqlite, db };
}

/** Opens (creating if needed) and migrates the database in dataDir, and wires the core context. */
export function createApp(opts: CreateAppOptions): App {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  // Before anything touches the folder (restore recovery, migrations) or any host starts serving or
  // background work: a second process on the same folder stops here with DataDirLockedError.
  const lock = lockDataDir(opts.dataDir, { kind: opts.holder ?? 'PPPoE Desk', nativeBinding: opts.nativeBinding });
  const logger = opts.logger ?? consoleLogger();
  const clock = opts.clock ?? systemClock;
  const dbFile = path.resolve(opts.dataDir, DB_FILE);
  const events = opts.events ?? createEventBus();
  let opened: ReturnType<typeof openDatabase>;
  let encryption: DatabaseEncryption | null;
  try {
    recoverInterruptedRestore(opts.dataDir, dbFile);
    encryption = opts.keyStore
      ? startEncryption({
          dataDir: opts.dataDir,
          dbFile,
          store: opts.keyStore,
          recoveryKey: opts.recoveryKey,
          nativeBinding: opts.nativeBinding,
          logger,
          events,
          now: clock.now(),
        })
      : null;
    opened = openDatabase(opts, dbFile, logger, clock, encryption);
  } catch (err) {
    lock.release();
    throw err;
  }
  const { sqlite, db } = opened;
  const closers: (() => void)[] = [];
  const replaced = new Set<(phase: DatabaseReplacePhase) => void | Promise<void>>();
  const notify = (phase: DatabaseReplacePhase) =>
    [...replaced].map(async (fn) => {
      try {
        await fn(phase);
      } catch (err) {
        logger.warn('database replacement listener failed', { phase, error: String(err) });
      }
    });
  const ctx: AppContext = {
    sqlite,
    db,
    dbFile,
    nativeBinding: opts.nativeBinding,
    encryption,
    reopenDatabase: (swap) => {
      notify('before');
      try {
        reopenDatabase(ctx, opts, swap);
      } finally {
        notify('after');
      }
    },
    onDatabaseReplaced: (fn) => {
      replaced.add(fn);
      return () => replaced.delete(fn);
    },
    prepareDatabaseReplace: async () => {
      await Promise.all(notify('prepare'));
    },
    cancelDatabaseReplace: () => void notify('cancelled'),
    clock,
    events,
    secrets: opts.secrets ?? keyFileSecretBox(opts.dataDir),
    logger,
    dataDir: opts.dataDir,
    backupRoots: opts.backupRoots,
    migrationsFolder: opts.migrationsFolder,
    appVersion: opts.appVersion ?? '0.0.0-dev',
    services: {},
    onClose: (fn) => closers.push(fn),
  };
  const checkpoints = startCheckpoints(ctx);
  closers.push(() => checkpoints.stop());
  return {
    ctx,
    call: (channel, input, caller) => dispatch(ctx, channel, input, caller),
    callPortal: (channel, input, caller) => dispatchPortal(ctx, channel, input, caller),
    close() {
      for (const fn of closers.splice(0).reverse()) {
        try {
          fn();
        } catch (err) {
          logger.warn('error while closing', { error: String(err) });
        }
      }
      try {
        if (ctx.sqlite.open) {
          checkpointTruncate(ctx.sqlite);
          ctx.sqlite.close();
        }
      } finally {
        // Last: the next process may open the folder only once this one has let go of the database.
        lock.release();
      }
    },
  };
}

/**
 * Replaces the connection under a running app (restore). Synchronous from close to reopen, so no other
 * call can run in between on this single-threaded process. Services read `ctx.sqlite` at call time, so
 * they pick up the new connection; the settings cache is dropped.
 */
export function reopenDatabase(
  ctx: AppContext,
  opts: CreateAppOptions,
  swap?: (dbFile: string) => (() => void) | void,
): void {
  const old = ctx.sqlite;
  if (old.open) {
    checkpointTruncate(old);
    old.close();
  }
  let undo: (() => void) | void = undefined;
  let next: ReturnType<typeof openDatabase>;
  try {
    undo = swap?.(ctx.dbFile);
    next = openDatabase(opts, ctx.dbFile, ctx.logger, ctx.clock, ctx.encryption);
  } catch (err) {
    try {
      undo?.();
    } finally {
      const back = openDatabase(opts, ctx.dbFile, ctx.logger, ctx.clock, ctx.encryption);
      ctx.sqlite = back.sqlite;
      ctx.db = back.db;
      invalidateSettings(ctx);
    }
    throw err;
  }
  ctx.sqlite = next.sqlite;
  ctx.db = next.db;
  invalidateSettings(ctx);
}
