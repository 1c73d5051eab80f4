/**
 * Usage sampling: ONE `/interface/print ?type=pppoe-in` per router per sample gives every PPPoE
 * session's byte counters (its dynamic `<pppoe-NAME>` interface; present whether or not the profile
 * has a rate limit, unlike the dynamic simple queues). Deltas go into daily totals per account in the
 * ISP's time zone. The last counters are stored, so an app restart loses nothing; a different interface
 * `.id`, a smaller counter or a router booted since the last sample is a new session, whose whole
 * counter is the delta.
 */
import { addDays, businessDate } from '../../../src-shared/dates';
import { notFound } from '../../../src-shared/result';
import type { RouterClient } from '../../routeros/client';
import { accountExists } from '../../data/network/accounts.repository';
import type { AccountRef } from '../../data/network/traffic.repository';
import {
  addUsage,
  countersOfRouter,
  currentSpeed,
  saveCounter,
  usageDays,
  usageMonths,
  zeroSpeedExcept,
} from '../../data/network/usage.repository';
import type { AppContext } from '../context';
import { getSettings } from '../settings';

const counter = (v: string | undefined) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
};

/**
 * One sample of a router. `accounts`: the router's accounts by lower-cased username; `uptimeMs`: the
 * router's uptime from the same poll (null when unknown) to tell a reboot even if interface ids repeat.
 */
export async function sampleUsage(
  app: AppContext,
  routerId: number,
  client: RouterClient,
  accounts: Map<string, AccountRef>,
  uptimeMs: number | null,
): Promise<{ sessions: number; counted: number }> {
  const rows = await client.run(
    '/interface/print',
    { '.proplist': '.id,name,rx-byte,tx-byte' },
    { queries: ['?type=pppoe-in'] },
  );
  const now = app.clock.now();
  const at = now.toISOString();
  const day = businessDate(now, getSettings(app).timeZone);
  const bootedAt = uptimeMs === null ? null : now.getTime() - uptimeMs;
  let counted = 0;
  app.sqlite.transaction(() => {
    const last = new Map(countersOfRouter(app.sqlite, routerId).map((c) => [c.accountId, c]));
    const seen: number[] = [];
    for (const r of rows) {
      const m = /^<pppoe-(.+)>$/.exec(r.name ?? '');
      const a = m ? accounts.get(m[1]!.toLowerCase()) : undefined;
      const rx = counter(r['rx-byte']);
      const tx = counter(r['tx-byte']);
      const ifaceId = r['.id'];
      if (!a || rx === null || tx === null || !ifaceId) continue;
      seen.push(a.id);
      const prev = last.get(a.id);
      const prevAt = prev ? Date.parse(prev.at) : NaN;
      const sameSession =
        prev !== undefined &&
        prev.ifaceId === ifaceId &&
        rx >= prev.rxBytes &&
        tx >= prev.txBytes &&
        (bootedAt === null || prevAt >= bootedAt);
      // rx = received from the customer (upload), tx = sent to the customer (download).
      // First sight of an account: only a baseline (its counter may hold bytes from before we knew it).
      const up = !prev ? 0 : sameSession ? rx - prev.rxBytes : rx;
      const down = !prev ? 0 : sameSession ? tx - prev.txBytes : tx;
      const secs = sameSession ? (now.getTime() - prevAt) / 1000 : 0;
      saveCounter(app.sqlite, {
        accountId: a.id,
        routerId,
        ifaceId,
        rxBytes: rx,
        txBytes: tx,
        at,
        bpsIn: secs > 0 ? Math.round((down * 8) / secs) : 0,
        bpsOut: secs > 0 ? Math.round((up * 8) / secs) : 0,
      });
      if (up > 0 || down > 0) {
        addUsage(app.sqlite, { accountId: a.id, routerId, day, bytesIn: down, bytesOut: up });
        counted++;
      }
    }
    zeroSpeedExcept(app.sqlite, routerId, at, seen);
  })();
  return { sessions: rows.length, counted };
}

export interface AccountUsage {
  days: { day: string; bytesIn: number; bytesOut: number }[];
  months: { month: string; bytesIn: number; bytesOut: number }[];
  /** Speed over the last sample interval (0 when offline); null before the first sample. */
  current: { at: string; bpsIn: number; bpsOut: number } | null;
}

/**
 * One account's usage: the last `days` business days (every day present, zeros included), the
 * last 12 months and the current speed. The staff channel `sessions.usage` and the customer portal's
 * own chart both call this.
 */
export function accountUsage(app: AppContext, accountId: number, days: number, withMonths = true): AccountUsage {
  if (!accountExists(app.sqlite, accountId)) throw notFound('PPPoE account');
  const tz = getSettings(app).timeZone;
  const now = app.clock.now().getTime();
  // One zone conversion, then calendar arithmetic (Indonesian zones have no DST): the portal asks for ~60 days per view.
  const today = businessDate(new Date(now), tz);
  // One Date stepped a day at a time (addDays per key parsed the date again ~60 times per portal view).
  const step = new Date(`${addDays(today, 1 - days)}T00:00:00Z`);
  const dayKeys = Array.from({ length: days }, () => {
    const key = step.toISOString().slice(0, 10);
    step.setUTCDate(step.getUTCDate() + 1);
    return key;
  });
  const stored = new Map(usageDays(app.sqlite, accountId, dayKeys[0]!).map((d) => [d.day, d]));
  const [y, mo] = today.split('-').map(Number) as [number, number];
  const firstMonth = mo === 12 ? `${y}-01-01` : `${y - 1}-${String(mo + 1).padStart(2, '0')}-01`;
  return {
    days: dayKeys.map((day) => stored.get(day) ?? { day, bytesIn: 0, bytesOut: 0 }),
    months: withMonths ? usageMonths(app.sqlite, accountId, firstMonth) : [],
    current: currentSpeed(app.sqlite, accountId) ?? null,
  };
}
