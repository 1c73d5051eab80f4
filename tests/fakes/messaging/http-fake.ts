/**
 * A small HTTP(S) server on 127.0.0.1 for the provider fakes: parses form/JSON bodies, records every
 * request, and plays injected faults (an HTTP status, no answer at all, a dropped connection, garbage)
 * before the fake's own handler answers.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  raw: string;
  /** The body bytes as received (encrypted push payloads are binary). */
  bytes: Buffer;
  /** Form fields (urlencoded) or the JSON object's string fields. */
  form: Record<string, string>;
  json: unknown;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type HttpFault =
  /** Answer this status (and body) instead of the fake's handler. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Read the request, never answer (the client's timeout fires). */
  | { kind: 'hang' }
  /** Read the request, then close the connection without an answer (nothing processed). */
  | { kind: 'drop' }
  /** Process the request (the provider has the message), then lose the answer: the crash case. */
  | { kind: 'dropAfter' }
  /** 200 with a body that is not JSON. */
  | { kind: 'garbage' };

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** A test-only certificate for 127.0.0.1 / localhost (fixtures/, valid until 2126). */
export const FAKE_TLS = {
  key: readFileSync(path.join(FIXTURES, 'fake-key.pem')),
  cert: readFileSync(path.join(FIXTURES, 'fake-cert.pem')),
};
export const FAKE_CA = FAKE_TLS.cert.toString();

export class FakeHttpServer extends EventEmitter {
  readonly requests: FakeRequest[] = [];
  private readonly faults: Array<{ fault: HttpFault; remaining: number }> = [];
  private server: http.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly handle: (req: FakeRequest) => FakeReply | Promise<FakeReply>,
    private readonly opts: { tls?: boolean; port?: number } = {},
  ) {
    super();
  }

  get url(): string {
    return `${this.opts.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /** Plays `fault` for the next `times` requests (in the order faults were added). */
  fail(fault: HttpFault, times = 1): this {
    this.faults.push({ fault, remaining: times });
    return this;
  }

  clearFaults() {
    this.faults.length = 0;
  }

  async start(): Promise<this> {
    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => void this.onRequest(req, res);
    this.server = this.opts.tls ? https.createServer(FAKE_TLS, onRequest) : http.createServer(onRequest);
    this.server.on('connection', (s: net.Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const sock of this.sockets) sock.destroy();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }

  /** Resolves once `n` requests have arrived (a condition, not a sleep). */
  async waitForRequests(n: number): Promise<void> {
    while (this.requests.length < n) await new Promise((r) => this.once('request', r));
  }

  private takeFault(): HttpFault | undefined {
    const f = this.faults.find((x) => x.remaining > 0);
    if (!f) return undefined;
    f.remaining--;
    if (f.remaining === 0) this.faults.splice(this.faults.indexOf(f), 1);
    return f.fault;
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const type = String(req.headers['content-type'] ?? '');
    let json: unknown;
    let form: Record<string, string> = {};
    if (type.includes('application/json')) {
      try {
        json = JSON.parse(raw);
        if (json && typeof json === 'object')
          form = Object.fromEntries(
            Object.entries(json).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
          );
      } catch {
        json = undefined;
      }
    } else if (type.includes('application/x-www-form-urlencoded')) {
      form = Object.fromEntries(new URLSearchParams(raw));
    }
    const fr: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      raw,
      bytes,
      form,
      json,
    };
    this.requests.push(fr);
    this.emit('request', fr);
    const fault = this.takeFault();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'garbage') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>502 Bad Gateway</html>');
      return;
    }
    const reply: FakeReply = fault?.kind === 'status' ? fault : await this.handle(fr);
    if (fault?.kind === 'dropAfter') {
      req.socket.destroy();
      return;
    }
    const body =
      reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers }).end(body);
  }
}

/** A loopback port nothing listens on (opened and closed again), for "server down" tests. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
