import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/** The built browser host's command line: what it refuses before it ever listens. */
function runHost(
  args: string[],
  env: Record<string, string> = {},
  whileUp?: (url: string) => Promise<void>,
  /** A data folder to share between runs (kept); a fresh one otherwise (removed). */
  shared?: string,
): Promise<{ code: number | null; out: string }> {
  const out = path.resolve(process.env.PPPOE_OUT ?? 'out');
  const dataDir = shared ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-cli-'));
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(out, 'host', 'serve.mjs'), '--port', '0', '--data-dir', dataDir, '--quiet', ...args],
      {
        env: { ...process.env, PPPOE_DESK_KEY_FILE: path.join(`${dataDir}-key`, 'database.key'), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let text = '';
    let up = false;
    const onData = (c: Buffer) => {
      text += c.toString();
      const url = /^(http:\/\/\S+:\d+)$/m.exec(text)?.[1];
      if (url && !up) {
        up = true;
        void (whileUp ? whileUp(url) : Promise.resolve()).finally(() => child.kill('SIGTERM'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      if (!shared) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(`${dataDir}-key`, { recursive: true, force: true });
      }
      resolve({ code, out: text });
    });
  });
}

test.describe('browser host command line', () => {
  test('refuses to listen beyond this computer before an Admin exists', async () => {
    // Refused before listening: nothing is ever bound on 0.0.0.0.
    const r = await runHost(['--host', '0.0.0.0']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('Refusing to listen on 0.0.0.0 before an Admin exists');
  });

  test('--init-admin applies the password policy', async () => {
    const r = await runHost(['--init-admin', 'owner:password123']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('This password is too common');
  });

  test('the first Admin can come from PPPOE_DESK_INIT_ADMIN (keeps it out of the process list)', async () => {
    let login = 0;
    const r = await runHost([], { PPPOE_DESK_INIT_ADMIN: 'owner:Kantor-Pusat-Bandung-9' }, async (url) => {
      const res = await fetch(`${url}/api/auth.login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'owner', password: 'Kantor-Pusat-Bandung-9' }),
      });
      login = res.status;
    });
    expect(r.out).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/m);
    expect(login).toBe(200);
  });

  test('a second host on the same data folder exits 1 before serving; the first keeps serving', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-cli-shared-'));
    let second: { code: number | null; out: string } | null = null;
    let firstStillServes = 0;
    const first = await runHost(
      ['--init-admin', 'owner:Kantor-Pusat-Bandung-9'],
      {},
      async (url) => {
        second = await runHost([], {}, undefined, dataDir);
        firstStillServes = (await fetch(`${url}/`)).status;
      },
      dataDir,
    );
    expect(first.code).toBe(0);
    expect(second!.code).toBe(1);
    expect(second!.out).toContain(`PPPoE Desk is already running on the data folder ${dataDir}`);
    expect(second!.out).toMatch(/browser host, process \d+/);
    expect(second!.out).not.toMatch(/^http:\/\//m);
    expect(firstStillServes).toBe(200);
    // Once the first has stopped, the folder is free again.
    const third = await runHost([], {}, async () => undefined, dataDir);
    expect(third.out).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/m);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}-key`, { recursive: true, force: true });
  });

  test('--demo loads the demo data into an empty database, and only then', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-cli-demo-'));
    const counts = async (url: string) => {
      const login = await fetch(`${url}/api/auth.login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'owner', password: 'Kantor-Pusat-Bandung-9' }),
      });
      const { token } = (await login.json()).value;
      const get = async (channel: string) =>
        (
          await (
            await fetch(`${url}/api/${channel}`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
              body: '{}',
            })
          ).json()
        ).value.total as number;
      return { customers: await get('customers.list'), packages: await get('packages.list') };
    };
    let first = { customers: 0, packages: 0 };
    let again = { customers: 0, packages: 0 };
    // Before the fix: "Unknown option '--demo'", exit 2.
    const r = await runHost(
      ['--demo', '--init-admin', 'owner:Kantor-Pusat-Bandung-9'],
      {},
      async (url) => void (first = await counts(url)),
      dataDir,
    );
    expect(r.code).toBe(0);
    expect(first.customers).toBeGreaterThan(0);
    expect(first.packages).toBeGreaterThan(0);
    const r2 = await runHost(['--demo'], {}, async (url) => void (again = await counts(url)), dataDir);
    expect(r2.out).toContain('--demo ignored');
    expect(again).toEqual(first);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}-key`, { recursive: true, force: true });
  });

  test('beyond loopback it warns that plain HTTP is for a trusted LAN, and the last line is still the URL', async () => {
    // 127.0.0.2 plays a LAN address (loopback, so nothing leaves this computer).
    let status = 0;
    const r = await runHost(
      ['--host', '127.0.0.2', '--init-admin', 'owner:Kantor-Pusat-Bandung-9'],
      {},
      async (url) => {
        expect(url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
        status = (await fetch(`${url}/`)).status;
      },
    );
    expect(status).toBe(200);
    expect(r.out).toContain('Warning: this is plain HTTP');
    expect(r.out).toContain('trusted office LAN');
    expect(r.out).not.toContain('0.0.0.0');
  });

  test('--backup-root refuses system folders and missing folders before listening', async () => {
    const sys = await runHost(['--backup-root', '/etc']);
    expect(sys.code).toBe(2);
    expect(sys.out).toContain('--backup-root /etc: PPPoE Desk does not put backups into system folders');
    const missing = await runHost(['--backup-root', '/tidak/ada/folder']);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('The folder does not exist');
  });

  test('with --backup-root, "Back up to folder" over HTTP writes there and nowhere else', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-cli-root-'));
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-cli-elsewhere-'));
    const statuses: number[] = [];
    let refusal = '';
    await runHost(['--backup-root', root, '--init-admin', 'owner:Kantor-Pusat-Bandung-9'], {}, async (url) => {
      const post = (channel: string, body: unknown, token?: string) =>
        fetch(`${url}/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
      const { token } = (
        await (await post('auth.login', { username: 'owner', password: 'Kantor-Pusat-Bandung-9' })).json()
      ).value;
      // A fresh host takes its first daily backup at start; one backup runs at a time.
      await expect
        .poll(async () => {
          const { status } = (await (await post('backups.list', {}, token)).json()).value;
          return status.lastDaily !== null && status.running === null;
        })
        .toBe(true);
      statuses.push((await post('backups.create', { folder: root }, token)).status);
      const refused = await post('backups.create', { folder: elsewhere }, token);
      statuses.push(refused.status);
      refusal = (await refused.json()).error.message;
    });
    expect(statuses).toEqual([200, 400]);
    expect(refusal).toContain('outside the backup folders this server allows (--backup-root)');
    expect(fs.readdirSync(root).some((f) => f.endsWith('-manual.sqlite'))).toBe(true);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    for (const d of [root, elsewhere]) fs.rmSync(d, { recursive: true, force: true });
  });
});
