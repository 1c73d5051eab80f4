/** "Router → app" for one difference: the app takes the router's value (inside the repair's transaction). */
import type { DriftItem } from '../../../src-shared/contract/routers';
import { AppError } from '../../../src-shared/result';
import type { RouterRow } from '../../routeros/client';
import {
  followRouterProfile,
  isolateByRouterProfile,
  setPasswordEnc,
  setStaticIp,
  takeSecret,
  unlinkFromRouter,
} from '../../data/network/account-state.repository';
import { setAccountStatus } from '../../data/network/accounts.repository';
import { dropOpenAccountOps, dropPendingPackageOps } from '../../data/network/sync-ops.repository';
import { packageIdByProfile } from '../../data/packages.repository';
import type { CallContext } from '../context';
import { updatePackage } from '../packages';
import type { Compared } from './drift-compare';
import { adoptSecret } from './import';
import { sharedComments } from './import-names';
import { syncAccount } from './queue';
import { parseRateLimit } from './rate-limit';

const isTrue = (v: string | undefined) => v === 'true' || v === 'yes';
const lc = (s: string) => s.toLowerCase();
const POOL = /^[A-Za-z0-9_.-]{1,64}$/;
type PackageUpdate = Parameters<typeof updatePackage>[1];

export function adoptItem(call: CallContext, routerId: number, c: Compared, item: DriftItem) {
  adopt(call, routerId, c, item);
  // The account's queue now carries the adopted state: an older queued change (say, from restored data)
  // must not put back what the owner just took from the router.
  const a = c.accounts.get(lc(item.username));
  if (a && ['profile', 'disabled', 'password', 'staticIp'].includes(item.kind)) syncAccount(call.app, a.id);
  if (a && item.kind === 'noProfile' && c.secrets.has(lc(item.username))) syncAccount(call.app, a.id);
}

function adopt(call: CallContext, routerId: number, c: Compared, item: DriftItem) {
  const { app } = call;
  const now = app.clock.now().toISOString();
  const a = c.accounts.get(lc(item.username));
  const s = c.secrets.get(lc(item.username));
  const db = app.sqlite;
  const unlink = () => {
    unlinkFromRouter(db, a!.id, now);
    // Whatever was still queued would put the secret back on the router.
    dropOpenAccountOps(db, routerId, a!.id, 'account unlinked from this router', now);
  };
  switch (item.kind) {
    case 'missing':
      return unlink();
    case 'noProfile':
      return s ? adoptProfile(call, a!.id, a!.isolirProfile, s) : unlink();
    case 'extra': {
      if (!s) return;
      const r = adoptSecret(call, {
        routerId,
        secret: s,
        fixComment: true,
        shared: sharedComments([...c.secrets.values()]),
      });
      if ('skipped' in r) throw new AppError('CONFLICT', `Cannot import ${item.username}: ${r.skipped}`);
      return;
    }
    case 'unowned': {
      // The router's secret becomes the account's: its password, profile, status and IP, and its id.
      adoptProfile(call, a!.id, a!.isolirProfile, s!);
      takeSecret(
        db,
        a!.id,
        {
          passwordEnc: app.secrets.encrypt(s!.password ?? ''),
          staticIp: s!['remote-address'] || null,
          secretId: s!['.id'] ?? null,
          disabled: isTrue(s!.disabled),
        },
        now,
      );
      // Only the comment (the customer code) goes back to the router; the rest already matches.
      syncAccount(app, a!.id);
      return;
    }
    case 'profile':
      return adoptProfile(call, a!.id, a!.isolirProfile, s!);
    case 'disabled':
      return setAccountStatus(db, a!.id, isTrue(s!.disabled) ? 'inactive' : 'active', now);
    case 'password':
      return setPasswordEnc(db, a!.id, app.secrets.encrypt(s!.password ?? ''), now);
    case 'staticIp':
      return setStaticIp(db, a!.id, s!['remote-address'] || null, now);
    case 'rateLimit':
    case 'pool':
      return adoptPackageProfile(call, routerId, c, item);
    case 'comment':
    case 'profileMissing':
      return; // nothing on the router to take
  }
}

/** The account follows the secret's profile: the isolir profile means isolated, another one its package. */
function adoptProfile(call: CallContext, accountId: number, isolir: string | null, s: RouterRow) {
  const { app } = call;
  const now = app.clock.now().toISOString();
  const routerProfile = s.profile ?? 'default';
  if (isolir && lc(routerProfile) === lc(isolir)) {
    isolateByRouterProfile(app.sqlite, accountId, now);
    return;
  }
  const pkgId = packageIdByProfile(app.sqlite, routerProfile);
  followRouterProfile(app.sqlite, accountId, routerProfile, pkgId ?? null, now);
}

/**
 * The package takes the speed or pool of this router's profile (audited as a package change; every
 * other router gets the new value). This router keeps its own profile as it is (burst settings included).
 */
function adoptPackageProfile(call: CallContext, routerId: number, c: Compared, item: DriftItem) {
  const p = c.profiles.get(lc(item.username));
  if (!p || item.packageId === null) return;
  let change: PackageUpdate;
  if (item.kind === 'rateLimit') {
    const rate = parseRateLimit(p['rate-limit']);
    if (!rate)
      throw new AppError('CONFLICT', `The rate-limit of profile ${item.username} on the router cannot be read`);
    change = { id: item.packageId, bandwidthUp: rate.upKbps, bandwidthDown: rate.downKbps } as PackageUpdate;
  } else {
    const pool = item.router;
    if (pool !== null && !POOL.test(pool))
      throw new AppError('CONFLICT', `The pool ${pool} of profile ${item.username} is not a pool name the app can use`);
    change = { id: item.packageId, ipPool: pool } as PackageUpdate;
  }
  updatePackage(call, change);
  dropPendingPackageOps(
    call.app.sqlite,
    routerId,
    item.packageId,
    'taken from this router',
    call.app.clock.now().toISOString(),
  );
}
