import type { z } from 'zod';
import type { PppoeAccount, pppoeContract } from '../../../src-shared/contract/pppoe';
import type { Subscription } from '../../../src-shared/contract/subscriptions';
import { roleCan } from '../../../src-shared/permissions';
import { AppError, notFound } from '../../../src-shared/result';
import { setRouterSecretId } from '../../data/network/account-state.repository';
import * as accountsRepo from '../../data/network/accounts.repository';
import type { AccountView } from '../../data/network/accounts.repository';
import { customerExists, customerStanding } from '../../data/network/customer-refs.queries';
import { allRouterIds, routerExists } from '../../data/network/routers.repository';
import { deleteAccountTraffic } from '../../data/network/traffic.repository';
import { packageForAccount } from '../../data/packages.repository';
import { diff, writeAudit } from '../audit';
import { dropUninvoicedSubscriptions, ensureAccountSubscription, followPackageChange } from '../billing/accountBilling';
import { customerGate } from './customer-gate';
import type { CallContext } from '../context';
import { isUniqueViolation, likePattern, type Paged } from '../../data/sql';
import { generatePassword, uniqueUsername } from './credentials';
import { enqueueKick, enqueueSecretRemove, syncAccount } from './queue';
import { checkAccountBrands } from '../brands/membership';
import { isOnline, onlineNames } from './online';

type P = typeof pppoeContract;
type In<K extends keyof P> = z.output<P[K]['input']>;

/** The account with its presence, as the router poll last saw it. */
function withPresence(call: CallContext, a: AccountView): PppoeAccount {
  const { syncState, syncError, ...rest } = a;
  return { ...rest, online: isOnline(call.app, a.routerId, a.username), syncState, syncError };
}

export function getAccount(call: CallContext, id: number): PppoeAccount {
  const row = accountsRepo.findAccount(call.app.sqlite, id);
  if (!row) throw notFound('PPPoE account');
  return withPresence(call, row);
}

export function listAccounts(call: CallContext, input: In<'pppoe.list'>): Paged<PppoeAccount> {
  let online: accountsRepo.AccountFilter['online'];
  if (input.online !== undefined) {
    // Presence lives in memory per router: it becomes a filter on router and username.
    const keys: string[] = [];
    for (const id of allRouterIds(call.app.sqlite))
      for (const n of onlineNames(call.app, id) ?? []) keys.push(`${id}\x1f${n}`);
    online = { keys, is: input.online };
  }
  const { rows, total } = accountsRepo.pageAccounts(
    call.app.sqlite,
    {
      status: input.status,
      routerId: input.routerId,
      internetPackageId: input.internetPackageId,
      customerId: input.customerId,
      pattern: input.search ? likePattern(input.search.toLowerCase()) : undefined,
      online,
    },
    input.sort ?? { field: 'username', dir: 'asc' },
    input.pageSize,
    (input.page - 1) * input.pageSize,
  );
  return { items: rows.map((r) => withPresence(call, r)), total, page: input.page, pageSize: input.pageSize };
}

export function suggestCredentials(call: CallContext, customerId: number): { username: string; password: string } {
  const db = call.app.sqlite;
  const c = customerStanding(db, customerId);
  if (!c) throw notFound('Customer');
  const taken = (u: string) => accountsRepo.usernameTaken(db, u);
  return { username: uniqueUsername(c.name, c.code, taken), password: generatePassword(10) };
}

function refCheck(
  call: CallContext,
  input: { customerId?: number; internetPackageId?: number; routerId?: number | null },
) {
  const db = call.app.sqlite;
  const issues: { path: string; message: string }[] = [];
  if (input.customerId !== undefined && !customerExists(db, input.customerId)) {
    issues.push({ path: 'customerId', message: 'Customer not found' });
  }
  let pkg: { profileName: string; isActive: number } | undefined;
  if (input.internetPackageId !== undefined) {
    pkg = packageForAccount(db, input.internetPackageId);
    if (!pkg) issues.push({ path: 'internetPackageId', message: 'Package not found' });
  }
  if (input.routerId != null && !routerExists(db, input.routerId)) {
    issues.push({ path: 'routerId', message: 'Router not found' });
  }
  if (issues.length) throw new AppError('BAD_INPUT', issues[0]!.message, issues);
  return pkg;
}

function uniqueFailure(err: unknown): never {
  if (isUniqueViolation(err, 'pppoe_accounts')) {
    throw new AppError('CONFLICT', 'This PPPoE username is already used', [
      { path: 'username', message: 'This PPPoE username is already used' },
    ]);
  }
  throw err;
}

function staticIpCheck(call: CallContext, ip: string | null | undefined, routerId: number | null, selfId?: number) {
  if (!ip) return;
  const other = accountsRepo.staticIpOwner(call.app.sqlite, ip, routerId, selfId ?? 0);
  if (other)
    throw new AppError('CONFLICT', `Static IP ${ip} is already used by ${other}`, [
      { path: 'staticIp', message: `Already used by ${other}` },
    ]);
}

export function createAccount(
  call: CallContext,
  input: In<'pppoe.create'>,
): { account: PppoeAccount; password: string | null; subscription: Subscription | null } {
  const { app } = call;
  const now = app.clock.now().toISOString();
  try {
    return app.sqlite.transaction(() => {
      const pkg = refCheck(call, input)!;
      const ids = {
        customerId: input.customerId,
        packageId: input.internetPackageId,
        routerId: input.routerId ?? null,
      };
      checkAccountBrands(call, ids);
      const active = (input.status ?? 'active') === 'active';
      const override = active ? customerGate(call, input.customerId, input.overrideReason) : null;
      const routerId = input.routerId ?? null;
      const username = input.username ?? suggestCredentials(call, input.customerId).username;
      const password = input.password ?? generatePassword(10);
      staticIpCheck(call, input.staticIp, routerId);
      const id = accountsRepo.insertAccount(
        app.sqlite,
        {
          customerId: input.customerId,
          internetPackageId: input.internetPackageId,
          routerId,
          username,
          passwordEnc: app.secrets.encrypt(password),
          staticIp: input.staticIp ?? null,
          profileName: input.profileName ?? pkg.profileName,
          status: input.status ?? 'active',
          callerId: input.callerId ?? null,
          expiresAt: input.expiresAt ?? null,
          routerSecretId: null,
          notes: input.notes ?? null,
        },
        now,
      );
      syncAccount(app, id);
      const account = getAccount(call, id);
      writeAudit(call, {
        action: 'pppoe.create',
        entity: 'pppoe',
        entityId: id,
        after: override ? { ...account, override: { customerStatus: override.customerStatus } } : account,
        reason: override?.reason ?? null,
      });
      // An active account is a paying one: its subscription is written in the same transaction.
      const subscription = active ? ensureAccountSubscription(call, id, input.billing ?? {}).subscription : null;
      return {
        account,
        password: roleCan(call.session?.role, 'pppoe.viewPassword') ? password : null,
        subscription,
      };
    })();
  } catch (err) {
    uniqueFailure(err);
  }
}

export function updateAccount(call: CallContext, input: In<'pppoe.update'>): PppoeAccount {
  const { app } = call;
  try {
    return app.sqlite.transaction(() => {
      const before = getAccount(call, input.id);
      const pkg = refCheck(call, input);
      const routerId = input.routerId === undefined ? before.routerId : input.routerId;
      const packageChanged =
        input.internetPackageId !== undefined && input.internetPackageId !== before.internetPackageId;
      const next = {
        customerId: input.customerId ?? before.customerId,
        internetPackageId: input.internetPackageId ?? before.internetPackageId,
        username: input.username ?? before.username,
        staticIp: input.staticIp === undefined ? before.staticIp : input.staticIp,
        // A new package brings its profile unless a profile was named explicitly.
        profileName: input.profileName ?? (packageChanged ? pkg!.profileName : before.profileName),
        callerId: input.callerId === undefined ? before.callerId : input.callerId,
        expiresAt: input.expiresAt === undefined ? before.expiresAt : input.expiresAt,
        notes: input.notes === undefined ? before.notes : input.notes,
      };
      staticIpCheck(call, next.staticIp, routerId, input.id);
      checkAccountBrands(call, { customerId: next.customerId, packageId: next.internetPackageId, routerId });
      accountsRepo.updateAccount(
        app.sqlite,
        input.id,
        { ...next, routerId },
        input.password ? app.secrets.encrypt(input.password) : undefined,
        app.clock.now().toISOString(),
      );
      if (routerId !== before.routerId) {
        // Moved to another router: remove from the old one, create on the new one (where a secret of the
        // same name is not the app's until proven, see ownsSecret).
        setRouterSecretId(app.sqlite, input.id, null);
        if (before.routerId !== null) enqueueSecretRemove(app, before.routerId, input.id, before.username);
        if (before.routerId !== null) enqueueKick(app, before.routerId, input.id, before.username);
        syncAccount(app, input.id);
      } else {
        const renamed = next.username !== before.username;
        const profileChanged = next.profileName !== before.profileName;
        const ipChanged = next.staticIp !== before.staticIp;
        const changedOnRouter =
          renamed ||
          profileChanged ||
          ipChanged ||
          next.callerId !== before.callerId ||
          !!input.password ||
          next.customerId !== before.customerId;
        if (changedOnRouter) {
          // Speed, address and credentials apply at the next login: kick so the customer reconnects with them.
          syncAccount(app, input.id, {
            kick: renamed || profileChanged || ipChanged || !!input.password,
            previousName: renamed ? before.username : null,
          });
          if (renamed && before.routerId !== null) enqueueKick(app, before.routerId, input.id, before.username);
        }
      }
      // The subscription follows the package (new price from the next invoice on).
      if (packageChanged) followPackageChange(call, input.id, next.internetPackageId);
      const after = getAccount(call, input.id);
      const d = diff(before, after);
      for (const k of ['updatedAt', 'syncState', 'syncError', 'online'] as const) {
        delete d.before[k];
        delete d.after[k];
      }
      if (input.password) (d.after as Record<string, unknown>).password = 'changed';
      if (Object.keys(d.after).length)
        writeAudit(call, { action: 'pppoe.update', entity: 'pppoe', entityId: input.id, ...d });
      return after;
    })();
  } catch (err) {
    uniqueFailure(err);
  }
}

function setStatus(
  call: CallContext,
  id: number,
  status: 'active' | 'inactive',
  action: string,
  overrideReason?: string | null,
): PppoeAccount {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const before = getAccount(call, id);
    if (before.status === status && before.isolatedFromProfile === null) return before;
    const override = status === 'active' ? customerGate(call, before.customerId, overrideReason) : null;
    accountsRepo.setAccountStatus(app.sqlite, id, status, app.clock.now().toISOString());
    // Disabling a secret does not end a running session on RouterOS: kick it. Enabling needs no kick.
    syncAccount(app, id, { kick: status === 'inactive' || before.isolatedFromProfile !== null });
    const after = getAccount(call, id);
    writeAudit(call, {
      action,
      entity: 'pppoe',
      entityId: id,
      before: { status: before.status },
      after: override
        ? { status: after.status, override: { customerStatus: override.customerStatus } }
        : { status: after.status },
      reason: override?.reason ?? null,
    });
    // Enabled means billed: an account that no subscription bills gets one, as at creation.
    if (status === 'active') ensureAccountSubscription(call, id);
    return after;
  })();
}

export const enableAccount = (call: CallContext, id: number, overrideReason?: string | null) =>
  setStatus(call, id, 'active', 'pppoe.enable', overrideReason);
export const disableAccount = (call: CallContext, id: number) => setStatus(call, id, 'inactive', 'pppoe.disable');

export function deleteAccount(call: CallContext, id: number): { id: number } {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const before = getAccount(call, id);
    const subs = accountsRepo.invoicedSubscriptionCount(app.sqlite, id);
    if (subs > 0)
      throw new AppError(
        'CONFLICT',
        `${before.username} is used by ${subs} subscription(s): disable it instead of deleting`,
      );
    // Subscriptions that never invoiced anything are no financial history: they go with their account.
    dropUninvoicedSubscriptions(call, id);
    if (before.routerId !== null) {
      enqueueSecretRemove(app, before.routerId, id, before.username);
      enqueueKick(app, before.routerId, id, before.username);
    }
    // Queue rows keep entity_id for their history; traffic samples belong to the account and go with it.
    deleteAccountTraffic(app.sqlite, id);
    accountsRepo.deleteAccount(app.sqlite, id);
    writeAudit(call, { action: 'pppoe.delete', entity: 'pppoe', entityId: id, before });
    return { id };
  })();
}

export function revealPassword(call: CallContext, id: number): { password: string } {
  const { app } = call;
  const row = accountsRepo.accountPassword(app.sqlite, id);
  if (!row) throw notFound('PPPoE account');
  // Who looked at which password is worth knowing.
  writeAudit(call, {
    action: 'pppoe.revealPassword',
    entity: 'pppoe',
    entityId: id,
    after: { username: row.username },
  });
  return { password: app.secrets.decrypt(row.enc) };
}
