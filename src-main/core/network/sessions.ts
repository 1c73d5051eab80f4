import type { ActiveSession } from '../../../src-shared/contract/sessions';
import { notFound } from '../../../src-shared/result';
import { RouterError, type RouterClient, type RouterRow } from '../../routeros/client';
import { routerExists } from '../../data/network/routers.repository';
import {
  accountOnRouter,
  routerAccountRefs,
  setLastLogin,
  type AccountRef,
} from '../../data/network/traffic.repository';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';
import { kick } from './apply';
import { markRouterDown, markRouterOnline } from './health';
import { forgetOnline, setOnline } from './online';
import { routerClient } from './router-access';
import { routerFailure } from './router-errors';
import { sampleUsage } from './usage';

/** RouterOS uptime `1w2d3h4m5s` → milliseconds. */
export function parseUptime(text: string | undefined): number | null {
  if (!text) return null;
  const re = /(\d+)([wdhms])/g;
  const unit: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
  let ms = 0;
  let any = false;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    ms += Number(m[1]) * unit[m[2]!]!;
    any = true;
  }
  return any ? ms : null;
}

function accountsByName(app: AppContext, routerId: number): Map<string, AccountRef> {
  return new Map(routerAccountRefs(app.sqlite, routerId).map((r) => [r.username.toLowerCase(), r]));
}

/**
 * Reads `/ppp/active`, refreshes the online cache and keeps lastLogin/lastIp of the accounts seen.
 * A login time is derived from the uptime; it is rewritten only when it moved (a new session).
 */
async function pollActive(
  app: AppContext,
  routerId: number,
  client: RouterClient,
): Promise<{ rows: RouterRow[]; accounts: Map<string, AccountRef> }> {
  const rows = await client.run('/ppp/active/print', { '.proplist': '.id,name,address,caller-id,uptime,service' });
  setOnline(
    app,
    routerId,
    rows.map((r) => ({ name: r.name ?? '', address: r.address ?? null })),
  );
  const accounts = accountsByName(app, routerId);
  const now = app.clock.now().getTime();
  app.sqlite.transaction(() => {
    for (const r of rows) {
      const a = accounts.get((r.name ?? '').toLowerCase());
      const up = parseUptime(r.uptime);
      if (!a || up === null) continue;
      const login = new Date(Math.floor((now - up) / 1000) * 1000).toISOString();
      // Uptime is whole seconds and polls are not instant: only a jump of over a minute is a new login.
      if (!a.lastLogin || Math.abs(Date.parse(a.lastLogin) - Date.parse(login)) > 60_000)
        setLastLogin(app.sqlite, a.id, login, r.address ?? null);
    }
  })();
  return { rows, accounts };
}

export async function listSessions(
  call: CallContext,
  routerId: number,
): Promise<{ routerId: number; fetchedAt: string; items: ActiveSession[] }> {
  const { app } = call;
  if (!routerExists(app.sqlite, routerId)) throw notFound('Router');
  try {
    const client = await routerClient(app, routerId, { fresh: true }); // someone is looking at it
    const { rows, accounts } = await pollActive(app, routerId, client);
    markRouterOnline(app, routerId);
    return {
      routerId,
      fetchedAt: app.clock.now().toISOString(),
      items: rows.map((r) => {
        const a = accounts.get((r.name ?? '').toLowerCase());
        return {
          routerId,
          sessionId: r['.id'] ?? '',
          name: r.name ?? '',
          address: r.address ?? null,
          callerId: r['caller-id'] || null,
          uptime: r.uptime ?? null,
          service: r.service ?? null,
          accountId: a?.id ?? null,
          customerName: a?.customerName ?? null,
          customerCode: a?.customerCode ?? null,
        };
      }),
    };
  } catch (err) {
    if (err instanceof RouterError && err.kind !== 'trap') {
      markRouterDown(app, routerId, err);
      forgetOnline(app, routerId);
    }
    throw routerFailure(err);
  }
}

export async function kickSession(call: CallContext, routerId: number, name: string): Promise<{ kicked: boolean }> {
  const { app } = call;
  if (!routerExists(app.sqlite, routerId)) throw notFound('Router');
  try {
    const client = await routerClient(app, routerId, { fresh: true }); // someone is looking at it
    const n = await kick(client, name);
    writeAudit(call, { action: 'session.kick', entity: 'router', entityId: routerId, after: { name, sessions: n } });
    await pollActive(app, routerId, client).catch(() => undefined);
    return { kicked: n > 0 };
  } catch (err) {
    throw routerFailure(err);
  }
}

/** One `/interface/monitor-traffic =once=` of the account's PPPoE interface; a missing interface = offline. */
export async function trafficNow(call: CallContext, accountId: number) {
  const { app } = call;
  const a = accountOnRouter(app.sqlite, accountId);
  if (!a) throw notFound('PPPoE account');
  const at = app.clock.now().toISOString();
  if (a.routerId === null) return { at, online: false, rxBps: 0, txBps: 0 };
  try {
    const client = await routerClient(app, a.routerId);
    const rows = await client.run('/interface/monitor-traffic', { interface: `<pppoe-${a.username}>`, once: '' });
    const r = rows[0] ?? {};
    return {
      at,
      online: true,
      rxBps: Number(r['rx-bits-per-second'] ?? 0) || 0,
      txBps: Number(r['tx-bits-per-second'] ?? 0) || 0,
    };
  } catch (err) {
    if (err instanceof RouterError && err.kind === 'trap') return { at, online: false, rxBps: 0, txBps: 0 };
    throw routerFailure(err);
  }
}

/** One health + presence + usage round for a router (the background poller calls this every minute). */
export async function pollRouter(app: AppContext, routerId: number): Promise<boolean> {
  try {
    const client = await routerClient(app, routerId);
    const [resource, identity] = await Promise.all([
      client.run('/system/resource/print'),
      client.run('/system/identity/print'),
    ]);
    markRouterOnline(app, routerId, {
      identity: identity[0]?.name ?? null,
      version: resource[0]?.version ?? null,
      uptime: resource[0]?.uptime ?? null,
    });
    const { accounts } = await pollActive(app, routerId, client);
    await sampleUsage(app, routerId, client, accounts, parseUptime(resource[0]?.uptime));
    return true;
  } catch (err) {
    if (err instanceof RouterError && err.kind !== 'trap') {
      markRouterDown(app, routerId, err);
      forgetOnline(app, routerId);
      return false;
    }
    app.logger.warn('router poll failed', { routerId, error: String(err) });
    return true;
  }
}
