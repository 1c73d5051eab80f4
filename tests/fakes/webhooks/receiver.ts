/**
 * A webhook receiver on 127.0.0.1 for tests and the bench: checks every delivery's signature with the
 * shipped helper (over the raw bytes), records it, and answers as told: 200, 500, 429 with Retry-After,
 * or never (to play a dead receiver that only the sender's timeout ends).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature, type VerifyResult } from '../../../src-main/core/webhooks/signature';

export type ReceiverMode = 'ok' | 'fail' | 'rate' | 'hang';

export interface Received {
  path: string;
  eventId: string | undefined;
  eventType: string | undefined;
  signature: string | undefined;
  body: string;
  verified: VerifyResult;
  json: any;
}

export interface FakeReceiver {
  url: string;
  received: Received[];
  mode: ReceiverMode;
  /** Seconds sent in Retry-After with `rate`. */
  retryAfter: number;
  /** The endpoint secret to verify with (set once the endpoint is made). */
  secret: string;
  /** The receiver's "now" in unix seconds (defaults to the real time). */
  now: () => number;
  /** Resolves once `n` deliveries have arrived (whatever was answered). */
  waitFor(n: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(opts: { host?: string } = {}): Promise<FakeReceiver> {
  const waiters: { n: number; resolve: (r: Received[]) => void }[] = [];
  const hanging = new Set<http.ServerResponse>();
  const r: FakeReceiver = {
    url: '',
    received: [],
    mode: 'ok',
    retryAfter: 120,
    secret: '',
    now: () => Math.floor(Date.now() / 1000),
    waitFor(n) {
      if (r.received.length >= n) return Promise.resolve(r.received);
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(parts);
      const header = (name: string) => {
        const v = req.headers[name.toLowerCase()];
        return Array.isArray(v) ? v[0] : v;
      };
      const body = raw.toString('utf8');
      const got: Received = {
        path: req.url ?? '/',
        eventId: header('X-PPPoE-Desk-Event-Id'),
        eventType: header('X-PPPoE-Desk-Event'),
        signature: header('X-PPPoE-Desk-Signature'),
        body,
        verified: verifySignature(r.secret, header('X-PPPoE-Desk-Signature'), raw, r.now()),
        json: JSON.parse(body),
      };
      r.received.push(got);
      for (const w of [...waiters]) {
        if (r.received.length >= w.n) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(r.received);
        }
      }
      if (r.mode === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (r.mode === 'rate') res.writeHead(429, { 'Retry-After': String(r.retryAfter) }).end('slow down');
      else if (r.mode === 'fail') res.writeHead(500).end('boom');
      else res.writeHead(got.verified.ok ? 200 : 400).end(got.verified.ok ? 'ok' : 'bad signature');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, opts.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  r.url = `http://${address}:${port}/hooks/pppoe`;
  return r;
}
