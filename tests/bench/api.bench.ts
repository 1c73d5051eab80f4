import { Worker } from 'node:worker_threads';
import { API_SCOPES } from '../../src-shared/api-scopes';
import { createHttpHost } from '../../src-main/host/http/server';
import { testApp } from '../helpers/app';
import type { BenchSuite } from './harness';
import { seedCustomers } from './platform.bench';
import { seedLedger } from './ledger-seed';

const CUSTOMERS = 5_000;
const CONNECTIONS = 16;
const WARMUP_MS = 1_000;
const MEASURE_MS = 5_000;

/**
 * The load generator runs in a worker thread (its own event loop, free to use the second core), so the
 * server's thread serves requests instead of also building them.
 */
const LOAD = `
const http = require('node:http');
const { parentPort, workerData: w } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: w.connections });
let counting = false, stop = false, done = 0, errors = 0;
const one = () => new Promise((resolve) => {
  const req = http.request({ host: '127.0.0.1', port: w.port, method: w.method, path: w.path, headers: w.headers, agent }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  });
  req.on('error', () => resolve(0));
  req.end(w.body);
});
const loop = async () => { while (!stop) { const s = await one(); if (counting) s === 200 ? done++ : errors++; } };
const loops = Array.from({ length: w.connections }, loop);
setTimeout(() => {
  counting = true;
  const t0 = process.hrtime.bigint();
  setTimeout(async () => {
    counting = false;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    stop = true;
    await Promise.all(loops);
    agent.destroy();
    parentPort.postMessage({ rps: done / seconds, errors });
  }, w.measureMs);
}, w.warmupMs);
`;

function throughput(load: {
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}) {
  return new Promise<{ rps: number; errors: number }>((resolve, reject) => {
    const worker = new Worker(LOAD, {
      eval: true,
      workerData: { ...load, connections: CONNECTIONS, warmupMs: WARMUP_MS, measureMs: MEASURE_MS },
    });
    worker.once('message', (m: { rps: number; errors: number }) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

export const apiSuite: BenchSuite = {
  id: 'api',
  title: 'API for other systems: /api/v1 customer list',
  notes: `${CUSTOMERS.toLocaleString('en')} customers (or \`--scale\` customers, with ten months of invoices and payments each); ${CONNECTIONS} keep-alive connections from a worker thread of the same process (the load generator shares the 2 cores with the server), ${MEASURE_MS / 1000} s measured after a ${WARMUP_MS / 1000} s warm-up. Each API request: key check (HMAC), rate limits, contract validation, the customer list query (first page of 25, default order), JSON, and its audit row. Baseline in the same run: the public \`system.info\` channel of the staff API (no sign-in, no audit row).`,
  scalable: true,
  async run(scale) {
    const t = await testApp();
    seedCustomers(t.app.ctx.sqlite, scale ?? CUSTOMERS);
    // At a chosen size the ledger grows with the customers: ten months of invoices and payments each.
    if (scale) seedLedger(t.app.ctx.sqlite, scale, 10);
    const { secret } = await t.ok('apiKeys.create', { name: 'bench', scopes: [...API_SCOPES], ratePerMinute: 60_000 });
    t.app.ctx.services.apiAddressRatePerMinute = 1_000_000;
    const host = createHttpHost({ app: t.app, host: '127.0.0.1', port: 0 });
    const { port } = await host.listen();
    try {
      const baseline = await throughput({
        port,
        method: 'POST',
        path: '/api/system.info',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      const api = await throughput({
        port,
        method: 'GET',
        path: '/api/v1/customers?pageSize=25',
        headers: { Authorization: `Bearer ${secret}` },
      });
      return [
        { name: 'baseline: POST /api/system.info (public)', value: `${Math.round(baseline.rps)} req/s`, kind: 'info' },
        {
          name: 'GET /api/v1/customers (page of 25, audited)',
          value: `${Math.round(api.rps)} req/s (${api.errors} errors)`,
          target: '≥ 500 req/s, 0 errors',
          pass: api.rps >= 500 && api.errors === 0,
        },
        { name: 'API ÷ baseline', value: `${(api.rps / baseline.rps).toFixed(2)}×`, kind: 'info' },
      ];
    } finally {
      await host.close();
      t.close();
    }
  },
};
