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
): Promise<{ code: number | null; out: string }> {
  const out = path.resolve(process.env.PPPOE_OUT ?? 'out');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-cli-'));
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(out, 'host', 'serve.mjs'), '--port', '0', '--data-dir', dataDir, '--quiet', ...args],
      {
        env: { ...process.env, ...env },
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
      fs.rmSync(dataDir, { recursive: true, force: true });
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
});
