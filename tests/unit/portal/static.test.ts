import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalStaticFiles } from '../../../src-main/host/http/portal-static';
import { tempDir } from '../../helpers/app';
import { request } from './fixtures';

/*
 * The built portal from memory: the page for any app path, long-lived hashed assets, re-checked page and
 * worker with ETag → 304, gzip for text when the phone asks, a rebuilt file noticed, nothing outside.
 */
let dir: string;
let server: http.Server;
let port: number;
const SCRIPT = `console.log(${JSON.stringify('portal '.repeat(500))});`;

beforeAll(async () => {
  dir = tempDir('portal-static-');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Portal</title>');
  fs.writeFileSync(path.join(dir, 'sw.js'), "const CACHE = 'portal-shell-abc';");
  fs.writeFileSync(path.join(dir, 'assets', 'index-1a2b.js'), SCRIPT);
  fs.writeFileSync(path.join(dir, 'assets', 'index-1a2b.js.map'), '{}');
  fs.writeFileSync(path.join(dir, 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const serve = portalStaticFiles(dir, { 'X-Frame-Options': 'DENY' });
  server = http.createServer((req, res) => serve(req, res, req.url!.split('?')[0]!));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('portal static files', () => {
  it('answers an app path with the page, re-checked on each visit, with the security headers', async () => {
    const r = await request(port, 'GET', '/bayar/abcdefghijklmnopqrstuv');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Portal</title>');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['content-type']).toMatch(/text\/html/);
  });

  it('keeps hashed assets a year and gzips them for a client that asks', async () => {
    const plain = await request(port, 'GET', '/assets/index-1a2b.js');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    const raw = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port, path: '/assets/index-1a2b.js', headers: { 'Accept-Encoding': 'gzip, br' } },
          (res) => {
            const parts: Buffer[] = [];
            res.on('data', (c: Buffer) => parts.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
          },
        )
        .on('error', reject);
    });
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(raw.body.length).toBeLessThan(SCRIPT.length / 5);
    expect(zlib.gunzipSync(raw.body).toString()).toBe(SCRIPT);
    // An image is sent as it is.
    const png = await request(port, 'GET', '/icon-192.png', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(png.headers['content-encoding']).toBeUndefined();
  });

  it('answers 304 to an unchanged worker and the new bytes once it is rebuilt', async () => {
    const first = await request(port, 'GET', '/sw.js');
    const etag = first.headers.etag!;
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await request(port, 'GET', '/sw.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const file = path.join(dir, 'sw.js');
    fs.writeFileSync(file, "const CACHE = 'portal-shell-def';");
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const rebuilt = await request(port, 'GET', '/sw.js', { headers: { 'If-None-Match': etag } });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toContain('portal-shell-def');
    expect(rebuilt.headers.etag).not.toBe(etag);
  });

  it('serves nothing outside the folder and no source maps', async () => {
    expect((await request(port, 'GET', '/assets/index-1a2b.js.map')).status).toBe(404);
    expect((await request(port, 'GET', '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await request(port, 'GET', '/%E0%A4%A')).status).toBe(400);
  });
});
