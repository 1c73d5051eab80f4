import fs from 'node:fs';
import path from 'node:path';
import type { ApiResult } from '../src-shared/result';
import { dispatch, type Caller } from './api/dispatch';
import { type AppContext, type Clock, systemClock } from './core/context';
import { createEventBus, type EventBus } from './core/events';
import { consoleLogger, type Logger } from './core/logger';
import { keyFileSecretBox, type SecretBox } from './core/secrets';
import { runMigrations } from './db/migrate';
import { openSqlite, wrapDrizzle } from './db/open';

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
}

export interface App {
  ctx: AppContext;
  call(channel: string, input: unknown, caller: Caller): Promise<ApiResult<unknown>>;
  close(): void;
}

/** Folder for automatic backups (also used before migrations). */
export const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');

/** A consistent copy of the live database, written synchronously (VACUUM INTO) before risky steps. */
export function snapshotBeforeMigration(sqlite: AppContext['sqlite'], dataDir: string, reason: string): string {
  const dir = backupsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pppoe-desk-${new Date().toISOString().replace(/[:.]/g, '-')}-${reason}.sqlite`);
  sqlite.prepare('VACUUM INTO ?').run(file);
  return file;
}

/** Opens (creating if needed) and migrates the database in dataDir, and wires the core context. */
export function createApp(opts: CreateAppOptions): App {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const logger = opts.logger ?? consoleLogger();
  const sqlite = openSqlite(path.join(opts.dataDir, DB_FILE), { nativeBinding: opts.nativeBinding });
  const db = wrapDrizzle(sqlite);
  try {
    runMigrations(sqlite, db, opts.migrationsFolder, (reason) => {
      const file = snapshotBeforeMigration(sqlite, opts.dataDir, reason);
      logger.info('backup taken before migration', { file });
    });
  } catch (err) {
    sqlite.close();
    throw err;
  }
  const closers: (() => void)[] = [];
  const ctx: AppContext = {
    sqlite,
    db,
    clock: opts.clock ?? systemClock,
    events: opts.events ?? createEventBus(),
    secrets: opts.secrets ?? keyFileSecretBox(opts.dataDir),
    logger,
    dataDir: opts.dataDir,
    migrationsFolder: opts.migrationsFolder,
    appVersion: opts.appVersion ?? '0.0.0-dev',
    services: {},
    onClose: (fn) => closers.push(fn),
  };
  return {
    ctx,
    call: (channel, input, caller) => dispatch(ctx, channel, input, caller),
    close() {
      for (const fn of closers.splice(0).reverse()) {
        try {
          fn();
        } catch (err) {
          logger.warn('error while closing', { error: String(err) });
        }
      }
      if (sqlite.open) {
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
        sqlite.close();
      }
    },
  };
}
