import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalWorld, type PortalWorld } from './fixtures';

/*
 * portal.usage: the signed-in customer's daily use from the first day of last month to today (the
 * fake clock says 2026-11-24 WIB), from usage_daily; another customer's bytes never show.
 */
let w: PortalWorld;
let cookieA: string;

const accountId = (username: string) =>
  (w.t.app.ctx.sqlite.prepare('SELECT id FROM pppoe_accounts WHERE username = ?').get(username) as { id: number }).id;

beforeAll(async () => {
  w = await portalWorld();
  const db = w.t.app.ctx.sqlite;
  const put = db.prepare(
    'INSERT INTO usage_daily(account_id, day, bytes_in, bytes_out, samples) VALUES (?, ?, ?, ?, 1)',
  );
  const a = accountId(w.a.username);
  const b = accountId(w.b.username);
  put.run(a, '2026-09-30', 9e9, 9e9); // before last month: not shown
  put.run(a, '2026-10-01', 1_500_000_000, 200_000_000);
  put.run(a, '2026-11-24', 3_000_000_000, 400_000_000);
  put.run(b, '2026-11-24', 7_777_777_777, 1);
  db.prepare(
    `INSERT INTO usage_counters(account_id, iface_id, rx_bytes, tx_bytes, at, bps_in, bps_out)
     VALUES (?, '*1', 0, 0, '2026-11-24T02:59:00.000Z', 12000000, 3000000)`,
  ).run(a);
  cookieA = await w.signIn(w.a.code, w.a.password);
});
afterAll(() => w.close());

describe('portal.usage', () => {
  it('gives every day of last month and this month up to today, zeros included, with the current speed', async () => {
    const r = await w.call('portal.usage', {}, cookieA);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.thisMonth).toBe('2026-11');
    expect(r.value.lastMonth).toBe('2026-10');
    expect(r.value.accounts.map((x) => x.username)).toEqual([w.a.username]);
    const [acc] = r.value.accounts;
    expect(acc!.days).toHaveLength(31 + 24);
    expect(acc!.days[0]).toEqual({ day: '2026-10-01', bytesIn: 1_500_000_000, bytesOut: 200_000_000 });
    expect(acc!.days.at(-1)).toEqual({ day: '2026-11-24', bytesIn: 3_000_000_000, bytesOut: 400_000_000 });
    expect(acc!.days[1]).toEqual({ day: '2026-10-02', bytesIn: 0, bytesOut: 0 });
    expect(acc!.current).toEqual({ at: '2026-11-24T02:59:00.000Z', bpsIn: 12_000_000, bpsOut: 3_000_000 });
    expect(JSON.stringify(r.value)).not.toContain('7777777777');
  });

  it('needs a session and takes no customer id', async () => {
    expect((await w.post('portal.usage', {})).status).toBe(401);
    expect((await w.post('portal.usage', { customerId: w.b.id }, { cookie: cookieA })).status).toBe(400);
  });
});
