import type { AppContext } from '../context';

/** Last polled `/ppp/active` per router (in memory: presence is live data, not a record to keep). */
export interface OnlineSnapshot {
  at: string;
  /** lower-cased username → address */
  names: Map<string, string | null>;
}
const KEY = 'network.online';

function cache(app: AppContext): Map<number, OnlineSnapshot> {
  let c = app.services[KEY] as Map<number, OnlineSnapshot> | undefined;
  if (!c) app.services[KEY] = c = new Map();
  return c;
}

export function setOnline(app: AppContext, routerId: number, rows: { name: string; address: string | null }[]) {
  cache(app).set(routerId, {
    at: app.clock.now().toISOString(),
    names: new Map(rows.map((r) => [r.name.toLowerCase(), r.address])),
  });
}

export function forgetOnline(app: AppContext, routerId: number) {
  cache(app).delete(routerId);
}

/** true/false when the router was polled, null when unknown. */
export function isOnline(app: AppContext, routerId: number | null, username: string): boolean | null {
  if (routerId === null) return null;
  const snap = cache(app).get(routerId);
  if (!snap) return null;
  return snap.names.has(username.toLowerCase());
}

export function onlineNames(app: AppContext, routerId: number): Set<string> | null {
  const snap = cache(app).get(routerId);
  return snap ? new Set(snap.names.keys()) : null;
}
