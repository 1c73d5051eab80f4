import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { EVENT_NAMES } from '../../../src-shared/events';
import type { ApiResult } from '../../../src-shared/result';
import { KEEP_ALIVE_MS, MIME, readCookie, requestPath, send, STATUS } from './http-util';
import { readJsonInput, sameOrigin, signInsLimited } from './api-request';
import type { App } from '../../app';
import { CONTENT_SECURITY_POLICY, isSourceMap } from '../security-policy';
import { loginSourceLimiter } from '../../core/users/rate-limit';
import { sessionIsLive } from '../../core/auth';
import { eventReaches } from '../../core/messaging/staff-notify';
import { peerAddress } from '../../core/context';
import { localUrl } from './announce';
import { isLoopback, LOOPBACK_HOSTS } from './bind-policy';
import { API_V1, mountApiV1 } from './api-v1/mount';
import { drainable } from './graceful';
import type { TlsIdentity } from './tls-identity';

export const SESSION_COOKIE = 'pppoe_desk_session';
const MAX_BODY = 2 * 1024 * 1024;
const SHUTTING_DOWN = {
  ok: false,
  error: { code: 'INTERNAL', message: 'The server is shutting down: try again in a moment' },
} as const;

export interface HttpHostOptions {
  app: App;
  /** Built renderer (index.html + assets); API only when absent. */
  staticDir?: string;
  host?: string;
  port?: number;
  /** Keep-alive comment interval of the event stream; the session is re-checked at each (tests shorten it). */
  heartbeatMs?: number;
  /** Serve HTTPS with this key and certificate (the session cookie is then `Secure`). */
  tls?: TlsIdentity;
}

function tokenOf(req: http.IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return readCookie(req, SESSION_COOKIE);
}

/**
 * DNS rebinding: a web page on evil.example whose name resolves to 127.0.0.1 is "same origin" with
 * itself. While bound to loopback, only loopback host names are accepted in the Host header.
 */
function hostAllowed(opts: HttpHostOptions, req: http.IncomingMessage): boolean {
  const bound = opts.host ?? '127.0.0.1';
  if (!isLoopback(bound)) return true;
  const host = req.headers.host;
  if (!host) return false;
  try {
    return LOOPBACK_HOSTS.has(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}

function sessionCookie(token: string | null, secure: boolean): string {
  const base = `${SESSION_COOKIE}=${token ? encodeURIComponent(token) : ''}; Path=/; HttpOnly; SameSite=Strict`;
  return `${base}${secure ? '; Secure' : ''}${token ? '' : '; Max-Age=0'}`;
}

async function handleApi(opts: HttpHostOptions, req: http.IncomingMessage, res: http.ServerResponse, channel: string) {
  if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'BAD_INPUT', message: 'Use POST' } });
  if (!sameOrigin(req) || !hostAllowed(opts, req)) {
    return send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Cross-origin request refused' } });
  }
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) {
    return send(res, 415, {
      ok: false,
      error: { code: 'BAD_INPUT', message: 'Send JSON (Content-Type: application/json)' },
    });
  }
  const read = await readJsonInput(req, MAX_BODY);
  if ('refused' in read) {
    const tooLarge = read.refused === 'tooLarge';
    return send(
      res,
      400,
      {
        ok: false,
        error: {
          code: 'BAD_INPUT',
          message: tooLarge ? 'The request body is larger than 2 MB' : 'The request body is not valid JSON',
        },
      },
      tooLarge ? { Connection: 'close' } : {},
    );
  }
  if (channel === 'auth.login' || channel === 'setup.createAdmin') {
    // Guessing from one address is slowed down whichever usernames it tries (the account lockout
    // only covers names that exist).
    const retryAt = loginSourceLimiter(opts.app.ctx).hit(`http:${peerAddress(req.socket.remoteAddress) ?? '?'}`);
    if (retryAt) {
      const limited = signInsLimited(retryAt, opts.app.ctx.clock.now());
      return send(res, 429, limited.body, limited.headers);
    }
  }
  const result: ApiResult<unknown> = await opts.app.call(channel, read.input, {
    transport: 'http',
    token: tokenOf(req),
    source: peerAddress(req.socket.remoteAddress),
    userAgent: req.headers['user-agent'],
  });
  const headers: Record<string, string> = {};
  if (result.ok && (channel === 'auth.login' || channel === 'setup.createAdmin')) {
    headers['Set-Cookie'] = sessionCookie((result.value as { token: string }).token, !!opts.tls);
  }
  if (channel === 'auth.logout') headers['Set-Cookie'] = sessionCookie(null, !!opts.tls);
  send(res, result.ok ? 200 : STATUS[result.error.code], result, headers);
}

function handleEvents(opts: HttpHostOptions, req: http.IncomingMessage, res: http.ServerResponse) {
  if (!sameOrigin(req) || !hostAllowed(opts, req)) {
    return send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Cross-origin request refused' } });
  }
  // The same sign-in as the API: no events for strangers.
  const source = peerAddress(req.socket.remoteAddress);
  opts.app.call('auth.me', {}, { transport: 'http', token: tokenOf(req), source }).then((me) => {
    if (!me.ok) return send(res, 401, me);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': connected\n\n');
    // A stream lives only as long as its session: signed out, disabled (that change is itself an
    // event, so the stream ends at once) or expired while idle ends it before anything more is sent.
    const token = tokenOf(req);
    const live = () => {
      if (sessionIsLive(opts.app.ctx, token)) return true;
      stop();
      res.end();
      return false;
    };
    // A reseller's sign-in hears only that data changed (entity and channel names), nothing of routers,
    // backups or the office's other work.
    const v = me.value;
    const reseller = typeof v === 'object' && v !== null && 'role' in v && v.role === 'reseller';
    const names: readonly string[] = reseller ? ['data.changed'] : EVENT_NAMES;
    const unsubscribe = opts.app.ctx.events.subscribe((event) => {
      if (names.includes(event.name) && live() && eventReaches(opts.app.ctx, token, event))
        res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    });
    const heartbeat = setInterval(() => live() && res.write(': ping\n\n'), opts.heartbeatMs ?? 25_000);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    req.on('close', stop);
  });
}

function serveStatic(staticDir: string, req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
  const root = path.resolve(staticDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end('Bad path');
    return;
  }
  if (decoded.includes('\0')) {
    res.writeHead(400).end('Bad path');
    return;
  }
  let file = path.resolve(root, '.' + decoded);
  // Path traversal: anything outside the renderer folder is refused.
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403).end('Forbidden');
    return;
  }
  // Source maps are never served (nor answered with index.html), even if a debugging build left one.
  if (isSourceMap(file)) {
    res.writeHead(404).end('Not found');
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(404).end('Renderer not built: run npm run build');
    return;
  }
  const ext = path.extname(file);
  res.writeHead(200, {
    'Content-Type': MIME[ext] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(file).pipe(res);
}

/** The browser host: the same API table as Electron IPC, over HTTP on 127.0.0.1. */
export function createHttpHost(opts: HttpHostOptions) {
  const handler: http.RequestListener = (req, res) => {
    const p = requestPath(req);
    if (p === null) return void res.writeHead(400).end('Bad request');
    // Shutting down: the request was never started, so the client may safely send it again later.
    if (drain.draining) return send(res, 503, SHUTTING_DOWN, { 'Retry-After': '2' });
    if (p === API_V1 || p.startsWith(`${API_V1}/`)) return mountApiV1(opts.app, req, res, p);
    if (p.startsWith('/api/')) {
      if (p === '/api/events' && req.method === 'GET') return handleEvents(opts, req, res);
      return void handleApi(opts, req, res, p.slice(5)).catch(() => {
        if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Request failed' } });
      });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (!opts.staticDir) return void res.writeHead(404).end('No renderer');
    serveStatic(opts.staticDir, req, res, p);
  };
  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler)
    : http.createServer(handler);
  const drain = drainable(server);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  return {
    server,
    listen(): Promise<{ url: string; port: number }> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
          const addr = server.address();
          const port = typeof addr === 'object' && addr ? addr.port : 0;
          // This computer's URL (a wildcard bind is reached through loopback, never "0.0.0.0").
          resolve({ url: localUrl(opts.host ?? '127.0.0.1', port, opts.tls ? 'https' : 'http'), port });
        });
      });
    },
    /** Stops accepting, lets requests in flight finish (at most `graceMs`), then closes every connection. */
    close(graceMs?: number): Promise<void> {
      return drain.close(graceMs);
    },
  };
}
