import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export const ADMIN = { username: 'admin', password: 'Uji-Coba-E2E-2026' };

export interface Host {
  url: string;
  dataDir: string;
  /** The SQLite file, for seeding rows the UI cannot create yet. */
  dbFile: string;
  /** The database key file (outside the data dir), as an installation keeps it. */
  keyFile: string;
  /** Everything the host printed so far (stdout and stderr): its console log. */
  output(): string;
  /** The customer portal's URL when started with `portal: true` (`Portal: http://…/`). */
  portalUrl?: string;
  stop(): Promise<void>;
}

/**
 * Starts `node <out>/host/serve.mjs --port 0` on a fresh temp data dir and resolves with the URL it
 * prints (a line holding only `http://127.0.0.1:<port>`). `initAdmin: false` leaves the database
 * without users, so the app shows first-run setup.
 */
export async function startHost(
  opts: { initAdmin?: boolean; env?: Record<string, string>; portal?: boolean } = {},
): Promise<Host> {
  const out = path.resolve(process.env.PPPOE_OUT ?? 'out');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-e2e-'));
  const args = [path.join(out, 'host', 'serve.mjs'), '--port', '0', '--data-dir', dataDir, '--quiet'];
  if (opts.initAdmin !== false) args.push('--init-admin', `${ADMIN.username}:${ADMIN.password}`);
  if (opts.portal) args.push('--portal-port', '0', '--portal-host', '127.0.0.1');
  const keyFile = path.join(`${dataDir}-key`, 'database.key');
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PPPOE_DESK_KEY_FILE: keyFile, ...opts.env },
  });
  let stderr = '';
  let printed = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout!.on('data', (c: Buffer) => (printed += c.toString()));
  let portalUrl: string | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      const portal = /^Portal: (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line.trim());
      if (portal) portalUrl = portal[1];
      if (/^http:\/\/127\.0\.0\.1:\d+$/.test(line.trim())) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before printing its URL:\n${stderr}`)));
  });
  return {
    url,
    portalUrl,
    dataDir,
    dbFile: path.join(dataDir, 'pppoe-desk.sqlite'),
    keyFile,
    output: () => printed + stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
    },
  };
}
