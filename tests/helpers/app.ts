import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../../src-main/app';
import { createFirstAdmin } from '../../src-main/core/auth';
import type { Clock } from '../../src-main/core/context';
import { silentLogger } from '../../src-main/core/logger';
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

/** A fresh app on a temp data dir with migrations applied, a fake clock and a signed-in Admin. */
export async function testApp(opts: { clock?: FakeClock } = {}): Promise<TestApp> {
  const dataDir = tempDir();
  const clock = opts.clock ?? new FakeClock();
  const app = createApp({
    dataDir,
    migrationsFolder: MIGRATIONS,
    clock,
    logger: silentLogger,
    appVersion: '0.0.0-test',
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
    },
  };
}
