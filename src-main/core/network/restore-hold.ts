/**
 * After a restore the routers may hold a state the restored data does not know (changes applied after
 * the backup, or a sync step that was in flight). So the sync worker holds every router's queue, a
 * difference check runs per router, and nothing is pushed until the owner has looked and chosen:
 * "Lanjutkan sinkron" (sync.retry) releases the hold.
 */
import { clearRouterHold, heldRouterIds, holdActiveRouters, routerHold } from '../../data/network/routers.repository';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';
import { driftCheck } from './drift';
import { forgetDrift, hasDriftSeen, rememberDrift } from './drift-seen';

/** Holds every router's queue; runs inside the restore's transaction, on the restored data. */
export function holdAfterRestore(app: AppContext): number {
  forgetDrift(app);
  return holdActiveRouters(app.sqlite, app.clock.now().toISOString());
}

/** The owner chose to send the queue: the hold ends (audited, in the caller's transaction). */
export function releaseHolds(call: CallContext, routerIds: number[]): number[] {
  const released: number[] = [];
  for (const id of routerIds) {
    const r = routerHold(call.app.sqlite, id);
    if (!r?.hold) continue;
    clearRouterHold(call.app.sqlite, id);
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
  const held = heldRouterIds(app.sqlite);
  const call: CallContext = { app, session: null, transport: 'internal' };
  await Promise.all(
    held
      .filter((id) => !hasDriftSeen(app, id))
      .map(async (id) => {
        try {
          await driftCheck(call, id);
        } catch (err) {
          rememberDrift(app, id, {
            checkedAt: app.clock.now().toISOString(),
            differences: 0,
            error: err instanceof Error ? err.message : String(err),
          });
        }
      }),
  );
  if (held.length) app.events.emit({ name: 'data.changed', payload: { entity: 'sync', channel: 'sync.hold' } });
}
