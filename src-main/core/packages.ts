import type { z } from 'zod';
import { DEFAULT_DURATION_DAYS, type InternetPackage, type packagesContract } from '../../src-shared/contract/packages';
import { AppError, notFound } from '../../src-shared/result';
import { diff, writeAudit } from './audit';
import type { CallContext } from './context';
import { onPackageSaved } from './network/packages-hook';
import { isUniqueViolation, likePattern, type Paged } from '../data/sql';
import { moveToBrand, placeInBrand } from './brands/membership';
import { canSeeBrand, listBrandScope } from './brands/scope';
import * as packagesRepo from '../data/packages.repository';

type P = typeof packagesContract;
type In<K extends keyof P> = z.output<P[K]['input']>;

/** A router profile name derived from the package name: `Home 10 Mbps` → `Home-10-Mbps`. */
export function profileNameFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug || 'paket';
}

export function getPackage(call: CallContext, id: number): InternetPackage {
  const pkg = packagesRepo.findPackage(call.app.sqlite, id);
  if (!pkg || !canSeeBrand(call, pkg.brandId)) throw notFound('Package');
  return pkg;
}

export function listPackages(call: CallContext, input: In<'packages.list'>): Paged<InternetPackage> {
  const sort = input.sort ?? { field: 'price', dir: 'asc' as const };
  const { rows, total } = packagesRepo.pagePackages(
    call.app.sqlite,
    {
      isActive: input.isActive,
      billingCycle: input.billingCycle,
      pattern: input.search ? likePattern(input.search) : undefined,
      brands: listBrandScope(call, input.brandId),
    },
    sort,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  );
  return { items: rows, total, page: input.page, pageSize: input.pageSize };
}

/** Turns a unique-index failure into a per-field message the form can show. */
function uniqueToConflict(err: unknown): never {
  if (isUniqueViolation(err, 'internet_packages.name')) {
    throw new AppError('CONFLICT', 'A package with this name already exists', [
      { path: 'name', message: 'A package with this name already exists' },
    ]);
  }
  if (isUniqueViolation(err, 'internet_packages.profile_name')) {
    throw new AppError('CONFLICT', 'Another package already uses this router profile', [
      { path: 'profileName', message: 'Another package already uses this router profile' },
    ]);
  }
  throw err;
}

function freeProfileName(call: CallContext, base: string): string {
  let name = base;
  for (let i = 2; packagesRepo.profileNameTaken(call.app.sqlite, name); i++) name = `${base.slice(0, 60)}-${i}`;
  return name;
}

export function createPackage(call: CallContext, input: In<'packages.create'>): InternetPackage {
  const { app } = call;
  const now = app.clock.now().toISOString();
  try {
    return app.sqlite.transaction(() => {
      const profileName = input.profileName ?? freeProfileName(call, profileNameFor(input.name));
      const id = packagesRepo.insertPackage(
        app.sqlite,
        {
          name: input.name,
          description: input.description ?? null,
          bandwidthUp: input.bandwidthUp,
          bandwidthDown: input.bandwidthDown,
          price: input.price,
          billingCycle: input.billingCycle,
          durationDays: input.durationDays ?? DEFAULT_DURATION_DAYS[input.billingCycle],
          isActive: input.isActive !== false,
          ipPool: input.ipPool ?? null,
          profileName,
          features: input.features ?? [],
        },
        now,
      );
      placeInBrand(call, 'internet_packages', id, input.brandId);
      const created = getPackage(call, id);
      onPackageSaved(app, null, created);
      writeAudit(call, { action: 'package.create', entity: 'package', entityId: created.id, after: created });
      return created;
    })();
  } catch (err) {
    uniqueToConflict(err);
  }
}

export function updatePackage(call: CallContext, input: In<'packages.update'>): InternetPackage {
  const { app } = call;
  try {
    return app.sqlite.transaction(() => {
      const before = getPackage(call, input.id);
      const cycle = input.billingCycle ?? before.billingCycle;
      const next = {
        name: input.name ?? before.name,
        description: input.description === undefined ? before.description : input.description,
        bandwidthUp: input.bandwidthUp ?? before.bandwidthUp,
        bandwidthDown: input.bandwidthDown ?? before.bandwidthDown,
        price: input.price ?? before.price,
        billingCycle: cycle,
        // Changing the cycle without naming a duration resets the duration to the new cycle's default.
        durationDays:
          input.durationDays ??
          (input.billingCycle && input.billingCycle !== before.billingCycle
            ? DEFAULT_DURATION_DAYS[cycle]
            : before.durationDays),
        isActive: input.isActive ?? before.isActive,
        ipPool: input.ipPool === undefined ? before.ipPool : input.ipPool,
        profileName: input.profileName ?? before.profileName,
        features: input.features ?? before.features,
      };
      packagesRepo.updatePackage(app.sqlite, input.id, next, app.clock.now().toISOString());
      moveToBrand(call, 'internet_packages', input.id, before.brandId, input.brandId);
      const after = getPackage(call, input.id);
      onPackageSaved(app, before, after);
      const d = diff(before, after);
      delete d.before.updatedAt;
      delete d.after.updatedAt;
      if (Object.keys(d.after).length)
        writeAudit(call, { action: 'package.update', entity: 'package', entityId: input.id, ...d });
      return after;
    })();
  } catch (err) {
    uniqueToConflict(err);
  }
}

export function deletePackage(call: CallContext, id: number): { id: number } {
  const { sqlite } = call.app;
  return sqlite.transaction(() => {
    const before = getPackage(call, id);
    if (before.accounts > 0 || before.subscriptions > 0) {
      throw new AppError(
        'CONFLICT',
        `${before.name} is used by ${before.accounts} PPPoE account(s) and ${before.subscriptions} subscription(s): deactivate it instead of deleting`,
      );
    }
    packagesRepo.deletePackage(sqlite, id);
    writeAudit(call, { action: 'package.delete', entity: 'package', entityId: id, before });
    return { id };
  })();
}
