/**
 * What differs between the app and one router: the package profiles (and the isolir profile), then the
 * PPP secrets of the router's accounts. Pure reading: nothing is written here.
 */
import type { DriftItem, DriftKind } from '../../../src-shared/contract/routers';
import type { RouterRow } from '../../routeros/client';
import { routerAccountRows, type AccountRow } from '../../data/network/account-state.repository';
import { isolirProfileOf } from '../../data/network/routers.repository';
import { appliedAccountIds } from '../../data/network/sync-ops.repository';
import { routerProfiles } from '../../data/packages.repository';
import type { AppContext } from '../context';
import { secretState } from './desired';
import type { RouterSnapshot } from './import';
import { parseRateLimit, rateLimitFor } from './rate-limit';

const isTrue = (v: string | undefined) => v === 'true' || v === 'yes';
const lc = (s: string) => s.toLowerCase();
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const driftKey = (kind: DriftKind, name: string) => `${kind}:${lc(name)}`;

/** A profile the app wants on the router: a package's, or the router's isolir profile. */
export interface WantedProfile {
  name: string;
  /** null for the isolir profile (created only when missing, never changed: the ISP's own). */
  packageId: number | null;
  up: number;
  down: number;
  ipPool: string | null;
}

export interface Compared {
  items: DriftItem[];
  accounts: Map<string, AccountRow>;
  secrets: Map<string, RouterRow>;
  profiles: Map<string, RouterRow>;
  wanted: Map<string, WantedProfile>;
}

/**
 * Whether a router secret of an account's name is the app's own: it carries the id the app recorded, or
 * the customer code the app writes as its comment, or the app has written it before. Anything else is
 * someone else's secret, which the app never overwrites on its own.
 */
export function ownsSecret(
  a: { routerSecretId: string | null; customerCode: string; appliedBefore: boolean },
  s: { id?: string; comment?: string },
) {
  return (
    (a.routerSecretId !== null && a.routerSecretId === s.id) || (s.comment ?? '') === a.customerCode || a.appliedBefore
  );
}

/** The packages' profiles this router should have (active packages and any its accounts use) and its isolir profile. */
export function wantedProfiles(app: AppContext, routerId: number): Map<string, WantedProfile> {
  const out = new Map<string, WantedProfile>();
  for (const p of routerProfiles(app.sqlite, routerId))
    out.set(lc(p.profileName), { name: p.profileName, packageId: p.id, up: p.up, down: p.down, ipPool: p.ipPool });
  const isolir = isolirProfileOf(app.sqlite, routerId);
  if (isolir !== undefined && !out.has(lc(isolir)))
    out.set(lc(isolir), { name: isolir, packageId: null, up: 256, down: 256, ipPool: null });
  return out;
}

export function compare(app: AppContext, routerId: number, snap: RouterSnapshot): Compared {
  const items: DriftItem[] = [];
  const push = (item: Omit<DriftItem, 'key'>) => items.push({ key: driftKey(item.kind, item.username), ...item });

  const profiles = new Map(snap.profiles.filter((p) => p.name).map((p) => [lc(p.name!), p]));
  const wanted = wantedProfiles(app, routerId);
  for (const w of wanted.values()) {
    const p = profiles.get(lc(w.name));
    const want = rateLimitFor(w.up, w.down);
    const base = { subject: 'profile' as const, username: w.name, accountId: null, packageId: w.packageId };
    if (!p) {
      push({ ...base, kind: 'profileMissing', app: w.packageId === null ? 'isolir' : want, router: null });
      continue;
    }
    if (w.packageId === null) continue; // the ISP's own isolir profile: only its presence matters
    const have = parseRateLimit(p['rate-limit']);
    // Only the first pair is the package's speed; burst settings on the router are kept.
    if (!have || have.upKbps !== w.up || have.downKbps !== w.down)
      push({ ...base, kind: 'rateLimit', app: want, router: p['rate-limit'] || null });
    // A fixed IP as the profile's remote-address is not a pool: nothing the app would set.
    const pool = p['remote-address'] && !IPV4.test(p['remote-address']) ? p['remote-address'] : null;
    if (lc(pool ?? '') !== lc(w.ipPool ?? '')) push({ ...base, kind: 'pool', app: w.ipPool, router: pool });
  }

  const accounts = routerAccountRows(app.sqlite, routerId);
  const byName = new Map(accounts.map((a) => [lc(a.username), a]));
  const secrets = new Map(
    snap.secrets
      .filter((s) => s.name && (!s.service || s.service === 'pppoe' || s.service === 'any'))
      .map((s) => [lc(s.name!), s]),
  );
  const applied = appliedAccountIds(app.sqlite, routerId);
  for (const a of accounts) {
    const s = secrets.get(lc(a.username));
    const want = secretState(a);
    const base = { subject: 'secret' as const, username: a.username, accountId: a.id, packageId: a.internetPackageId };
    const field = (kind: DriftKind, appV: string | null, routerV: string | null) =>
      push({ ...base, kind, app: appV, router: routerV });
    // Someone else's secret: its fields are not ours to compare until the owner decides.
    const mine = { routerSecretId: a.routerSecretId, customerCode: a.customerCode, appliedBefore: applied.has(a.id) };
    if (s && !ownsSecret(mine, { id: s['.id'], comment: s.comment })) {
      field('unowned', want.profile, s.profile ?? 'default');
      continue;
    }
    // The secret cannot exist on the router with a profile the router does not have.
    if (!profiles.has(lc(want.profile))) {
      field('noProfile', want.profile, s ? (s.profile ?? 'default') : null);
      continue;
    }
    if (!s) {
      field('missing', want.profile, null);
      continue;
    }
    if ((s.profile ?? 'default') !== want.profile) field('profile', want.profile, s.profile ?? 'default');
    if (isTrue(s.disabled) !== want.disabled)
      field('disabled', want.disabled ? 'disabled' : 'enabled', isTrue(s.disabled) ? 'disabled' : 'enabled');
    if (s.password !== undefined && s.password !== app.secrets.decrypt(a.passwordEnc))
      field('password', '••••••', '••••••');
    if ((s['remote-address'] || null) !== want.remoteAddress)
      field('staticIp', want.remoteAddress, s['remote-address'] || null);
    if ((s.comment || '') !== want.comment) field('comment', want.comment, s.comment || null);
  }
  for (const [name, s] of secrets)
    if (!byName.has(name))
      push({
        subject: 'secret',
        username: s.name!,
        accountId: null,
        packageId: null,
        kind: 'extra',
        app: null,
        router: s.profile ?? 'default',
      });
  return { items, accounts: byName, secrets, profiles, wanted };
}
