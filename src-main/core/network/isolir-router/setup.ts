/**
 * The isolir router setup as staff run it: preview (dry run), then apply or remove exactly what was
 * previewed. Only objects carrying our comment tag are changed; an audit row records every run, also a
 * run that stopped halfway (it lists what was done before the router refused).
 */
import type { IsolirChange, IsolirPlan } from '../../../../src-shared/contract/isolir-router';
import { AppError, notFound } from '../../../../src-shared/result';
import type { RouterClient } from '../../../routeros/client';
import { isolirProfileOf } from '../../../data/network/routers.repository';
import { writeAudit } from '../../audit';
import type { AppContext, CallContext } from '../../context';
import { getSettings } from '../../settings';
import { routerClient } from '../router-access';
import { routerFailure } from '../router-errors';
import { isAdopted, keyOf, type IsolirRouterConfig } from './desired';
import { applyPlan, readState, removePlan } from './plan';

export type IsolirMode = 'apply' | 'remove';

function configOf(app: AppContext, routerId: number): { config: IsolirRouterConfig; problems: string[] } {
  const profileName = isolirProfileOf(app.sqlite, routerId);
  if (profileName === undefined) throw notFound('Router');
  const s = getSettings(app);
  const problems = s.isolirPortalAddress
    ? []
    : ['Set the isolir page address (the portal address the router can reach) in Settings first'];
  return {
    config: {
      profileName,
      poolRanges: s.isolirPoolRanges,
      localAddress: s.isolirLocalAddress,
      portalAddress: s.isolirPortalAddress,
      portalPort: s.isolirPortalPort,
    },
    problems,
  };
}

async function planFor(app: AppContext, client: RouterClient, routerId: number, mode: IsolirMode) {
  const { config, problems } = configOf(app, routerId);
  const state = await readState(client);
  if (mode === 'apply') return applyPlan(config, state, problems);
  // The profile cannot go while isolated accounts use it: they would be left on a missing profile.
  const inUse = await client.run(
    '/ppp/secret/print',
    { 'count-only': '' },
    { queries: [`?profile=${config.profileName}`] },
  );
  const ourProfile = state['/ppp/profile'].some(
    (p) => p.name === config.profileName && keyOf(p.comment) === 'profile' && !isAdopted(p.comment),
  );
  const n = Number(inUse[0]?.ret ?? 0);
  return removePlan(
    state,
    ourProfile && n > 0
      ? [`${n} PPPoE accounts are isolated with profile ${config.profileName}; restore them first`]
      : [],
  );
}

export async function previewIsolirSetup(call: CallContext, routerId: number, mode: IsolirMode): Promise<IsolirPlan> {
  configOf(call.app, routerId); // unknown router → not found before any connection
  try {
    const client = await routerClient(call.app, routerId, { fresh: true });
    return await planFor(call.app, client, routerId, mode);
  } catch (err) {
    throw routerFailure(err);
  }
}

async function carryOut(client: RouterClient, c: IsolirChange): Promise<void> {
  if (c.action === 'add') {
    const attrs: Record<string, string> = { ...c.fields };
    if (c.placeBefore) attrs['place-before'] = c.placeBefore;
    await client.run(`${c.menu}/add`, attrs);
  } else if (c.action === 'set') {
    // An empty value means "not set": `unset` (RouterOS refuses an empty address); a comment is just emptied.
    const unset = c.changes.filter((x) => x.to === '' && x.field !== 'comment');
    const set = c.changes.filter((x) => !unset.includes(x));
    if (set.length)
      await client.run(`${c.menu}/set`, { '.id': c.id!, ...Object.fromEntries(set.map((x) => [x.field, x.to])) });
    for (const x of unset) await client.run(`${c.menu}/unset`, { numbers: c.id!, 'value-name': x.field });
  } else if (c.action === 'remove') await client.run(`${c.menu}/remove`, { '.id': c.id! });
}

/** Applies or removes the setup; refused when the router no longer matches the preview the user saw. */
export async function runIsolirSetup(
  call: CallContext,
  routerId: number,
  mode: IsolirMode,
  fingerprint: string,
): Promise<{ done: IsolirChange[] }> {
  configOf(call.app, routerId);
  const done: IsolirChange[] = [];
  let failure: unknown = null;
  try {
    const client = await routerClient(call.app, routerId, { fresh: true });
    const plan = await planFor(call.app, client, routerId, mode);
    if (plan.problems.length) throw new AppError('CONFLICT', plan.problems[0]!);
    if (plan.fingerprint !== fingerprint)
      throw new AppError('CONFLICT', 'The router changed since the preview; preview again');
    for (const c of plan.changes) {
      if (c.action === 'keep') continue;
      await carryOut(client, c);
      done.push(c);
    }
  } catch (err) {
    failure = err;
  }
  if (done.length)
    writeAudit(call, {
      action: mode === 'apply' ? 'router.isolir.apply' : 'router.isolir.remove',
      entity: 'router',
      entityId: routerId,
      after: {
        complete: failure === null,
        changes: done.map((c) => ({ menu: c.menu, key: c.key, action: c.action, id: c.id, changes: c.changes })),
      },
    });
  if (failure !== null) throw routerFailure(failure);
  return { done };
}
