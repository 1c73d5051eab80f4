import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { isSourceMap } from '../security-policy';
import { MIME } from './http-util';

/*
 * The built portal app, served from memory: each file is read, hashed (ETag) and gzipped once, then
 * answered without touching the disk again (a changed file, e.g. a rebuild, is noticed by its mtime).
 * The page, manifest and service worker are re-checked on each visit (no-cache + ETag → 304 when
 * unchanged); the hashed assets are kept a year (immutable). Phones on a busy ISP network get the
 * 1.3 MB script as ~0.4 MB gzip.
 */

interface StaticFile {
  mtimeMs: number;
  size: number;
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
  type: string;
  fresh: boolean;
}

/** Only text gains from gzip; images are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg']);

function load(file: string, stat: fs.Stats): StaticFile {
  const body = fs.readFileSync(file);
  const ext = path.extname(file);
  const gz = COMPRESSIBLE.has(ext) ? zlib.gzipSync(body, { level: 9 }) : null;
  return {
    mtimeMs: stat.mtimeMs,
    size: stat.size,
    body,
    gzip: gz && gz.length < body.length ? gz : null,
    etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    type: MIME[ext] ?? 'application/octet-stream',
    fresh: ext === '.html' || ext === '.webmanifest' || path.basename(file) === 'sw.js',
  };
}

/** Whether the request's If-None-Match names this entity tag (a list, or `*`). */
function notModified(req: http.IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

export function portalStaticFiles(staticDir: string, securityHeaders: Record<string, string>) {
  const root = path.resolve(staticDir);
  const cache = new Map<string, StaticFile>();

  /** The file for a path (the app's page for any unknown path: the portal routes in the page), or null. */
  function resolve(pathname: string): string | null | 'bad' {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return 'bad';
    }
    if (decoded.includes('\0')) return 'bad';
    const file = path.resolve(root, '.' + decoded);
    if ((file !== root && !file.startsWith(root + path.sep)) || isSourceMap(file)) return null;
    return file;
  }

  function entry(file: string): StaticFile | null {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    if (stat.isDirectory()) return null;
    const known = cache.get(file);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known;
    const loaded = load(file, stat);
    cache.set(file, loaded);
    return loaded;
  }

  return function serve(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    const file = resolve(pathname);
    if (file === 'bad') return void res.writeHead(400).end('Bad path');
    if (file === null) return void res.writeHead(404).end('Not found');
    const f = entry(file) ?? entry(path.join(root, 'index.html'));
    if (!f) return void res.writeHead(404).end('Portal not built: run npm run build');
    const headers: Record<string, string> = {
      ...securityHeaders,
      'Content-Type': f.type,
      'Cache-Control': f.fresh ? 'no-cache' : 'public, max-age=31536000, immutable',
      ETag: f.etag,
      Vary: 'Accept-Encoding',
    };
    if (notModified(req, f.etag)) return void res.writeHead(304, headers).end();
    const gzip = f.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? f.gzip : null;
    const body = gzip ?? f.body;
    if (gzip) headers['Content-Encoding'] = 'gzip';
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
