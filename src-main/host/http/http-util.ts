import type http from 'node:http';
import type { ErrorCode } from '../../../src-shared/result';

/* Small pieces both HTTP hosts (staff API, customer portal) use. */

export const STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  ROUTER_UNREACHABLE: 502,
  INTERNAL: 500,
};

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export function readCookie(req: http.IncomingMessage, name: string): string | undefined {
  const raw = req.headers.cookie;
  if (!raw) return undefined;
  for (const part of raw.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(json);
}

export class BodyTooLarge extends Error {}

export function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  return readRawBody(req, max).then((b) => b.toString('utf8'));
}

/** The body's bytes as sent (a gateway signs these exact bytes). */
export function readRawBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) return reject(new BodyTooLarge());
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        // Stop buffering but let the answer go out; the connection is closed after it.
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * How long an idle keep-alive connection stays open. The client must always be the side that gives up an
 * idle socket first: Node's fetch reuses one for 4 s, browsers longer, and a request written into a socket
 * the server is closing at that moment fails with ECONNRESET (seen as "fetch failed" in a loaded e2e run,
 * when the server's 5 s and the client's 4 s timers drifted together).
 */
export const KEEP_ALIVE_MS = 65_000;

/** The request's path, or null when the request line cannot be read as a URL (answered 400 by both hosts). */
export function requestPath(req: http.IncomingMessage): string | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}
