import type { z } from 'zod';
import type { ImportPreview, routersContract } from '../../../src-shared/contract/routers';
import { ensureAccountSubscription } from '../billing/accountBilling';
import { AppError } from '../../../src-shared/result';
import type { RouterRow } from '../../routeros/client';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { createCustomer } from '../customers';
import { createPackage } from '../packages';
import { isUniqueViolation } from '../../data/sql';
import { accountRow } from '../../data/network/account-state.repository';
import { insertAccount, usernameTaken } from '../../data/network/accounts.repository';
import { customerByCode } from '../../data/network/customer-refs.queries';
import { isolirProfileOf } from '../../data/network/routers.repository';
import { dropPendingPackageOps } from '../../data/network/sync-ops.repository';
import { packageIdByProfile, packageProfiles } from '../../data/packages.repository';
import { codeFromComment, proposeCustomer, sharedComments } from './import-names';
import { enqueueSecretUpsert } from './queue';
import { parseRateLimit } from './rate-limit';
import { routerClient } from './router-access';
import { customerBrand, packageBrand, routerBrand } from '../../data/brands.repository';
import { DEFAULT_BRAND_ID } from '../../../src-shared/contract/brands';
import { routerFailure } from './router-errors';

type In = z.output<(typeof routersContract)['routers.import']['input']>;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const POOL = /^[A-Za-z0-9_.-]{1,64}$/;

export interface RouterSnapshot {
  profiles: RouterRow[];
  secrets: RouterRow[];
}

/** Profiles and secrets as the router has them now (a user is waiting: a fresh attempt, never a cached failure). */
export async function readRouter(call: CallContext, routerId: number): Promise<RouterSnapshot> {
  try {
    const client = await routerClient(call.app, routerId, { fresh: true });
    const [profiles, secrets] = await Promise.all([
      client.run('/ppp/profile/print', { '.proplist': '.id,name,rate-limit,remote-address' }),
      client.run('/ppp/secret/print', {
        '.proplist': '.id,name,password,service,profile,remote-address,disabled,comment,caller-id',
      }),
    ]);
    return { profiles, secrets };
  } catch (err) {
    throw routerFailure(err);
  }
}

const isTrue = (v: string | undefined) => v === 'true' || v === 'yes';

export function buildPreview(
  call: CallContext,
  routerId: number,
  snap: RouterSnapshot,
  anyService: boolean,
): ImportPreview {
  const db = call.app.sqlite;
  // The router was just read, so it exists.
  const isolir = isolirProfileOf(db, routerId)!;
  const pkgByProfile = new Map(packageProfiles(db).map((p) => [p.profile.toLowerCase(), p]));
  const secrets = snap.secrets.filter(
    (s) => s.name && (anyService || !s.service || s.service === 'pppoe' || s.service === 'any'),
  );
  const usage = new Map<string, number>();
  for (const s of secrets)
    usage.set((s.profile ?? 'default').toLowerCase(), (usage.get((s.profile ?? 'default').toLowerCase()) ?? 0) + 1);
  const routerProfiles = new Set(snap.profiles.map((p) => (p.name ?? '').toLowerCase()));
  const shared = sharedComments(secrets);
  const profiles = snap.profiles
    .filter((p) => p.name && p.name.toLowerCase() !== isolir.toLowerCase())
    .filter((p) => (usage.get(p.name!.toLowerCase()) ?? 0) > 0 || !!p['rate-limit'])
    .map((p) => {
      const parsed = parseRateLimit(p['rate-limit']);
      const existing = pkgByProfile.get(p.name!.toLowerCase());
      const ra = p['remote-address'] || null;
      return {
        name: p.name!,
        rateLimit: p['rate-limit'] || null,
        upKbps: parsed?.upKbps ?? null,
        downKbps: parsed?.downKbps ?? null,
        burst: parsed?.extra ?? null,
        remoteAddress: ra,
        secrets: usage.get(p.name!.toLowerCase()) ?? 0,
        existingPackageId: existing?.id ?? null,
        existingPackageName: existing?.name ?? null,
        proposal: existing ? ('exists' as const) : parsed ? ('create' as const) : ('unparsable' as const),
      };
    });
  return {
    routerId,
    profiles,
    secrets: secrets.map((s) => {
      const code = codeFromComment(s.comment);
      const customer = code ? customerByCode(db, code) : undefined;
      const profile = s.profile || 'default';
      const conflict = usernameTaken(db, s.name!)
        ? ('username' as const)
        : !routerProfiles.has(profile.toLowerCase()) && !pkgByProfile.has(profile.toLowerCase())
          ? ('unknown_profile' as const)
          : s['remote-address'] && !IPV4.test(s['remote-address'])
            ? ('bad_ip' as const)
            : null;
      const proposed = proposeCustomer(s, shared);
      return {
        name: s.name!,
        profile,
        remoteAddress: s['remote-address'] || null,
        disabled: isTrue(s.disabled),
        comment: s.comment || null,
        service: s.service || 'any',
        customerCode: code,
        existingCustomerId: customer?.id ?? null,
        existingCustomerName: customer?.name ?? null,
        proposedName: proposed.name,
        proposedPhone: proposed.phone,
        conflict,
      };
    }),
  };
}

/** The new customer's details as the user confirmed them in the wizard. */
export interface CustomerDetails {
  name: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

export interface AdoptOptions {
  routerId: number;
  secret: RouterRow;
  /** Queue a comment fix when the router comment is not the customer code. */
  fixComment: boolean;
  /** A new customer's details; otherwise guessed from the secret's comment (see import-names). */
  customer?: CustomerDetails;
  /** Comments shared by several secrets of the router (they name nobody). */
  shared?: Set<string>;
}

/**
 * Creates customer (unless the comment names an existing one) + account for one router secret, inside
 * the caller's transaction. Returns null with a reason when it cannot.
 */
export function adoptSecret(
  call: CallContext,
  o: AdoptOptions,
): { accountId: number; newCustomer: boolean } | { skipped: string } {
  const db = call.app.sqlite;
  const s = o.secret;
  const name = s.name!;
  if (usernameTaken(db, name)) return { skipped: 'username already in the app' };
  const profile = s.profile || 'default';
  const pkgId = packageIdByProfile(db, profile);
  if (pkgId === undefined) return { skipped: `no package for profile ${profile}` };
  // The router's brand owns what is adopted from it (packages and customers of another brand stay apart).
  const brandId = routerBrand(db, o.routerId) ?? DEFAULT_BRAND_ID;
  if (packageBrand(db, pkgId) !== brandId) return { skipped: `package for profile ${profile} is another brand's` };
  const ip = s['remote-address'] && IPV4.test(s['remote-address']) ? s['remote-address'] : null;
  if (s['remote-address'] && !ip) return { skipped: `remote-address ${s['remote-address']} is not an IPv4 address` };
  const code = codeFromComment(s.comment);
  let customer: { id: number; code: string } | undefined = code ? customerByCode(db, code) : undefined;
  let newCustomer = false;
  if (customer && customerBrand(db, customer.id) !== brandId)
    return { skipped: `customer ${customer.code} is another brand's` };
  if (!customer) {
    const guess = proposeCustomer(s, o.shared ?? new Set());
    const details = o.customer ?? { name: guess.name, phone: guess.phone };
    const created = createCustomer(
      call,
      {
        name: details.name,
        phone: details.phone ?? null,
        email: details.email ?? null,
        address: details.address ?? null,
        status: 'active',
        notes: `Imported from router secret ${name}`,
        brandId,
      },
      code ? { code } : {},
    );
    customer = { id: created.id, code: created.customerCode };
    newCustomer = true;
  }
  const accountId = insertAccount(
    db,
    {
      customerId: customer.id,
      internetPackageId: pkgId,
      routerId: o.routerId,
      username: name,
      passwordEnc: call.app.secrets.encrypt(s.password ?? ''),
      staticIp: ip,
      profileName: profile,
      status: isTrue(s.disabled) ? 'inactive' : 'active',
      callerId: /^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/.test(s['caller-id'] ?? '') ? s['caller-id']! : null,
      expiresAt: null,
      routerSecretId: s['.id'] ?? null,
      notes: 'Imported from router',
    },
    call.app.clock.now().toISOString(),
  );
  // A customer on the router is a paying customer: an active account is billed like one created in the app.
  if (!isTrue(s.disabled)) ensureAccountSubscription(call, accountId);
  if (o.fixComment && (s.comment ?? '') !== customer.code) enqueueSecretUpsert(call.app, accountRow(db, accountId)!);
  return { accountId, newCustomer };
}

export async function importFromRouter(call: CallContext, input: In) {
  const snap = await readRouter(call, input.routerId);
  const preview = buildPreview(call, input.routerId, snap, input.anyService ?? false);
  if (!input.apply) return { preview, applied: null };
  const { app } = call;
  const accept = input.apply;
  const byName = new Map(snap.secrets.map((s) => [(s.name ?? '').toLowerCase(), s]));
  const previewProfiles = new Map(preview.profiles.map((p) => [p.name.toLowerCase(), p]));
  const applied = app.sqlite.transaction(() => {
    let packages = 0;
    let customers = 0;
    let accounts = 0;
    const skipped: { name: string; reason: string }[] = [];
    for (const p of accept.profiles) {
      const prof = previewProfiles.get(p.name.toLowerCase());
      if (!prof)
        throw new AppError('BAD_INPUT', `Profile ${p.name} is not on the router`, [
          { path: 'apply.profiles', message: `Profile ${p.name} is not on the router` },
        ]);
      if (prof.existingPackageId) continue;
      const up = p.upKbps ?? prof.upKbps;
      const down = p.downKbps ?? prof.downKbps;
      if (!up || !down)
        throw new AppError('BAD_INPUT', `Give the speed of profile ${p.name}: its rate-limit could not be read`, [
          { path: 'apply.profiles', message: `Speed needed for ${p.name}` },
        ]);
      let pkg;
      try {
        pkg = createPackage(call, {
          name: p.packageName,
          bandwidthUp: up,
          bandwidthDown: down,
          price: p.price,
          billingCycle: p.billingCycle ?? 'monthly',
          ipPool:
            prof.remoteAddress && POOL.test(prof.remoteAddress) && !IPV4.test(prof.remoteAddress)
              ? prof.remoteAddress
              : null,
          profileName: prof.name,
          brandId: routerBrand(app.sqlite, input.routerId),
        });
      } catch (err) {
        if (err instanceof AppError && err.code === 'CONFLICT')
          throw new AppError('CONFLICT', `Package "${p.packageName}": ${err.message}`, err.issues);
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', `Package "${p.packageName}" already exists`);
        throw err;
      }
      // The profile came from this router with its burst settings: do not push our simpler version back.
      dropPendingPackageOps(app.sqlite, input.routerId, pkg.id, 'imported from this router', null);
      packages++;
    }
    const shared = sharedComments(snap.secrets);
    const details = new Map((accept.customers ?? []).map(({ secret, ...c }) => [secret.toLowerCase(), c]));
    for (const name of accept.secrets) {
      const s = byName.get(name.toLowerCase());
      if (!s) {
        skipped.push({ name, reason: 'not on the router' });
        continue;
      }
      const customer = details.get(name.toLowerCase());
      const r = adoptSecret(call, { routerId: input.routerId, secret: s, fixComment: true, customer, shared });
      if ('skipped' in r) skipped.push({ name, reason: r.skipped });
      else {
        accounts++;
        if (r.newCustomer) customers++;
      }
    }
    writeAudit(call, {
      action: 'router.import',
      entity: 'router',
      entityId: input.routerId,
      after: { packages, customers, accounts, skipped: skipped.length, secrets: accept.secrets.length },
    });
    return { packages, customers, accounts, skipped };
  })();
  return { preview: buildPreview(call, input.routerId, snap, input.anyService ?? false), applied };
}
