import type { z } from 'zod';
import type { DriftItem, DriftKind, routersContract } from '../../../src-shared/contract/routers';
import { AppError, notFound } from '../../../src-shared/result';
import type { RouterRow } from '../../routeros/client';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { ACCOUNT_ROW_SQL, secretState, type AccountRow } from './desired';
import { adoptSecret, readRouter } from './import';
import { enqueueOp, syncAccount } from './queue';

type RepairIn = z.output<(typeof routersContract)['routers.repair']['input']>;

const isTrue = (v: string | undefined) => v === 'true' || v === 'yes';
const key = (kind: DriftKind, username: string) => `${kind}:${username.toLowerCase()}`;

interface Compared {
  items: DriftItem[];
  accounts: Map<string, AccountRow>;
  secrets: Map<string, RouterRow>;
}

/** Pure comparison of the app's accounts for a router with the router's secrets (pppoe/any service). */
export function compare(call: CallContext, routerId: number, secretRows: RouterRow[]): Compared {
  const { app } = call;
  const accounts = app.sqlite
    .prepare(`${ACCOUNT_ROW_SQL} WHERE a.router_id = ? ORDER BY a.username`)
    .all(routerId) as AccountRow[];
  const byName = new Map(accounts.map((a) => [a.username.toLowerCase(), a]));
  const secrets = new Map(
    secretRows
      .filter((s) => s.name && (!s.service || s.service === 'pppoe' || s.service === 'any'))
      .map((s) => [s.name!.toLowerCase(), s]),
  );
  const items: DriftItem[] = [];
  const push = (
    kind: DriftKind,
    username: string,
    accountId: number | null,
    appV: string | null,
    routerV: string | null,
  ) => items.push({ key: key(kind, username), username, accountId, kind, app: appV, router: routerV });
  for (const a of accounts) {
    const s = secrets.get(a.username.toLowerCase());
    const want = secretState(a);
    if (!s) {
      push('missing', a.username, a.id, want.profile, null);
      continue;
    }
    if ((s.profile ?? 'default') !== want.profile)
      push('profile', a.username, a.id, want.profile, s.profile ?? 'default');
    if (isTrue(s.disabled) !== want.disabled)
      push(
        'disabled',
        a.username,
        a.id,
        want.disabled ? 'disabled' : 'enabled',
        isTrue(s.disabled) ? 'disabled' : 'enabled',
      );
    if (s.password !== undefined && s.password !== app.secrets.decrypt(a.passwordEnc))
      push('password', a.username, a.id, '••••••', '••••••');
    if ((s['remote-address'] || null) !== want.remoteAddress)
      push('staticIp', a.username, a.id, want.remoteAddress, s['remote-address'] || null);
    if ((s.comment || '') !== want.comment) push('comment', a.username, a.id, want.comment, s.comment || null);
  }
  for (const [name, s] of secrets) if (!byName.has(name)) push('extra', s.name!, null, null, s.profile ?? 'default');
  return { items, accounts: byName, secrets };
}

export async function driftCheck(call: CallContext, routerId: number) {
  if (!call.app.sqlite.prepare('SELECT 1 FROM routers WHERE id = ?').get(routerId)) throw notFound('Router');
  const snap = await readRouter(call, routerId);
  const c = compare(call, routerId, snap.secrets);
  return {
    routerId,
    checkedAt: call.app.clock.now().toISOString(),
    accountsInApp: c.accounts.size,
    secretsOnRouter: c.secrets.size,
    items: c.items,
  };
}

const describe = (i: DriftItem, dir: 'push' | 'adopt'): string => {
  if (dir === 'push') {
    switch (i.kind) {
      case 'missing':
        return `create secret ${i.username} on the router`;
      case 'extra':
        return `remove secret ${i.username} from the router`;
      default:
        return `set ${i.kind} of ${i.username} on the router to ${i.app ?? '(none)'}`;
    }
  }
  switch (i.kind) {
    case 'missing':
      return `unlink account ${i.username} from this router (kept in the app)`;
    case 'extra':
      return `import secret ${i.username} as a new account`;
    case 'comment':
      return `nothing to adopt: the comment follows the customer code`;
    case 'password':
      return `take the router's password for ${i.username}`;
    default:
      return `set ${i.kind} of ${i.username} in the app to ${i.router ?? '(none)'}`;
  }
};

/**
 * Fixes chosen differences. Push queues router operations (one upsert per account, whatever the number
 * of differences); adopt changes the app. A dry run returns the same list without writing anything.
 */
export async function repairDrift(call: CallContext, input: RepairIn) {
  const { app } = call;
  if (!app.sqlite.prepare('SELECT 1 FROM routers WHERE id = ?').get(input.routerId)) throw notFound('Router');
  const snap = await readRouter(call, input.routerId);
  const c = compare(call, input.routerId, snap.secrets);
  const byKey = new Map(c.items.map((i) => [i.key, i]));
  const chosen: { item: DriftItem; direction: 'push' | 'adopt' }[] = [];
  if (input.all) for (const item of c.items) chosen.push({ item, direction: input.all });
  for (const sel of input.items ?? []) {
    const item = byKey.get(sel.key);
    if (!item)
      throw new AppError('CONFLICT', `The difference ${sel.key} is no longer there: check again`, [
        { path: 'items', message: `${sel.key} not found` },
      ]);
    chosen.push({ item, direction: sel.direction });
  }
  const changes = chosen.map(({ item, direction }) => ({
    key: item.key,
    username: item.username,
    kind: item.kind,
    direction,
    description: describe(item, direction),
  }));
  if (input.dryRun) return { dryRun: true, changes, queued: 0 };
  let queued = 0;
  app.sqlite.transaction(() => {
    const pushAccounts = new Set<number>();
    for (const { item, direction } of chosen) {
      const a = c.accounts.get(item.username.toLowerCase());
      const s = c.secrets.get(item.username.toLowerCase());
      if (direction === 'push') {
        if (item.kind === 'extra') {
          enqueueOp(app, input.routerId, 'secret.remove', 'pppoe', null, { name: item.username });
          queued++;
        } else if (a) pushAccounts.add(a.id);
        continue;
      }
      // adopt router → app
      const now = app.clock.now().toISOString();
      switch (item.kind) {
        case 'missing':
          app.sqlite
            .prepare('UPDATE pppoe_accounts SET router_id = NULL, router_secret_id = NULL, updated_at = ? WHERE id = ?')
            .run(now, a!.id);
          // Whatever was still queued would put the secret back on the router.
          app.sqlite
            .prepare(
              "UPDATE sync_ops SET status = 'dropped', last_error = 'account unlinked from this router', updated_at = ? WHERE router_id = ? AND entity = 'pppoe' AND entity_id = ? AND status IN ('pending', 'failed')",
            )
            .run(now, input.routerId, a!.id);
          break;
        case 'extra':
          if (s) {
            const r = adoptSecret(call, { routerId: input.routerId, secret: s, fixComment: true });
            if ('skipped' in r) throw new AppError('CONFLICT', `Cannot import ${item.username}: ${r.skipped}`);
          }
          break;
        case 'profile': {
          const routerProfile = s!.profile ?? 'default';
          if (a!.isolirProfile && routerProfile.toLowerCase() === a!.isolirProfile.toLowerCase()) {
            app.sqlite
              .prepare(
                "UPDATE pppoe_accounts SET status = 'suspended', isolated_from_profile = profile_name, isolated_at = coalesce(isolated_at, ?), updated_at = ? WHERE id = ?",
              )
              .run(now, now, a!.id);
          } else {
            const pkg = app.sqlite
              .prepare('SELECT id FROM internet_packages WHERE profile_name = ? COLLATE NOCASE')
              .get(routerProfile) as { id: number } | undefined;
            app.sqlite
              .prepare(
                `UPDATE pppoe_accounts SET profile_name = ?, internet_package_id = coalesce(?, internet_package_id),
                   status = CASE WHEN status = 'suspended' AND isolated_from_profile IS NOT NULL THEN 'active' ELSE status END,
                   isolated_from_profile = NULL, updated_at = ? WHERE id = ?`,
              )
              .run(routerProfile, pkg?.id ?? null, now, a!.id);
          }
          break;
        }
        case 'disabled': {
          const disabled = isTrue(s!.disabled);
          app.sqlite
            .prepare(
              'UPDATE pppoe_accounts SET status = ?, isolated_from_profile = NULL, isolated_at = NULL, updated_at = ? WHERE id = ?',
            )
            .run(disabled ? 'inactive' : 'active', now, a!.id);
          break;
        }
        case 'password':
          app.sqlite
            .prepare('UPDATE pppoe_accounts SET password_enc = ?, updated_at = ? WHERE id = ?')
            .run(app.secrets.encrypt(s!.password ?? ''), now, a!.id);
          break;
        case 'staticIp':
          app.sqlite
            .prepare('UPDATE pppoe_accounts SET static_ip = ?, updated_at = ? WHERE id = ?')
            .run(s!['remote-address'] || null, now, a!.id);
          break;
        case 'comment':
          break;
      }
    }
    for (const id of pushAccounts) {
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
