import { describe, expect, it } from 'vitest';
import { RouterError } from '../../src-main/routeros/client';
import { RouterConnection } from '../../src-main/routeros/connection';
import { encodeSentence } from '../routeros-sim/wire';
import { WireReader } from '../routeros-sim/wire';
import { closedPort, connect, rawServer, routerCert, routerKey, sim } from './helpers';

const err = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(RouterError);
      return e as RouterError;
    },
  );

describe('login', () => {
  it('logs in with the 6.43+ method and runs commands', async () => {
    const s = await sim();
    const c = await connect(s.target());
    expect(c.connected).toBe(true);
    expect(await c.run('/system/identity/print')).toEqual([{ name: 'MikroTik' }]);
    expect(s.stats.logins).toBe(1);
  });

  it('answers the pre-6.43 md5 challenge', async () => {
    const s = await sim({ legacyLogin: true, version: '6.42.12' });
    const c = await connect(s.target());
    const [r] = await c.run('/system/resource/print');
    expect(r!.version).toBe('6.42.12 (stable)');
    expect(s.stats.logins).toBe(1);
  });

  it.each([false, true])('bad password → auth error and the socket is closed (legacy=%s)', async (legacyLogin) => {
    const s = await sim({ legacyLogin });
    const e = await err(RouterConnection.open(s.target({ password: 'salah' })));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('invalid user name or password');
    expect(s.stats.loginFailures).toBe(1);
  });

  it('a router that rejects every login → auth', async () => {
    const s = await sim();
    s.faults.rejectLogins = true;
    expect((await err(RouterConnection.open(s.target()))).kind).toBe('auth');
  });

  it('connection refused names the API service and port', async () => {
    const port = await closedPort();
    const e = await err(RouterConnection.open({ host: '127.0.0.1', port, tls: false, username: 'a', password: 'b' }));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toContain(`connection refused — is the API service enabled on port ${port}?`);
  });

  it('a router that accepts but never answers the login → timeout', async () => {
    const s = await sim();
    s.faults.silent = true;
    const e = await err(RouterConnection.open(s.target({ connectTimeoutMs: 200 })));
    expect(e.kind).toBe('timeout');
    await expect.poll(() => s.stats.open).toBe(0);
  });

  it('a connection closed during login → closed, not hanging', async () => {
    const s = await sim();
    s.on('command', (c) => c.command === '/login' && s.dropConnections());
    const e = await err(RouterConnection.open(s.target()));
    expect(e.kind).toBe('closed');
  });
});

describe('replies', () => {
  it('!trap keeps message and category; the connection stays usable', async () => {
    const s = await sim();
    const c = await connect(s.target());
    s.inject('/ppp/secret/add', { kind: 'trap', message: 'failure: out of disk', category: '3' }, 1);
    const e = await err(c.run('/ppp/secret/add', { name: 'budi' }));
    expect([e.kind, e.message, e.category]).toEqual(['trap', 'failure: out of disk', '3']);
    expect(await c.run('/ppp/secret/add', { name: 'budi' })).toEqual([{ ret: '*1' }]);
    const dup = await err(c.run('/ppp/secret/add', { name: 'budi' }));
    expect(dup.message).toBe('failure: secret with the same name already exists');
    expect((await err(c.run('/ppp/secret/remove', { '.id': '*99' }))).message).toBe('no such item');
  });

  it('!fatal rejects every pending command with fatal and closes', async () => {
    const s = await sim();
    const closed: RouterError[] = [];
    const c = await connect(s.target(), { onClose: (r) => closed.push(r) });
    s.inject('/ppp/secret/print', { kind: 'silent' });
    const waiting = err(c.run('/ppp/secret/print'));
    s.inject('/system/identity/print', { kind: 'fatal', message: 'out of memory' });
    const e1 = await err(c.run('/system/identity/print'));
    const e2 = await waiting;
    expect([e1.kind, e2.kind]).toEqual(['fatal', 'fatal']);
    expect(e1.message).toContain('out of memory');
    expect(c.connected).toBe(false);
    expect(closed).toHaveLength(1);
    // a write after the disconnect rejects at once
    expect((await err(c.run('/system/identity/print'))).kind).toBe('closed');
  });

  it('!empty (RouterOS 7.18+) is "no rows", then waits for !done', async () => {
    const s = await sim({ version: '7.19.4' });
    const c = await connect(s.target());
    let sawEmpty = false;
    s.on('command', () => (sawEmpty = s.emptyMode));
    expect(await c.run('/ppp/secret/print')).toEqual([]);
    expect(sawEmpty).toBe(true);
    expect(await c.run('/ppp/active/print', {}, { queries: ['?name=x'] })).toEqual([]);
    // the connection is not wedged afterwards
    s.addSecret({ name: 'a' });
    expect((await c.run('/ppp/secret/print', { '.proplist': 'name' })).map((r) => r.name)).toEqual(['a']);
  });

  it('!empty arriving in its own segments, before !done in a later one', async () => {
    const s = await sim({ version: '7.18' });
    const c = await connect(s.target());
    s.faults.split = { segmentSize: 3, gapMs: 1 };
    expect(await c.run('/ppp/profile/print', {}, { queries: ['?name=none'] })).toEqual([]);
  });

  it('count-only returns the count as { ret }', async () => {
    const s = await sim();
    s.seedSecrets(7);
    const c = await connect(s.target());
    expect(await c.run('/ppp/secret/print', { 'count-only': '' })).toEqual([{ ret: '7' }]);
  });

  it('booleans go out as yes/no and come back as the version prints them', async () => {
    const s = await sim({ version: '6.49.10' });
    const c = await connect(s.target());
    const seen = s.waitForCommand('/ppp/secret/add');
    await c.run('/ppp/secret/add', { name: 'x', disabled: true });
    expect((await seen).attrs.disabled).toBe('yes');
    expect((await c.run('/ppp/secret/print'))[0]!.disabled).toBe('yes');
    s.setVersion('7.19.4');
    expect((await c.run('/ppp/secret/print'))[0]!.disabled).toBe('true');
  });
});

describe('segmentation', () => {
  it('a reply split at every byte offset is delivered', async () => {
    const s = await sim();
    const c = await connect(s.target());
    // the identity reply is `!re =name=MikroTik .tag=N` + `!done .tag=N`: well under 60 bytes
    for (let at = 1; at <= 60; at++) {
      s.faults.split = { at: [at], gapMs: 1 };
      expect(await c.run('/system/identity/print', {}, { timeoutMs: 2000 })).toEqual([{ name: 'MikroTik' }]);
    }
  });

  it('one byte per TCP segment, with rows and a !trap', async () => {
    const s = await sim({ tagFirst: true });
    s.seedSecrets(3);
    const c = await connect(s.target());
    s.faults.split = { segmentSize: 1, gapMs: 0 };
    const rows = await c.run('/ppp/secret/print', { '.proplist': '.id,name' });
    expect(rows.map((r) => r.name)).toEqual(['user0001', 'user0002', 'user0003']);
    expect((await err(c.run('/ppp/secret/remove', { numbers: 'nobody' }))).message).toBe('no such item');
  });

  it('a final zero byte alone in its own segment does not stall the command', async () => {
    const s = await sim();
    const c = await connect(s.target());
    s.faults.split = { at: [-1], gapMs: 30 };
    const t0 = Date.now();
    expect(await c.run('/system/identity/print', {}, { timeoutMs: 5000 })).toEqual([{ name: 'MikroTik' }]);
    expect(Date.now() - t0).toBeLessThan(2000); // a stalled client would sit until the 5 s timeout
  });

  it('the simulator really sends separate segments (raw socket view)', async () => {
    const s = await sim();
    s.faults.split = { at: [-1], gapMs: 30 };
    const { connect: netConnect } = await import('node:net');
    const sock = netConnect(s.port, '127.0.0.1');
    const reader = new WireReader();
    const chunks: number[] = [];
    const sentences: string[][] = [];
    await new Promise<void>((resolve) => {
      sock.on('data', (d) => {
        chunks.push(d.length);
        sentences.push(...reader.push(d));
        if (sentences.length === 1) resolve();
      });
      sock.write(encodeSentence(['/login', '=name=admin', '=password=rahasia']));
    });
    sock.destroy();
    expect(sentences[0]).toEqual(['!done']);
    expect(chunks).toEqual([6, 1]);
  });
});

describe('timeouts, drops and garbage', () => {
  it('latency delays but pipelined commands overlap', async () => {
    const s = await sim();
    const c = await connect(s.target());
    s.faults.latencyMs = 100;
    const t0 = Date.now();
    const all = await Promise.all(Array.from({ length: 10 }, () => c.run('/system/identity/print')));
    const took = Date.now() - t0;
    expect(all).toHaveLength(10);
    expect(took).toBeGreaterThanOrEqual(95);
    expect(took).toBeLessThan(900); // ten sequential round trips would take ≥ 1000 ms
  });

  it('a router that stops answering → timeout within the per-command timeout, then /cancel is sent', async () => {
    const s = await sim();
    const c = await connect(s.target({ commandTimeoutMs: 200 }));
    s.inject('/ppp/secret/print', { kind: 'silent' }, 1);
    const cancel = s.waitForCommand('/cancel');
    const t0 = Date.now();
    const e = await err(c.run('/ppp/secret/print'));
    expect(e.kind).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(1500);
    const sent = await cancel;
    expect(sent.attrs.tag).toBeDefined();
    // the late !trap interrupted / !done of the cancelled command are dropped; the connection still works
    expect(await c.run('/system/identity/print')).toEqual([{ name: 'MikroTik' }]);
  });

  it('per-call timeoutMs overrides the default', async () => {
    const s = await sim();
    const c = await connect(s.target());
    s.inject('/system/resource/print', { kind: 'silent' }, 1);
    expect((await err(c.run('/system/resource/print', {}, { timeoutMs: 100 }))).kind).toBe('timeout');
  });

  it('a connection dropped mid-command rejects every pending command with closed', async () => {
    const s = await sim();
    const c = await connect(s.target());
    s.inject('/ppp/secret/print', { kind: 'silent' });
    const a = c.run('/ppp/secret/print');
    const b = c.run('/ppp/secret/print');
    s.inject('/ppp/profile/print', { kind: 'drop' });
    const d = c.run('/ppp/profile/print');
    const errors = await Promise.all([err(a), err(b), err(d)]);
    expect(errors.map((e) => e.kind)).toEqual(['closed', 'closed', 'closed']);
    expect(c.connected).toBe(false);
    expect((await err(c.run('/system/identity/print'))).message).toMatch(/^not connected to the router/);
  });

  it('a connection dropped in the middle of a reply rejects with closed', async () => {
    const s = await sim();
    s.seedSecrets(20);
    const c = await connect(s.target());
    s.inject('/ppp/secret/print', { kind: 'dropMidReply' });
    expect((await err(c.run('/ppp/secret/print'))).kind).toBe('closed');
  });

  it('garbage control bytes → protocol error, connection dropped, process fine', async () => {
    const s = await sim();
    const c = await connect(s.target());
    s.inject('/system/identity/print', { kind: 'garbage', bytes: Buffer.from([0xf8, 0xff, 0x00, 0x13]) });
    const pending = err(c.run('/ppp/secret/print'));
    const e = await err(c.run('/system/identity/print'));
    expect(e.kind).toBe('protocol');
    expect((await pending).kind).toBe('protocol');
    expect(c.connected).toBe(false);
  });

  it('unsolicited, untagged, unknown-tag and unknown-type sentences are ignored', async () => {
    const port = await rawServer((sock) => {
      const r = new WireReader();
      sock.on('data', (d) => {
        for (const words of r.push(d)) {
          const tag = words.find((w) => w.startsWith('.tag='))!;
          if (words[0] === '/login') sock.write(encodeSentence(['!done', tag]));
          else
            sock.write(
              Buffer.concat([
                encodeSentence(['!re', '=name=stray']), // untagged
                encodeSentence(['!re', '.tag=999', '=name=other']), // unknown tag
                encodeSentence(['!weird', tag]), // unknown reply type
                encodeSentence(['!re', '=name=mine', tag]),
                encodeSentence(['!done', tag]),
              ]),
            );
        }
      });
    });
    const c = await connect({ host: '127.0.0.1', port, tls: false, username: 'u', password: 'p' });
    expect(await c.run('/x/print')).toEqual([{ name: 'mine' }]);
  });

  it('an !fatal before login (not logged in) is a fatal error', async () => {
    const port = await rawServer((sock) => sock.write(encodeSentence(['!fatal', 'not logged in'])));
    const e = await err(RouterConnection.open({ host: '127.0.0.1', port, tls: false, username: 'u', password: 'p' }));
    expect(e.kind).toBe('fatal');
    expect(e.message).toContain('not logged in');
  });

  it('close() rejects pending commands with closed and resolves', async () => {
    const s = await sim();
    const c = await RouterConnection.open(s.target());
    s.inject('/ppp/secret/print', { kind: 'silent' });
    const p = err(c.run('/ppp/secret/print'));
    await c.close();
    expect((await p).kind).toBe('closed');
    await expect.poll(() => s.stats.open).toBe(0);
  });
});

describe('concurrency and streaming', () => {
  it('40 interleaved tagged commands each get their own reply', async () => {
    const s = await sim();
    for (let i = 0; i < 40; i++) s.addSecret({ name: `u${i}`, comment: `C${i}` });
    const c = await connect(s.target());
    s.faults.split = { segmentSize: 7, gapMs: 0 };
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 3 === 0
          ? c.run('/ppp/secret/print', { '.proplist': 'name,comment' }, { queries: [`?name=u${i}`] })
          : i % 3 === 1
            ? c.run('/ppp/secret/set', { numbers: `u${i}`, comment: `X${i}` })
            : c.run('/ppp/secret/remove', { numbers: `nobody${i}` }).catch((e: RouterError) => [{ err: e.message }]),
      ),
    );
    results.forEach((r, i) => {
      if (i % 3 === 0) expect(r).toEqual([{ name: `u${i}`, comment: `C${i}` }]);
      else if (i % 3 === 1) expect(r).toEqual([]);
      else expect(r).toEqual([{ err: 'no such item' }]);
    });
    expect(s.secret('u1')!.comment).toBe('X1');
  });

  it('monitor-traffic once; offline user → trap', async () => {
    const s = await sim();
    s.addSecret({ name: 'budi' });
    s.connectUser('budi', { rxBps: 1234, txBps: 5678 });
    const c = await connect(s.target());
    const [r] = await c.run('/interface/monitor-traffic', { interface: '<pppoe-budi>', once: '' });
    expect([r!['rx-bits-per-second'], r!['tx-bits-per-second']]).toEqual(['1234', '5678']);
    expect((await err(c.run('/interface/monitor-traffic', { interface: '<pppoe-siti>', once: '' }))).kind).toBe('trap');
  });

  it('kicking a session via /ppp/active/remove', async () => {
    const s = await sim();
    s.addSecret({ name: 'budi' });
    s.connectUser('budi');
    const c = await connect(s.target());
    const [a] = await c.run('/ppp/active/print', {}, { queries: ['?name=budi'] });
    await c.run('/ppp/active/remove', { '.id': a!['.id'] });
    expect(s.activeSessions()).toEqual([]);
    expect(await c.run('/ppp/active/print', { 'count-only': '' })).toEqual([{ ret: '0' }]);
  });
});

describe('API-SSL', () => {
  it('TLS with the router certificate pinned', async () => {
    const s = await sim({ tls: { key: routerKey(), cert: routerCert() } });
    const c = await connect(s.target({ tlsCa: routerCert() }));
    expect(await c.run('/system/identity/print')).toEqual([{ name: 'MikroTik' }]);
  });

  it('TLS with a different pinned certificate is refused clearly', async () => {
    const s = await sim({ tls: { key: routerKey(), cert: routerCert() } });
    const other = (await import('node:fs')).readFileSync(
      new URL('../routeros-sim/fixtures/other-cert.pem', import.meta.url),
      'utf8',
    );
    const e = await err(RouterConnection.open(s.target({ tlsCa: other })));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toMatch(/TLS handshake/);
    expect(s.stats.logins).toBe(0);
  });

  it('TLS on a trusted LAN without a pinned certificate', async () => {
    const s = await sim({ tls: { key: routerKey(), cert: routerCert() } });
    const c = await connect(s.target());
    expect(await c.run('/system/identity/print')).toEqual([{ name: 'MikroTik' }]);
  });

  it('TLS to a plain API port fails clearly instead of hanging', async () => {
    const s = await sim();
    const e = await err(RouterConnection.open(s.target({ tls: true, connectTimeoutMs: 300 })));
    expect(['unreachable', 'closed', 'timeout']).toContain(e.kind);
  });

  it('TLS defaults to port 8729 when no port is given', async () => {
    const { portOf } = await import('../../src-main/routeros/errors');
    expect(portOf({ port: 0, tls: true })).toBe(8729);
    expect(portOf({ port: 0, tls: false })).toBe(8728);
  });
});

describe('streaming commands', () => {
  it('/ppp/active/listen delivers connects and .dead rows until stop()', async () => {
    const s = await sim();
    s.seedSecrets(2);
    const c = await connect(s.target());
    const rows: Record<string, string>[] = [];
    let seen = () => {};
    const { done, stop } = c.stream('/ppp/active/listen', {}, (r) => {
      rows.push(r);
      seen();
    });
    await expect.poll(() => s.state.activeListeners.size).toBe(1);
    const two = new Promise<void>((r) => (seen = () => rows.length === 2 && r()));
    s.connectUser('user0001');
    s.disconnectUser('user0001');
    await two;
    expect(rows[0]).toMatchObject({ name: 'user0001' });
    expect(rows[1]).toMatchObject({ '.dead': 'yes', '.id': rows[0]!['.id'] });
    await stop();
    await done;
    expect(s.state.activeListeners.size).toBe(0);
    expect(await c.run('/system/identity/print')).toEqual([{ name: 'MikroTik' }]);
  });

  it('monitor-traffic without =once= streams rows; a dropped connection rejects done', async () => {
    const s = await sim({ monitorIntervalMs: 10 });
    s.addSecret({ name: 'budi' });
    s.connectUser('budi', { rxBps: 42, txBps: 43 });
    const c = await connect(s.target());
    const rows: Record<string, string>[] = [];
    let third = () => {};
    const got3 = new Promise<void>((r) => (third = r));
    const { done } = c.stream('/interface/monitor-traffic', { interface: '<pppoe-budi>' }, (r) => {
      rows.push(r);
      if (rows.length === 3) third();
    });
    const settled = done.then(
      () => 'resolved',
      (e: RouterError) => e.kind,
    );
    await got3;
    expect(rows[2]!['rx-bits-per-second']).toBe('42');
    s.dropConnections();
    expect(await settled).toBe('closed');
  });

  it('a stream on a closed connection rejects at once', async () => {
    const s = await sim();
    const c = await connect(s.target());
    await c.close();
    await expect(c.stream('/ppp/active/listen', {}, () => {}).done).rejects.toMatchObject({ kind: 'closed' });
  });
});
