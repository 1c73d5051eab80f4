import type { z } from 'zod';
import { DEFAULT_DURATION_DAYS, type InternetPackage, type packagesContract } from '../../src-shared/contract/packages';
import { AppError, notFound } from '../../src-shared/result';
import { diff, writeAudit } from './audit';
import type { CallContext } from './context';
import { onPackageSaved } from './network/packages-hook';
import { isUniqueViolation, likePattern, type Paged } from './sql';

type P = typeof packagesContract;
type In<K extends keyof P> = z.output<P[K]['input']>;

const SELECT = `
  SELECT p.id, p.name, p.description, p.bandwidth_up AS bandwidthUp, p.bandwidth_down AS bandwidthDown, p.price,
         p.billing_cycle AS billingCycle, p.duration_days AS durationDays, p.is_active AS isActive, p.ip_pool AS ipPool,
         p.profile_name AS profileName, p.features,
         (SELECT count(*) FROM pppoe_accounts a WHERE a.internet_package_id = p.id) AS accounts,
         (SELECT count(*) FROM subscriptions s WHERE s.internet_package_id = p.id) AS subscriptions,
         p.created_at AS createdAt, p.updated_at AS updatedAt
  FROM internet_packages p`;

const SORT_COLUMNS: Record<string, string> = {
  name: 'p.name COLLATE NOCASE',
  price: 'p.price',
  bandwidthDown: 'p.bandwidth_down',
  billingCycle: "CASE p.billing_cycle WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 2 ELSE 3 END",
  createdAt: 'p.id',
};

type Row = Omit<InternetPackage, 'isActive' | 'features'> & { isActive: number; features: string };
const toPackage = (r: Row): InternetPackage => ({
  ...r,
  isActive: r.isActive === 1,
  features: JSON.parse(r.features) as string[],
});

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
  const row = call.app.sqlite.prepare(`${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('Package');
  return toPackage(row);
}

export function listPackages(call: CallContext, input: In<'packages.list'>): Paged<InternetPackage> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.isActive !== undefined) {
    where.push('p.is_active = ?');
    params.push(input.isActive ? 1 : 0);
  }
  if (input.billingCycle) {
    where.push('p.billing_cycle = ?');
    params.push(input.billingCycle);
  }
  if (input.search) {
    where.push(
      "(p.name LIKE ? ESCAPE '\\' OR p.profile_name LIKE ? ESCAPE '\\' OR coalesce(p.description, '') LIKE ? ESCAPE '\\')",
    );
    const pat = likePattern(input.search);
    params.push(pat, pat, pat);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sort = input.sort ?? { field: 'price', dir: 'asc' as const };
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  const db = call.app.sqlite;
  const total = (db.prepare(`SELECT count(*) AS n FROM internet_packages p ${w}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`${SELECT} ${w} ORDER BY ${SORT_COLUMNS[sort.field]} ${dir}, p.id ${dir} LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as Row[];
  return { items: rows.map(toPackage), total, page: input.page, pageSize: input.pageSize };
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
  const taken = call.app.sqlite.prepare('SELECT 1 FROM internet_packages WHERE profile_name = ? COLLATE NOCASE');
  let name = base;
  for (let i = 2; taken.get(name); i++) name = `${base.slice(0, 60)}-${i}`;
  return name;
}

export function createPackage(call: CallContext, input: In<'packages.create'>): InternetPackage {
  const { app } = call;
  const now = app.clock.now().toISOString();
  try {
    return app.sqlite.transaction(() => {
      const profileName = input.profileName ?? freeProfileName(call, profileNameFor(input.name));
      const { lastInsertRowid } = app.sqlite
        .prepare(
          `INSERT INTO internet_packages(name, description, bandwidth_up, bandwidth_down, price, billing_cycle,
             duration_days, is_active, ip_pool, profile_name, features, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.name,
          input.description ?? null,
          input.bandwidthUp,
          input.bandwidthDown,
          input.price,
          input.billingCycle,
          input.durationDays ?? DEFAULT_DURATION_DAYS[input.billingCycle],
          input.isActive === false ? 0 : 1,
          input.ipPool ?? null,
          profileName,
          JSON.stringify(input.features ?? []),
          now,
          now,
        );
      const created = getPackage(call, Number(lastInsertRowid));
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
      app.sqlite
        .prepare(
          `UPDATE internet_packages SET name = ?, description = ?, bandwidth_up = ?, bandwidth_down = ?, price = ?,
             billing_cycle = ?, duration_days = ?, is_active = ?, ip_pool = ?, profile_name = ?, features = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(
          next.name,
          next.description,
          next.bandwidthUp,
          next.bandwidthDown,
          next.price,
          next.billingCycle,
          next.durationDays,
          next.isActive ? 1 : 0,
          next.ipPool,
          next.profileName,
          JSON.stringify(next.features),
          app.clock.now().toISOString(),
          input.id,
        );
      const after = getPackage(call, input.id);
      onPackageSaved(app, before, after);
      const d = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
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
    sqlite.prepare('DELETE FROM internet_packages WHERE id = ?').run(id);
    writeAudit(call, { action: 'package.delete', entity: 'package', entityId: id, before });
    return { id };
  })();
}
