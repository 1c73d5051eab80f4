import type { AppContext } from '../context';

/** The last difference check of a router (in memory: it is re-run whenever wanted). */
export interface DriftSeen {
  checkedAt: string;
  differences: number;
  /** Why the check could not be done (router unreachable...), an English server message. */
  error: string | null;
}
const KEY = 'network.driftSeen';

function seen(app: AppContext): Map<number, DriftSeen> {
  let m = app.services[KEY] as Map<number, DriftSeen> | undefined;
  if (!m) app.services[KEY] = m = new Map();
  return m;
}

export function rememberDrift(app: AppContext, routerId: number, s: DriftSeen) {
  seen(app).set(routerId, s);
}

export function lastDrift(app: AppContext, routerId: number): DriftSeen | null {
  return seen(app).get(routerId) ?? null;
}

export const hasDriftSeen = (app: AppContext, routerId: number) => seen(app).has(routerId);

/** Checks made on the previous data say nothing about a restored one. */
export function forgetDrift(app: AppContext) {
  seen(app).clear();
}
