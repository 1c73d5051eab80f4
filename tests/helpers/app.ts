import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App, type CreateAppOptions } from '../../src-main/app';
import { fileKeyStore } from '../../src-main/core/crypto/key-file';
import { readKeyring } from '../../src-main/core/crypto/keyring';
import { createFirstAdmin } from '../../src-main/core/auth';
import type { Clock } from '../../src-main/core/context';
import { silentLogger } from '../../src-main/logging/logger';
import { openDatabaseFile } from '../../src-main/db/encryption/cipher';
import type { Channel, InputOf, OutputOf } from '../../src-shared/contract';
import type { ApiResult } from '../../src-shared/result';

export const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** A settable clock for time-dependent logic. */
export class FakeClock implements Clock {
  constructor(private t: number = Date.parse('2026-11-24T03:00:00.000Z')) {}
  now() {
    return new Date(this.t);
  }
  set(iso: string) {
    this.t = Date.parse(iso);
  }
  advance(ms: number) {
    this.t += ms;
  }
}

export function tempDir(prefix = 'pppoe-desk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The suite runs on encrypted databases, like the app: each data dir gets a key file in its own temp
 * folder (outside the data dir). PPPOE_TEST_PLAIN=1 runs it on plain databases instead.
 */
export const TEST_ENCRYPTED = process.env.PPPOE_TEST_PLAIN !== '1';

/** Read at each call: the benchmarks switch it between runs of a suite (plain vs encrypted). */
export function testKeyStore(dataDir: string): Pick<CreateAppOptions, 'keyStore'> {
  if (process.env.PPPOE_TEST_PLAIN === '1') return {};
  const dir = `${dataDir}-keys`;
  return { keyStore: fileKeyStore({ dir, dataDir }) };
}

/** The database key a test data dir was given by testKeyStore (null when the suite runs plain). */
export function readTestKey(dataDir: string): Buffer | null {
  const ring = readKeyring(dataDir);
  if (!ring) return null;
  return fileKeyStore({ dir: `${dataDir}-keys`, dataDir }).load(ring.keyId);
}

/** Opens a database file of a test app directly (with its key when the suite is encrypted). */
export function openTestDb(app: App, file = app.ctx.dbFile, opts: { readonly?: boolean } = {}) {
  return openDatabaseFile(file, { key: app.ctx.encryption?.key, readonly: opts.readonly });
}

export interface TestApp {
  app: App;
  clock: FakeClock;
  dataDir: string;
  /** Admin bearer token. */
  token: string;
  call<C extends Channel>(channel: C, input: InputOf<C>, token?: string): Promise<ApiResult<OutputOf<C>>>;
  /** Calls and unwraps, failing the test with the error when not ok. */
  ok<C extends Channel>(channel: C, input: InputOf<C>, token?: string): Promise<OutputOf<C>>;
  close(): void;
}

/**
 * A fresh app on a temp data dir with migrations applied (all, or those of `migrationsFolder`, e.g. from
 * migrationsBefore), a fake clock and a signed-in Admin.
 */
export async function testApp(opts: { clock?: FakeClock; migrationsFolder?: string } = {}): Promise<TestApp> {
  const dataDir = tempDir();
  const clock = opts.clock ?? new FakeClock();
  const app = createApp({
    dataDir,
    migrationsFolder: opts.migrationsFolder ?? MIGRATIONS,
    clock,
    logger: silentLogger,
    appVersion: '0.0.0-test',
    ...testKeyStore(dataDir),
  });
  const { token } = await createFirstAdmin(
    { app: app.ctx, session: null, transport: 'internal' },
    { username: 'admin', fullName: 'Admin', password: 'Rahasia-Kantor-1' },
  );
  const call = <C extends Channel>(channel: C, input: InputOf<C>, t: string = token) =>
    app.call(channel, input, { transport: 'http', token: t }) as Promise<ApiResult<OutputOf<C>>>;
  return {
    app,
    clock,
    dataDir,
    token,
    call,
    async ok(channel, input, t) {
      const r = await call(channel, input, t);
      if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
      return r.value;
    },
    close() {
      app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    },
  };
}

/** A testApp on a plain (`plain`) or encrypted database whatever the suite runs on (e.g. to search a file's bytes). */
export async function testAppWithCipher(plain: boolean): Promise<TestApp> {
  const was = process.env.PPPOE_TEST_PLAIN;
  process.env.PPPOE_TEST_PLAIN = plain ? '1' : '0';
  try {
    return await testApp();
  } finally {
    if (was === undefined) delete process.env.PPPOE_TEST_PLAIN;
    else process.env.PPPOE_TEST_PLAIN = was;
  }
}

/** A copy of the migrations folder in `dir` as it was before migration `tag` (same files, journal without it). */
export function migrationsBefore(dir: string, tag: string): string {
  const before = path.join(dir, 'drizzle-before');
  fs.cpSync(MIGRATIONS, before, { recursive: true });
  const journalFile = path.join(before, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at <= 0) throw new Error(`migration ${tag} is not in the journal`);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return before;
}
