import { describe, expect, it } from 'vitest';
import { RouterError } from '../../src-main/routeros/client';
import { RouterPool, type PoolOptions, type RouterHealth } from '../../src-main/routeros/pool';
import { probeRouter } from '../../src-main/routeros/probe';
import { ManualTimers } from '../routeros-sim/manual-timers';
import type { RouterSim } from '../routeros-sim/simulator';
import { closedPort, onCleanup, sim } from './helpers';

function pool(opts: PoolOptions = {}) {
  const timers = new ManualTimers();
  const changes: RouterHealth[] = [];
  const p = new RouterPool({ timers, onStateChange: (h) => changes.push(h), ...opts });
  onCleanup(() => p.close());
  return { p, timers, changes };
}

const count = (s: RouterSim, cmd: string) => s.stats.byCommand[cmd] ?? 0;

describe('RouterPool', () => {
  it('connects lazily, reports online with version/identity/board, reuses one connection', async () => {
    const s = await sim({ identity: 'Kantor-Pusat', boardName: 'RB4011' });
    const { p, changes } = pool();
    p.set(1, s.target());
    expect(p.health(1)!.status).toBe('unknown');
    expect(s.stats.connections).toBe(0);
    await Promise.all([
      p.run(1, '/system/identity/print'),
      p.run(1, '/ppp/secret/print'),
      p.run(1, '/ppp/profile/print'),
    ]);
    await p.run(1, '/ppp/active/print');
    expect(s.stats.connections).toBe(1);
    expect(p.health(1)).toMatchObject({
      status: 'online',
      version: '7.19.4',
      identity: 'Kantor-Pusat',
      boardName: 'RB4011',
    });
    expect(p.health(1)!.lastSeenAt).toBeGreaterThan(0);
    expect(changes.map((c) => c.status)).toEqual(['online']);
    const client = p.client(1);
    expect(client.connected).toBe(true);
    expect(await client.run('/system/identity/print')).toEqual([{ name: 'Kantor-Pusat' }]);
  });

  it('unknown router id → RouterError, not a crash', async () => {
    const { p } = pool();
    await expect(p.run(42, '/system/identity/print')).rejects.toBeInstanceOf(RouterError);
  });

  it('sends /system/identity/print when idle for the keepalive interval, not while busy', async () => {
    const s = await sim();
    const { p, timers } = pool({ keepaliveMs: 30_000 });
    p.set(1, s.target());
    await p.connect(1);
    const base = count(s, '/system/identity/print');
    timers.advance(15_000);
    await p.run(1, '/ppp/secret/print'); // activity resets the idle clock
    timers.advance(15_000); // 30 s after connect, but only 15 s idle
    await p.run(1, '/ppp/profile/print'); // ordered after any keepalive on the same socket
    expect(count(s, '/system/identity/print')).toBe(base);
    const ping = s.waitForCommand('/system/identity/print');
    timers.advance(30_000);
    await ping;
    // the keepalive reply refreshes lastSeenAt and re-arms the keepalive
    await expect.poll(() => p.health(1)!.lastSeenAt).toBe(timers.now());
    const ping2 = s.waitForCommand('/system/identity/print');
    timers.advance(30_000);
    await ping2;
    expect(p.health(1)!.status).toBe('online');
  });

  it('an open stream (listen) does not suppress the keepalive', async () => {
    const s = await sim();
    const { p, timers } = pool({ keepaliveMs: 30_000 });
    p.set(1, s.target());
    await p.connect(1);
    const listen = await p.stream(1, '/ppp/active/listen', {}, () => {});
    await expect.poll(() => s.state.activeListeners.size).toBe(1);
    const ping = s.waitForCommand('/system/identity/print');
    timers.advance(30_000);
    await ping;
    await listen.stop();
  });

  it('a router that stops answering the keepalive goes offline and is retried', async () => {
    const s = await sim();
    const { p, timers, changes } = pool({ keepaliveMs: 30_000, keepaliveTimeoutMs: 10_000 });
    p.set(1, s.target());
    await p.connect(1);
    s.faults.silent = true;
    const ping = s.waitForCommand('/system/identity/print');
    timers.advance(30_000);
    await ping;
    timers.advance(10_000); // keepalive timeout
    await expect.poll(() => p.health(1)!.status).toBe('offline');
    expect(p.health(1)).toMatchObject({ lastErrorKind: 'timeout' });
    expect(p.health(1)!.lastError).toContain('stopped answering');
    expect(changes.map((c) => c.status)).toEqual(['online', 'offline']);
    // reconnect after the backoff once the router answers again
    s.faults.silent = false;
    timers.advance(1_000);
    await expect.poll(() => p.health(1)!.status).toBe('online');
  });

  it('reconnects with backoff after the router restarts', async () => {
    const s = await sim();
    const { p, timers, changes } = pool({ backoffInitialMs: 1_000, backoffMaxMs: 8_000 });
    p.set(1, s.target());
    await p.connect(1);
    await s.stop();
    await expect.poll(() => p.health(1)!.status).toBe('offline');
    timers.advance(1_000); // first retry: refused
    await expect.poll(() => p.health(1)!.lastError ?? '').toContain('connection refused');
    const connectionsWhileDown = s.stats.connections;
    await s.start(); // same port
    timers.advance(1_999); // second retry is due after 2 s
    expect(s.stats.connections).toBe(connectionsWhileDown);
    timers.advance(1);
    await expect.poll(() => p.health(1)!.status).toBe('online');
    expect(await p.run(1, '/system/identity/print')).toEqual([{ name: 'MikroTik' }]);
    expect(changes.map((c) => c.status).filter((x, i, a) => x !== a[i - 1])).toEqual(['online', 'offline', 'online']);
  });

  it('pending commands are rejected with closed when the connection drops, then the next run reconnects', async () => {
    const s = await sim();
    const { p, timers } = pool();
    p.set(1, s.target());
    await p.connect(1);
    s.inject('/ppp/secret/print', { kind: 'silent' }, 1);
    const pending = p.run(1, '/ppp/secret/print').catch((e: RouterError) => e);
    await s
      .waitForCommand('/ppp/secret/print')
      .then(
        () => undefined,
        () => undefined,
      )
      .catch(() => undefined);
    s.dropConnections();
    expect(((await pending) as RouterError).kind).toBe('closed');
    await expect.poll(() => p.health(1)!.status).toBe('offline');
    timers.advance(1_000);
    await expect.poll(() => p.health(1)!.status).toBe('online');
    expect(s.stats.connections).toBe(2);
  });

  it('bad credentials → auth_failed, no background retries; new settings recover', async () => {
    const s = await sim();
    const { p, timers, changes } = pool();
    p.set(1, s.target({ password: 'salah' }));
    await expect(p.connect(1)).rejects.toMatchObject({ kind: 'auth' });
    expect(p.health(1)).toMatchObject({ status: 'auth_failed', lastErrorKind: 'auth' });
    expect(timers.pending).toBe(0);
    // within the retry floor a call fails at once without a new connection
    const before = s.stats.connections;
    await expect(p.run(1, '/system/identity/print')).rejects.toMatchObject({ kind: 'auth' });
    expect(s.stats.connections).toBe(before);
    p.set(1, s.target());
    expect(p.health(1)!.status).toBe('unknown');
    await p.run(1, '/system/identity/print');
    expect(changes.map((c) => c.status)).toEqual(['auth_failed', 'unknown', 'online']);
  });

  it('a command timeout triggers a liveness check; a live router stays online', async () => {
    const s = await sim();
    const { p, timers } = pool();
    p.set(1, s.target());
    await p.connect(1);
    s.inject('/ppp/secret/print', { kind: 'silent' }, 1);
    const seen = s.waitForCommand('/ppp/secret/print');
    const r = p.run(1, '/ppp/secret/print', {}, { timeoutMs: 5_000 }).catch((e: RouterError) => e);
    await seen;
    const ping = s.waitForCommand('/system/identity/print');
    timers.advance(5_000);
    expect(((await r) as RouterError).kind).toBe('timeout');
    await ping;
    await p.run(1, '/ppp/profile/print');
    expect(p.health(1)!.status).toBe('online');
  });

  it("a user's retry connects at once, whatever the backoff and the retry floor", async () => {
    const s = await sim();
    const { p, timers } = pool({ backoffInitialMs: 60_000, retryFloorMs: 1_000 });
    p.set(1, s.target());
    await s.stop();
    for (let i = 0; i < 3; i++) {
      await expect(p.connect(1)).rejects.toMatchObject({ kind: 'unreachable' });
      timers.advance(1_001); // past the retry floor; the pool's own reconnect waits a minute
    }
    await expect(p.connect(1)).rejects.toMatchObject({ kind: 'unreachable' });
    await s.start();
    // Just failed: an ordinary call gets the cached failure (the floor), without a connection ...
    const before = s.stats.connections;
    await expect(p.connect(1)).rejects.toMatchObject({ kind: 'unreachable' });
    expect(s.stats.connections).toBe(before);
    // ... a retry does not: a new connection now, no timer needed.
    await p.retryNow(1);
    expect(p.health(1)!.status).toBe('online');
    expect(s.stats.connections).toBe(before + 1);
  });

  it('a retry replaces an attempt stuck on a router that accepts but never answers', async () => {
    const s = await sim();
    const { p, timers } = pool();
    p.set(1, s.target());
    s.faults.silent = true;
    let logins = 0;
    s.on('command', (c: { command: string }) => void (c.command === '/login' && logins++));
    const waiting = p.connect(1); // the sync worker, waiting for the 10 s connect timeout
    await expect.poll(() => logins).toBe(1);
    s.faults.silent = false; // the router answers again; the stuck socket never will
    await p.retryNow(1);
    // the caller that was waiting gets the new attempt's answer, without any timer firing
    await expect(waiting).resolves.toBeUndefined();
    expect(p.health(1)!.status).toBe('online');
    expect(timers.now()).toBe(1_700_000_000_000);
  });

  it('20 retries pressed together make one connection attempt', async () => {
    const s = await sim();
    const { p } = pool();
    p.set(1, s.target());
    await s.stop();
    const before = s.stats.connections;
    const all = await Promise.allSettled(Array.from({ length: 20 }, () => p.retryNow(1)));
    expect(all.every((r) => r.status === 'rejected')).toBe(true);
    await s.start();
    expect(s.stats.connections).toBe(before); // the listener was down: nothing reached it
    const ok = await Promise.allSettled(Array.from({ length: 20 }, () => p.retryNow(1)));
    expect(ok.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(s.stats.connections).toBe(before + 1);
  });

  it('a listener that throws does not break the pool', async () => {
    const s = await sim();
    const { p } = pool({
      onStateChange: () => {
        throw new Error('boom');
      },
    });
    p.set(1, s.target());
    expect(await p.run(1, '/system/identity/print')).toEqual([{ name: 'MikroTik' }]);
  });

  it('delete() closes the connection and forgets the router', async () => {
    const s = await sim();
    const { p } = pool();
    p.set(7, s.target());
    await p.connect(7);
    await p.delete(7);
    expect(p.has(7)).toBe(false);
    await expect.poll(() => s.stats.open).toBe(0);
  });
});

describe('probeRouter', () => {
  it('returns identity, version, uptime and board', async () => {
    const s = await sim({ identity: 'Tower-2', version: '6.49.10', boardName: 'RB750Gr3' });
    const r = await probeRouter(s.target());
    expect(r).toMatchObject({ identity: 'Tower-2', version: '6.49.10', boardName: 'RB750Gr3' });
    expect(r.uptime).toMatch(/^\d/);
    await expect.poll(() => s.stats.open).toBe(0);
  });

  it('gives a clear reason: bad credentials, refused, timeout', async () => {
    const s = await sim();
    await expect(probeRouter(s.target({ password: 'x' }))).rejects.toMatchObject({ kind: 'auth' });
    const port = await closedPort();
    await expect(probeRouter({ ...s.target(), port })).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('connection refused'),
    });
    s.faults.silent = true;
    await expect(probeRouter(s.target({ connectTimeoutMs: 200 }))).rejects.toMatchObject({ kind: 'timeout' });
    await expect(probeRouter({ ...s.target(), host: 'no-such-router.invalid' })).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('not found'),
    });
  });
});
