/**
 * Shared machinery of the local fake payment gateways: a real HTTP server on 127.0.0.1 (port 0 by
 * default), a request log, injectable faults (time out, 500, latency), callback sending, and a small
 * control API under /__fake/ for the CLI and Playwright. Each provider fake speaks its provider's
 * protocol and checks our signatures with its own few lines of crypto (never the adapter's code), so a
 * wrong formula on our side cannot agree with itself.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultKind = 'timeout' | 'timeout-after-processing' | '500' | '500-after-processing';
export type CallbackVariant = 'valid' | 'bad-signature' | 'amount-mismatch';

export interface FakeRequest {
  method: string;
  /** Path below the provider prefix, without a leading slash (e.g. "transaction/create"). */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
}

export interface FakeReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface BuiltCallback {
  body: string;
  headers: Record<string, string>;
}

export interface FakeOptions {
  /** Clock for expiry and timestamps (epoch ms); the real clock by default. */
  now?: () => number;
  latencyMs?: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  at: number;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): FakeReply => ({
  status,
  body,
  headers,
});

export abstract class FakeGateway {
  abstract readonly provider: string;
  /** Path prefix of the provider's API on this server ('' or e.g. '/api-sandbox'). */
  protected abstract readonly prefix: string;
  readonly requests: RequestRecord[] = [];
  latencyMs: number;
  now: () => number;
  lastCallback?: BuiltCallback & { url: string };
  /**
   * Awaited before each provider request is answered (after the latency): a test holds requests to
   * release a burst at once (tests/crash/gateway-kill.test.ts gathers a group commit's batch this way).
   */
  hold?: (req: FakeRequest) => Promise<void> | void;
  private faults: FaultKind[] = [];
  private server?: http.Server;
  private port = 0;
  private seq = 0;

  constructor(opts: FakeOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.latencyMs = opts.latencyMs ?? 0;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The base URL to give the adapter. */
  get baseUrl(): string {
    return this.origin + this.prefix;
  }

  /** Credentials the adapter must use (printed by the CLI). */
  abstract credentials(): Record<string, string>;
  /** Provider-side transactions (for assertions: "created exactly once"). */
  abstract transactions(): Array<Record<string, unknown>>;
  /** The customer paid (optionally a different amount than asked). */
  abstract markPaid(merchantRef: string, opts?: { amount?: number }): void;
  /** The transaction expired unpaid. */
  abstract markExpired(merchantRef: string): void;
  /** A callback as the provider would send it now for this transaction. */
  abstract buildCallback(merchantRef: string, variant?: CallbackVariant): BuiltCallback;
  protected abstract handle(req: FakeRequest): FakeReply | Promise<FakeReply>;

  /** The next `times` provider requests fail this way. */
  failNext(kind: FaultKind, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(kind);
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Requests to the provider API (not the control API) whose path ends with `suffix`. */
  callsTo(suffix: string): number {
    return this.requests.filter((r) => r.path.endsWith(suffix)).length;
  }

  protected nextId(): number {
    return ++this.seq;
  }

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => void this.dispatch(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Stops, cutting any request a 'timeout' fault is holding. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  /** POSTs the callback to `url` as the provider would; returns the receiver's answer. */
  async sendCallback(merchantRef: string, url: string, variant: CallbackVariant = 'valid') {
    const cb = this.buildCallback(merchantRef, variant);
    this.lastCallback = { ...cb, url };
    return this.post(url, cb);
  }

  /** Sends the last callback again, byte for byte (the providers retry and duplicate). */
  async replayLastCallback() {
    if (!this.lastCallback) throw new Error('no callback sent yet');
    return this.post(this.lastCallback.url, this.lastCallback);
  }

  private async post(url: string, cb: BuiltCallback) {
    const res = await fetch(url, { method: 'POST', headers: cb.headers, body: cb.body });
    return { status: res.status, body: await res.text() };
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.origin);
    try {
      if (url.pathname.startsWith('/__fake/'))
        return send(res, await this.control(req.method!, url, raw).catch((e) => json(404, { message: String(e) })));
      if (!url.pathname.startsWith(this.prefix + '/') && url.pathname !== this.prefix)
        return send(res, json(404, { message: 'unknown path' }));
      const path = url.pathname.slice(this.prefix.length).replace(/^\/+/, '');
      this.requests.push({ method: req.method!, path, at: this.now() });
      if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
      const request: FakeRequest = { method: req.method!, path, query: url.searchParams, headers: req.headers, raw };
      await this.hold?.(request);
      const fault = this.faults.shift();
      if (fault === 'timeout') return; // hold the request: the client must time out
      if (fault === '500') return send(res, json(500, { message: 'Internal Server Error' }));
      const reply = await this.handle(request);
      if (fault === 'timeout-after-processing') return;
      if (fault === '500-after-processing') return send(res, json(500, { message: 'Internal Server Error' }));
      send(res, reply);
    } catch (e) {
      send(res, json(500, { message: String(e) }));
    }
  }

  /** Control API: pay/expire/callback/faults/state, JSON in and out. */
  private async control(method: string, url: URL, raw: Buffer): Promise<FakeReply> {
    const b = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, any>) : {};
    const route = `${method} ${url.pathname}`;
    if (route === 'GET /__fake/state')
      return json(200, { provider: this.provider, baseUrl: this.baseUrl, transactions: this.transactions() });
    if (route === 'POST /__fake/pay')
      return (this.markPaid(b.merchantRef, { amount: b.amount }), json(200, { ok: true }));
    if (route === 'POST /__fake/expire') return (this.markExpired(b.merchantRef), json(200, { ok: true }));
    if (route === 'POST /__fake/callback')
      return json(200, await this.sendCallback(b.merchantRef, b.url, b.variant ?? 'valid'));
    if (route === 'POST /__fake/faults') {
      if (typeof b.latencyMs === 'number') this.latencyMs = b.latencyMs;
      if (b.clear) this.clearFaults();
      if (b.next) this.failNext(b.next as FaultKind, b.times ?? 1);
      return json(200, { ok: true });
    }
    return json(404, { message: 'unknown control route' });
  }
}

function send(res: http.ServerResponse, reply: FakeReply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(text);
}

/** Parses a JSON object body, or a form body (flat keys), as the providers accept either. */
export function parseBody(req: FakeRequest): Record<string, any> {
  const type = String(req.headers['content-type'] ?? '');
  const text = req.raw.toString('utf8');
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return text ? (JSON.parse(text) as Record<string, any>) : {};
}

/** "2026-11-24 09:30:00" in WIB. */
export function wib(ms: number): string {
  return new Date(ms + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
