import http from 'node:http';
import type { ApiResult } from '../../../src-shared/result';
import type { App } from '../../app';
import { peerAddress } from '../../core/context';
import { portalSourceLimiter } from '../../core/portal/login';
import { localUrl } from './announce';
import { readJsonInput, sameOrigin, signInsLimited } from './api-request';
import { CALLBACK_PREFIX, receiveGatewayCallback } from './gateway-callback';
import { portalStaticFiles } from './portal-static';
import { portalTurns, type TakeTurn } from './portal-turns';
import { KEEP_ALIVE_MS, readCookie, requestPath, send, STATUS } from './http-util';

/*
 * The customer portal's HTTP host: its own port and bind address, its own channels (portal.*), its
 * own cookie and sessions. It shares the process and the database with the staff host and nothing
 * else: no staff channel is reachable here and a staff token means nothing here.
 */

export const PORTAL_COOKIE = 'pppoe_portal_session';
/** A ticket photo (1 MB) as base64 plus its text fits; anything bigger is refused before parsing. */
export const PORTAL_MAX_BODY = 1536 * 1024;
const COOKIE_MAX_AGE_S = 30 * 86_400;

export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': PORTAL_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Answers a plain page request (not /api/) before the portal app does, or resolves false to pass.
 * The isolir page mounts here (core/isolir/page.ts' isolirPageFor is async): it sees every
 * plain-HTTP request the router redirects to the portal.
 */
export type PortalPageHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
) => boolean | Promise<boolean>;

/** The page handlers in order; true when one of them answered. */
async function pageHandled(opts: PortalHostOptions, req: http.IncomingMessage, res: http.ServerResponse, p: string) {
  for (const handle of opts.pageHandlers ?? []) if (await handle(req, res, p)) return true;
  return false;
}

export interface PortalHostOptions {
  app: App;
  /** The built portal app (index.html, manifest, service worker); API only when absent. */
  staticDir?: string;
  host: string;
  port: number;
  pageHandlers?: PortalPageHandler[];
  /** How portal API requests take turns with the rest of the app (portal-turns.ts); tests may pass their own. */
  takeTurn?: TakeTurn;
}

/** HttpOnly, SameSite=Strict; Secure when a TLS proxy in front of the portal says the browser used HTTPS. */
function portalCookie(req: http.IncomingMessage, token: string | null): string {
  const secure = req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
  const value = token ? encodeURIComponent(token) : '';
  const age = token ? `; Max-Age=${COOKIE_MAX_AGE_S}` : '; Max-Age=0';
  return `${PORTAL_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${secure}${age}`;
}

const refuse = (res: http.ServerResponse, status: number, code: keyof typeof STATUS, message: string, extra = {}) =>
  send(res, status, { ok: false, error: { code, message } }, { ...SECURITY_HEADERS, ...extra });

async function handlePortalApi(
  opts: PortalHostOptions,
  takeTurn: TakeTurn,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  channel: string,
) {
  if (req.method !== 'POST') return refuse(res, 405, 'BAD_INPUT', 'Use POST');
  if (!sameOrigin(req)) return refuse(res, 403, 'FORBIDDEN', 'Cross-origin request refused');
  // A staff token is never a portal credential: refuse it outright rather than ignore it.
  if (req.headers.authorization) return refuse(res, 401, 'UNAUTHENTICATED', 'Your session has ended: please sign in');
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return refuse(res, 415, 'BAD_INPUT', 'Send JSON (Content-Type: application/json)');
  }
  const read = await readJsonInput(req, PORTAL_MAX_BODY);
  if ('refused' in read) {
    const tooLarge = read.refused === 'tooLarge';
    return refuse(
      res,
      tooLarge ? 413 : 400,
      'BAD_INPUT',
      tooLarge ? 'The request is larger than 1.5 MB' : 'The request body is not valid JSON',
      tooLarge ? { Connection: 'close' } : {},
    );
  }
  const source = peerAddress(req.socket.remoteAddress);
  if (channel === 'portal.login') {
    const { app } = opts;
    const retryAt = portalSourceLimiter(app.ctx).hit(`portal:${source ?? '?'}`);
    if (retryAt) {
      const limited = signInsLimited(retryAt, app.ctx.clock.now());
      return send(res, 429, limited.body, { ...SECURITY_HEADERS, ...limited.headers });
    }
  }
  const result: ApiResult<unknown> = await takeTurn(() =>
    opts.app.callPortal(channel, read.input, { token: readCookie(req, PORTAL_COOKIE), source }),
  );
  const headers: Record<string, string> = { ...SECURITY_HEADERS };
  if (result.ok && channel === 'portal.login') {
    // The token lives only in the HttpOnly cookie: page scripts never see it.
    const value = result.value as { token?: string };
    headers['Set-Cookie'] = portalCookie(req, value.token ?? null);
    delete value.token;
  }
  if (channel === 'portal.logout') headers['Set-Cookie'] = portalCookie(req, null);
  send(res, result.ok ? 200 : STATUS[result.error.code], result, headers);
}

export function createPortalHost(opts: PortalHostOptions) {
  const takeTurn = opts.takeTurn ?? portalTurns();
  const serveStatic = opts.staticDir ? portalStaticFiles(opts.staticDir, SECURITY_HEADERS) : null;
  const server = http.createServer((req, res) => {
    const p = requestPath(req);
    if (p === null) return void res.writeHead(400).end('Bad request');
    if (p.startsWith(CALLBACK_PREFIX)) return void receiveGatewayCallback(opts.app, req, res, p);
    if (p.startsWith('/api/')) {
      return void handlePortalApi(opts, takeTurn, req, res, p.slice(5)).catch(() => {
        if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'Request failed');
      });
    }
    // Plain page requests: other modules first (the isolir page), then the portal app.
    void pageHandled(opts, req, res, p)
      .then((done) => {
        if (done) return;
        if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
        if (!serveStatic) return void res.writeHead(404).end('No portal app');
        serveStatic(req, res, p);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end('Request failed');
      });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  return {
    server,
    listen(): Promise<{ url: string; port: number }> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port, opts.host, () => {
          server.off('error', reject);
          const addr = server.address();
          const port = typeof addr === 'object' && addr ? addr.port : 0;
          resolve({ url: localUrl(opts.host, port), port });
        });
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
