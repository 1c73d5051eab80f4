import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { portalStatus } from '../../../src-main/core/portal/status';
import { startPortalRunner } from '../../../src-main/host/portal-runner';
import { testApp, type TestApp } from '../../helpers/app';
import { request } from './fixtures';

/** Polls until `ok()` holds (the runner applies settings changes on its own queue). */
async function until(ok: () => boolean) {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setImmediate(r));
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(ok()).toBe(true);
}

/** A port free right now (Settings take 1–65535, not 0). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

let t: TestApp;
afterEach(() => t?.close());

describe('the portal runner follows Settings', () => {
  it('is off by default, starts when switched on, stops when switched off', async () => {
    t = await testApp();
    const urls: string[] = [];
    const runner = startPortalRunner(t.app, { onListening: (u) => urls.push(u) });
    await runner.ready;
    expect(portalStatus(t.app.ctx)).toEqual({ url: null, error: null });

    await t.ok('settings.update', { portalEnabled: true, portalHost: '127.0.0.1', portalPort: await freePort() });
    await until(() => portalStatus(t.app.ctx).url !== null);
    const url = portalStatus(t.app.ctx).url!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await t.ok('settings.portalStatus', {})).url).toBe(url);
    const port = Number(new URL(url).port);
    const r = await request(port, 'POST', '/api/portal.me', {
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(401);

    await t.ok('settings.update', { portalEnabled: false });
    await until(() => portalStatus(t.app.ctx).url === null);
    await expect(request(port, 'POST', '/api/portal.me', { body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
    await runner.stop();
    expect(urls).toEqual([url]);
  });

  it('reports a port it cannot take instead of failing the app', async () => {
    t = await testApp();
    const first = startPortalRunner(t.app, { fixed: { host: '127.0.0.1', port: 0 } });
    await first.ready;
    const taken = Number(new URL(portalStatus(t.app.ctx).url!).port);
    const errors: string[] = [];
    const second = startPortalRunner(t.app, {
      fixed: { host: '127.0.0.1', port: taken },
      onError: (m) => errors.push(m),
    });
    await second.ready;
    expect(errors[0]).toMatch(/cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
    expect(portalStatus(t.app.ctx).error).toBe(errors[0]);
    await second.stop();
    await first.stop();
  });
});
