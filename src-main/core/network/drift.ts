import type { z } from 'zod';
import type { DriftItem, routersContract } from '../../../src-shared/contract/routers';
import { AppError, notFound } from '../../../src-shared/result';
import { setRouterSecretId } from '../../data/network/account-state.repository';
import { routerExists } from '../../data/network/routers.repository';
import { dropOpenProfileUpserts } from '../../data/network/sync-ops.repository';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { adoptItem } from './drift-adopt';
import { compare, type Compared, type WantedProfile } from './drift-compare';
import { readRouter } from './import';
import { enqueueIsolirProfile, enqueueOp, syncAccount, type ProfilePayload } from './queue';
import { rateLimitFor } from './rate-limit';
import { rememberDrift } from './drift-seen';

type RepairIn = z.output<(typeof routersContract)['routers.repair']['input']>;
type Direction = 'push' | 'adopt';

const lc = (s: string) => s.toLowerCase();
const PROFILE_KINDS = new Set(['profileMissing', 'rateLimit', 'pool']);
/** Adopting takes the router's value into the app; for these the router has nothing to take. */
export const NOTHING_TO_ADOPT = new Set(['comment', 'profileMissing']);

export async function driftCheck(call: CallContext, routerId: number) {
  const { app } = call;
  if (!routerExists(app.sqlite, routerId)) throw notFound('Router');
  const snap = await readRouter(call, routerId);
  const c = compare(app, routerId, snap);
  const result = {
    routerId,
    checkedAt: app.clock.now().toISOString(),
    accountsInApp: c.accounts.size,
    secretsOnRouter: c.secrets.size,
    profilesInApp: c.wanted.size,
    profilesOnRouter: c.profiles.size,
    items: c.items,
  };
  rememberDrift(app, routerId, { checkedAt: result.checkedAt, differences: c.items.length, error: null });
  return result;
}

const describe = (i: DriftItem, dir: Direction): string => {
  if (dir === 'push') {
    switch (i.kind) {
      case 'missing':
        return `create secret ${i.username} on the router`;
      case 'extra':
        return `remove secret ${i.username} from the router`;
      case 'unowned':
        return `overwrite the router's own secret ${i.username} with the app's account (its password too)`;
      case 'noProfile':
        return `create profile ${i.app} on the router, then secret ${i.username}`;
      case 'profileMissing':
        return `create profile ${i.username} on the router`;
      default:
        return `set ${i.kind} of ${i.subject} ${i.username} on the router to ${i.app ?? '(none)'}`;
    }
  }
  switch (i.kind) {
    case 'missing':
      return `unlink account ${i.username} from this router (kept in the app)`;
    case 'noProfile':
      return i.router === null
        ? `unlink account ${i.username} from this router (kept in the app)`
        : `set profile of ${i.username} in the app to ${i.router}`;
    case 'extra':
      return `import secret ${i.username} as a new account`;
    case 'unowned':
      return `take the router's secret ${i.username} into the account (password, profile, status, IP)`;
    case 'comment':
      return `nothing to adopt: the comment follows the customer code`;
    case 'profileMissing':
      return `nothing to adopt: profile ${i.username} is not on the router`;
    case 'password':
      return `take the router's password for ${i.username}`;
    case 'rateLimit':
    case 'pool':
      return `set ${i.kind} of package profile ${i.username} in the app to ${i.router ?? '(none)'} (every router follows)`;
    default:
      return `set ${i.kind} of ${i.username} in the app to ${i.router ?? '(none)'}`;
  }
};

interface Chosen {
  item: DriftItem;
  direction: Direction;
  /** Chosen one by one (an impossible push is an error) rather than by "all" (it is skipped). */
  explicit: boolean;
}

/** Profiles first, then secrets: a secret can only be created once its profile is on the router. */
const planOrder = (a: Chosen, b: Chosen) => Number(a.item.subject === 'secret') - Number(b.item.subject === 'secret');

/** The profile a pushed secret needs on the router, when the router lacks it. */
function neededProfile(c: Compared, x: Chosen): WantedProfile | null | undefined {
  if (x.direction !== 'push' || x.item.kind !== 'noProfile') return undefined;
  return c.wanted.get(lc(x.item.app ?? '')) ?? null;
}

function queueProfile(call: CallContext, routerId: number, w: WantedProfile) {
  const { app } = call;
  if (w.packageId === null) return enqueueIsolirProfile(app, routerId, w.name);
  dropOpenProfileUpserts(app.sqlite, routerId, w.packageId, app.clock.now().toISOString());
  return enqueueOp(app, routerId, 'profile.upsert', 'package', w.packageId, {
    name: w.name,
    rateLimit: rateLimitFor(w.up, w.down),
    remoteAddress: w.ipPool,
  } satisfies ProfilePayload);
}

/**
 * Fixes chosen differences in one ordered plan: the router's missing or different profiles are queued
 * first, then the secrets (one upsert per account, whatever the number of its differences); adopt
 * changes the app. A dry run returns the same list without writing anything.
 */
export async function repairDrift(call: CallContext, input: RepairIn) {
  const { app } = call;
  if (!routerExists(app.sqlite, input.routerId)) throw notFound('Router');
  const snap = await readRouter(call, input.routerId);
  const c = compare(app, input.routerId, snap);
  const byKey = new Map(c.items.map((i) => [i.key, i]));
  const chosen: Chosen[] = [];
  // Overwriting a secret the router had of its own is decided row by row, never by "push all".
  if (input.all)
    for (const item of c.items)
      if (!(input.all === 'push' && item.kind === 'unowned'))
        chosen.push({ item, direction: input.all, explicit: false });
  for (const sel of input.items ?? []) {
    const item = byKey.get(sel.key);
    if (!item)
      throw new AppError('CONFLICT', `The difference ${sel.key} is no longer there: check again`, [
        { path: 'items', message: `${sel.key} not found` },
      ]);
    chosen.push({ item, direction: sel.direction, explicit: true });
  }
  for (const x of chosen)
    if (neededProfile(c, x) === null && x.explicit)
      throw new AppError(
        'CONFLICT',
        `Profile ${x.item.app} belongs to no package: give ${x.item.username} a package, then repair it`,
      );
  // A secret whose profile no package defines cannot be created: "all" leaves it out.
  const plan = chosen.filter((x) => neededProfile(c, x) !== null).sort(planOrder);
  const changes = plan.map(({ item, direction }) => ({
    key: item.key,
    subject: item.subject,
    username: item.username,
    kind: item.kind,
    direction,
    description: describe(item, direction),
  }));
  if (input.dryRun) return { dryRun: true, changes, queued: 0 };
  let queued = 0;
  app.sqlite.transaction(() => {
    const profiles = new Map<string, WantedProfile>();
    const accounts = new Set<number>();
    for (const x of plan) {
      if (x.direction === 'adopt') continue;
      const w = PROFILE_KINDS.has(x.item.kind) ? c.wanted.get(lc(x.item.username)) : neededProfile(c, x);
      if (w) profiles.set(lc(w.name), w);
    }
    for (const w of profiles.values()) {
      queueProfile(call, input.routerId, w);
      queued++;
    }
    for (const { item, direction } of plan) {
      if (item.subject === 'profile' && direction === 'push') continue;
      if (direction === 'adopt') {
        adoptItem(call, input.routerId, c, item);
        continue;
      }
      const a = c.accounts.get(lc(item.username));
      if (item.kind === 'extra') {
        enqueueOp(app, input.routerId, 'secret.remove', 'pppoe', null, { name: item.username });
        queued++;
      } else if (a) {
        // The owner chose to replace the router's own secret: from now on it is the app's.
        if (item.kind === 'unowned')
          setRouterSecretId(app.sqlite, a.id, c.secrets.get(lc(item.username))?.['.id'] ?? null);
        accounts.add(a.id);
      }
    }
    for (const id of accounts) {
      syncAccount(app, id);
      queued++;
    }
    writeAudit(call, {
      action: 'router.repair',
      entity: 'router',
      entityId: input.routerId,
      after: { changes: changes.map((x) => `${x.direction}:${x.key}`).slice(0, 500), total: changes.length },
    });
  })();
  return { dryRun: false, changes, queued };
}
