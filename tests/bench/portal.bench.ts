import http from 'node:http';
import { startPortalSession } from '../../src-main/core/portal/session';
import { createPortalHost, PORTAL_COOKIE } from '../../src-main/host/http/portal-server';
import { testApp } from '../helpers/app';
import { ms, percentile, timeAsync, type BenchSuite } from './harness';
import { seedPortalWorld } from './portal-seed';

const CUSTOMERS = 50_000;
const MONTHS = 36;
const SAMPLED = 100;
const RUNS = 300;

/** One POST to the portal with a customer's cookie; resolves with the status. */
function post(port: number, channel: string, cookie: string, body = '{}'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/${channel}`,
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const portalSuite: BenchSuite = {
  id: 'portal',
  title: 'Customer portal: 50,000 customers, 1,800,000 invoices',
  scalable: true,
  notes:
    'Seeded with raw SQL (at its own size or at `--scale` customers; a PPPoE account and 36 monthly invoices per customer, the last three partly open). Timed through the real portal HTTP host (cookie, session check, zod in and out, JSON) for 100 random signed-in customers, 300 requests each after a warm-up.',
  async run(scale) {
    const customers = scale ?? CUSTOMERS;
    const t = await testApp();
    const db = t.app.ctx.sqlite;
    const seedStart = Date.now();
    seedPortalWorld(db, {
      customers,
      months: MONTHS,
      firstYear: 2023,
      open: (m, c) => m >= MONTHS - 3 && c % 3 === 0,
      suspended: (c) => c % 17 === 0,
    });
    db.pragma('optimize');
    const seedSeconds = (Date.now() - seedStart) / 1000;

    // Signed-in customers spread over the table (sessions made directly: sign-in's argon2 is not what is timed).
    const cookies: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < SAMPLED; i++) {
        const id = 1 + Math.floor((i * customers) / SAMPLED) + (i % 7);
        db.prepare(
          "INSERT INTO portal_credentials(customer_id, password_hash, set_at) VALUES (?, 'x', '2026-11-01')",
        ).run(id);
        cookies.push(`${PORTAL_COOKIE}=${startPortalSession(t.app.ctx, id)}`);
      }
    })();
    const host = createPortalHost({ app: t.app, host: '127.0.0.1', port: 0 });
    const { port } = await host.listen();
    const measure = async (channel: string, body?: string) => {
      for (let i = 0; i < 20; i++) await post(port, channel, cookies[i % SAMPLED]!, body);
      const xs: number[] = [];
      let errors = 0;
      for (let i = 0; i < RUNS; i++) {
        const r = await timeAsync(() => post(port, channel, cookies[(i * 13) % SAMPLED]!, body));
        if (r.value !== 200) errors++;
        xs.push(r.ms);
      }
      return { p95: percentile(xs, 95), p50: percentile(xs, 50), errors };
    };
    const home = await measure('portal.home');
    const list = await measure('portal.invoices', '{"page":1,"pageSize":20}');
    const last = await measure('portal.invoices', '{"page":2,"pageSize":20}');
    await host.close();
    t.close();
    const row = (name: string, m: { p95: number; p50: number; errors: number }) => ({
      name: `${name} p95 (p50)`,
      value: `${ms(m.p95)} (${ms(m.p50)})${m.errors ? `, ${m.errors} errors` : ''}`,
      target: '≤ 50 ms',
      pass: m.p95 <= 50 && m.errors === 0,
    });
    return [
      { name: 'seed (raw SQL)', value: `${seedSeconds.toFixed(1)} s` },
      row('portal.home', home),
      row('portal.invoices, first page of 20', list),
      row('portal.invoices, second page of 20', last),
    ];
  },
};
