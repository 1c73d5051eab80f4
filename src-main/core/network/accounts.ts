import type { z } from 'zod';
import type { PppoeAccount, pppoeContract } from '../../../src-shared/contract/pppoe';
import type { Subscription } from '../../../src-shared/contract/billing';
import { roleCan } from '../../../src-shared/permissions';
import { AppError, notFound } from '../../../src-shared/result';
import { diff, writeAudit } from '../audit';
import { dropUninvoicedSubscriptions, ensureAccountSubscription, followPackageChange } from '../billing/accountBilling';
import { customerGate } from './customer-gate';
import type { CallContext } from '../context';
import { isUniqueViolation, likePattern, type Paged } from '../sql';
import { generatePassword, uniqueUsername } from './credentials';
import { enqueueKick, enqueueSecretRemove, syncAccount } from './queue';
import { isOnline, onlineNames } from './online';

type P = typeof pppoeContract;
type In<K extends keyof P> = z.output<P[K]['input']>;

const SELECT = `
  SELECT a.id, a.customer_id AS customerId, c.customer_code AS customerCode, c.name AS customerName,
         a.internet_package_id AS internetPackageId, p.name AS packageName, a.router_id AS routerId, r.name AS routerName,
         a.username, a.static_ip AS staticIp, a.profile_name AS profileName,
         CASE WHEN a.status = 'suspended' AND a.isolated_from_profile IS NOT NULL THEN coalesce(r.isolir_profile, 'ISOLIR') ELSE a.profile_name END AS routerProfile,
         a.status, a.isolated_from_profile AS isolatedFromProfile, a.isolated_at AS isolatedAt, a.caller_id AS callerId,
         a.last_login AS lastLogin, a.last_ip AS lastIp, a.bytes_in AS bytesIn, a.bytes_out AS bytesOut, a.expires_at AS expiresAt,
         a.notes, a.created_at AS createdAt, a.updated_at AS updatedAt,
         (SELECT o.status || char(31) || coalesce(o.last_error, '') FROM sync_ops o
            WHERE o.entity = 'pppoe' AND o.entity_id = a.id AND o.status IN ('pending', 'failed')
            ORDER BY CASE o.status WHEN 'failed' THEN 0 ELSE 1 END, o.id DESC LIMIT 1) AS syncInfo
  FROM pppoe_accounts a
  JOIN customers c ON c.id = a.customer_id
  JOIN internet_packages p ON p.id = a.internet_package_id
  LEFT JOIN routers r ON r.id = a.router_id`;

type Row = Omit<PppoeAccount, 'online' | 'syncState' | 'syncError'> & { syncInfo: string | null };

function toAccount(call: CallContext, r: Row): PppoeAccount {
  const { syncInfo, ...rest } = r;
  const [state, error] = syncInfo ? syncInfo.split('\x1f') : ['synced', ''];
  return {
    ...rest,
    online: isOnline(call.app, r.routerId, r.username),
    syncState: state as PppoeAccount['syncState'],
    syncError: error || null,
  };
}

export function getAccount(call: CallContext, id: number): PppoeAccount {
  const row = call.app.sqlite.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('PPPoE account');
  return toAccount(call, row);
}

const SORT: Record<string, string> = {
  username: 'a.username COLLATE NOCASE',
  customerName: 'c.name COLLATE NOCASE',
  status: 'a.status',
  lastLogin: 'a.last_login',
  createdAt: 'a.id',
};

export function listAccounts(call: CallContext, input: In<'pppoe.list'>): Paged<PppoeAccount> {
  const where: string[] = [];
  const params: unknown[] = [];
  const eq = (col: string, v: unknown) => {
    if (v !== undefined) {
      where.push(`${col} = ?`);
      params.push(v);
    }
  };
  eq('a.status', input.status);
  eq('a.router_id', input.routerId);
  eq('a.internet_package_id', input.internetPackageId);
  eq('a.customer_id', input.customerId);
  if (input.search) {
    const pat = likePattern(input.search.toLowerCase());
    where.push(
      "(lower(a.username) LIKE ? ESCAPE '\\' OR c.search_text LIKE ? ESCAPE '\\' OR coalesce(a.static_ip, '') LIKE ? ESCAPE '\\')",
    );
    params.push(pat, pat, pat);
  }
  if (input.online !== undefined) {
    // Presence lives in memory per router: turn it into a username filter.
    const routers = call.app.sqlite.prepare('SELECT id FROM routers').all() as { id: number }[];
    const names: string[] = [];
    for (const r of routers) for (const n of onlineNames(call.app, r.id) ?? []) names.push(`${r.id}\x1f${n}`);
    call.app.sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS online_now(k TEXT PRIMARY KEY)');
    call.app.sqlite.exec('DELETE FROM online_now');
    const ins = call.app.sqlite.prepare('INSERT OR IGNORE INTO online_now(k) VALUES (?)');
    for (const n of names) ins.run(n);
    where.push(
      `${input.online ? '' : 'NOT '}EXISTS (SELECT 1 FROM online_now WHERE k = a.router_id || char(31) || lower(a.username))`,
    );
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sort = input.sort ?? { field: 'username', dir: 'asc' as const };
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  const db = call.app.sqlite;
  const total = (
    db
      .prepare(`SELECT count(*) AS n FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id ${w}`)
      .get(...params) as { n: number }
  ).n;
  const rows = db
    .prepare(`${SELECT} ${w} ORDER BY ${SORT[sort.field]} ${dir}, a.id ${dir} LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as Row[];
  return { items: rows.map((r) => toAccount(call, r)), total, page: input.page, pageSize: input.pageSize };
}

function usernameTaken(call: CallContext) {
  const stmt = call.app.sqlite.prepare('SELECT 1 FROM pppoe_accounts WHERE username = ? COLLATE NOCASE');
  return (u: string) => stmt.get(u) !== undefined;
}

export function suggestCredentials(call: CallContext, customerId: number): { username: string; password: string } {
  const c = call.app.sqlite
    .prepare('SELECT name, customer_code AS code FROM customers WHERE id = ?')
    .get(customerId) as { name: string; code: string } | undefined;
  if (!c) throw notFound('Customer');
  return { username: uniqueUsername(c.name, c.code, usernameTaken(call)), password: generatePassword(10) };
}

function refCheck(
  call: CallContext,
  input: { customerId?: number; internetPackageId?: number; routerId?: number | null },
) {
  const db = call.app.sqlite;
  const issues: { path: string; message: string }[] = [];
  if (input.customerId !== undefined && !db.prepare('SELECT 1 FROM customers WHERE id = ?').get(input.customerId)) {
    issues.push({ path: 'customerId', message: 'Customer not found' });
  }
  let pkg: { profileName: string; isActive: number } | undefined;
  if (input.internetPackageId !== undefined) {
    pkg = db
      .prepare('SELECT profile_name AS profileName, is_active AS isActive FROM internet_packages WHERE id = ?')
      .get(input.internetPackageId) as typeof pkg;
    if (!pkg) issues.push({ path: 'internetPackageId', message: 'Package not found' });
  }
  if (input.routerId != null && !db.prepare('SELECT 1 FROM routers WHERE id = ?').get(input.routerId)) {
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
  const other = call.app.sqlite
    .prepare(
      'SELECT username FROM pppoe_accounts WHERE static_ip = ? AND coalesce(router_id, 0) = coalesce(?, 0) AND id != ?',
    )
    .get(ip, routerId, selfId ?? 0) as { username: string } | undefined;
  if (other)
    throw new AppError('CONFLICT', `Static IP ${ip} is already used by ${other.username}`, [
      { path: 'staticIp', message: `Already used by ${other.username}` },
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
      const active = (input.status ?? 'active') === 'active';
      const override = active ? customerGate(call, input.customerId, input.overrideReason) : null;
      const routerId = input.routerId ?? null;
      const username = input.username ?? suggestCredentials(call, input.customerId).username;
      const password = input.password ?? generatePassword(10);
      staticIpCheck(call, input.staticIp, routerId);
      const { lastInsertRowid } = app.sqlite
        .prepare(
          `INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, static_ip, profile_name,
             status, caller_id, expires_at, notes, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.customerId,
          input.internetPackageId,
          routerId,
          username,
          app.secrets.encrypt(password),
          input.staticIp ?? null,
          input.profileName ?? pkg.profileName,
          input.status ?? 'active',
          input.callerId ?? null,
          input.expiresAt ?? null,
          input.notes ?? null,
          now,
          now,
        );
      const id = Number(lastInsertRowid);
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
      app.sqlite
        .prepare(
          `UPDATE pppoe_accounts SET customer_id = ?, internet_package_id = ?, router_id = ?, username = ?, static_ip = ?, profile_name = ?,
             caller_id = ?, expires_at = ?, notes = ?, updated_at = ? ${input.password ? ', password_enc = ?' : ''} WHERE id = ?`,
        )
        .run(
          next.customerId,
          next.internetPackageId,
          routerId,
          next.username,
          next.staticIp,
          next.profileName,
          next.callerId,
          next.expiresAt,
          next.notes,
          app.clock.now().toISOString(),
          ...(input.password ? [app.secrets.encrypt(input.password)] : []),
          input.id,
        );
      if (routerId !== before.routerId) {
        // Moved to another router: remove from the old one, create on the new one (where a secret of the
        // same name is not the app's until proven, see ownsSecret).
        app.sqlite.prepare('UPDATE pppoe_accounts SET router_secret_id = NULL WHERE id = ?').run(input.id);
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
      const d = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
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
    app.sqlite
      .prepare(
        'UPDATE pppoe_accounts SET status = ?, isolated_from_profile = NULL, isolated_at = NULL, updated_at = ? WHERE id = ?',
      )
      .run(status, app.clock.now().toISOString(), id);
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
    const subs = (
      app.sqlite
        .prepare(
          `SELECT count(*) AS n FROM subscriptions s WHERE s.pppoe_account_id = ?
             AND EXISTS (SELECT 1 FROM invoices i WHERE i.subscription_id = s.id)`,
        )
        .get(id) as { n: number }
    ).n;
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
    app.sqlite.prepare('DELETE FROM traffic_samples WHERE account_id = ?').run(id);
    app.sqlite.prepare('DELETE FROM pppoe_accounts WHERE id = ?').run(id);
    writeAudit(call, { action: 'pppoe.delete', entity: 'pppoe', entityId: id, before });
    return { id };
  })();
}

export function revealPassword(call: CallContext, id: number): { password: string } {
  const { app } = call;
  const row = app.sqlite.prepare('SELECT username, password_enc AS enc FROM pppoe_accounts WHERE id = ?').get(id) as
    | { username: string; enc: string }
    | undefined;
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
