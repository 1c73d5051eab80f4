/**
 * After a restore the routers may hold a state the restored data does not know (changes applied after
 * the backup, or a sync step that was in flight). So the sync worker holds every router's queue, a
 * difference check runs per router, and nothing is pushed until the owner has looked and chosen:
 * "Lanjutkan sinkron" (sync.retry) releases the hold.
 */
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';
import { driftCheck } from './drift';

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

/** Holds every router's queue; runs inside the restore's transaction, on the restored data. */
export function holdAfterRestore(app: AppContext): number {
  seen(app).clear(); // checks made on the previous data say nothing about the restored one
  const { changes } = app.sqlite
    .prepare("UPDATE routers SET sync_hold = 'restore', sync_hold_since = ? WHERE is_active = 1")
    .run(app.clock.now().toISOString());
  return changes;
}

/** The owner chose to send the queue: the hold ends (audited, in the caller's transaction). */
export function releaseHolds(call: CallContext, routerIds: number[]): number[] {
  const released: number[] = [];
  const get = call.app.sqlite.prepare(
    'SELECT name, sync_hold AS hold, sync_hold_since AS since FROM routers WHERE id = ?',
  );
  const clear = call.app.sqlite.prepare('UPDATE routers SET sync_hold = NULL, sync_hold_since = NULL WHERE id = ?');
  for (const id of routerIds) {
    const r = get.get(id) as { name: string; hold: string | null; since: string | null } | undefined;
    if (!r?.hold) continue;
    clear.run(id);
    released.push(id);
    writeAudit(call, {
      action: 'sync.resume',
      entity: 'router',
      entityId: id,
      before: { hold: r.hold, since: r.since },
      after: { hold: null },
    });
  }
  return released;
}

/**
 * A difference check of every held router that has none yet (after a restore, or after a restart
 * while held). Failures are remembered too: the screens say the router could not be checked.
 */
export async function checkHeldRouters(app: AppContext): Promise<void> {
  const held = app.sqlite
    .prepare('SELECT id FROM routers WHERE sync_hold IS NOT NULL AND is_active = 1 ORDER BY id')
    .all() as { id: number }[];
  const call: CallContext = { app, session: null, transport: 'internal' };
  await Promise.all(
    held
      .filter((r) => !seen(app).has(r.id))
      .map(async (r) => {
        try {
          await driftCheck(call, r.id);
        } catch (err) {
          rememberDrift(app, r.id, {
            checkedAt: app.clock.now().toISOString(),
            differences: 0,
            error: err instanceof Error ? err.message : String(err),
          });
        }
      }),
  );
  if (held.length) app.events.emit({ name: 'data.changed', payload: { entity: 'sync', channel: 'sync.hold' } });
}
