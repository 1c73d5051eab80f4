/**
 * Worker side of the kill tests (bundled into each worker): progress lines written synchronously, and
 * the kill point itself: the worker says where it is and stops there until the parent SIGKILLs it, so
 * the kill lands exactly at that point (inside a transaction, before or after a COMMIT) and not "about
 * there" after a delay.
 */
import fs from 'node:fs';
import { createApp } from '../../src-main/app';
import { fileKeyStore } from '../../src-main/core/crypto/key-file';
import { silentLogger } from '../../src-main/logging/logger';

/** One line on stdout, written before the call returns (a kill right after it cannot lose it). */
export const say = (line: string) => fs.writeSync(1, `${line}\n`);

/** Gateway crediting (tests/crash/gateway-worker.ts). `credit`: counted in credit rows this run. */
export type GatewayKill =
  /** Inside a batch's transaction, right after a credit row that is not the batch's first. */
  | { at: 'credit'; credit: number }
  /** Every job of the batch written, before its COMMIT. */
  | { at: 'commit'; credit: number }
  /** Right after the batch's COMMIT, before any of its callbacks is answered. */
  | { at: 'after-commit'; credit: number };

/** Statement import (tests/crash/statement-worker.ts). */
export type StatementKill =
  /** Inside a chunk's transaction, right after the n-th new statement line of this run. */
  | { at: 'line'; n: number }
  /** After the COMMIT of the run's n-th chunk, before the next one begins. */
  | { at: 'between'; chunk: number };

/**
 * Announces the kill point and blocks this process (the event loop included) until the parent kills it.
 * Not a sleep used as synchronisation: the parent kills on the line; the limit only ends an orphan.
 */
export function holdForKill(where: string): never {
  say(`KILLPOINT ${where}`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
  say('FATAL not killed at the kill point');
  process.exit(4);
}

/** A clock that starts at `iso` and runs at real speed (sessions, expiry and rate limits see time pass). */
export function clockFrom(iso: string) {
  const base = Date.parse(iso);
  const started = performance.now();
  return { now: () => new Date(base + Math.round(performance.now() - started)) };
}

/** The app as a crash worker opens it: the test's data folder, clock and (when encrypted) key folder. */
export function openCrashApp(args: { dataDir: string; migrations: string; keyDir?: string; clockAt: string }) {
  return createApp({
    dataDir: args.dataDir,
    migrationsFolder: args.migrations,
    logger: silentLogger,
    appVersion: '0.0.0-crash',
    clock: clockFrom(args.clockAt),
    ...(args.keyDir ? { keyStore: fileKeyStore({ dir: args.keyDir, dataDir: args.dataDir }) } : {}),
  });
}
