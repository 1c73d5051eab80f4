import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/host/security-policy';
import { tempDir } from '../../helpers/app';
import { createElectronMock } from './electron-mock';

vi.mock('electron', () => createElectronMock({ userData: '/tmp/none', appPath: '/tmp/none' }));

const { createAppProtocolHandler, registerAppScheme, resolveAppPath } = await import(
  '../../../src-main/host/electron/protocol'
);

const base = tempDir('pppoe-proto-');
const root = path.join(base, 'renderer');
fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>PPPoE Desk</title>');
fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
// A debugging build's leftover: never served.
fs.writeFileSync(path.join(root, 'assets', 'app.js.map'), '{"sources":["src-renderer/main.tsx"]}');
// A file next to the renderer folder that traversal would reach.
fs.writeFileSync(path.join(base, 'secret.txt'), 'db password');
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const handler = createAppProtocolHandler(root);
const get = (url: string, init: RequestInit & { initiatorOrigin?: string } = {}) =>
  handler(Object.assign(new Request(url, init), { initiatorOrigin: init.initiatorOrigin }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme (before ready)', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('serves the renderer with the CSP header and a MIME type', async () => {
    const res = await get('app://pppoe-desk/assets/app.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const index = await get('app://pppoe-desk/');
    expect(await index.text()).toContain('PPPoE Desk');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('client-side routes fall back to index.html, missing assets are 404 (with CSP)', async () => {
    const route = await get('app://pppoe-desk/customers/12');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('PPPoE Desk');
    const missing = await get('app://pppoe-desk/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never serves a source map, present or not', async () => {
    for (const url of [
      'app://pppoe-desk/assets/app.js.map',
      'app://pppoe-desk/assets/APP.JS.MAP',
      'app://pppoe-desk/x.map',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('sources');
    }
  });

  it.each([
    'app://pppoe-desk/..%2Fsecret.txt',
    'app://pppoe-desk/assets/..%2F..%2Fsecret.txt',
    'app://pppoe-desk/%2e%2e%2fsecret.txt',
    'app://pppoe-desk/..%5Csecret.txt',
    'app://pppoe-desk/assets%5C..%5C..%5Csecret.txt',
    'app://pppoe-desk/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://pppoe-desk/index.html%00.js',
    'app://pppoe-desk/%E0%A4%A',
    'app://other-host/index.html',
  ])('refuses %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('db password');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('resolveAppPath keeps every accepted path inside the root', () => {
    expect(resolveAppPath(root, 'app://pppoe-desk/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, 'app://pppoe-desk/../secret.txt')).toBe(path.join(root, 'secret.txt')); // URL parser normalised it
    expect(resolveAppPath(root, 'app://pppoe-desk/a/..%2F..%2F..%2Fsecret.txt')).toBeNull();
    expect(resolveAppPath(root, 'https://pppoe-desk/index.html')).toBeNull();
    expect(resolveAppPath(root, '::')).toBeNull();
  });

  it('refuses other methods and requests started by another origin', async () => {
    expect((await get('app://pppoe-desk/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await get('app://pppoe-desk/index.html', { initiatorOrigin: 'https://evil.example' })).status).toBe(403);
    expect((await get('app://pppoe-desk/index.html', { initiatorOrigin: 'app://pppoe-desk' })).status).toBe(200);
  });
});
