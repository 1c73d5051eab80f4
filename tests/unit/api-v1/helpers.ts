import http from 'node:http';
import { createHttpHost } from '../../../src-main/host/http/server';
import type { InputOf } from '../../../src-shared/contract';
import { testApp, type FakeClock, type TestApp } from '../../helpers/app';

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of many shapes
  json: () => any;
}

export interface ApiHarness {
  t: TestApp;
  port: number;
  /** A request to the running host; `from` plays another computer (127.0.0.2…). */
  request(
    method: string,
    path: string,
    opts?: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; from?: string },
  ): Promise<Res>;
  /** Makes a key as the signed-in admin and returns its one-time secret. */
  makeKey(input: Partial<InputOf<'apiKeys.create'>> & { name: string }): Promise<{ id: number; secret: string }>;
  close(): Promise<void>;
}

const agent = new http.Agent({ keepAlive: true });

export async function apiHarness(opts: { clock?: FakeClock } = {}): Promise<ApiHarness> {
  const t = await testApp(opts);
  const host = createHttpHost({ app: t.app, host: '127.0.0.1', port: 0 });
  const { port } = await host.listen();
  return {
    t,
    port,
    request(method, path, o = {}) {
      return new Promise((resolve, reject) => {
        const body = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
        const headers: Record<string, string> = { ...o.headers };
        if (o.key) headers.Authorization = `Bearer ${o.key}`;
        if (body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
        const req = http.request(
          { host: '127.0.0.1', port, method, path, headers, localAddress: o.from, agent: o.from ? false : agent },
          (res) => {
            const parts: Buffer[] = [];
            res.on('data', (c: Buffer) => parts.push(c));
            res.on('end', () => {
              const text = Buffer.concat(parts).toString('utf8');
              resolve({ status: res.statusCode!, headers: res.headers, body: text, json: () => JSON.parse(text) });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    async makeKey(input) {
      const out = await t.ok('apiKeys.create', { scopes: ['customers:read'], ...input });
      return { id: out.key.id, secret: out.secret };
    },
    async close() {
      await host.close();
      t.close();
    },
  };
}
