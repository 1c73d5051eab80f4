/**
 * 20 seats taking payments at once against the real headless server process (`out/host/serve.mjs
 * --server`, built by `npm run build`), once over HTTPS with its own certificate (each seat pinned to it,
 * as a paired seat is) and once over plain HTTP, in the same run. Each seat is its own user with its own
 * shift and one keep-alive connection, sending payments paced (one per seat per second) and then back to
 * back (no think time: saturation, the server's capacity).
 * Duration: `--seats-seconds=N` (default 60; e.g. 5 for a quick check).
 */
import http from 'node:http';
import https from 'node:https';
import { pinnedAgent, peekCertificate } from '../../src-main/host/seat/pinned-client';
import { ADMIN, removeDataDir, startServer, tempDataDir, type ServerProcess } from '../e2e/helpers/server-process';
import { ms, percentile, type BenchRow, type BenchSuite } from './harness';

const SEATS = 20;
const CUSTOMERS = 200;
/** A busy desk: one payment per seat per second (20/s in all, far beyond a real front office). */
const PACE_MS = 1000;
const seconds = () => {
  const arg = process.argv.find((a) => a.startsWith('--seats-seconds='));
  const n = arg ? Number(arg.slice('--seats-seconds='.length)) : 60;
  return Number.isFinite(n) && n > 0 ? n : 60;
};

interface Answer {
  status: number;
  body: { ok: boolean; value?: Record<string, unknown> & { token?: string; id?: number; total?: number } } | null;
}
type Post = (channel: string, input: unknown, token?: string) => Promise<Answer>;

/** A JSON POST over one agent (keep-alive): the seat's own connection. */
function poster(base: string, agent: http.Agent | https.Agent, secure: boolean): Post {
  const request = secure ? https.request : http.request;
  return (channel, input, token) =>
    new Promise((resolve, reject) => {
      const data = JSON.stringify(input ?? {});
      const req = request(
        `${base}/api/${channel}`,
        {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(data),
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString()) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(data);
    });
}

async function ok(post: Post, channel: string, input: unknown, token?: string) {
  const r = await post(channel, input, token);
  if (!r.body?.ok || !r.body.value) throw new Error(`${channel}: ${JSON.stringify(r.body)}`);
  return r.body.value;
}

async function phase(secure: boolean, durationS: number, paceMs: number) {
  const dataDir = tempDataDir('bench-seats');
  const server: ServerProcess = await startServer(dataDir, { tls: secure });
  try {
    return await drive(server, secure, durationS, paceMs);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    removeDataDir(dataDir);
  }
}

/** `paceMs` > 0: each seat starts a payment every paceMs (a busy desk); 0: back to back (saturation). */
async function drive(server: ServerProcess, secure: boolean, durationS: number, paceMs: number) {
  const base = server.url;
  // Each seat from its own address (127.0.0.10…): as many computers, each with its own sign-in limit.
  const mkAgent = async (localAddress = '127.0.0.1') =>
    secure
      ? pinnedAgent(await peekCertificate(base), { maxSockets: 1, localAddress })
      : new http.Agent({ keepAlive: true, maxSockets: 1, localAddress });
  const admin = poster(base, await mkAgent(), secure);
  const { token } = await ok(admin, 'auth.login', ADMIN);
  await ok(admin, 'settings.update', { autoInvoiceRun: false }, token);
  const customers: number[] = [];
  for (let i = 0; i < CUSTOMERS; i++)
    customers.push((await ok(admin, 'customers.create', { name: `Pelanggan ${i + 1}` }, token)).id!);
  const seats = await Promise.all(
    Array.from({ length: SEATS }, async (_, i) => {
      const password = `Loket-Kasir-${i}-2026!`;
      await ok(
        admin,
        'users.create',
        { username: `kasir${i}`, fullName: `Kasir ${i}`, role: 'staff', password, mustChangePassword: false },
        token,
      );
      const post = poster(base, await mkAgent(`127.0.0.${10 + i}`), secure);
      const login = await ok(post, 'auth.login', { username: `kasir${i}`, password });
      await ok(post, 'shifts.open', { openingCash: 0 }, login.token);
      return { post, token: login.token! };
    }),
  );
  const samples: number[] = [];
  let errors = 0;
  const end = Date.now() + durationS * 1000;
  await Promise.all(
    seats.map(async (seat, i) => {
      let n = 0;
      // Paced seats start spread over one period, as desks do not all press Enter together.
      if (paceMs) await new Promise((r) => setTimeout(r, (i * paceMs) / SEATS));
      while (Date.now() < end) {
        const started = Date.now();
        const customerId = customers[(i * 7919 + n++) % CUSTOMERS]!;
        const t0 = process.hrtime.bigint();
        try {
          const r = await seat.post('payments.create', { customerId, amount: 50_000, method: 'cash' }, seat.token);
          if (r.status !== 200 || !r.body?.ok) errors++;
        } catch {
          errors++;
        }
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
        // Load generation, not synchronisation: the next payment of this desk is due at started + paceMs.
        const wait = started + paceMs - Date.now();
        if (paceMs && wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );
  // Every confirmed payment is in the database, none twice.
  const list = await ok(admin, 'payments.list', { pageSize: 1 }, token);
  return { samples, errors, stored: list.total!, rps: samples.length / durationS };
}

export const seatsSuite: BenchSuite = {
  id: 'seats',
  title: '20 seats taking payments at once (headless server, HTTPS vs HTTP)',
  notes:
    "The built server process (`out/host/serve.mjs --server`, encrypted database) on 127.0.0.1; 20 seat clients in the bench process, each its own staff user, shift and keep-alive connection (HTTPS pinned to the server's self-made certificate, or plain HTTP), sending `payments.create` paced (each seat one payment per second, spread) and then back to back with no think time (saturation: the server's capacity). Latency per request as the seat sees it (TLS, JSON, session check, zod, one IMMEDIATE transaction with its audit row, WAL commit). `--seats-seconds=N` sets the duration (default 60 s).",
  async run() {
    const durationS = seconds();
    const rows: BenchRow[] = [];
    for (const [secure, paceMs] of [
      [true, PACE_MS],
      [false, PACE_MS],
      [true, 0],
      [false, 0],
    ] as const) {
      const r = await phase(secure, durationS, paceMs);
      const label = `${secure ? 'HTTPS' : 'HTTP'}, ${paceMs ? `each seat every ${paceMs} ms` : 'back to back'}`;
      const p99 = percentile(r.samples, 99);
      rows.push(
        {
          name: `${label}: payments.create p99 (p50) over ${durationS} s`,
          value: `${ms(p99)} (${ms(percentile(r.samples, 50))})`,
          target: secure && paceMs ? '≤ 20 ms' : undefined,
          pass: secure && paceMs ? p99 <= 20 : undefined,
        },
        {
          name: `${label}: payments per second (all seats), errors, stored`,
          value: `${r.rps.toFixed(0)} /s, ${r.errors} errors, ${r.stored} stored of ${r.samples.length - r.errors} confirmed`,
          target: '0 errors, all stored',
          pass: r.errors === 0 && r.stored === r.samples.length - r.errors,
        },
      );
    }
    return rows;
  },
};
