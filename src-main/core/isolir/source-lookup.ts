/**
 * Who is behind a source address: the router's active PPP sessions (`/ppp/active`, address → username),
 * cached per app. A miss, or an entry older than MAX_AGE_MS (pool addresses are handed to someone else
 * after a reconnect), asks every active router again, at most once per REFRESH_GAP_MS however many
 * requests miss at once, and never waits longer than LOOKUP_TIMEOUT_MS for a slow router.
 */
import { activeRouterIds } from '../../data/network/routers.repository';
import type { AppContext } from '../context';
import { setOnline } from '../network/online';
import { routerClient } from '../network/router-access';

export const MAX_AGE_MS = 30_000;
export const REFRESH_GAP_MS = 2_000;
export const LOOKUP_TIMEOUT_MS = 3_000;
const KEY = 'isolir.sourceLookup';

export interface SessionOwner {
  routerId: number;
  username: string;
}

interface Index {
  at: number;
  byAddress: Map<string, SessionOwner>;
  refreshing: Promise<void> | null;
  lastRefresh: number;
}

function indexOf(app: AppContext): Index {
  let ix = app.services[KEY] as Index | undefined;
  if (!ix) app.services[KEY] = ix = { at: 0, byAddress: new Map(), refreshing: null, lastRefresh: -Infinity };
  return ix;
}

/** `::ffff:10.0.0.5` (an IPv4 client on a dual-stack socket) → `10.0.0.5`; anything else unchanged. */
export function normaliseAddress(remote: string): string {
  return remote.startsWith('::ffff:') && remote.includes('.') ? remote.slice(7) : remote;
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T | null> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      () => (clearTimeout(timer), resolve(null)),
    );
  });

async function refresh(app: AppContext, ix: Index): Promise<void> {
  const byAddress = new Map<string, SessionOwner>();
  await Promise.all(
    activeRouterIds(app.sqlite).map(async (routerId) => {
      const rows = await withTimeout(
        routerClient(app, routerId).then((c) => c.run('/ppp/active/print', { '.proplist': 'name,address' })),
        LOOKUP_TIMEOUT_MS,
      );
      if (!rows) {
        // Unreachable or slow: keep what we knew of this router.
        for (const [addr, o] of ix.byAddress) if (o.routerId === routerId) byAddress.set(addr, o);
        return;
      }
      setOnline(
        app,
        routerId,
        rows.map((r) => ({ name: r.name ?? '', address: r.address ?? null })),
      );
      for (const r of rows) if (r.address && r.name) byAddress.set(r.address, { routerId, username: r.name });
    }),
  );
  ix.byAddress = byAddress;
  ix.at = app.clock.now().getTime();
}

/** The PPPoE session using `remoteAddress`, or null when no active router has one with that address. */
export async function sessionByAddress(app: AppContext, remoteAddress: string): Promise<SessionOwner | null> {
  const address = normaliseAddress(remoteAddress.trim());
  const ix = indexOf(app);
  const now = app.clock.now().getTime();
  const hit = ix.byAddress.get(address);
  if (hit && now - ix.at <= MAX_AGE_MS) return hit;
  if (!ix.refreshing && now - ix.lastRefresh >= REFRESH_GAP_MS) {
    ix.lastRefresh = now;
    ix.refreshing = refresh(app, ix).finally(() => (ix.refreshing = null));
  }
  if (ix.refreshing) await ix.refreshing;
  return ix.byAddress.get(address) ?? null;
}
