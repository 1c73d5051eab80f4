/** The shared HTTP layer against a scripted server on 127.0.0.1: classification, retries, scrubbing. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src-main/integrations/payments';
import { GatewayHttpClient, joinUrl, type HttpCall } from '../../../src-main/integrations/payments/http/client';
import { createWithRecovery } from '../../../src-main/integrations/payments/http/recovery';
import { FakeClock } from '../../fakes/gateways';
import { recordingLogger } from './harness';

type Script = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let server: http.Server | undefined;
let hits = 0;

async function serve(script: Script): Promise<string> {
  hits = 0;
  server = http.createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => script(req, res));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

afterEach(async () => {
  const s = server;
  server = undefined;
  if (s) await new Promise<void>((r) => (s.close(() => r()), s.closeAllConnections()));
});

const SECRET = 'sk-very-secret-key-123';
const basic = Buffer.from(`${SECRET}:`).toString('base64');

/** A generous timeout, so a slow machine never turns an answer into a timeout; 300 ms where one is wanted. */
function client(base: string, logs: string[] = [], clock = new FakeClock(), timeoutMs = 3000) {
  return new GatewayHttpClient('xendit', base, [SECRET, basic], {
    clock,
    timeoutMs,
    maxAttempts: 3,
    random: () => 1,
    logger: recordingLogger(logs),
  });
}

const get: HttpCall = { operation: 'status', method: 'GET', path: 'v2/thing', retry: 'safe' };
const post: HttpCall = { operation: 'create', method: 'POST', path: 'v2/thing', body: '{}', retry: 'never' };

async function failure(p: Promise<unknown>): Promise<GatewayError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GatewayError);
  return e as GatewayError;
}

describe('GatewayHttpClient', () => {
  it('joins base URL and path with exactly one slash and adds the query', () => {
    expect(joinUrl('https://tripay.co.id/api-sandbox/', '/transaction/detail', { reference: 'T 1' })).toBe(
      'https://tripay.co.id/api-sandbox/transaction/detail?reference=T+1',
    );
    expect(joinUrl('http://127.0.0.1:9/webapi/api/merchant', 'v2/inquiry')).toBe(
      'http://127.0.0.1:9/webapi/api/merchant/v2/inquiry',
    );
  });

  it('does not retry a 4xx: 404 is not_found, 401 is auth, 400 is rejected', async () => {
    for (const [status, kind] of [
      [404, 'not_found'],
      [401, 'auth'],
      [400, 'rejected'],
    ] as const) {
      const base = await serve((_q, res) => res.writeHead(status).end('{"message":"nope"}'));
      const e = await failure(client(base).send(get));
      expect(e).toMatchObject({ kind, status, retryable: false, providerMessage: 'nope' });
      expect(hits).toBe(1);
      await new Promise<void>((r) => server!.close(() => r()));
      server = undefined;
    }
  });

  it('retries 5xx with growing backoff, up to the attempt limit', async () => {
    const clock = new FakeClock();
    const base = await serve((_q, res) => res.writeHead(503).end('busy'));
    const e = await failure(client(base, [], clock).send(get));
    expect(e).toMatchObject({ kind: 'server', status: 503, retryable: true });
    expect(hits).toBe(3);
    expect(clock.sleeps).toEqual([500, 1000]); // random() = 1: the full exponential cap
  });

  it('waits as long as a 429 Retry-After asks, and holds the rate limiter meanwhile', async () => {
    const clock = new FakeClock();
    const t0 = clock.now();
    const base = await serve((_q, res) =>
      hits === 1 ? res.writeHead(429, { 'retry-after': '7' }).end('{}') : res.writeHead(200).end('{"ok":true}'),
    );
    const answer = await client(base, [], clock).send(get);
    expect(answer.status).toBe(200);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(7000);
  });

  it('times out a silent server per attempt and marks a POST ambiguous', async () => {
    const base = await serve(() => undefined); // never answers
    const e = await failure(client(base, [], new FakeClock(), 300).send(post));
    expect(e).toMatchObject({ kind: 'timeout', ambiguous: true, retryable: true });
    expect(hits).toBe(1); // retry 'never'
  });

  it('a refused connection is a network error that never reached the provider (not ambiguous)', async () => {
    const base = await serve(() => undefined);
    await new Promise<void>((r) => (server!.close(() => r()), server!.closeAllConnections()));
    server = undefined;
    const e = await failure(client(base).send(post));
    expect(e).toMatchObject({ kind: 'network', ambiguous: false, retryable: true });
  });

  it('an unreadable success answer is a parse error, ambiguous for a create', async () => {
    const base = await serve((_q, res) => res.writeHead(200).end('<html>gateway</html>'));
    const e = await failure(client(base).sendJson(post));
    expect(e).toMatchObject({ kind: 'parse', ambiguous: true });
  });

  it('stops at once when the caller aborts (shutdown)', async () => {
    const clock = new FakeClock();
    const base = await serve((_q, res) => res.writeHead(503).end());
    const ac = new AbortController();
    const p = client(base, [], clock).send({ ...get, signal: ac.signal });
    ac.abort();
    expect((await failure(p)).kind).toBe('aborted');
  });

  it('keeps the key and its Basic encoding out of messages and logs', async () => {
    const logs: string[] = [];
    const base = await serve((_q, res) =>
      res.writeHead(500).end(JSON.stringify({ message: `bad key ${SECRET} in Basic ${basic}; password=hunter2` })),
    );
    const e = await failure(client(base, logs).send({ ...get, headers: { authorization: `Basic ${basic}` } }));
    const text = [e.message, e.providerMessage, ...logs].join('\n');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(basic);
    expect(text).not.toContain('hunter2');
    expect(e.providerMessage).toContain('[redacted]');
    expect(logs.length).toBe(2);
  });
});

describe('createWithRecovery', () => {
  const clock = new FakeClock();
  const lost = () => new GatewayError('timeout', 'lost', { ambiguous: true });

  it('looks the reference up after an ambiguous failure and returns what the provider has', async () => {
    let creates = 0;
    const r = await createWithRecovery({
      create: async () => {
        creates++;
        throw lost();
      },
      findExisting: async () => 'found',
      maxAttempts: 3,
      clock,
    });
    expect(r).toEqual({ value: 'found', recovered: true });
    expect(creates).toBe(1);
  });

  it('creates again only when the provider has nothing; a refusal is thrown at once', async () => {
    let creates = 0;
    const r = await createWithRecovery({
      create: async () => (++creates === 1 ? Promise.reject(lost()) : 'made'),
      findExisting: async () => null,
      maxAttempts: 3,
      clock,
    });
    expect(r).toEqual({ value: 'made', recovered: false });
    const refused = new GatewayError('rejected', 'no');
    await expect(
      createWithRecovery({
        create: () => Promise.reject(refused),
        findExisting: async () => null,
        maxAttempts: 3,
        clock,
      }),
    ).rejects.toBe(refused);
  });

  it('gives up still marked ambiguous when the provider stays unreachable', async () => {
    const e = await failure(
      createWithRecovery({
        create: () => Promise.reject(lost()),
        findExisting: () => Promise.reject(new GatewayError('network', 'down')),
        maxAttempts: 3,
        clock,
      }),
    );
    expect(e.ambiguous).toBe(true);
  });
});
