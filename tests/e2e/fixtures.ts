import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { openDatabaseFile } from '../../src-main/db/encryption/cipher';
import type { Channel, InputOf, OutputOf } from '../../src-shared/contract';
import type { ApiResult } from '../../src-shared/result';
import { ADMIN, startHost, type Host } from './helpers/host';

export { expect };
export { ADMIN };

/** One host per spec file (its own temp data dir), so files stay independent of each other. */
class HostsByFile {
  private file: string | null = null;
  private host: Host | null = null;
  async forFile(file: string, initAdmin: boolean, env: Record<string, string>): Promise<Host> {
    const key = `${file}|${initAdmin}|${JSON.stringify(env)}`;
    if (this.host && this.file === key) return this.host;
    await this.stop();
    this.host = await startHost({ initAdmin, env });
    this.file = key;
    return this.host;
  }
  async stop() {
    await this.host?.stop();
    this.host = null;
    this.file = null;
  }
}

export interface Api {
  /** Calls a channel as the admin (Bearer token); returns the envelope. */
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<ApiResult<OutputOf<C>>>;
  /** Calls a channel and fails the test unless it succeeds. */
  ok<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  /** Runs SQL on the host's database: for rows whose screens belong to later issues. */
  sql(fn: (db: Database.Database) => void): void;
}

const tokens = new WeakMap<Host, string>();

async function post(host: Host, channel: string, input: unknown, token?: string) {
  const res = await fetch(`${host.url}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input ?? {}),
  });
  return (await res.json()) as ApiResult<unknown>;
}

function apiFor(host: Host): Api {
  const token = async () => {
    let t = tokens.get(host);
    if (!t) {
      const r = await post(host, 'auth.login', ADMIN);
      if (!r.ok) throw new Error(`admin sign-in failed: ${r.error.message}`);
      t = (r.value as { token: string }).token;
      tokens.set(host, t);
    }
    return t;
  };
  const api: Api = {
    async call(channel, input) {
      return (await post(host, channel, input, await token())) as never;
    },
    async ok(channel, input) {
      const r = await api.call(channel, input);
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
    sql(fn) {
      const key = Buffer.from(fs.readFileSync(host.keyFile, 'utf8').trim(), 'hex');
      const db = openDatabaseFile(host.dbFile, { key });
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      try {
        fn(db);
      } finally {
        db.close();
      }
    },
  };
  return api;
}

/** Signs the page in through the API (sets the HttpOnly session cookie) and opens the app. */
export async function signInPage(page: Page, host: Host, hash = '#/customers') {
  const r = await page.request.post(`${host.url}/api/auth.login`, {
    data: ADMIN,
    headers: { 'Content-Type': 'application/json' },
  });
  expect(r.ok(), 'admin sign-in').toBeTruthy();
  await page.goto(`${host.url}/${hash}`);
}

/** Makes a front-desk cashier (staff role) and signs the page in as them, as a cashier's own seat would be. */
export async function signInAsCashier(page: Page, host: Host, api: Api, username: string, fullName: string) {
  const password = 'Kasir-Depan-2026!';
  await api.ok('users.create', { username, fullName, role: 'staff', password, mustChangePassword: false });
  const r = await page.request.post(`${host.url}/api/auth.login`, { data: { username, password } });
  expect(r.ok(), `${username} sign-in`).toBeTruthy();
}

export const test = base.extend<
  { initAdmin: boolean; hostEnv: Record<string, string>; host: Host; api: Api; adminPage: Page },
  { hosts: HostsByFile }
>({
  initAdmin: [true, { option: true }],
  /** Extra environment for the file's host process (e.g. PPPOE_DESK_SYNC_RETRY_MS). */
  hostEnv: [{}, { option: true }],
  hosts: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none
    async ({}, use) => {
      const hosts = new HostsByFile();
      await use(hosts);
      await hosts.stop();
    },
    { scope: 'worker' },
  ],
  host: async ({ hosts, initAdmin, hostEnv }, use, testInfo) => {
    await use(await hosts.forFile(testInfo.file, initAdmin, hostEnv));
  },
  api: async ({ host }, use) => {
    await use(apiFor(host));
  },
  adminPage: async ({ page, host }, use) => {
    await signInPage(page, host);
    await use(page);
  },
});
