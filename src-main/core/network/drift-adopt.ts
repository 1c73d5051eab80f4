/** "Router → app" for one difference: the app takes the router's value (inside the repair's transaction). */
import type { DriftItem } from '../../../src-shared/contract/routers';
import { AppError } from '../../../src-shared/result';
import type { RouterRow } from '../../routeros/client';
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
  const run = (sql: string, ...params: unknown[]) => app.sqlite.prepare(sql).run(...params);
  const unlink = () => {
    run('UPDATE pppoe_accounts SET router_id = NULL, router_secret_id = NULL, updated_at = ? WHERE id = ?', now, a!.id);
    // Whatever was still queued would put the secret back on the router.
    run(
      "UPDATE sync_ops SET status = 'dropped', last_error = 'account unlinked from this router', updated_at = ? WHERE router_id = ? AND entity = 'pppoe' AND entity_id = ? AND status IN ('pending', 'failed')",
      now,
      routerId,
      a!.id,
    );
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
      run(
        `UPDATE pppoe_accounts SET password_enc = ?, static_ip = ?, router_secret_id = ?, updated_at = ?,
           status = CASE WHEN ? THEN 'inactive' WHEN status = 'inactive' THEN 'active' ELSE status END WHERE id = ?`,
        app.secrets.encrypt(s!.password ?? ''),
        s!['remote-address'] || null,
        s!['.id'] ?? null,
        now,
        isTrue(s!.disabled) ? 1 : 0,
        a!.id,
      );
      // Only the comment (the customer code) goes back to the router; the rest already matches.
      syncAccount(app, a!.id);
      return;
    }
    case 'profile':
      return adoptProfile(call, a!.id, a!.isolirProfile, s!);
    case 'disabled':
      return run(
        'UPDATE pppoe_accounts SET status = ?, isolated_from_profile = NULL, isolated_at = NULL, updated_at = ? WHERE id = ?',
        isTrue(s!.disabled) ? 'inactive' : 'active',
        now,
        a!.id,
      );
    case 'password':
      return run(
        'UPDATE pppoe_accounts SET password_enc = ?, updated_at = ? WHERE id = ?',
        app.secrets.encrypt(s!.password ?? ''),
        now,
        a!.id,
      );
    case 'staticIp':
      return run(
        'UPDATE pppoe_accounts SET static_ip = ?, updated_at = ? WHERE id = ?',
        s!['remote-address'] || null,
        now,
        a!.id,
      );
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
    app.sqlite
      .prepare(
        "UPDATE pppoe_accounts SET status = 'suspended', isolated_from_profile = profile_name, isolated_at = coalesce(isolated_at, ?), updated_at = ? WHERE id = ?",
      )
      .run(now, now, accountId);
    return;
  }
  const pkg = app.sqlite
    .prepare('SELECT id FROM internet_packages WHERE profile_name = ? COLLATE NOCASE')
    .get(routerProfile) as { id: number } | undefined;
  app.sqlite
    .prepare(
      `UPDATE pppoe_accounts SET profile_name = ?, internet_package_id = coalesce(?, internet_package_id),
         status = CASE WHEN status = 'suspended' AND isolated_from_profile IS NOT NULL THEN 'active' ELSE status END,
         isolated_from_profile = NULL, updated_at = ? WHERE id = ?`,
    )
    .run(routerProfile, pkg?.id ?? null, now, accountId);
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
  call.app.sqlite
    .prepare(
      "UPDATE sync_ops SET status = 'dropped', last_error = 'taken from this router', updated_at = ? WHERE router_id = ? AND entity = 'package' AND entity_id = ? AND status = 'pending'",
    )
    .run(call.app.clock.now().toISOString(), routerId, item.packageId);
}
