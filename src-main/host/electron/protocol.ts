import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, isSourceMap } from '../security-policy';
import { APP_HOST, APP_SCHEME } from './constants';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers on every app:// response, errors included: the CSP is what keeps injected markup inert. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Must run before app 'ready'. standard: real origin and relative URLs; secure: counts as a secure
 * context (no mixed-content downgrade); fetch allowed for our own assets. No service workers, and no
 * corsEnabled: the renderer's module scripts are same-origin, and leaving it off keeps app:// unreadable
 * from any other origin.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>) {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * Maps an app:// URL to a file inside `root`, or null when it must be refused: another host, a path
 * that (after percent-decoding) climbs out of root, NUL bytes or backslashes (Windows separators
 * smuggled past the URL parser). Exported for the traversal unit test.
 */
export function resolveAppPath(root: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, '.' + (pathname === '/' ? '/index.html' : pathname));
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

function respond(status: number, body: string) {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function isFile(file: string) {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * The app:// handler: serves the built renderer from `root` (out/renderer, inside app.asar when
 * packaged; Electron's fs reads asar transparently). Client-side routes (no file extension) fall back
 * to index.html; a missing asset is a 404, never index.html, so a typo cannot load HTML as a script.
 */
export function createAppProtocolHandler(root: string) {
  return async (request: Request & { initiatorOrigin?: string | null }): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed');
    // Set by Electron when web content made the request: only our own pages may load our files.
    if (request.initiatorOrigin && request.initiatorOrigin !== `${APP_SCHEME}://${APP_HOST}`) {
      return respond(403, 'Forbidden');
    }
    let file = resolveAppPath(root, request.url);
    if (!file) return respond(403, 'Forbidden');
    // Source maps are never served, even if a debugging build left one behind.
    if (isSourceMap(file)) return respond(404, 'Not found');
    if (!(await isFile(file))) {
      if (path.extname(file) !== '') return respond(404, 'Not found');
      file = path.join(path.resolve(root), 'index.html');
      if (!(await isFile(file))) return respond(404, 'Renderer not built: run npm run build');
    }
    const ext = path.extname(file).toLowerCase();
    const headers = {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Cache-Control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
    };
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    return new Response(await fs.readFile(file), { status: 200, headers });
  };
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string) {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}
