import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { peekCertificate, pinnedAgent, postJson } from '../../../src-main/host/seat/pinned-client';
import type { Channel, InputOf, OutputOf } from '../../../src-shared/contract';
import type { ApiResult } from '../../../src-shared/result';
import { ADMIN } from './host';

export { ADMIN };

/** `npm run server` as a service runs it: `node <out>/host/serve.mjs --server …` over HTTPS. */
export interface ServerProcess {
  url: string;
  fingerprint: string;
  dataDir: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
  output(): string;
  /** A client pinned to this server's certificate (as a seat is). */
  agent: https.Agent;
  /** POST /api/<channel> with the given bearer token. */
  call(
    channel: string,
    input: unknown,
    token?: string,
  ): Promise<{ status: number; body: ApiResult<unknown> | undefined }>;
}

export const tempDataDir = (tag: string) => fs.mkdtempSync(path.join(os.tmpdir(), `pppoe-${tag}-`));
export const keyFileFor = (dataDir: string) => path.join(`${dataDir}-key`, 'database.key');

export function removeDataDir(dataDir: string) {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}-key`, { recursive: true, force: true });
}

export async function startServer(
  dataDir: string,
  opts: { port?: number; args?: string[]; env?: Record<string, string>; tls?: boolean } = {},
): Promise<ServerProcess> {
  const out = path.resolve(process.env.PPPOE_OUT ?? 'out');
  const args = [
    path.join(out, 'host', 'serve.mjs'),
    '--server',
    '--data-dir',
    dataDir,
    '--host',
    '127.0.0.1',
    '--port',
    String(opts.port ?? 0),
    ...(opts.tls === false ? [] : ['--tls-self-signed']),
    '--init-admin',
    `${ADMIN.username}:${ADMIN.password}`,
    '--quiet',
    ...(opts.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PPPOE_DESK_KEY_FILE: keyFileFor(dataDir), ...opts.env },
  });
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<{ url: string; fingerprint: string }>((resolve, reject) => {
    const onData = (c: Buffer) => {
      text += c.toString();
      const url = /^(https?:\/\/127\.0\.0\.1:\d+)$/m.exec(text)?.[1];
      const fingerprint = /^TLS certificate SHA-256: ([0-9A-F:]+)$/m.exec(text)?.[1] ?? '';
      if (url && (fingerprint || opts.tls === false)) resolve({ url, fingerprint });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) before it was ready:\n${text}`)));
  });
  const { url, fingerprint } = await ready;
  // Plain HTTP (the bench's comparison): an agent is still needed by the type, never used for https.
  const seen = opts.tls === false ? null : await peekCertificate(url);
  if (seen && seen.fingerprint !== fingerprint) throw new Error(`printed ${fingerprint}, served ${seen.fingerprint}`);
  const agent = seen ? pinnedAgent(seen, { maxSockets: 64 }) : new https.Agent();
  return {
    url,
    fingerprint,
    dataDir,
    child,
    exited,
    agent,
    output: () => text,
    async call(channel, input, token) {
      const r = await postJson(
        agent,
        `${url}/api/${channel}`,
        input,
        token ? { Authorization: `Bearer ${token}` } : {},
      );
      const body = typeof r.body === 'object' && r.body !== null ? (r.body as ApiResult<unknown>) : undefined;
      return { status: r.status, body };
    },
  };
}

/** Signs in and returns a caller that fails the test unless the channel succeeds. */
export async function signedIn(server: Pick<ServerProcess, 'call'>, who = ADMIN) {
  const login = await server.call('auth.login', who);
  if (!login.body?.ok) throw new Error(`sign-in failed: ${JSON.stringify(login.body)}`);
  const { token } = login.body.value as OutputOf<'auth.login'>;
  return {
    token,
    async ok<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
      const r = await server.call(channel, input, token);
      if (!r.body?.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.body)}`);
      return r.body.value as OutputOf<C>;
    },
  };
}
